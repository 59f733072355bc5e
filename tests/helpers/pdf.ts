import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of each page of a PDF, whitespace collapsed, as a reader's copy-paste would give it. */
export async function pdfPages(file: string): Promise<string[]> {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? `${item.str}${item.hasEOL ? " " : ""}` : "")).join("");
      pages.push(text.replace(/\s+/g, " ").trim());
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

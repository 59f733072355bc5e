/** What the printer needs to know of a PDF it made: its pages, and on which page each named destination (an element id) landed. */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function readPdf(pdf: Uint8Array, ids: readonly string[] = []): Promise<{ pageCount: number; pages: Map<string, number> }> {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages = new Map<string, number>();
    for (const id of ids) {
      const dest = await doc.getDestination(id);
      const ref = dest?.[0];
      if (ref && typeof ref === "object") pages.set(id, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    return { pageCount: doc.numPages, pages };
  } finally {
    await doc.destroy();
  }
}

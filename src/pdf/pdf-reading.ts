/** What the printer needs to know of a PDF it made: its pages, and where each named destination (an element id) landed. */

let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;

/**
 * pdf.js, loaded on first use: it is large (a second or two to load), and
 * builds without PDFs never need it. A build starts loading it early, while
 * Eleventy renders, so that printing does not wait for it.
 */
export function loadPdfJs(): Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> {
  pdfjs ??= (async () => {
    // In Node, pdf.js runs its worker in-process, importing it on the first document unless it is already there.
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjs;
}

export interface Place {
  /** 1-based. */
  readonly page: number;
  /** Height on the page, in PDF units from the bottom. */
  readonly top: number;
}

export async function readPdf(pdf: Uint8Array, ids: readonly string[] = []): Promise<{ pageCount: number; places: Map<string, Place> }> {
  const { getDocument } = await loadPdfJs();
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const places = new Map<string, Place>();
    const wanted = new Set(ids);
    const pages = new Map<string, number>();
    // All named destinations at once: looking them up one by one walks the name tree each time.
    for (const [id, dest] of Object.entries(ids.length > 0 ? await doc.getDestinations() : {})) {
      const ref = (dest as unknown[] | null)?.[0] as { num: number; gen: number } | undefined;
      if (!wanted.has(id) || !ref || typeof ref !== "object") continue;
      const key = `${ref.num} ${ref.gen}`;
      if (!pages.has(key)) pages.set(key, (await doc.getPageIndex(ref)) + 1);
      const top = (dest as unknown[])[3];
      places.set(id, { page: pages.get(key)!, top: typeof top === "number" ? top : 842 });
    }
    return { pageCount: doc.numPages, places };
  } finally {
    await doc.destroy();
  }
}

/** The lines of text of each page, top to bottom, each line's items joined left to right: what a reader of the PDF reads. */
export async function readPdfText(pdf: Uint8Array): Promise<string[][]> {
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      // Items on one baseline (within 2 units) are one line.
      const rows = new Map<number, { x: number; str: string }[]>();
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const y = Math.round(item.transform[5] as number);
        const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
        rows.set(key, [...(rows.get(key) ?? []), { x: item.transform[4] as number, str: item.str }]);
      }
      pages.push([...rows.entries()].sort(([a], [b]) => b - a).map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.str).join(" ").replace(/\s+/g, " ").trim()));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** What the printer needs to know of a PDF it made: its pages, and where each named destination (an element id) landed. */

export interface Place {
  /** 1-based. */
  readonly page: number;
  /** Height on the page, in PDF units from the bottom. */
  readonly top: number;
}

export async function readPdf(pdf: Uint8Array, ids: readonly string[] = []): Promise<{ pageCount: number; places: Map<string, Place> }> {
  // Loaded on first use: pdf.js is large, and builds without PDFs never need it.
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const places = new Map<string, Place>();
    for (const id of ids) {
      const dest = await doc.getDestination(id);
      const ref = dest?.[0];
      if (ref && typeof ref === "object") {
        const page = (await doc.getPageIndex(ref as { num: number; gen: number })) + 1;
        places.set(id, { page, top: typeof dest[3] === "number" ? dest[3] : 842 });
      }
    }
    return { pageCount: doc.numPages, places };
  } finally {
    await doc.destroy();
  }
}

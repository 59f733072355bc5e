/** What the printer needs to know of a PDF it made: its pages, and where each named destination (an element id) landed. */
import { SOFT_HYPHEN } from "../format/hyphens.ts";

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

/** A run of text that pdf.js read, on its line. */
export interface Piece {
  readonly x: number;
  readonly end: number;
  readonly size: number;
  readonly str: string;
  /** Drawn right after a soft hyphen: Chromium draws each as an invisible glyph in a span of its own (src/pdf/soft-hyphens.ts), which pdf.js reads as an empty span. */
  readonly afterSoftHyphen: boolean;
}

/** A run that starts within this share of the font size of the previous one's end touches it (a narrow no-break space is twice as far). */
const TOUCHING = 0.05;

/**
 * A line's runs as text, joined by a space (as the release check has always read them: a release's
 * fingerprint stays that of its text), but for a word that a soft hyphen splits into runs, whose parts
 * touch: they are joined as they are. The hyphen that Chromium draws where it broke a line at a soft
 * hyphen (a run of its own after the soft hyphen's empty span) is read as the soft hyphen it stands for,
 * at the line's end: the word goes on in the next line (runningText reads it so). A hyphen of the word
 * (`well-known`) stays one, and so does a space drawn in a span of its own (Russian's narrow no-break
 * space in `2018 г.`), which is apart from what it follows.
 */
export function lineText(pieces: readonly Piece[]): string {
  let text = "";
  for (const [i, piece] of pieces.entries()) {
    const before = pieces[i - 1];
    const glued = before !== undefined && piece.afterSoftHyphen && piece.x - before.end < TOUCHING * Math.max(piece.size, before.size);
    const lineBreak = glued && i === pieces.length - 1 && /^[-\u2010]$/.test(piece.str);
    text += (before === undefined || glued ? "" : " ") + (lineBreak ? SOFT_HYPHEN : piece.str);
  }
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The lines of text of each page, top to bottom, each line's runs joined left to right: what a reader of
 * the PDF reads. A soft hyphen appears only at the end of a line whose last word goes on in the next.
 */
export async function readPdfText(pdf: Uint8Array): Promise<string[][]> {
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent({ includeMarkedContent: true });
      // Items on one baseline (within 2 units) are one line.
      const rows = new Map<number, Piece[]>();
      // The number of runs read when each open marked-content sequence began, and whether it is a span.
      const open: { runs: number; span: boolean }[] = [];
      let runs = 0;
      let afterSoftHyphen = false;
      for (const item of content.items) {
        if (!("str" in item)) {
          if (item.type === "endMarkedContent") {
            const begun = open.pop();
            if (begun?.span && begun.runs === runs) afterSoftHyphen = true;
          } else open.push({ runs, span: (item as { tag?: unknown }).tag === "Span" }); // pdf.js gives the tag, though its type does not say so
          continue;
        }
        const str = item.str.replaceAll(SOFT_HYPHEN, "");
        if (str.trim() === "") {
          // A space after an empty span: it held a space of its own (Russian's narrow no-break space), not a soft hyphen.
          if (str !== "") afterSoftHyphen = false;
          continue;
        }
        runs += 1;
        const y = Math.round(item.transform[5] as number);
        const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
        const x = item.transform[4] as number;
        const piece = { x, end: x + item.width, size: item.height, str, afterSoftHyphen };
        afterSoftHyphen = false;
        rows.set(key, [...(rows.get(key) ?? []), piece]);
      }
      pages.push([...rows.entries()].sort(([a], [b]) => b - a).map(([, pieces]) => lineText(pieces.sort((a, b) => a.x - b.x))));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

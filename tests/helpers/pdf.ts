import { readFile } from "node:fs/promises";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { runningText } from "../../src/format/hyphens.ts";
import { readPdfText } from "../../src/pdf/pdf-reading.ts";

/** A PDF read with pdf.js, from its file or its bytes. */
export async function openPdf(file: string | Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes over the buffer it is given: a copy keeps the caller's.
  const data = new Uint8Array(typeof file === "string" ? await readFile(file) : file);
  return getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
}

/** The text of each page of a PDF, whitespace collapsed and words hyphenated at a line's end whole, as a reader's copy-paste would give it. */
export async function pdfPages(file: string): Promise<string[]> {
  return (await pdfLines(file)).map(runningText);
}

/** The lines of text of each page, top to bottom, each line's items joined left to right: as the release check reads them. */
export async function pdfLines(file: string): Promise<string[][]> {
  return readPdfText(await readFile(file));
}

export interface OutlineEntry {
  readonly title: string;
  readonly page: number;
  readonly depth: number;
}

/** The bookmarks, depth first, with the page each points to. */
export async function pdfOutline(file: string): Promise<OutlineEntry[]> {
  const doc = await openPdf(file);
  try {
    const out: OutlineEntry[] = [];
    const walk = async (items: Awaited<ReturnType<PDFDocumentProxy["getOutline"]>>, depth: number) => {
      for (const item of items ?? []) {
        const dest = typeof item.dest === "string" ? await doc.getDestination(item.dest) : item.dest;
        const page = dest ? (await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1 : 0;
        out.push({ title: item.title, page, depth });
        await walk(item.items as typeof items, depth + 1);
      }
    };
    await walk(await doc.getOutline(), 0);
    return out;
  } finally {
    await doc.destroy();
  }
}

export interface ContentsLink {
  /** The named destination, i.e. the element id it points to. */
  readonly target: string;
  /** The page the destination is on. */
  readonly page: number;
}

/** An annotation of a page as pdf.js reads it (its own type is any): a link's target is `url` or `dest`. */
export interface Annotation {
  readonly subtype: string;
  readonly url?: string;
  readonly dest?: string | unknown[] | null;
}

/** The annotations of page `pageNumber` of `doc`. */
export async function annotationsOf(doc: PDFDocumentProxy, pageNumber: number): Promise<Annotation[]> {
  return (await (await doc.getPage(pageNumber)).getAnnotations()) as Annotation[];
}

/** The links of a page, in order, each with the page its destination is on. */
export async function pageLinks(file: string, pageNumber: number): Promise<ContentsLink[]> {
  const doc = await openPdf(file);
  try {
    const links = (await annotationsOf(doc, pageNumber)).filter((a) => a.subtype === "Link" && typeof a.dest === "string");
    const out: ContentsLink[] = [];
    for (const link of links) {
      const dest = await doc.getDestination(link.dest as string);
      out.push({ target: link.dest as string, page: dest ? (await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1 : 0 });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * How much of each page's content box (A4, 24 mm from the top, 22 mm from the bottom) is
 * used, from the top of the box to the lowest ink on it: 0 for a blank page, 1 for a full
 * one. Read from the pages rendered in grey at 36 dpi (pdftoppm), so pictures count too;
 * a light watermark does not.
 */
export async function pageFill(file: string): Promise<number[]> {
  const { execFile } = await import("node:child_process");
  const { mkdtemp, readdir, readFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const dir = await mkdtemp(path.join(tmpdir(), "page-fill-"));
  try {
    await new Promise<void>((resolve, reject) => execFile("pdftoppm", ["-r", "36", "-gray", file, path.join(dir, "p")], (e) => (e ? reject(new Error(e.message)) : resolve())));
    const files = (await readdir(dir)).sort();
    return await Promise.all(files.map(async (name) => {
      const bytes = await readFile(path.join(dir, name));
      // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 50).toString("latin1"))!;
      const [width, height] = [Number(header[1]), Number(header[2])];
      const pixels = bytes.subarray(header[0].length);
      const mm = height / 297;
      const top = Math.ceil(24 * mm);
      const bottom = Math.floor(height - 22 * mm);
      let lowest = top;
      for (let y = top; y < bottom; y++) {
        for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 200) { lowest = y; break; }
      }
      return (lowest - top) / (bottom - top);
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One image a page draws, as stored in the PDF. */
export interface PageImage {
  /** The image XObject's object number. */
  readonly ref: string;
  readonly width: number;
  readonly height: number;
  /** Its stream's filters, e.g. ["DCTDecode"] for a JPEG stored as it is. */
  readonly filters: readonly string[];
  /** Its stream's stored bytes, with its soft mask's if it has one. */
  readonly bytes: number;
}

/** What one page of a PDF weighs on its own. */
export interface PageBytes {
  /** 1-based. */
  readonly page: number;
  /** The stored bytes of its content streams and of the form XObjects they draw (not of what those draw). */
  readonly content: number;
  /** The images it draws, directly or through form XObjects, each counted once. */
  readonly images: readonly PageImage[];
  /** content + the images' bytes. Fonts, which every page shares, are not counted: they are embedded once for the whole PDF. */
  readonly total: number;
}

/**
 * The bytes each page of a PDF needs of its own: its content streams and the XObjects it
 * draws (`Do`), images with their soft masks and form XObjects with what they draw in
 * turn, as stored (compressed). Fonts are left out: they are embedded once and shared by
 * all pages, so they say nothing about a page; so are the few bytes of the page's own
 * dictionaries, graphics states and patterns. Read with pdf-lib's low-level objects.
 */
export async function pdfPageBytes(file: string): Promise<PageBytes[]> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const context = doc.context;
  const refOf = new Map<unknown, string>();
  for (const [ref, object] of context.enumerateIndirectObjects()) refOf.set(object, ref.toString());
  const streamsOf = (object: unknown): PDFRawStream[] => {
    const resolved = object instanceof PDFRef ? context.lookup(object) : object;
    if (resolved instanceof PDFRawStream) return [resolved];
    if (resolved instanceof PDFArray) return resolved.asArray().flatMap(streamsOf);
    return [];
  };
  const filtersOf = (stream: PDFRawStream): string[] => {
    const filter = stream.dict.lookup(PDFName.of("Filter"));
    const names = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
    return names.map((n) => n.toString().replace(/^\//, ""));
  };
  /** The names a content stream draws with `Do`, with PDF's #xx escapes undone. */
  const drawn = (stream: PDFRawStream): string[] => {
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    return [...text.matchAll(/\/([^\s/[\]()<>{}%]+)\s+Do\b/g)].map((m) => m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_all, h: string) => String.fromCharCode(parseInt(h, 16))));
  };
  const pages: PageBytes[] = [];
  doc.getPages().forEach((page, index) => {
    let content = 0;
    const images = new Map<string, PageImage>();
    const seenForms = new Set<unknown>();
    const visit = (streams: PDFRawStream[], resources: unknown) => {
      const xobjects = resources instanceof PDFDict ? resources.lookup(PDFName.of("XObject")) : undefined;
      for (const stream of streams) {
        content += stream.getContentsSize();
        for (const name of drawn(stream)) {
          const xobject = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(name)) : undefined;
          if (!(xobject instanceof PDFRawStream)) continue;
          const subtype = xobject.dict.lookup(PDFName.of("Subtype"))?.toString();
          if (subtype === "/Image") {
            const ref = refOf.get(xobject) ?? `${name} on page ${index + 1}`;
            if (images.has(ref)) continue;
            const mask = xobject.dict.lookup(PDFName.of("SMask"));
            const number = (key: string) => (xobject.dict.lookup(PDFName.of(key)) as PDFNumber).asNumber();
            images.set(ref, {
              ref, width: number("Width"), height: number("Height"), filters: filtersOf(xobject),
              bytes: xobject.getContentsSize() + (mask instanceof PDFRawStream ? mask.getContentsSize() : 0),
            });
          } else if (subtype === "/Form" && !seenForms.has(xobject)) {
            seenForms.add(xobject);
            visit([xobject], xobject.dict.lookup(PDFName.of("Resources")) ?? resources);
          }
        }
      }
    };
    visit(streamsOf(page.node.get(PDFName.of("Contents"))), page.node.Resources());
    const list = [...images.values()];
    pages.push({ page: index + 1, content, images: list, total: content + list.reduce((sum, i) => sum + i.bytes, 0) });
  });
  return pages;
}

export { pagePainting, xmpProperties } from "../../src/pdf/checks/conformance.ts";

/** The fonts a PDF embeds, by their names without the subset's tag (`AAAAAA+`), sorted and each once. */
export async function pdfFontNames(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("FontDescriptor")) {
      const name = object.get(PDFName.of("FontName"));
      if (name instanceof PDFName) names.add(name.decodeText().replace(/^[A-Z]{6}\+/, ""));
    }
  }
  return [...names].sort();
}

/**
 * The text of the PDF's glyphs, as readers extract it. Chromium (Skia) maps each glyph of a font to one text
 * in the font's ToUnicode map, read from the font's own character map, and where a glyph stands for other
 * text than that, or a cluster of glyphs for one text (a letter and its mark: لّ, دً), it writes the text
 * as a span's ActualText around them, which some readers use (Acrobat, poppler) and others do not (pdf.js,
 * so Firefox). A glyph that the character map does not reach, a letter's form made for a mark above it,
 * is mapped to U+0000, which PDF/A-2u forbids (6.2.11.7.2) and which gives no letter to a reader of the
 * map; a glyph reached only through a presentation form (ﺎ for ا) is mapped to that form. Text drawn right
 * to left is drawn in visual order, its clusters last to first, marked ReversedChars.
 *
 * Here each such glyph is mapped to the text it stands for wherever it is drawn: a glyph of a cluster to
 * what the cluster's text leaves once its other glyphs' text is taken, a presentation form to its letter
 * (a ligature's form, ﻻ, stays: below), a glyph drawn alone for a text to that text; a span of one glyph
 * that then maps to its text is taken out (plainClusters). What cannot be so mapped stays as it was, for
 * glyphTextProblems (the machine checks, conformance.ts) to find: a glyph drawn for different letters, or a
 * cluster of more glyphs than letters (a face that draws a letter as a dotless base and its dots, as Noto
 * Naskh Arabic does, so that ب reads ٮ).
 */
import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";
import { deref, dictEntry, nameOf, streamBytes, walkPage, type Operand } from "./content.ts";

/** A font's ToUnicode map, code → text: only the two-byte codes of the Type0 fonts that Chromium writes. */
export type UnicodeMap = Map<number, string>;

const utf16 = (hex: string) => {
  const units = hex.replace(/\s+/g, "").match(/.{1,4}/g) ?? [];
  return String.fromCharCode(...units.map((unit) => parseInt(unit.padEnd(4, "0"), 16)));
};

/** The mappings of a ToUnicode CMap (bfchar and bfrange sections, ISO 32000-1, 9.10.3). */
export function readToUnicode(cmap: string): UnicodeMap {
  const map: UnicodeMap = new Map();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(code!, 16), utf16(text!));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, first, last, start, list] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F\s]*)>|\[([^\]]*)\])/g)) {
      const [from, to] = [parseInt(first!, 16), parseInt(last!, 16)];
      if (list !== undefined) {
        [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, text], k) => map.set(from + k, utf16(text!)));
      } else {
        // The last UTF-16 unit counts up through the range.
        const base = utf16(start!);
        for (let code = from; code <= to; code++) map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - from));
      }
    }
  }
  return map;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** A ToUnicode CMap of two-byte codes mapping each code of `map` to its text, as Chromium writes one (bfchar sections of at most 100). */
export function writeToUnicode(map: ReadonlyMap<number, string>): string {
  const entries = [...map].sort(([a], [b]) => a - b);
  const sections: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    // A JavaScript string is UTF-16 already: each of its units, in order.
    const lines = chunk.map(([code, text]) => `<${hex4(code)}> <${Array.from({ length: text.length }, (_, k) => hex4(text.charCodeAt(k))).join("")}>`);
    sections.push(`${chunk.length} beginbfchar\n${lines.join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<<  /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${sections.join("\n")}
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}

/** A text that a reader can use: not empty, and without U+0000, U+FEFF or U+FFFE (PDF/A-2 6.2.11.7.2). */
export const validText = (text: string | undefined): text is string => text !== undefined && text !== "" && !/[\u0000\ufeff\ufffe]/.test(text);

/** A string operand as text: UTF-16BE after its byte order mark, else PDFDocEncoding (as Latin-1, which agrees on letters). */
function textOf(operand: Operand | undefined): string | undefined {
  if (!(operand instanceof Uint8Array)) return undefined;
  if (operand[0] === 0xfe && operand[1] === 0xff) {
    let text = "";
    for (let k = 2; k + 1 < operand.length; k += 2) text += String.fromCharCode(operand[k]! * 256 + operand[k + 1]!);
    return text;
  }
  return Buffer.from(operand).toString("latin1");
}

/** The Type0 fonts of two-byte codes (Identity-H, as Chromium writes them) with their ToUnicode maps, read once. */
export class FontTexts {
  private readonly read = new Map<PDFDict, { map: UnicodeMap; ref: PDFRef | undefined } | null>();
  constructor(private readonly doc: PDFDocument) {}

  of(font: PDFDict | undefined): { map: UnicodeMap; ref: PDFRef | undefined } | undefined {
    if (font === undefined) return undefined;
    let found = this.read.get(font);
    if (found === undefined) {
      found = null;
      const toUnicode = font.get(PDFName.of("ToUnicode"));
      const stream = deref(this.doc, toUnicode);
      if (nameOf(font.get(PDFName.of("Subtype"))) === "Type0" && nameOf(font.get(PDFName.of("Encoding"))) === "Identity-H" && stream instanceof PDFRawStream) {
        found = { map: readToUnicode(Buffer.from(streamBytes(stream)).toString("latin1")), ref: toUnicode instanceof PDFRef ? toUnicode : undefined };
      }
      this.read.set(font, found);
    }
    return found ?? undefined;
  }
}

/** A glyph drawn: its font and code. */
interface Glyph {
  readonly font: PDFDict;
  readonly code: number;
}

/**
 * A span with an ActualText, the glyphs drawn in it, where its BDC and EMC are in the page's content, and whether
 * it is a cluster of a run drawn right to left (Chromium marks such a run `/ReversedChars BMC … EMC`).
 */
interface Span {
  readonly text: string;
  readonly glyphs: Glyph[];
  readonly begin: readonly [number, number];
  end?: readonly [number, number];
  readonly rightToLeft: boolean;
}

const codesOf = (codes: Uint8Array) => Array.from({ length: codes.length >> 1 }, (_, k) => codes[2 * k]! * 256 + codes[2 * k + 1]!);

/**
 * What page `index` draws as text, read from `content` (the page's joined content) and the forms it draws: the
 * spans with an ActualText (in the innermost of which each glyph is counted), and each glyph drawn outside any.
 */
function textOfPage(doc: PDFDocument, fonts: FontTexts, index: number, content?: Uint8Array): { spans: Span[]; outside: Glyph[] } {
  const spans: Span[] = [];
  const outside: Glyph[] = [];
  // The marked content open: a span, the name of another's tag.
  const open: (Span | string)[] = [];
  walkPage(doc, index, {
    begin: (tag, properties, start, end) => {
      const text = textOf(dictEntry(properties, "ActualText"));
      if (text === undefined) {
        open.push(tag);
        return;
      }
      const span: Span = { text, glyphs: [], begin: [start, end], rightToLeft: open.at(-1) === "ReversedChars" };
      spans.push(span);
      open.push(span);
    },
    end: (start, end) => {
      const closed = open.pop();
      if (closed !== undefined && typeof closed !== "string") closed.end = [start, end];
    },
    show: (font, codes) => {
      if (!fonts.of(font)) return;
      const span = open.findLast((o): o is Span => typeof o !== "string");
      for (const code of codesOf(codes)) (span ? span.glyphs : outside).push({ font: font!, code });
    },
  }, content);
  return { spans, outside };
}

/** The code points of `text` decomposed (NFD). */
const points = (text: string) => [...text.normalize("NFD")];

/** Spans that say what soft hyphens are (soft-hyphens.ts), or that have no text: left alone. */
const softHyphenSpan = (text: string) => text === "" || text.includes("\u00ad");

/**
 * What each glyph of `span` should map to, so that its glyphs map to its text: one glyph drawn alone for the
 * text to the text; else each mapped glyph to its text as letters (a presentation form's NFKC), and the one
 * glyph left unmapped, if any, to what the text leaves. Undefined when no such mapping is found.
 */
function mapping(span: Span, fonts: FontTexts): (readonly [Glyph, string])[] | undefined {
  const [only] = span.glyphs;
  if (span.glyphs.length === 1) {
    // A ligature's presentation form (ﻻ) stays: readers reverse a right-to-left run's text code point by code
    // point, and would read its letters (لا) in the wrong order; the run's ActualText keeps them exact.
    const current = fonts.of(only!.font)!.map.get(only!.code);
    const ligature = validText(current) && [...current].length === 1 && [...current.normalize("NFKC")].length > 1 && current.normalize("NFKC") === span.text.normalize("NFKC");
    return [[only!, ligature ? current : span.text]];
  }
  const left = points(span.text);
  const out: [Glyph, string][] = [];
  const unmapped: Glyph[] = [];
  for (const glyph of span.glyphs) {
    const current = fonts.of(glyph.font)!.map.get(glyph.code);
    if (!validText(current)) {
      unmapped.push(glyph);
      continue;
    }
    const letters = current.normalize("NFKC");
    for (const point of points(letters)) {
      const at = left.indexOf(point);
      if (at < 0) return undefined;
      left.splice(at, 1);
    }
    out.push([glyph, [...current].length === 1 && [...letters].length > 1 ? current : letters]);
  }
  if (unmapped.length > 1 || (unmapped.length === 1) !== left.length > 0) return undefined;
  if (unmapped.length === 1) out.push([unmapped[0]!, left.join("").normalize("NFC")]);
  return out;
}

/**
 * Maps each glyph of the document's Type0 fonts to the text it stands for wherever it is drawn (above), writing
 * the fonts' ToUnicode maps anew where that changes them: a glyph of a run drawn right to left, and a glyph
 * mapped to no text anywhere. (Text drawn left to right keeps its glyphs' text: a release's fingerprint is
 * read from it, src/report/corrigenda.ts.) Returns the fonts' maps as they now are, for `plainClusters`,
 * and how many glyphs were mapped anew.
 */
export function mapGlyphsToText(doc: PDFDocument): { fonts: FontTexts; changed: number } {
  const fonts = new FontTexts(doc);
  const proposed = new Map<PDFDict, Map<number, Set<string>>>();
  const drawnOutside = new Map<PDFDict, Set<number>>();
  for (let index = 0; index < doc.getPageCount(); index++) {
    const { spans, outside } = textOfPage(doc, fonts, index);
    for (const { font, code } of outside) drawnOutside.set(font, (drawnOutside.get(font) ?? new Set()).add(code));
    for (const span of spans) {
      if (softHyphenSpan(span.text)) continue;
      for (const [{ font, code }, text] of mapping(span, fonts) ?? []) {
        if (!span.rightToLeft && validText(fonts.of(font)!.map.get(code))) continue;
        const byCode = proposed.get(font) ?? new Map<number, Set<string>>();
        proposed.set(font, byCode.set(code, (byCode.get(code) ?? new Set()).add(text)));
      }
    }
  }
  let changed = 0;
  for (const [font, byCode] of proposed) {
    const { map, ref } = fonts.of(font)!;
    let fontChanged = false;
    for (const [code, texts] of byCode) {
      const [text] = texts;
      const current = map.get(code);
      // A glyph drawn for different texts, or drawn outside a span as its own text, keeps its text: one map cannot say both.
      if (texts.size !== 1 || text === current || (validText(current) && drawnOutside.get(font)?.has(code))) continue;
      map.set(code, text!);
      fontChanged = true;
      changed++;
    }
    if (fontChanged) {
      const stream = doc.context.flateStream(writeToUnicode(map));
      if (ref) doc.context.assign(ref, stream);
      else font.set(PDFName.of("ToUnicode"), doc.context.register(stream));
    }
  }
  return { fonts, changed };
}

/**
 * Page `index`'s content (`content`, its streams joined) without the spans of runs drawn right to left that
 * hold one glyph now mapped to their text exactly (a contextual form that was mapped to its presentation
 * form), the glyph kept: pdf.js starts a new run of text at each span, and would cut the word there.
 * Undefined when it has none. A span of several glyphs stays: a letter and its mark are drawn in visual
 * order, and readers that read ActualText (poppler, Acrobat) read them in the order written from it alone.
 * (No span is added: poppler reads an ActualText of several letters in a run drawn right to left backwards.)
 */
export function plainClusters(doc: PDFDocument, fonts: FontTexts, index: number, content: Uint8Array): Uint8Array | undefined {
  // A page that draws nothing right to left, as most of a report in a language written left to right, is not read.
  if (Buffer.from(content.buffer, content.byteOffset, content.byteLength).indexOf("/ReversedChars") < 0) return undefined;
  const cuts: (readonly [number, number])[] = [];
  for (const span of textOfPage(doc, fonts, index, content).spans) {
    if (!span.rightToLeft || softHyphenSpan(span.text) || span.end === undefined || span.begin[0] < 0 || span.glyphs.length !== 1) continue;
    const { font, code } = span.glyphs[0]!;
    if (fonts.of(font)!.map.get(code) === span.text) cuts.push(span.begin, span.end);
  }
  if (cuts.length === 0) return undefined;
  cuts.sort(([a], [b]) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    parts.push(content.subarray(from, start));
    from = end;
  }
  parts.push(content.subarray(from));
  return Buffer.concat(parts);
}

/** Letters that a face drawing a letter as a dotless base and its dots maps its bases to (ٮ ٯ ڡ ں), and private-use characters: text that a reader would misread. */
const MISREAD = /[\u066e\u066f\u06a1\u06ba\ue000-\uf8ff\u{f0000}-\u{10fffd}]/u;

/** The characters of `text` (read as its NFKC letters) that MISREAD matches and `written` lacks. */
const misread = (text: string, written: string) => [...text.normalize("NFKC")].filter((c) => MISREAD.test(c) && !written.normalize("NFKC").includes(c));

/**
 * Where the text that readers extract is not the text written, by page: a glyph drawn that its font maps to
 * no text, or to U+0000, U+FEFF or U+FFFE (PDF/A-2 6.2.11.7.2); a glyph mapped to a private-use character
 * outside an ActualText that says what it stands for (6.2.11.7.3); and a glyph mapped to a dotless Arabic
 * letter or a private-use character that its span's ActualText does not hold (ب read as ٮ), which readers
 * that do not read ActualText (pdf.js) would give as the text.
 */
export function glyphTextProblems(doc: PDFDocument): string[] {
  const fonts = new FontTexts(doc);
  const problems: string[] = [];
  const fontName = (font: PDFDict) => nameOf(font.get(PDFName.of("BaseFont")))?.replace(/^[A-Z]{6}\+/, "") ?? "(unnamed)";
  const textOf = ({ font, code }: Glyph) => fonts.of(font)!.map.get(code);
  for (let index = 0; index < doc.getPageCount(); index++) {
    const { spans, outside } = textOfPage(doc, fonts, index);
    const unmapped = new Map<string, Set<number>>();
    for (const glyph of [...outside, ...spans.flatMap((s) => s.glyphs)]) {
      if (!validText(textOf(glyph))) unmapped.set(fontName(glyph.font), (unmapped.get(fontName(glyph.font)) ?? new Set()).add(glyph.code));
    }
    for (const [name, codes] of unmapped) {
      problems.push(`page ${index + 1}: ${name} maps ${codes.size === 1 ? "a glyph" : `${codes.size} glyphs`} to no text, or to U+0000, U+FEFF or U+FFFE (${[...codes].slice(0, 5).map(hex4).join(", ")})`);
    }
    const wrong = [
      ...outside.filter((glyph) => validText(textOf(glyph)) && misread(textOf(glyph)!, "").some((c) => /\p{Co}/u.test(c))).map((glyph) => ({ text: "", read: textOf(glyph)! })),
      ...spans.filter((span) => !softHyphenSpan(span.text)).map((span) => ({ text: span.text, read: span.glyphs.map((g) => textOf(g) ?? "").join("") }))
        .filter(({ text, read }) => misread(read, text).length > 0),
    ];
    if (wrong.length > 0) {
      const shown = wrong.slice(0, 3).map(({ text, read }) => `${text === "" ? "a private-use character without ActualText" : `"${text}"`} read as "${read.replace(/\u0000/g, "")}"`);
      problems.push(`page ${index + 1}: ${wrong.length === 1 ? "a text is" : `${wrong.length} texts are`} read from the glyphs as other letters: ${shown.join(", ")}${wrong.length > 3 ? ", …" : ""}`);
    }
  }
  return problems;
}

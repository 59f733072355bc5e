/** The glyphs' text as readers extract it, on hand-made pages: a font and content as Chromium writes them for Arabic. */
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pageContent } from "../../../src/pdf/content.ts";
import { glyphTextProblems, mapGlyphsToText, plainClusters, readToUnicode, writeToUnicode } from "../../../src/pdf/glyph-text.ts";

/**
 * The glyphs of the font, by code, with the text Chromium maps each to: a face that draws a letter whole, its
 * forms for a mark above mapped to U+0000 (no character reaches them), its contextual forms to presentation forms.
 */
const AMIRI_LIKE = {
  0x0010: "\u0644", // ل
  0x0011: "\u0000", // ل drawn for a shadda above
  0x0012: "\u0651", // the shadda
  0x0013: "\ufe8e", // ﺎ, the final alef
  0x0014: "\u0645", // م
  0x0015: "\ufefb", // ﻻ, lam-alef as one glyph
  0x0016: "\u0000", // another glyph no character reaches
  0x0017: "\u02bc", // ʼ, the glyph the font draws ’ with too
  0x0018: "\ue000", // a private-use character
};
/** A face that draws a letter as a dotless base and its dots (Noto Naskh Arabic): ب is ٮ and a dot below, ت ٮ and two above. */
const DOTLESS = { 0x0020: "\u066e", 0x0021: "\u0000", 0x0022: "\u0000" };

function cmap(map: Record<number, string>): string {
  return writeToUnicode(new Map(Object.entries(map).map(([code, text]) => [Number(code), text])));
}

/** A PDF of one page per content, its fonts F1 (AMIRI_LIKE) and F2 (DOTLESS), Type0 as Chromium writes them. */
async function pdfOf(...contents: string[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = (name: string, map: Record<number, string>): PDFRef => {
    const cidFont = doc.context.register(doc.context.obj({ Type: "Font", Subtype: "CIDFontType2", BaseFont: `AAAAAA+${name}`, CIDToGIDMap: "Identity" }));
    const toUnicode = doc.context.register(doc.context.flateStream(Buffer.from(cmap(map), "latin1")));
    return doc.context.register(doc.context.obj({ Type: "Font", Subtype: "Type0", BaseFont: `AAAAAA+${name}`, Encoding: "Identity-H", DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  };
  const fonts = { F1: font("Amiri-Regular", AMIRI_LIKE), F2: font("NotoNaskhArabic-Regular", DOTLESS) };
  for (const content of contents) {
    const page = doc.addPage();
    page.node.set(PDFName.of("Resources"), doc.context.obj({ Font: fonts }));
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(Buffer.from(content, "latin1"))));
  }
  return doc;
}

const span = (utf16: string, glyphs: string) => `/Span<</ActualText <feff${utf16}> >> BDC\n${glyphs}\nEMC\n`;
/** The end of سلّام, drawn right to left as Chromium draws it: glyphs in visual order, in ReversedChars, each cluster that its glyphs do not spell in a span. */
const word = (cluster: typeof span) => `/P <</MCID 0 >>BDC\nBT\n/F1 12 Tf\n/ReversedChars BMC\n<0014> Tj\n${cluster("0627", "2.1 0 Td <0013> Tj")}${cluster("06440651", "3.7 -3.7 Td <0012> Tj\n2.3 3.7 Td <0011> Tj")}EMC\nET\nEMC\n`;

const mapOf = (doc: PDFDocument, font: string) => {
  const fonts = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of("Font")) as unknown as { lookup(n: PDFName): { lookup(n: PDFName): PDFRawStream } };
  return readToUnicode(Buffer.from(decodePDFRawStream(fonts.lookup(PDFName.of(font)).lookup(PDFName.of("ToUnicode"))).decode()).toString("latin1"));
};
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("readToUnicode and writeToUnicode", () => {
  it("read bfchar and bfrange sections, ranges counting up and ranges of a list, and write what they read", () => {
    const map = readToUnicode("2 beginbfchar\n<0003> <0020>\n<0048> <00660069>\nendbfchar\n2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<0627> <FEFB>]\nendbfrange\n");
    expect(Object.fromEntries(map)).toEqual({ 3: " ", 0x48: "fi", 0x10: "A", 0x11: "B", 0x12: "C", 0x20: "\u0627", 0x21: "\ufefb" });
    expect(readToUnicode(writeToUnicode(map))).toEqual(map);
    // A character beyond the first plane, in two UTF-16 units.
    expect(readToUnicode(writeToUnicode(new Map([[1, "\u{1EE00}"]]))).get(1)).toBe("\u{1EE00}");
  });
});

/** A run drawn right to left around `clusters`, as Chromium marks it. */
const run = (clusters: string) => `/ReversedChars BMC\n${clusters}EMC\n`;

describe("mapGlyphsToText and plainClusters", () => {
  it("map a cluster's unmapped glyph to what its text leaves and a presentation form to its letter, and take out the spans of one glyph then spelled", async () => {
    const doc = await pdfOf(word(span));
    expect(glyphTextProblems(doc)).toEqual(["page 1: Amiri-Regular maps a glyph to no text, or to U+0000, U+FEFF or U+FFFE (0011)"]);
    const { fonts, changed } = mapGlyphsToText(doc);
    expect(changed).toBe(2);
    const map = mapOf(doc, "F1");
    expect([map.get(0x11), map.get(0x13), map.get(0x12), map.get(0x14)]).toEqual(["\u0644", "\u0627", "\u0651", "\u0645"]);
    // The glyph no text of the page reached keeps its U+0000; no page draws it.
    expect(map.get(0x16)).toBe("\u0000");
    expect(glyphTextProblems(doc)).toEqual([]);
    // The span of ﺎ goes, its glyph staying where it was; the span of lam and shadda, drawn shadda first, stays.
    const expected = word((utf16, glyphs) => (utf16 === "0627" ? `\n${glyphs}\n\n` : span(utf16, glyphs)));
    expect(text(plainClusters(doc, fonts, 0, pageContent(doc, 0))!)).toBe(`${expected}\n`);
  });

  it("keep a ligature's presentation form, and its span: readers would reverse its letters with the run's", async () => {
    const doc = await pdfOf(`BT /F1 12 Tf ${run(`${span("06440627", "<0015> Tj")}<0014> Tj\n`)}ET`);
    const { fonts, changed } = mapGlyphsToText(doc);
    expect(changed).toBe(0);
    expect(mapOf(doc, "F1").get(0x15)).toBe("\ufefb");
    expect(plainClusters(doc, fonts, 0, pageContent(doc, 0))).toBeUndefined();
    expect(glyphTextProblems(doc)).toEqual([]);
  });

  it("leave a glyph drawn for different letters, a cluster of more glyphs than letters, soft hyphens and text drawn left to right as they are", async () => {
    const doc = await pdfOf(
      // The same glyph for ل in one cluster and for م in another.
      `BT /F1 12 Tf ${run(`${span("06440651", "<0012> Tj <0016> Tj")}${span("06450651", "<0012> Tj <0016> Tj")}`)}ET`,
      // ب and ت of a dotless base and dots: two glyphs, one letter.
      `BT /F2 12 Tf ${run(`${span("0628", "<0020> Tj <0021> Tj")}${span("062a", "<0020> Tj <0022> Tj")}`)}ET`,
      // A soft hyphen within a line, and one at its end, as soft-hyphens.ts leaves them.
      `BT /F1 12 Tf /Span<</ActualText <feff> >> BDC <0014> Tj EMC /Span<</ActualText <feff00ad> >> BDC <0014> Tj EMC ET`,
      // ’ drawn left to right with the glyph the font maps to ʼ: its span says what it is; a release's fingerprint is read from the glyphs' text.
      `BT /F1 12 Tf <0014> Tj ${span("2019", "<0017> Tj")}ET`,
    );
    const before = [mapOf(doc, "F1"), mapOf(doc, "F2")];
    const { fonts, changed } = mapGlyphsToText(doc);
    expect(changed).toBe(0);
    expect([mapOf(doc, "F1"), mapOf(doc, "F2")]).toEqual(before);
    for (const index of [0, 1, 2, 3]) expect(plainClusters(doc, fonts, index, pageContent(doc, index)), `page ${index + 1}`).toBeUndefined();
    expect(glyphTextProblems(doc)).toEqual([
      "page 1: Amiri-Regular maps a glyph to no text, or to U+0000, U+FEFF or U+FFFE (0016)",
      "page 2: NotoNaskhArabic-Regular maps 2 glyphs to no text, or to U+0000, U+FEFF or U+FFFE (0021, 0022)",
      "page 2: 2 texts are read from the glyphs as other letters: \"ب\" read as \"ٮ\", \"ت\" read as \"ٮ\"",
    ]);
  });

  it("keep the text of a glyph drawn outside any span as what it stands for there, and find a private-use character read without an ActualText", async () => {
    // ﺎ drawn alone as itself (its presentation form written), and in a span for ا; a private-use glyph alone, and for م.
    const doc = await pdfOf(`BT /F1 12 Tf ${run(`<0013> Tj ${span("0627", "<0013> Tj")}`)}ET`, `BT /F1 12 Tf <0018> Tj ${run(`<0014> Tj ${span("0645", "<0018> Tj")}`)}ET`);
    expect(glyphTextProblems(doc)).toEqual([
      "page 2: 2 texts are read from the glyphs as other letters: a private-use character without ActualText read as \"\ue000\", \"م\" read as \"\ue000\"",
    ]);
    const { fonts, changed } = mapGlyphsToText(doc);
    expect(changed).toBe(0);
    expect([mapOf(doc, "F1").get(0x13), mapOf(doc, "F1").get(0x18)]).toEqual(["\ufe8e", "\ue000"]);
    expect(plainClusters(doc, fonts, 0, pageContent(doc, 0))).toBeUndefined();
  });
});

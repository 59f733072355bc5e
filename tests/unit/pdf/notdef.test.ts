/** The .notdef check of verify-pdf and of every print, on hand-made pages: fonts as Chromium writes them, and content written to mislead a reader. */
import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { notdefProblems } from "../../../src/pdf/notdef.ts";

/** A Type0 font as Chromium writes it (Identity-H, a TrueType CIDFont); `map`: its CIDToGIDMap, Identity by default, else glyph ids by CID. */
function type0(doc: PDFDocument, name: string, map?: readonly number[]): PDFRef {
  const gids = map && doc.context.register(doc.context.flateStream(Uint8Array.from(map.flatMap((gid) => [gid >> 8, gid & 0xff]))));
  const cidFont = doc.context.register(doc.context.obj({
    Type: "Font", Subtype: "CIDFontType2", BaseFont: `AAAAAA+${name}`, CIDSystemInfo: { Registry: doc.context.obj("(Adobe)"), Ordering: "Identity", Supplement: 0 },
    ...(gids ? { CIDToGIDMap: gids } : { CIDToGIDMap: "Identity" }),
  }));
  return doc.context.register(doc.context.obj({ Type: "Font", Subtype: "Type0", BaseFont: `AAAAAA+${name}`, Encoding: "Identity-H", DescendantFonts: [cidFont] }));
}

/** A PDF of one page per content, with the fonts F1 (Source Serif), F2 (CIDToGIDMap: CID 5 is glyph 0), F3 (Type 3), F4 (a simple TrueType font) and the form X1. */
async function pdfOf(contents: readonly (string | readonly string[])[], form = ""): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const fonts = {
    F1: type0(doc, "SourceSerif4-Regular"),
    F2: type0(doc, "SourceSans3-Regular", [0, 1, 2, 3, 4, 0, 6]),
    F3: doc.context.register(doc.context.obj({ Type: "Font", Subtype: "Type3", FontBBox: [0, 0, 1, 1], FontMatrix: [1, 0, 0, 1, 0, 0], CharProcs: {}, Encoding: { Type: "Encoding", Differences: [] }, FirstChar: 0, LastChar: 0, Widths: [0] })),
    F4: doc.context.register(doc.context.obj({ Type: "Font", Subtype: "TrueType", BaseFont: "Arial" })),
  };
  const stream = (text: string, dict = {}) => doc.context.register(doc.context.flateStream(Buffer.from(text, "latin1"), dict));
  const x1 = stream(form, { Type: "XObject", Subtype: "Form", BBox: [0, 0, 10, 10], Resources: { Font: fonts } });
  for (const content of contents) {
    const page = doc.addPage();
    page.node.set(PDFName.of("Resources"), doc.context.obj({ Font: fonts, XObject: { X1: x1 }, ExtGState: { G1: { Type: "ExtGState", Font: [fonts.F2, 12] } } }));
    page.node.set(PDFName.of("Contents"), typeof content === "string" ? stream(content) : doc.context.obj(content.map((part) => stream(part))));
  }
  return doc;
}

describe("notdefProblems", () => {
  it("finds glyph 0 shown by any text operator, in hexadecimal and literal strings, by page and font", async () => {
    const doc = await pdfOf([
      "BT /F1 12 Tf <00410042> Tj ET",
      "BT /F1 12 Tf <0041 0000 0042> Tj (\\000\\000) ' 1 2 <00000000> \" [<0041> -20 (\\0\\0) 5 <0000>] TJ ET",
    ]);
    expect(notdefProblems(doc)).toEqual(["page 2: SourceSerif4-Regular shows its .notdef glyph 6 times"]);
  });

  it("reads a CID as the glyph its CIDToGIDMap gives (CID 5 is glyph 0 here), and a Type 3 font as having none", async () => {
    const doc = await pdfOf(["BT /F2 12 Tf <00050004> Tj /F3 9 Tf <0000> Tj ET"]);
    expect(notdefProblems(doc)).toEqual(["page 1: SourceSans3-Regular shows its .notdef glyph once"]);
  });

  it("follows the font through q and Q, a graphics state that sets it, a page of several streams, and forms, which begin with the font of their Do", async () => {
    const doc = await pdfOf([
      "BT /F1 12 Tf ET q BT /F3 9 Tf <0000> Tj ET Q BT <0000> Tj ET",
      ["BT /F3 9 Tf /G1 gs <0005> Tj ET", "BT <0005> Tj /F1", "12 Tf <0000> Tj ET"],
      "BT /F1 12 Tf ET /X1 Do /X1 Do BT /F3 12 Tf ET /X1 Do",
    ], "BT <00000000> Tj ET");
    expect(notdefProblems(doc)).toEqual([
      "page 1: SourceSerif4-Regular shows its .notdef glyph once",
      "page 2: SourceSans3-Regular shows its .notdef glyph 2 times",
      "page 2: SourceSerif4-Regular shows its .notdef glyph once",
      "page 3: SourceSerif4-Regular shows its .notdef glyph 2 times",
    ]);
  });

  it("is not misled by strings, comments, arrays or an inline image that hold what looks like text shown with glyph 0", async () => {
    const doc = await pdfOf([
      "BT /F1 12 Tf (a \\) <0000> Tj) Tj [(\\]) <0000>] pop % <0000> Tj\n<0041> Tj ET",
      "q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00<0000> Tj EI\x00\xff\n EI Q BT /F1 12 Tf <0041> Tj ET",
    ]);
    expect(notdefProblems(doc)).toEqual([]);
  });

  it("names a font whose glyphs it cannot read, once, rather than passing its text unread", async () => {
    const doc = await pdfOf(["BT /F4 12 Tf (abc) Tj (d) Tj ET", "BT /F1 12 Tf <0041> Tj ET"]);
    expect(notdefProblems(doc)).toEqual(["page 1: font Arial is a TrueType font, whose glyphs this check does not read (Chromium writes Type0 fonts)"]);
  });

  it("takes a content stream as Chromium compresses it, and as any other filter does", async () => {
    const doc = await pdfOf(["", ""]);
    const [first, second] = doc.getPages();
    first!.node.set(PDFName.of("Contents"), doc.context.register(doc.context.stream(deflateSync(Buffer.from("BT /F1 12 Tf <0000> Tj ET")), { Filter: ["FlateDecode"] })));
    second!.node.set(PDFName.of("Contents"), doc.context.register(doc.context.stream(Buffer.from("BT /F1 12 Tf <0000> Tj ET").toString("hex"), { Filter: "ASCIIHexDecode" })));
    expect(notdefProblems(doc)).toEqual(["page 1: SourceSerif4-Regular shows its .notdef glyph once", "page 2: SourceSerif4-Regular shows its .notdef glyph once"]);
  });
});

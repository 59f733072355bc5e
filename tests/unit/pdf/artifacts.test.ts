/** Page furniture as artifacts: the content stream rewritten around what Chromium left untagged, and nothing else touched. */
import { deflateSync } from "node:zlib";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { contentOperators, markPageArtifacts, markUntaggedAsArtifacts } from "../../../src/pdf/artifacts.ts";

const bytes = (text: string) => Buffer.from(text, "latin1");
const mark = (text: string) => {
  const out = markUntaggedAsArtifacts(bytes(text));
  return out === undefined ? undefined : Buffer.from(out).toString("latin1");
};

describe("contentOperators", () => {
  it("finds each operator with the start of its operands, past strings, names, arrays, dictionaries and comments that look like operators", () => {
    const text = "q 1 0 0 1 0 0 cm\n/P <</MCID 3>> BDC BT /F1 12 Tf (a \\) (BT) EMC) Tj [(x) -20 <41> ] TJ ET EMC % Tj in a comment\nQ";
    const ops = contentOperators(bytes(text)).map((op) => [op.name, text.slice(op.start, op.end)]);
    expect(ops).toEqual([
      ["q", "q"],
      ["cm", "1 0 0 1 0 0 cm"],
      ["BDC", "/P <</MCID 3>> BDC"],
      ["BT", "BT"],
      ["Tf", "/F1 12 Tf"],
      ["Tj", "(a \\) (BT) EMC) Tj"],
      ["TJ", "[(x) -20 <41> ] TJ"],
      ["ET", "ET"],
      ["EMC", "EMC"],
      ["Q", "Q"],
    ]);
  });

  it("passes over numbers, booleans, null and words longer than any operator", () => {
    const text = "true false null 1 -2 +.5 Unknown 0 Tj";
    expect(contentOperators(bytes(text)).map((op) => [op.name, text.slice(op.start, op.end)])).toEqual([["Tj", text]]);
  });

  it("reads an inline image's binary data as part of it, up to the EI that stands alone", () => {
    const text = "q BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xff\n EI Q";
    expect(contentOperators(bytes(text)).map((op) => [op.name, text.slice(op.start, op.end)])).toEqual([
      ["q", "q"],
      ["BI", "BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xff\n EI"],
      ["Q", "Q"],
    ]);
  });
});

describe("markUntaggedAsArtifacts", () => {
  it("wraps a running header's text outside marked content, and leaves the tagged text as it was", () => {
    const tagged = "/P <</MCID 0>> BDC BT /F1 10 Tf 72 700 Td (Body) Tj ET EMC";
    const header = "BT /F1 8 Tf 72 800 Td (Page 1 of 9) Tj ET";
    const out = mark(`${tagged}\n${header}\n`)!;
    expect(out).toBe(`${tagged}\nBT /F1 8 Tf 72 800 Td /Artifact BMC\n(Page 1 of 9) Tj\nEMC\n ET\n`);
    expect(out.startsWith(tagged)).toBe(true);
  });

  it("starts an artifact before the path it paints, never inside a path object, and ends it where tagged content begins", () => {
    const out = mark("q 0 0 1 rg 10 10 100 2 re f Q /Figure <</MCID 1>> BDC q /X1 Do Q EMC 0 0 m 5 5 l S")!;
    expect(out).toBe("q 0 0 1 rg /Artifact BMC\n10 10 100 2 re f Q\nEMC\n /Figure <</MCID 1>> BDC q /X1 Do Q EMC /Artifact BMC\n0 0 m 5 5 l S\nEMC\n");
  });

  it("wraps a decorative picture (a logo with an empty alt, drawn with Do) and keeps text objects and marked content nested", () => {
    const out = mark("BT (a) Tj /Span <</MCID 2>> BDC (b) Tj EMC (c) Tj ET q /Im1 Do Q")!;
    expect(out).toBe("BT /Artifact BMC\n(a) Tj\nEMC\n /Span <</MCID 2>> BDC (b) Tj EMC /Artifact BMC\n(c) Tj\nEMC\n ET q /Artifact BMC\n/Im1 Do Q\nEMC\n");
    // Each BMC/BDC has its EMC, and none crosses BT or ET.
    let depth = 0;
    let textDepth: number | undefined;
    for (const op of contentOperators(bytes(out))) {
      if (op.name === "BDC" || op.name === "BMC") depth++;
      if (op.name === "EMC") depth--;
      if (op.name === "BT") textDepth = depth;
      if (op.name === "ET") expect(depth).toBe(textDepth);
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it("changes nothing when all painting is tagged, or a clip is set without painting", () => {
    expect(mark("/P <</MCID 0>> BDC BT (x) Tj ET EMC q 0 0 10 10 re W n Q")).toBeUndefined();
    // Nested marked content: depth counted, not the last tag alone.
    expect(mark("/Div <</MCID 0>> BDC /Span BMC (x) Tj EMC 0 0 m 1 1 l S EMC")).toBeUndefined();
  });
});

describe("markPageArtifacts", () => {
  it("rewrites each page's content streams in place as one, and a second pass finds nothing left to mark", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const part = (text: string) => doc.context.register(PDFRawStream.of(doc.context.obj({ Filter: "FlateDecode" }), deflateSync(bytes(text))));
    const first = part("/P <</MCID 0>> BDC BT (Body) Tj ET EMC");
    page.node.set(PDFName.of("Contents"), doc.context.obj([first, part("BT (Page 1) Tj ET")]));
    expect(await markPageArtifacts(doc)).toBe(1);
    const contents = page.node.get(PDFName.of("Contents"));
    expect(contents).toBe(first);
    const text = Buffer.from(decodePDFRawStream(doc.context.lookup(contents as PDFRef) as PDFRawStream).decode()).toString("latin1");
    expect(text).toBe("/P <</MCID 0>> BDC BT (Body) Tj ET EMC\nBT /Artifact BMC\n(Page 1) Tj\nEMC\n ET\n");
    expect(await markPageArtifacts(doc)).toBe(0);
  });

  it("reads a stream with decode parameters through pdf-lib's filters, and an uncompressed one as it is", async () => {
    const doc = await PDFDocument.create();
    const first = doc.addPage([200, 200]);
    const second = doc.addPage([200, 200]);
    const withParms = doc.context.register(PDFRawStream.of(doc.context.obj({ Filter: "FlateDecode", DecodeParms: { Predictor: 1 } }), deflateSync(bytes("BT (One) Tj ET"))));
    const plain = doc.context.register(PDFRawStream.of(doc.context.obj({}), bytes("BT (Two) Tj ET")));
    first.node.set(PDFName.of("Contents"), withParms);
    second.node.set(PDFName.of("Contents"), plain);
    expect(await markPageArtifacts(doc)).toBe(2);
    const text = (ref: PDFRef) => Buffer.from(decodePDFRawStream(doc.context.lookup(ref) as PDFRawStream).decode()).toString("latin1");
    expect(text(withParms)).toBe("BT /Artifact BMC\n(One) Tj\nEMC\n ET");
    expect(text(plain)).toBe("BT /Artifact BMC\n(Two) Tj\nEMC\n ET");
  });
});

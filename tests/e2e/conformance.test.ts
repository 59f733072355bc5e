/**
 * PDF/UA-1 and PDF/A-2u, as far as a machine can check them without veraPDF: every sample
 * report and a generated year of 60 events meet each condition of tests/helpers/conformance.ts,
 * and each condition, broken in the 2017 report, is caught.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFArray, PDFBool, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFString, decodePDFRawStream, type PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateData } from "../../bench/generate.ts";
import { runCli } from "../helpers/cli.ts";
import { CHECKS, parse, type Parsed } from "../../src/pdf/checks/conformance.ts";
import { cleanUp, tempDir } from "../helpers/data.ts";
import { builtSite } from "../helpers/sites.ts";

afterAll(cleanUp);

const { dir } = builtSite("sample");
const pdfOf = (root: string, year: number) => path.join(root, String(year), `budapest-process-activity-report-${year}.pdf`);

describe("every sample report", () => {
  const reports: [number, Parsed][] = [];
  beforeAll(async () => {
    for (const year of [2016, 2017, 2018, 2019]) reports.push([year, await parse(await readFile(pdfOf(dir, year)))]);
  });
  it.each(CHECKS.map((check) => [check.id, check.condition, check] as const))("meets %s: %s", async (_id, _condition, check) => {
    for (const [year, report] of reports) expect(await check.run(report), String(year)).toEqual([]);
  });
});

describe("a generated year of 60 events", () => {
  it("meets every condition", async () => {
    const { dir: data } = await generateData(path.join(await tempDir(), "data"), { events: 60, years: 1, seed: 3 });
    const output = path.join(await tempDir(), "site");
    const run = await runCli(["build", "--data", data, "--output", output, "--year", "2025"]);
    expect(run.code, run.stderr).toBe(0);
    const report = await parse(await readFile(pdfOf(output, 2025)));
    const problems: string[] = [];
    for (const check of CHECKS) for (const p of await check.run(report)) problems.push(`${check.id}: ${p}`);
    expect(problems).toEqual([]);
  }, 240_000);
});

const XMP = (doc: PDFDocument) => doc.catalog.lookup(PDFName.of("Metadata")) as PDFRawStream;
const xmpText = (doc: PDFDocument) => Buffer.from(decodePDFRawStream(XMP(doc)).decode()).toString("utf8");
function setXmp(doc: PDFDocument, text: string, compress = false): void {
  const bytes = Buffer.from(text, "utf8");
  const stream = compress ? doc.context.flateStream(bytes, { Type: "Metadata", Subtype: "XML" }) : doc.context.stream(bytes, { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
}
const elements = (doc: PDFDocument, role: string): PDFDict[] => {
  const out: PDFDict[] = [];
  const visit = (node: PDFDict) => {
    const kids = node.get(PDFName.of("K"));
    const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
    for (const kid of list) {
      const value = doc.context.lookup(kid);
      if (value instanceof PDFDict && value.get(PDFName.of("S"))) {
        if (value.get(PDFName.of("S"))!.toString() === `/${role}`) out.push(value);
        visit(value);
      }
    }
  };
  visit(doc.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict));
  return out;
};
const links = (doc: PDFDocument): PDFDict[] => doc.getPages().flatMap((page) => (page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? []).map((ref) => doc.context.lookup(ref) as PDFDict));
const fontsWith = (doc: PDFDocument, key: string): PDFDict[] => doc.context.enumerateIndirectObjects().flatMap(([, object]) => (object instanceof PDFDict && object.get(PDFName.of(key)) ? [object] : []));

/** One way to break each condition, by the check's id. */
const BREAK: Readonly<Record<string, (doc: PDFDocument) => void>> = {
  "Matterhorn 01-005": (doc) => {
    const page = doc.getPages()[3]!;
    const contents = page.node.get(PDFName.of("Contents"))!;
    const extra = doc.context.register(doc.context.flateStream(Buffer.from("0 0 m 100 100 l S")));
    page.node.set(PDFName.of("Contents"), PDFArray.withContext(doc.context));
    page.node.lookup(PDFName.of("Contents"), PDFArray).push(contents);
    page.node.lookup(PDFName.of("Contents"), PDFArray).push(extra);
  },
  "Matterhorn 01-006": (doc) => void doc.catalog.delete(PDFName.of("MarkInfo")),
  "Matterhorn 06-001": (doc) => void doc.catalog.delete(PDFName.of("Metadata")),
  "Matterhorn 06-002": (doc) => setXmp(doc, xmpText(doc).replace("<pdfuaid:part>1</pdfuaid:part>", "<pdfuaid:part>2</pdfuaid:part>")),
  "Matterhorn 06-003": (doc) => setXmp(doc, xmpText(doc).replace(/<dc:title>.*?<\/dc:title>/s, "")),
  "Matterhorn 07-001": (doc) => doc.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).set(PDFName.of("DisplayDocTitle"), PDFBool.False),
  "Matterhorn 11-006": (doc) => void doc.catalog.delete(PDFName.of("Lang")),
  "Matterhorn 13-004": (doc) => void elements(doc, "Figure")[0]!.delete(PDFName.of("Alt")),
  "Matterhorn 14-002 and 14-003": (doc) => elements(doc, "H2")[0]!.set(PDFName.of("S"), PDFName.of("H4")),
  "Matterhorn 15-005": (doc) => {
    // A header cell whose ID changed, as Chromium's did before they were renumbered everywhere.
    const header = elements(doc, "TH").find((th) => th.get(PDFName.of("ID")))!;
    header.set(PDFName.of("ID"), PDFString.of("node99999999"));
  },
  "Matterhorn 28-004": (doc) => void links(doc)[0]!.delete(PDFName.of("Contents")),
  "Matterhorn 28-011": (doc) => void links(doc)[0]!.delete(PDFName.of("StructParent")),
  "Matterhorn 31-001 and PDF/A-2 6.2.11.4": (doc) => void fontsWith(doc, "FontFile2")[0]!.delete(PDFName.of("FontFile2")),
  "PDF/A-2 6.2.11.8": (doc) => {
    // One character of a page's text drawn with glyph 0, as a font that lacks it would draw it.
    const page = doc.getPages()[2]!;
    const contents = doc.context.lookup(page.node.get(PDFName.of("Contents")));
    const stream = (contents instanceof PDFArray ? doc.context.lookup(contents.get(0)) : contents) as PDFRawStream;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    expect(text).toMatch(/<[0-9A-F]{4}> Tj/);
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(Buffer.from(text.replace(/<[0-9A-F]{4}> Tj/, "<0000> Tj"), "latin1"))));
  },
  "PDF/A-2 6.2.11.7": (doc) => void fontsWith(doc, "ToUnicode")[0]!.delete(PDFName.of("ToUnicode")),
  "PDF/A-2 6.2.11.7.2 and 6.2.11.7.3": (doc) => {
    // A font's glyphs mapped to U+0000, as Chromium maps a glyph that its font's character map does not reach.
    const font = fontsWith(doc, "ToUnicode")[0]!;
    const map = Buffer.from(decodePDFRawStream(doc.context.lookup(font.get(PDFName.of("ToUnicode"))) as PDFRawStream).decode()).toString("latin1");
    expect(map).toMatch(/<[0-9A-F]{4}> <[0-9A-F]{4}>/);
    font.set(PDFName.of("ToUnicode"), doc.context.register(doc.context.flateStream(Buffer.from(map.replace(/(<[0-9A-F]{4}> )<[0-9A-F]{4}>/g, "$1<0000>"), "latin1"))));
  },
  "PDF/A-2 6.1.3": (doc) => void (doc.context.trailerInfo.ID = undefined),
  "PDF/A-2 6.2.3": (doc) => void doc.catalog.delete(PDFName.of("OutputIntents")),
  "PDF/A-2 6.6.2.1 and 6.6.4": (doc) => setXmp(doc, xmpText(doc), true),
  "PDF/A-2 6.6.2.3": (doc) => setXmp(doc, xmpText(doc).replace(/<rdf:Description rdf:about="" xmlns:pdfaExtension=.*?<\/rdf:Description>/s, "")),
  "PDF/A-2 6.6.3": (doc) => doc.setTitle("Another title"),
  "PDF/A-2 6.3.2": (doc) => links(doc)[0]!.set(PDFName.of("F"), PDFNumber.of(0)),
  "PDF/A-2 6.6.1 and 6.2.2": (doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") })),
};

describe("each condition, broken in the 2017 report", () => {
  it("has a way to be broken here", () => {
    expect(Object.keys(BREAK).sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))("is caught: %s", async (id, check) => {
    const original = await readFile(pdfOf(dir, 2017));
    const broken = await parse(original);
    BREAK[id]!(broken.doc);
    const bytes = await broken.doc.save({ useObjectStreams: false });
    expect(await check.run(await parse(bytes))).not.toEqual([]);
    // The same check passes on the unbroken file: the failure is the breaking's.
    expect(await check.run(await parse(original))).toEqual([]);
  });
});

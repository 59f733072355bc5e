/** The printed PDF's document information: every field from the data, and no date that the data does not give. */
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFString, ReadingDirection, type PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { conformanceProblems } from "../../../src/pdf/checks/conformance.ts";
import { finishPdf, type PdfMetadata } from "../../../src/pdf/metadata.ts";
import { xmpProperties } from "../../helpers/pdf.ts";

const METADATA: PdfMetadata = {
  title: "Budapest Process: Annual Activity Report 2019",
  author: "Budapest Process Secretariat",
  subject: "The activities of the Budapest Process in 2019",
  keywords: ["Budapest Process", "migration"],
  creator: "Budapest Process Secretariat with activity-report",
};

/** A one-page PDF dated by the clock, as Chromium prints one, in `lang` (Chromium's /Lang, from the page's). */
async function printed(lang?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (lang !== undefined) doc.catalog.set(PDFName.of("Lang"), PDFString.of(lang));
  doc.addPage([595, 842]);
  doc.setCreationDate(new Date("2031-05-06T07:08:09Z"));
  doc.setModificationDate(new Date("2031-05-06T07:08:09Z"));
  return doc.save();
}

/** The dates of the document information, as written, and the XMP packet's properties. */
async function metadataOf(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const info = Object.fromEntries(["CreationDate", "ModDate"].map((key) => [key, dict.get(PDFName.of(key))?.toString()]));
  const packet = Buffer.from(decodePDFRawStream(doc.catalog.lookup(PDFName.of("Metadata")) as PDFRawStream).decode()).toString("utf8");
  return { info, xmp: xmpProperties(packet) };
}

describe("finishPdf", () => {
  it("dates the document with the publication date, in its information and its XMP alike", async () => {
    const { pdf } = await finishPdf(await printed(), { ...METADATA, date: "2019-10-01", identifier: "BP/SOM/2019/1" });
    const { info, xmp } = await metadataOf(pdf);
    expect(info).toEqual({ CreationDate: "(D:20191001000000Z)", ModDate: "(D:20191001000000Z)" });
    expect([xmp["xmp:CreateDate"], xmp["xmp:ModifyDate"], xmp["dc:identifier"]]).toEqual(["2019-10-01T00:00:00Z", "2019-10-01T00:00:00Z", "BP/SOM/2019/1"]);
    expect((await conformanceProblems(pdf)).filter((p) => p.startsWith("PDF/A-2 6.6.3"))).toEqual([]);
  });

  it("without one, keeps no date at all: not the printer's clock, nor one made up", async () => {
    const first = await finishPdf(await printed(), METADATA);
    const { info, xmp } = await metadataOf(first.pdf);
    expect(info).toEqual({ CreationDate: undefined, ModDate: undefined });
    expect(Object.keys(xmp).filter((k) => /Date$/.test(k) || k === "dc:identifier")).toEqual([]);
    expect((await conformanceProblems(first.pdf)).filter((p) => p.startsWith("PDF/A-2 6.6.3"))).toEqual([]);
    // The same data gives the same bytes.
    expect(Buffer.from((await finishPdf(await printed(), METADATA)).pdf).equals(Buffer.from(first.pdf))).toBe(true);
  });

  it("has a document in a language written right to left read from right to left, and the others as viewers do by default", async () => {
    const direction = async (lang?: string) => (await PDFDocument.load((await finishPdf(await printed(lang), METADATA)).pdf)).catalog.getViewerPreferences()?.getReadingDirection();
    expect(await direction("ar")).toBe(ReadingDirection.R2L);
    expect(await direction("fa-IR")).toBe(ReadingDirection.R2L);
    for (const lang of ["en", "ru", undefined, "not a tag"]) expect(await direction(lang), String(lang)).toBe(ReadingDirection.L2R);
  });
});

/**
 * The last touches to a printed PDF. Chromium writes the title and language
 * but not author, subject or keywords, and dates it with the clock: here every
 * field comes from the data, so the same data gives the same bytes. The
 * bookmarks are added here too (see outline.ts), page furniture is marked as
 * artifacts (artifacts.ts), each glyph mapped to the text it stands for (glyph-text.ts), the structure tree corrected and its ids
 * renumbered (structure.ts), each
 * link described (links.ts), and
 * the XMP metadata, output intent and file identifier of PDF/A written
 * (standards.ts).
 */
import { ParseSpeeds, PDFDict, PDFDocument, PDFName, ReadingDirection } from "pdf-lib";
import { textDirection } from "../format/direction.ts";
import { isLanguageTag } from "../format/locale.ts";
import { markUntaggedAsArtifacts, rewritePages } from "./artifacts.ts";
import { describeLinks, type LinkWords } from "./links.ts";
import { mapGlyphsToText, plainClusters } from "./glyph-text.ts";
import { addOutline, type OutlineEntry } from "./outline.ts";
import { softHyphenText } from "./soft-hyphens.ts";
import { addArchivalMetadata, documentLanguage, reserveFileIdentifier, srgbIccProfile, withFileIdentifier } from "./standards.ts";
import { regroupFigures, renumberStructureIds } from "./structure.ts";

export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /**
   * `YYYY-MM-DD`: the publication date, for the creation and modification dates.
   * Without it the PDF carries no date at all (not the printer's clock, nor one made
   * up): the data names none, and a build must give the same bytes each time.
   */
  readonly date?: string;
  /** The report's document symbol (`BP/SOM/2019/1`), its XMP dc:identifier. */
  readonly identifier?: string;
  readonly creator: string;
  /** The words of the links' descriptions, in the report's language (English by default). */
  readonly linkWords?: LinkWords;
}

export interface FinishedPdf {
  readonly pdf: Uint8Array;
  /** Of the time finishing took, the part spent on what PDF/UA and PDF/A ask (artifacts, structure, links, XMP, output intent, identifier), in ms: the bench reports it. */
  readonly standardsMs: number;
}

export async function finishPdf(
  pdf: Uint8Array,
  metadata: PdfMetadata,
  outline: readonly OutlineEntry[] = [],
  links: ReadonlyMap<string, string> = new Map(),
): Promise<FinishedPdf> {
  let standardsMs = 0;
  const timed = async <T>(step: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await step();
    } finally {
      standardsMs += performance.now() - started;
    }
  };
  // pdf-lib yields to the event loop every hundred objects unless told otherwise: ten times slower here.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  addOutline(doc, outline);
  await timed(async () => {
    // Each glyph mapped to the text it stands for (glyph-text.ts); then one pass over each page: its furniture
    // marked as artifacts, its soft hyphens' text set, and the spans of right-to-left text that one glyph now spells taken out.
    const { fonts } = mapGlyphsToText(doc);
    await rewritePages(doc, (content, index) => {
      const marked = markUntaggedAsArtifacts(content);
      const hyphens = softHyphenText(marked ?? content) ?? marked;
      return plainClusters(doc, fonts, index, hyphens ?? content) ?? hyphens;
    });
    regroupFigures(doc);
    renumberStructureIds(doc);
    describeLinks(doc, links, metadata.linkWords);
  });
  const date = metadata.date === undefined ? undefined : new Date(`${metadata.date}T00:00:00Z`);
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  // A document in a language written right to left is read, and its pages shown side by side, from right to left.
  const lang = documentLanguage(doc);
  if (lang !== undefined && isLanguageTag(lang) && textDirection(lang) === "rtl") doc.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords([metadata.keywords.join(", ")]);
  doc.setCreator(metadata.creator);
  if (date) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  } else {
    // Chromium dates the file with its clock; PDF/A-2 asks XMP to repeat a date that Info carries, so neither carries one.
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    info.delete(PDFName.of("CreationDate"));
    info.delete(PDFName.of("ModDate"));
  }
  // Chromium's own name for itself (Skia/PDF and its version) stays the producer, in the XMP packet too.
  const producer = doc.getProducer() ?? "Skia/PDF";
  doc.setProducer(producer);
  const fields = { title: metadata.title, author: metadata.author, subject: metadata.subject, keywords: metadata.keywords.join(", "), creator: metadata.creator, producer };
  const icc = await srgbIccProfile();
  await timed(() => {
    addArchivalMetadata(doc, { ...fields, ...(date ? { date: date.toISOString().replace(".000Z", "Z") } : {}), ...(metadata.identifier ? { identifier: metadata.identifier } : {}), language: documentLanguage(doc) ?? "en" }, icc);
    reserveFileIdentifier(doc);
  });
  const saved = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { pdf: await timed(() => withFileIdentifier(saved)), standardsMs };
}

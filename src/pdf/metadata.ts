/**
 * The document information of a printed PDF. Chromium writes the title and
 * language but not author, subject or keywords, and dates it with the clock;
 * here every field comes from the data, so the same data gives the same bytes.
 */
import { PDFDocument } from "pdf-lib";

export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** `YYYY-MM-DD`: the publication date, for the creation and modification dates. */
  readonly date: string;
  readonly creator: string;
}

export async function withMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = new Date(`${metadata.date}T00:00:00Z`);
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords([metadata.keywords.join(", ")]);
  doc.setCreator(metadata.creator);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

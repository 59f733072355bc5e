/**
 * Released reports and their corrections. A final report that went out is a record: the edition's
 * `releases` (written by `check --release --record`) say when, in each language it went out in, with a
 * fingerprint of that PDF's text, and a copy of each released PDF is kept in the data folder
 * (src/data/attachments/releases.ts), published at a dated address beside the language's current PDF. A later text
 * differs from the language's last release only with a corrigendum dated after it (`check --release` says
 * so). The corrigenda are the report's, in every language: each language prints them, in its words.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { DataSet } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import { keptPdfPath, releaseLanguage } from "../data/attachments/releases.ts";
import { runningText } from "../format/hyphens.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import type { Edition } from "../data/contract/schema.ts";
import type { SiteModel } from "./model.ts";

type Release = NonNullable<Edition["releases"]>[number];
type Corrigendum = NonNullable<Edition["corrigenda"]>[number];

/**
 * The published name of a release's PDF, by its date: the name of the language's PDF with the day before `.pdf`,
 * `budapest-process-activity-report-2018-2019-03-01.pdf`, `budapest-process-activity-report-2018-ru-2019-03-01.pdf`.
 */
export function versionedPdfName(pdfName: string, release: Pick<Release, "date">): string {
  return `${pdfName.replace(/\.pdf$/, "")}-${release.date.iso}.pdf`;
}

/** The releases of an edition's PDF in `lang` (English by default), oldest first. */
export function releasesIn(edition: Pick<Edition, "releases"> | undefined, lang: string = SOURCE_LANGUAGE): Release[] {
  return (edition?.releases ?? []).filter((release) => releaseLanguage(release) === lang);
}

/** The last release of an edition's PDF in `lang` (English by default), if it went out. */
export function lastRelease(edition: Pick<Edition, "releases"> | undefined, lang: string = SOURCE_LANGUAGE): Release | undefined {
  return releasesIn(edition, lang).at(-1);
}

/** Whether a corrigendum is of a later day than a release: it names a change made after that release. */
function correctsAfter(corrigendum: Corrigendum, release: Release): boolean {
  return corrigendum.date.first > release.date.last;
}

/** The corrigenda of changes made after the last release in `lang`: those that allow its text to differ. */
export function newCorrigenda(edition: Pick<Edition, "releases" | "corrigenda"> | undefined, lang: string = SOURCE_LANGUAGE): Corrigendum[] {
  const last = lastRelease(edition, lang);
  return last ? (edition?.corrigenda ?? []).filter((c) => correctsAfter(c, last)) : [];
}

/** The releases in `lang` that a later corrigendum supersedes: the report's earlier versions in that language, oldest first. */
export function supersededReleases(edition: Pick<Edition, "releases" | "corrigenda"> | undefined, lang: string = SOURCE_LANGUAGE): Release[] {
  const corrigenda = edition?.corrigenda ?? [];
  return releasesIn(edition, lang).filter((release) => corrigenda.some((c) => correctsAfter(c, release)));
}

/** The text of a PDF, page by page, each page's lines: what its readers read and cite. */
export type PdfText = readonly (readonly string[])[];

/**
 * A fingerprint of a PDF's words, in order: the same words give the same fingerprint however the bytes differ, and
 * however they fall into lines and pages (a font's metrics may move a line break; the page numbers that the contents
 * and the footers print still tell a moved page). A word hyphenated at a line's end is read whole.
 */
export function textFingerprint(pages: PdfText): string {
  const words = runningText(pages.flat());
  return createHash("sha256").update(words).digest("base64url");
}

/** Where two texts differ: the lines of `before` that went and those of `after` that came, with the page of each. */
export interface TextChange {
  readonly removed: readonly { readonly page: number; readonly line: string }[];
  readonly added: readonly { readonly page: number; readonly line: string }[];
}

/**
 * The lines that differ between two texts, after their common beginning and end: a sentence changed
 * reads as its old line and its new one (and the lines it reflowed). Empty lists: the same lines.
 */
export function textChange(before: PdfText, after: PdfText): TextChange {
  const flat = (pages: PdfText) => pages.flatMap((lines, i) => lines.map((line) => ({ page: i + 1, line: line.replace(/\s+/g, " ").trim() }))).filter((l) => l.line !== "");
  const a = flat(before);
  const b = flat(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.line === b[start]!.line) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end]!.line === b[b.length - 1 - end]!.line) end++;
  return { removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}

/** A change told in a few words: `page 7: "…" became "…"`, at most `max` lines of each side. */
export function describeTextChange(change: TextChange, max = 3): string {
  const quote = (lines: TextChange["removed"]) => {
    // A word hyphenated at a line's end is quoted with the hyphen that the page prints there.
    const shown = lines.slice(0, max).map((l) => `"${l.line.replace(/\u00ad$/, "-")}"`).join(", ");
    return lines.length > max ? `${shown} and ${lines.length - max} more lines` : shown;
  };
  const page = (change.removed[0] ?? change.added[0])?.page;
  if (page === undefined) return "the same text";
  const where = `page ${page}`;
  if (change.removed.length === 0) return `${where}: added ${quote(change.added)}`;
  if (change.added.length === 0) return `${where}: removed ${quote(change.removed)}`;
  return `${where}: ${quote(change.removed)} became ${quote(change.added)}`;
}

/**
 * Every released PDF that the data folder keeps, with the path it is published at: beside the report's PDF in its
 * language (`2018/…`, `ru/2018/…`), under its release's date. `sites` are the models of the languages built.
 */
export function releasedPdfs(data: Pick<DataSet, "dir" | "report">, sites: readonly Pick<SiteModel, "lang" | "reports">[]): { path: string; file: string }[] {
  return sites.flatMap((site) => site.reports.flatMap((report) => releasesIn(entryOf(data.report.editions, String(report.year)), site.lang).map((release) => ({
    path: `${report.url.replace(/^\//, "")}${versionedPdfName(report.pdfName, release)}`,
    file: path.join(data.dir, keptPdfPath(report.year, release.date.iso, site.lang)),
  }))));
}

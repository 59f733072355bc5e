/**
 * The released PDFs that the data folder keeps: each release of an edition (its `releases`, written by
 * `check --release --record`) has a copy of the PDF that went out, so that the report's earlier versions stay
 * published after a correction, and versioned with the data. An edition published in further languages is
 * released in each of them: a release names its language (none: English), and its PDF is kept under the
 * language's folder, as the site publishes that language under `/<lang>/`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { SOURCE_LANGUAGE } from "../../format/locale.ts";
import type { Diagnostic } from "../diagnostics.ts";
import type { WrittenMapping } from "../read.ts";
import { languageName, type Edition, type ReportFile } from "../contract/schema.ts";

/** Where the released PDFs are kept, in the data folder. */
export const RELEASES_DIR = "releases";

type Editions = Readonly<Record<string, Partial<Edition>>>;
type Release = NonNullable<Edition["releases"]>[number];

/** The language a release is of: its own, or English, which a release names by naming none. */
export const releaseLanguage = (release: Pick<Release, "language">): string => release.language ?? SOURCE_LANGUAGE;

/**
 * Where the PDF released on `date` (YYYY-MM-DD) is kept, relative to the data folder, with `/`: English's
 * `releases/2018/2019-03-01.pdf`, another language's under its code, `releases/ru/2018/2019-03-01.pdf`.
 */
export function keptPdfPath(year: number | string, date: string, lang: string = SOURCE_LANGUAGE): string {
  return lang === SOURCE_LANGUAGE ? `${RELEASES_DIR}/${year}/${date}.pdf` : `${RELEASES_DIR}/${lang}/${year}/${date}.pdf`;
}

/** An error for each release whose PDF the data folder does not keep: without it, that version could not stay published. */
export function missingReleasedPdfs(report: WrittenMapping<ReportFile>, editions: Editions | undefined, dir: string): Diagnostic[] {
  if (!report.source) return [];
  return Object.entries(editions ?? {}).flatMap(([year, edition]) => (edition.releases ?? []).flatMap((release, i) => {
    const lang = releaseLanguage(release);
    const kept = keptPdfPath(year, release.date.iso, lang);
    if (existsSync(path.join(dir, kept))) return [];
    const which = lang === SOURCE_LANGUAGE ? "the PDF" : `the ${languageName(lang) ?? lang} PDF`;
    return [report.source!.diagnostic(["editions", year, "releases", i, "date"], `${which} released on ${release.date.iso} is not kept at ${kept}: put the PDF that went out there (from the published site or the data's history), so that it stays published`)];
  }));
}

/**
 * An error for each release in a language that its edition does not name (any longer) under `languages`: the
 * report's pages and PDFs in that language, its released PDFs among them, would no longer be published.
 */
export function releaseLanguageProblems(report: WrittenMapping<ReportFile>, editions: Editions | undefined): Diagnostic[] {
  if (!report.source) return [];
  return Object.entries(editions ?? {}).flatMap(([year, edition]) => (edition.releases ?? []).flatMap((release, i) => {
    const lang = release.language;
    if (lang === undefined || edition.languages?.[lang] !== undefined) return [];
    const at = ["editions", year, "releases", i, "language"];
    if (lang === SOURCE_LANGUAGE) return [report.source!.diagnostic(at, `a release in English names no language: remove language: ${lang}`)];
    const name = languageName(lang) ?? lang;
    return [report.source!.diagnostic(at, `the report of ${year} was released in ${name} on ${release.date.iso}, and its edition does not name ${lang} under languages: a released report stays published in each language it went out in; write ${lang}: final under languages`)];
  }));
}

/** A release to add to an edition of report.yaml: of its English PDF, or of its PDF in `language`. */
export interface NewRelease {
  readonly year: number;
  readonly date: string;
  readonly language?: string;
  readonly text: string;
}

/**
 * report.yaml's text with each release added at the end of its edition's `releases` (made when missing), and
 * nothing else changed: the editors' comments, quotes and line breaks stay as written. Undefined when the text
 * has no such edition as a block mapping.
 */
export function withReleases(written: string, releases: readonly NewRelease[]): string | undefined {
  const text = written.endsWith("\n") || written === "" ? written : `${written}\n`;
  const doc = parseDocument(text);
  const editions = doc.get("editions", true);
  if (!isMap(editions)) return undefined;
  const columnOf = (offset: number) => offset - (text.lastIndexOf("\n", offset - 1) + 1);
  const lineAfter = (end: number) => {
    const newline = text.indexOf("\n", end - 1);
    return newline === -1 ? text.length : newline + 1;
  };
  // One insertion per edition, its releases in the order given: English's and its languages' of the same day together.
  const byYear = new Map<string, NewRelease[]>();
  for (const release of releases) byYear.set(String(release.year), [...(byYear.get(String(release.year)) ?? []), release]);
  const inserts: { at: number; lines: string }[] = [];
  for (const [year, added] of byYear) {
    const edition = editions.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === year)?.value;
    if (!isMap(edition) || edition.flow || !edition.range || edition.items.length === 0) return undefined;
    const entries = (indent: string) => added.map((release) => [
      `${indent}- date: ${release.date}\n`,
      release.language === undefined || release.language === SOURCE_LANGUAGE ? "" : `${indent}  language: ${release.language}\n`,
      `${indent}  text: ${release.text}\n`,
    ].join("")).join("");
    const list = edition.get("releases", true);
    if (isSeq(list) && !list.flow && list.range && list.items.length > 0) {
      inserts.push({ at: lineAfter(list.range[1]), lines: entries(" ".repeat(columnOf(list.range[0]))) });
    } else if (list === undefined) {
      const indent = " ".repeat(columnOf((edition.items[0]!.key as { range: [number, number, number] }).range[0]));
      inserts.push({ at: lineAfter(edition.range[1]), lines: `${indent}releases:\n${entries(`${indent}  `)}` });
    } else return undefined;
  }
  let out = text;
  for (const { at, lines } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + lines + out.slice(at);
  return out;
}

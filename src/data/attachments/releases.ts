/**
 * The released PDFs that the data folder keeps: each release of an edition (its `releases`, written by
 * `activity-report release`) has a copy of the PDF that went out, under releases/<year>/<date>.pdf, so
 * that the report's earlier versions stay published after a correction, and versioned with the data.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics.ts";
import type { WrittenMapping } from "../read.ts";
import type { Edition, ReportFile } from "../contract/schema.ts";

/** Where the released PDFs are kept, in the data folder. */
export const RELEASES_DIR = "releases";

type Editions = Readonly<Record<string, Partial<Edition>>>;

/** Where the PDF released on `date` (YYYY-MM-DD) is kept, relative to the data folder, with `/`: `releases/2018/2019-03-01.pdf`. */
export function keptPdfPath(year: number | string, date: string): string {
  return `${RELEASES_DIR}/${year}/${date}.pdf`;
}

/** An error for each release whose PDF the data folder does not keep: without it, that version could not stay published. */
export function missingReleasedPdfs(report: WrittenMapping<ReportFile>, editions: Editions | undefined, dir: string): Diagnostic[] {
  if (!report.source) return [];
  return Object.entries(editions ?? {}).flatMap(([year, edition]) => (edition.releases ?? []).flatMap((release, i) => {
    const kept = keptPdfPath(year, release.date.iso);
    if (existsSync(path.join(dir, kept))) return [];
    return [report.source!.diagnostic(["editions", year, "releases", i, "date"], `the PDF released on ${release.date.iso} is not kept at ${kept}: put the PDF that went out there (from the published site or the data's history), so that it stays published`)];
  }));
}

/** A release to add to an edition of report.yaml. */
export interface NewRelease {
  readonly year: number;
  readonly date: string;
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
  const inserts: { at: number; lines: string }[] = [];
  for (const release of releases) {
    const edition = editions.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(release.year))?.value;
    if (!isMap(edition) || edition.flow || !edition.range || edition.items.length === 0) return undefined;
    const entry = (indent: string) => `${indent}- date: ${release.date}\n${indent}  text: ${release.text}\n`;
    const list = edition.get("releases", true);
    if (isSeq(list) && !list.flow && list.range && list.items.length > 0) {
      inserts.push({ at: lineAfter(list.range[1]), lines: entry(" ".repeat(columnOf(list.range[0]))) });
    } else if (list === undefined) {
      const indent = " ".repeat(columnOf((edition.items[0]!.key as { range: [number, number, number] }).range[0]));
      inserts.push({ at: lineAfter(edition.range[1]), lines: `${indent}releases:\n${entry(`${indent}  `)}` });
    } else return undefined;
  }
  let out = text;
  for (const { at, lines } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + lines + out.slice(at);
  return out;
}

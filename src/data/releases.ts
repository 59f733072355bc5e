/**
 * The released PDFs that the data folder keeps: each release of an edition (its `releases`, written by
 * `activity-report release`) has a copy of the PDF that went out, under releases/<year>/<date>.pdf, so
 * that the report's earlier versions stay published after a correction, and versioned with the data.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostics.ts";
import type { WrittenMapping } from "./read.ts";
import type { Edition, ReportFile } from "./schema.ts";

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

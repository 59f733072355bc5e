/**
 * Whether reports are fit to go out (`check --release`): the decision alone, from facts gathered
 * elsewhere (src/release.ts reads the data, the output folder and its PDFs), and which releases to record. Each reason is an
 * error placed where it is fixed: the edition's line in report.yaml, the warning's own place, or
 * the PDF's file. A reason of a new kind is one more list of diagnostics in `ReleaseFacts`.
 */
import { READER_WARNINGS, type Diagnostic } from "../data/diagnostics.ts";
import type { NewRelease } from "../data/attachments/releases.ts";
import type { Edition } from "../data/contract/schema.ts";
import { languageLabel } from "../data/languages/translations.ts";
import { listSeparator } from "../format/text.ts";

type EditionStatus = Edition["status"];

/** A place in a file, as diagnostics give it. */
export type Place = Pick<Diagnostic, "file" | "line" | "col">;

/** What the release check found of one report's PDF in the output folder. */
export type PdfFacts = { readonly year: number; readonly file: string; /** A further language's PDF: its name in English (`Russian`). */ readonly language?: string } & (
  | { readonly state: "missing" }
  /** The output's build was made from other data than the data folder holds now. */
  | { readonly state: "stale" }
  /** The machine checks of PDF/UA-1 and PDF/A-2u that it fails (none: it passes them all). */
  | { readonly state: "checked"; readonly problems: readonly string[] });

export interface ReleaseFacts {
  /** The report years asked for, ascending: each one given, or every final edition. */
  readonly years: readonly number[];
  /** The report years the data has a report for. */
  readonly reports: ReadonlySet<number>;
  /** Each edition's status as written (undefined: final, by default), by year; a year without an edition is absent. */
  readonly statuses: ReadonlyMap<number, EditionStatus>;
  /** Every warning of the data and of the reports built from it (check's own). */
  readonly warnings: readonly Diagnostic[];
  /** The report that each event file belongs to, by its path: a warning in an event's file concerns its report. */
  readonly eventYears: ReadonlyMap<string, number>;
  /** Where in report.yaml a path of it is written (`["editions", 2019, "status"]`), and where the data folder and output folder are. */
  readonly locate: (at: readonly (string | number)[]) => Place;
  readonly dataDir: string;
  readonly outputDir: string;
  /** Whether the output folder holds a build (its marker says `build` wrote it); without one, there are no PDFs to check. */
  readonly built: boolean;
  /** The PDF of each year asked for that has a report, when the output holds a build. */
  readonly pdfs: readonly PdfFacts[];
  /** The released reports whose PDF's text, in English or a further language, differs from that of their last release in it. */
  readonly changes: readonly ReleasedChange[];
  /** The reports released in a further language that their edition now names as a draft: that PDF is no longer checked. */
  readonly unfinished: readonly UnfinishedLanguage[];
}

/** A report released in a further language, whose edition names that language as a draft now. */
export interface UnfinishedLanguage {
  readonly year: number;
  /** The language's code (`ru`) and its name in English (`Russian`). */
  readonly lang: string;
  readonly language: string;
  /** The date of its last release in that language, YYYY-MM-DD. */
  readonly released: string;
}

/** A released report whose PDF's text is no longer that of its last release. */
export interface ReleasedChange {
  readonly year: number;
  /** A further language's PDF: its code (`ru`) and its name in English (`Russian`); neither for English's. */
  readonly lang?: string;
  readonly language?: string;
  /** The date of its last release in its language, YYYY-MM-DD. */
  readonly released: string;
  /** What changed, in a few words (`page 7: "…" became "…"`), when the released PDF could be read. */
  readonly change?: string;
  /** Whether a corrigendum dated after that release names the change. */
  readonly corrected: boolean;
  /** The file that holds the language's texts of report.yaml (`report.ru.yaml`), where the corrigendum's note is translated. */
  readonly translationFile?: string;
}

/** The final editions, ascending: the reports `check --release` checks when given no year. */
export function finalEditions(statuses: ReadonlyMap<number, EditionStatus>): number[] {
  return [...statuses].filter(([, status]) => status !== "draft").map(([year]) => year).sort((a, b) => a - b);
}

const READERS: ReadonlySet<string> = new Set(READER_WARNINGS);

/** The report year a warning concerns: its own, its event's, or none (every report). */
function yearOf(warning: Diagnostic, eventYears: ReadonlyMap<string, number>): number | undefined {
  return warning.about?.year ?? eventYears.get(warning.file);
}

/** Every reason why the reports of `facts.years` are not fit to go out, as errors; none when they are. */
export function releaseReasons(facts: ReleaseFacts): Diagnostic[] {
  const error = (place: Place, message: string): Diagnostic => ({ severity: "error", ...place, message });
  const asked = new Set(facts.years);
  const out: Diagnostic[] = [];
  if (facts.years.length === 0) {
    out.push(error(facts.locate(["editions"]), "there is no final edition to release: report.yaml has no edition without status: draft"));
  }
  for (const year of facts.years) {
    if (!facts.reports.has(year)) {
      out.push(error({ file: facts.dataDir }, `there is no report of ${year} to release: no activity of ${year} was held, and report.yaml has no edition for it`));
    } else if (facts.statuses.get(year) === "draft") {
      out.push(error(facts.locate(["editions", year, "status"]), `the report of ${year} is a draft: write status: final (or remove the line) when it is ready to go out`));
    }
  }
  // The warnings that readers would see, in a report asked for or in every report.
  for (const warning of facts.warnings) {
    if (warning.severity !== "warning" || !warning.about || !READERS.has(warning.about.kind)) continue;
    const year = yearOf(warning, facts.eventYears);
    if (year !== undefined && !asked.has(year)) continue;
    const { about: _about, ...place } = warning;
    out.push({ ...place, severity: "error" });
  }
  if (!facts.built && facts.years.some((year) => facts.reports.has(year))) {
    out.push(error({ file: facts.outputDir }, `holds no build to release: build the site with its PDFs first (activity-report build), then check it`));
  }
  // A released report is a record that governments cite: its words change only with a corrigendum that says so.
  // In every language it went out in: the corrigenda are the report's, each language prints them in its words.
  for (const change of facts.changes) {
    if (!asked.has(change.year) || change.corrected) continue;
    const what = change.change ? ` (${change.change})` : "";
    if (change.lang === undefined) {
      out.push(error(facts.locate(["editions", change.year]), `the report of ${change.year} was released on ${change.released}, and the text of its PDF has changed since${what}: a released report changes only with a correction; name it under corrigenda, dated after ${change.released}, with a note that says what was corrected, or undo the change`));
    } else {
      const translated = change.translationFile ? `, and its ${change.language} in ${change.translationFile}` : "";
      out.push(error(facts.locate(["editions", change.year, "languages", change.lang]), `the report of ${change.year} in ${change.language} was released on ${change.released}, and the text of its ${change.language} PDF has changed since${what}: a released report changes only with a correction; name it under corrigenda, dated after ${change.released}, with a note that says what was corrected${translated}, or undo the change`));
    }
  }
  for (const unfinished of facts.unfinished) {
    if (!asked.has(unfinished.year)) continue;
    out.push(error(facts.locate(["editions", unfinished.year, "languages", unfinished.lang]), `the report of ${unfinished.year} was released in ${unfinished.language} on ${unfinished.released}, and is a draft in ${unfinished.language} now: a released report stays a record in each language it went out in; write ${unfinished.lang}: final, and name what changed under corrigenda`));
  }
  for (const pdf of facts.pdfs) {
    if (!asked.has(pdf.year)) continue;
    const which = pdf.language === undefined ? "the PDF" : `the ${pdf.language} PDF`;
    if (pdf.state === "missing") out.push(error({ file: pdf.file }, `${which} of the report of ${pdf.year} is not in the output: build the site with its PDFs (without --no-pdf)`));
    else if (pdf.state === "stale") out.push(error({ file: pdf.file }, `was built from other data than the data folder holds now: build again, then check`));
    else for (const problem of pdf.problems) out.push(error({ file: pdf.file }, `fails a machine check of PDF/UA-1 and PDF/A-2u: ${problem}`));
  }
  return out;
}

/** A report's PDF, read to record its release: its text's fingerprint, and its last release in its language. */
export interface ReleaseCandidate {
  readonly year: number;
  /** A further language's code (`ru`); none for English's PDF. */
  readonly language?: string;
  readonly fingerprint: string;
  /** Its last release in its language, if it went out: its date (YYYY-MM-DD), its text's fingerprint, and where that release is written. */
  readonly last?: { readonly date: string; readonly text: string; readonly place: Place };
}

/**
 * What `check --release --record` adds on `date` (YYYY-MM-DD): a release of each PDF whose text is not that of its
 * last release in its language (a language final after the report's English release has none yet: its first), by
 * year, English's first, then its languages'. Refused: each PDF released on `date` already with another text; when
 * any is, nothing is recorded.
 */
export function releasesToRecord(candidates: readonly ReleaseCandidate[], date: string): { releases: NewRelease[]; refused: Diagnostic[] } {
  const releases: NewRelease[] = [];
  const refused: Diagnostic[] = [];
  const ordered = [...candidates].sort((a, b) => a.year - b.year || (a.language ?? "").localeCompare(b.language ?? ""));
  for (const { year, language, fingerprint, last } of ordered) {
    if (last?.text === fingerprint) continue;
    if (last?.date === date) {
      const which = language === undefined ? `the report of ${year}` : `the report of ${year} in ${languageLabel(language)}`;
      refused.push({ severity: "error", ...last.place, message: `${which} has a release of ${date} already, with another text: record this one on another day (--date)` });
      continue;
    }
    releases.push({ year, date, ...(language === undefined ? {} : { language }), text: fingerprint });
  }
  return { releases, refused };
}

/**
 * The reports whose releases were recorded, as the command says them: `the reports of 2016, 2017 and 2018`, and with
 * further languages `…, and in Russian those of 2017 and 2018`; a language's alone, `the report of 2018 in Russian`.
 */
export function recordedReports(releases: readonly Pick<NewRelease, "year" | "language">[]): string {
  const years = (lang: string | undefined) => releases.filter((r) => r.language === lang).map((r) => r.year);
  const list = (ys: readonly number[]) => ys.map((y, i) => `${listSeparator(i, ys.length)}${y}`).join("");
  const reports = (ys: readonly number[]) => `the report${ys.length === 1 ? "" : "s"} of ${list(ys)}`;
  const english = years(undefined);
  const parts = english.length > 0 ? [reports(english)] : [];
  for (const lang of [...new Set(releases.flatMap((r) => (r.language === undefined ? [] : [r.language])))].sort()) {
    const ys = years(lang);
    parts.push(parts.length === 0 ? `${reports(ys)} in ${languageLabel(lang)}` : `in ${languageLabel(lang)} ${ys.length === 1 ? "that" : "those"} of ${list(ys)}`);
  }
  return parts.map((part, i) => `${i === 0 ? "" : i === parts.length - 1 ? ", and " : ", "}${part}`).join("");
}

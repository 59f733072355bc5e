/**
 * `check --release`: the facts that decide whether reports are fit to go out, gathered from the
 * data folder and the output folder, and the decision (src/report/release.ts).
 *
 * The PDFs checked are those of the output folder, as `build` wrote them: they are what will be
 * published. Printing them again here would check other files than those that go out, and take
 * as long as the build, whose every PDF already met the same checks before it was written. So the
 * release check comes after the build, and refuses an output built from other data than the data
 * folder holds now (the manifest in the output's marker says from what), a missing PDF, and a
 * PDF that fails the machine checks of PDF/UA-1 and PDF/A-2u.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { sortDiagnostics, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, REFERENCE_FILES, type DataSet } from "./data/load.ts";
import { entryOf } from "./data/lookup.ts";
import { keptPdfPath, withReleases, type NewRelease } from "./data/attachments/releases.ts";
import { translationFileOf } from "./data/languages/texts.ts";
import { SOURCE_LANGUAGE } from "./format/locale.ts";
import { readYamlSource } from "./data/source/yaml-source.ts";
import { OUTPUT_MARKER, markerWriter } from "./output.ts";
import { conformanceProblems } from "./pdf/checks/conformance.ts";
import { readPdfText } from "./pdf/pdf-reading.ts";
import { describeTextChange, lastRelease, newCorrigenda, textChange, textFingerprint } from "./report/corrigenda.ts";
import { manifestOf, readManifest } from "./report/changes.ts";
import { siteWarnings, type SiteModel } from "./report/model.ts";
import { buildModels } from "./report/languages.ts";
import { languageLabel } from "./data/languages/translations.ts";
import {
  finalEditions, releaseReasons, releasesToRecord, type PdfFacts, type Place, type ReleaseCandidate, type ReleasedChange, type UnfinishedLanguage,
} from "./report/release.ts";
import { photoCacheFor, type Settings } from "./settings.ts";
import { ReportError } from "./errors.ts";

/** A release that cannot be recorded as asked; nothing was written. */
class ReleaseRecordError extends ReportError {
  override readonly name = "ReleaseRecordError";
}

export interface ReleaseCheck {
  /** The data's errors, when it has any: nothing else was checked. */
  readonly errors?: readonly Diagnostic[];
  /** Every reason why a report asked for is not fit to go out (errors), then the other warnings. */
  readonly diagnostics: readonly Diagnostic[];
  /** The report years checked, ascending. */
  readonly years: readonly number[];
  /** The PDFs that met every machine check. */
  readonly pdfsPassed: number;
  /** The text of each of those PDFs whose report was released (of each, to record releases), against its last release. */
  readonly texts: readonly PdfText[];
}

/** Where a field of report.yaml is (`at`: its keys and list positions), for the reasons that name it. */
function reportLocator(dataDir: string): (at: readonly (string | number)[]) => Place {
  const reportFile = path.join(dataDir, REFERENCE_FILES.report);
  const { source } = readYamlSource(reportFile);
  return (at) => {
    const { file, line, col } = source ? source.diagnostic(at, "", { part: "key" }) : { file: reportFile, line: undefined, col: undefined };
    return { file, ...(line !== undefined ? { line, col } : {}) };
  };
}

/** The languages that a report of `years` went out in and that its edition names as a draft now: their PDFs would change unchecked. */
function unfinishedLanguages(data: DataSet, years: readonly number[]): UnfinishedLanguage[] {
  return years.flatMap((year) => {
    const edition = entryOf(data.report.editions, String(year));
    if (!edition || edition.status === "draft") return [];
    return Object.entries(edition.languages ?? {}).flatMap(([lang, status]) => {
      const last = lastRelease(edition, lang);
      return status === "draft" && last ? [{ year, lang, language: languageLabel(lang), released: last.date.iso }] : [];
    });
  });
}

/**
 * The reports of `years` (default: every final edition) and their PDFs in `settings.outputDir`, checked for release.
 * The text of a PDF is read when its report was released, or for every PDF with `allTexts` (to record the releases).
 */
export async function checkRelease(settings: Pick<Settings, "dataDir" | "outputDir">, years?: readonly number[], allTexts = false): Promise<ReleaseCheck> {
  const pictureCache = existsSync(path.dirname(path.resolve(settings.outputDir))) ? photoCacheFor(settings.outputDir) : undefined;
  const loaded = await loadData(settings.dataDir, pictureCache ? { pictureCache } : {});
  // The data's problems include the catalogues' of the report's words (loadData).
  if (!loaded.data) {
    const errors = sortDiagnostics(loaded.diagnostics);
    return { errors, diagnostics: errors, years: [], pdfsPassed: 0, texts: [] };
  }
  const data = loaded.data;
  const sites = buildModels(data, settings);
  const site = sites[0]!;
  const warnings = [...loaded.diagnostics, ...siteWarnings(data, site)];
  const statuses = new Map(Object.entries(data.report.editions ?? {}).map(([year, edition]) => [Number(year), edition?.status]));
  const chosen = years ? [...new Set(years)].sort((a, b) => a - b) : finalEditions(statuses);

  const locate = reportLocator(settings.dataDir);

  const marker = await readFile(path.join(settings.outputDir, OUTPUT_MARKER), "utf8").catch(() => undefined);
  const built = marker !== undefined && markerWriter(marker) === "build";
  const manifest = built ? readManifest(marker) : undefined;
  const { reports: digests, languageReports } = manifestOf(data, site, {}, sites);
  const pdfs: PdfFacts[] = [];
  const texts: PdfText[] = [];
  const editionOf = (year: number) => entryOf(data.report.editions, String(year));
  if (built) {
    for (const report of site.reports.filter((r) => chosen.includes(r.year))) {
      const file = path.join(settings.outputDir, String(report.year), report.pdfName);
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) pdfs.push({ year: report.year, file, state: "missing" });
      else if (typeof manifest !== "object" || manifest.reports[String(report.year)] !== digests[String(report.year)]) pdfs.push({ year: report.year, file, state: "stale" });
      else {
        const problems = await conformanceProblems(bytes).catch((error: Error) => [`cannot be read as a PDF: ${error.message}`]);
        pdfs.push({ year: report.year, file, state: "checked", problems });
        const released = lastRelease(editionOf(report.year)) !== undefined;
        if (problems.length === 0 && (released || allTexts)) texts.push(await releasedText(data, report.year, file, bytes, SOURCE_LANGUAGE, locate));
      }
    }
    // A report final in a further language goes out in it too: its PDF is checked as English's is, and once
    // released in it, compared with its last release in it.
    for (const other of sites.slice(1)) {
      for (const report of other.reports.filter((r) => chosen.includes(r.year) && editionOf(r.year)?.languages?.[other.lang] === "final")) {
        const { facts, bytes } = await languagePdf(settings.outputDir, other.lang, report, manifest, languageReports?.[other.lang]?.[String(report.year)]);
        pdfs.push(facts);
        const released = lastRelease(editionOf(report.year), other.lang) !== undefined;
        if (bytes && facts.state === "checked" && facts.problems.length === 0 && (released || allTexts)) {
          texts.push(await releasedText(data, report.year, facts.file, bytes, other.lang, locate));
        }
      }
    }
  }
  const reasons = releaseReasons({
    years: chosen,
    reports: new Set(site.reports.map((r) => r.year)),
    statuses,
    warnings,
    eventYears: new Map(data.events.map((e) => [e.file, e.reportYear])),
    locate,
    dataDir: settings.dataDir,
    outputDir: settings.outputDir,
    built,
    pdfs,
    changes: texts.flatMap((t) => (t.change ? [t.change] : [])),
    unfinished: unfinishedLanguages(data, chosen),
  });
  // A warning that became a reason is told once, as the reason.
  const promoted = new Set(reasons.map((r) => `${r.file}:${r.line}:${r.col}:${r.message}`));
  const others = warnings.filter((w) => w.severity === "warning" && !promoted.has(`${w.file}:${w.line}:${w.col}:${w.message}`));
  return {
    diagnostics: sortDiagnostics([...reasons, ...others]),
    years: chosen,
    pdfsPassed: pdfs.filter((p) => p.state === "checked" && p.problems.length === 0).length,
    texts,
  };
}

/** A further language's PDF of a report in the output: missing, built from other data, or checked (with its bytes). */
async function languagePdf(outputDir: string, lang: string, report: SiteModel["reports"][number], manifest: ReturnType<typeof readManifest>, digest: string | undefined): Promise<{ facts: PdfFacts; bytes?: Uint8Array }> {
  const file = path.join(outputDir, ...report.pdfUrl.split("/"));
  const facts = { year: report.year, file, language: languageLabel(lang) };
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes) return { facts: { ...facts, state: "missing" } };
  if (typeof manifest !== "object" || manifest.languageReports?.[lang]?.[String(report.year)] !== digest) return { facts: { ...facts, state: "stale" } };
  const problems = await conformanceProblems(bytes).catch((error: Error) => [`cannot be read as a PDF: ${error.message}`]);
  return { facts: { ...facts, state: "checked", problems }, bytes };
}

/** The text of a report's PDF in the output, in one of its languages, and how it differs from its last release in it, if it does. */
export interface PdfText extends ReleaseCandidate {
  /** The PDF in the output folder. */
  readonly file: string;
  readonly change?: ReleasedChange;
}

async function releasedText(data: DataSet, year: number, file: string, bytes: Uint8Array, lang: string, locate: (at: readonly (string | number)[]) => Place): Promise<PdfText> {
  const pages = await readPdfText(bytes);
  const fingerprint = textFingerprint(pages);
  const edition = entryOf(data.report.editions, String(year));
  const further = lang === SOURCE_LANGUAGE ? {} : { language: lang };
  const releases = edition?.releases ?? [];
  const last = lastRelease(edition, lang);
  if (!last) return { year, ...further, file, fingerprint };
  const released = { date: last.date.iso, text: last.text, place: locate(["editions", year, "releases", releases.indexOf(last), "date"]) };
  if (last.text === fingerprint) return { year, ...further, file, fingerprint, last: released };
  // The kept copy tells what changed; validation has made sure that it is there.
  const kept = await readFile(path.join(data.dir, keptPdfPath(year, last.date.iso, lang))).catch(() => undefined);
  const what = kept ? describeTextChange(textChange(await readPdfText(kept), pages)) : undefined;
  const language = lang === SOURCE_LANGUAGE ? {} : { lang, language: languageLabel(lang), translationFile: translationFileOf(REFERENCE_FILES.report, lang) };
  return { year, ...further, file, fingerprint, last: released, change: { year, ...language, released: last.date.iso, change: what, corrected: newCorrigenda(edition, lang).length > 0 } };
}

/**
 * `check --release --record`: once the reports of `years` are fit to go out, records each PDF of theirs (English's,
 * and that of each language they are final in) whose text is not that of its last release in its language as
 * released on `date` (YYYY-MM-DD): a copy of the PDF kept in the data folder, and the release, with its text's
 * fingerprint, added to its edition in report.yaml. Returns the check, and the releases recorded.
 */
export async function recordReleases(settings: Pick<Settings, "dataDir" | "outputDir">, years: readonly number[] | undefined, date: string): Promise<{ check: ReleaseCheck; recorded: NewRelease[]; refused: Diagnostic[] }> {
  const check = await checkRelease(settings, years, true);
  if (check.errors || check.diagnostics.some((d) => d.severity === "error")) return { check, recorded: [], refused: [] };
  const reportFile = path.join(settings.dataDir, REFERENCE_FILES.report);
  // Every release is planned before anything is written: one that cannot be recorded leaves the data as it was.
  // The check's own reading of each PDF's last release: the data is not read again.
  const { releases, refused } = releasesToRecord(check.texts, date);
  if (refused.length > 0 || releases.length === 0) return { check, recorded: [], refused };
  const written = withReleases(await readFile(reportFile, "utf8"), releases);
  if (written === undefined) throw new ReleaseRecordError(`${reportFile}: the editions of ${[...new Set(releases.map((r) => r.year))].join(", ")} are not written as block mappings under editions, so their releases cannot be added; nothing was written`);
  const files = new Map(check.texts.map((t) => [`${t.year}/${t.language ?? SOURCE_LANGUAGE}`, t.file]));
  for (const release of releases) {
    const kept = path.join(settings.dataDir, keptPdfPath(release.year, date, release.language));
    await mkdir(path.dirname(kept), { recursive: true });
    await copyFile(files.get(`${release.year}/${release.language ?? SOURCE_LANGUAGE}`)!, kept);
  }
  await writeFile(reportFile, written);
  return { check, recorded: releases, refused: [] };
}

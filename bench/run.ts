/**
 * `npm run bench`: the benchmark of the build. See bench/README.md.
 *
 *   npm run bench                      three sizes, medians of several runs, Paged.js comparison
 *   npm run bench -- --quick           smaller sizes, one run each: a fast check of the harness
 *
 * Options: --runs N, --sizes 60x1,1000x10, --seed N, --paged-limit MINUTES, --worker-limit MINUTES,
 * --no-pagedjs, --profile / --no-profile (CPU profile of one site build of the
 * largest size; on by default in the full run), --photos-only / --no-photos (the
 * case of a year of 50 events with a photo each; in the full run by default),
 * --languages-only / --no-languages (the same data built in English alone and in
 * two languages; in every run by default).
 */
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateData, type GeneratedData } from "./generate.ts";
import { formatSummary, summarizeProfile, type ProfileSummary } from "./profile.ts";
import { alternately, BENCH_DIR, DATA_ROOT, killWorkers, median, ROOT, round, runWorker } from "./lib/util.ts";
import type { PageBytes } from "../tests/helpers/pdf.ts";
import type { BuildFigures, EditorResult, PagedResult, PdfRounds, PhotoCounts, PreviewRebuildResult, PrintFigures, RebuildResult, ReportInfo, ValidateResult } from "./worker.ts";

type Sampled<T> = T & { readonly peakTreeRssMb?: number };
/** How often the memory of a build's process tree is sampled. */
const SAMPLE_MS = 100;

// ------------------------------------------------------------------ options

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    sizes: { type: "string" },
    seed: { type: "string", default: "1" },
    "paged-limit": { type: "string" },
    "worker-limit": { type: "string" },
    "no-pagedjs": { type: "boolean", default: false },
    profile: { type: "boolean" },
    "no-profile": { type: "boolean", default: false },
    "photos-only": { type: "boolean", default: false },
    "no-photos": { type: "boolean", default: false },
    "languages-only": { type: "boolean", default: false },
    "sample-only": { type: "boolean", default: false },
    "no-languages": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (opts.help) {
  process.stdout.write(`Usage: npm run bench [-- options]

  --quick              sizes 60x1 and 500x5, one run of each figure, Paged.js on the 1-year print only
  --runs N             runs per figure; the median is reported (default 5; at most 3 for sizes of
                       2,000 events or more; rebuilds at most 3, or 2 from 2,000 events; quick 1)
  --sizes LIST         events x years, e.g. 60x1,1000x10,5000x20 (the default)
  --seed N             seed of the generated data (default 1)
  --paged-limit MIN    Paged.js is recorded as "did not finish" after this long (default 10, quick 3)
  --worker-limit MIN   a measurement is recorded as failed after this long (default 20; a cold
                       build of the photos takes longer on a busy machine)
  --no-pagedjs         skip the Paged.js comparison
  --profile            a CPU profile of one more site build of the largest size, summarized by owner
                       (ours, each npm package, Node); on by default except with --quick
  --no-profile         no CPU profile
  --photos-only        only the case of a year of 50 events with a photo each (its own results file,
                       <date>-photos.json); --runs and --seed apply
  --no-photos          skip that case (it is not part of --quick)
  --languages-only     only the case of the same data built in English alone and in two languages (its own
                       results file, <date>-languages.json); --runs and --seed apply
  --no-languages       skip that case
  --sample-only        only the figures of the sample data: the preview's rebuild, the editor, the start-up of
                       the commands and \`check\` end to end (its own results file, <date>-sample.json)
`);
  process.exit(0);
}

interface Size {
  readonly events: number;
  readonly years: number;
  readonly label: string;
}

function parseSizes(text: string): Size[] {
  return text.split(",").map((part) => {
    const match = /^(\d+)x(\d+)$/.exec(part.trim());
    if (!match) throw new Error(`--sizes: "${part}" is not EVENTSxYEARS`);
    const [events, years] = [Number(match[1]), Number(match[2])];
    return { events, years, label: `${events}x${years}y` };
  });
}

const quick = opts.quick;
const runs = Number(opts.runs ?? (quick ? 1 : 5));
const sizes = parseSizes(opts.sizes ?? (quick ? "60x1,500x5" : "60x1,1000x10,5000x20"));
const seed = Number(opts.seed);
const pagedLimitMs = Number(opts["paged-limit"] ?? (quick ? 3 : 10)) * 60_000;
/** The largest sizes and the rebuilds (two builds each) take fewer runs, to keep the whole run short. */
const runsFor = (size: Size) => (size.events >= 2000 ? Math.max(1, Math.min(runs, 3)) : runs);
const rebuildRunsFor = (size: Size) => Math.max(1, Math.min(runs, size.events >= 2000 ? 2 : 3));
const photosOnly = opts["photos-only"];
const languagesOnly = opts["languages-only"];
const sampleOnly = opts["sample-only"];
/** A case measured on its own: none of the sizes, Paged.js or the profile (the sample's figures only with --sample-only). */
const caseOnly = photosOnly || languagesOnly || sampleOnly;
const profiling = caseOnly ? false : opts["no-profile"] ? false : (opts.profile ?? !quick);
/** The photo case is in the full run and on its own; a quick run skips it (its cold build alone takes minutes). */
const photoCase = photosOnly || (!quick && !opts["no-photos"] && !languagesOnly && !sampleOnly);
/** The two-language case is in every run, quick too (on a smaller size), and on its own. */
const languageCase = languagesOnly || (!photosOnly && !sampleOnly && !opts["no-languages"]);
/** The target page count of the larger Paged.js comparison. */
const PAGED_PAGES = 200;
const WORKER_TIMEOUT = Number(opts["worker-limit"] ?? 20) * 60_000;

// ------------------------------------------------------------------ recording

interface Series {
  readonly samples: readonly number[];
  readonly median: number;
}

const series = (samples: readonly number[]): Series => ({ samples, median: round(median(samples), 1) });

interface Failure {
  readonly error: string;
}

async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T | Failure> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  FAILED ${what}: ${message.split("\n").slice(0, 6).join("\n    ")}`);
    return { error: message.slice(0, 4000) };
  }
}

const failed = (x: unknown): x is Failure => typeof x === "object" && x !== null && "error" in x;

/** A failed run, thrown to end a series of runs: its Failure is the series' result. */
class RunFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

/** The Failure that ended a series of runs: the one a run gave, or any other error as one. */
const failureOf = (error: unknown): Failure => (error instanceof RunFailed ? error.failure : { error: error instanceof Error ? error.message : String(error) });

const t0 = performance.now();
function log(line: string): void {
  const elapsed = (performance.now() - t0) / 1000;
  process.stderr.write(`[${String(Math.floor(elapsed / 60)).padStart(2, "0")}:${String(Math.floor(elapsed % 60)).padStart(2, "0")}] ${line}\n`);
}

interface PrintSummary {
  readonly year: number;
  readonly events: number;
  readonly ours: Series & { readonly pages: number; readonly bytes: number; readonly bytesPerPage: number; readonly finish: Series; readonly standards: Series; readonly checks: Series };
  readonly plain: Series & { readonly pages: number; readonly bytes: number; readonly parts: Readonly<Record<string, number>> };
  /** ours / plain, of the medians. */
  readonly ratio: number;
  readonly rounds: PdfRounds;
}

function summarizePrint(report: ReportInfo, rounds: PdfRounds): PrintSummary {
  const last = <T>(list: readonly T[]) => list[list.length - 1]!;
  const ours = series(rounds.ours.map((r) => r.ms));
  const plain = series(rounds.plain.map((r) => r.ms));
  const partNames = Object.keys(rounds.plain[0]?.parts ?? {});
  const parts = Object.fromEntries(partNames.map((name) => [name, round(median(rounds.plain.map((r) => r.parts?.[name] ?? 0)), 1)]));
  const o: PrintFigures = last(rounds.ours);
  const p: PrintFigures = last(rounds.plain);
  return {
    year: report.year,
    events: report.events,
    ours: { ...ours, pages: o.pages, bytes: o.bytes, bytesPerPage: round(o.bytes / o.pages), finish: series(rounds.ours.map((r) => r.finishMs ?? 0)), standards: series(rounds.ours.map((r) => r.standardsMs ?? 0)), checks: series(rounds.ours.map((r) => r.checkMs ?? 0)) },
    plain: { ...plain, pages: p.pages, bytes: p.bytes, parts },
    ratio: round(ours.median / plain.median, 2),
    rounds,
  };
}

/** The site build's medians by step (see `Phases` in worker.ts), and Eleventy's step against the bare-Eleventy floor. */
interface PhaseSeries {
  readonly validate: Series;
  readonly render: Series;
  readonly index: Series;
  readonly rest: Series;
  renderRatio?: number;
}

interface SizeResult {
  readonly label: string;
  readonly events: number;
  readonly years: number;
  readonly perYear: Readonly<Record<number, number>>;
  readonly generateMs: number;
  readonly loadAverage: readonly number[];
  readonly runs: number;
  validate?: (Series & { readonly warm: Series; readonly errors: number; readonly warnings: number }) | Failure;
  /** peakRssMb: the Node process's own maxRSS; peakTreeRssMb: the sampled peak of it and the programs it started (Pagefind). */
  site?: (Series & { readonly pages: number; readonly peakRssMb: Series; readonly peakTreeRssMb?: Series; readonly phases?: PhaseSeries }) | Failure;
  floor?: (Series & { readonly pages: number; readonly peakRssMb: Series; readonly peakTreeRssMb?: Series }) | Failure;
  /** site / floor, of the medians. */
  siteRatio?: number;
  rebuild?: (Series & { readonly first: Series; readonly editedFile: string }) | Failure;
  pdfOneYear?: PrintSummary | Failure;
  pdfLargestYear?: PrintSummary | Failure;
  /** `build --year` of the largest year with its PDF, once: the whole path, wherever the print's work lives. */
  yearBuild?: { readonly year: number; readonly ms: number; readonly pages: number; readonly pdfBytes: number } | Failure;
}

// ------------------------------------------------------------------ one size

async function validateRuns(dataDir: string, n: number): Promise<{ figures: SizeResult["validate"]; reports?: readonly ReportInfo[] }> {
  const results: ValidateResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = await attempt("validation", () => runWorker<ValidateResult>("validate", { dataDir }, { timeoutMs: WORKER_TIMEOUT }));
    if (failed(r)) return { figures: r };
    results.push(r);
  }
  const first = results[0]!;
  return {
    figures: { ...series(results.map((r) => r.ms)), warm: series(results.map((r) => r.warmMs)), errors: first.errors, warnings: first.warnings },
    reports: first.reports,
  };
}

async function siteRuns(label: string, dataDir: string, result: SizeResult, n: number): Promise<void> {
  const siteDir = path.join(DATA_ROOT, label, "site");
  const floorDir = path.join(DATA_ROOT, label, "floor");
  const site: Sampled<BuildFigures>[] = [];
  const floor: Sampled<BuildFigures>[] = [];
  const runSite = async () => {
    const r = await attempt("site build", () => runWorker<BuildFigures>("site", { dataDir, outputDir: siteDir }, { timeoutMs: WORKER_TIMEOUT, sampleTreeMs: SAMPLE_MS }));
    if (failed(r)) throw new RunFailed(r);
    site.push(r);
  };
  const runFloor = async () => {
    const r = await attempt("bare Eleventy", () => runWorker<BuildFigures>("floor", { pages: site[0]!.pages, outputDir: floorDir }, { timeoutMs: WORKER_TIMEOUT, sampleTreeMs: SAMPLE_MS }));
    if (failed(r)) throw new RunFailed(r);
    floor.push(r);
  };
  try {
    // The floor needs the page count of the first site build, which goes first.
    await alternately(n, runSite, runFloor, () => log(`  site build ${site[site.length - 1]!.ms} ms (${site[0]!.pages} pages), bare Eleventy ${floor[floor.length - 1]!.ms} ms`));
  } catch (error) {
    if (site.length === 0) result.site = failureOf(error);
    if (floor.length === 0) result.floor = failureOf(error);
  }
  await rm(floorDir, { recursive: true, force: true });
  const memory = (list: Sampled<BuildFigures>[]) => {
    const tree = list.flatMap((r) => (r.peakTreeRssMb === undefined ? [] : [r.peakTreeRssMb]));
    return { peakRssMb: series(list.map((r) => r.peakRssMb)), ...(tree.length > 0 ? { peakTreeRssMb: series(tree) } : {}) };
  };
  const phased = site.flatMap((r) => (r.phases ? [r.phases] : []));
  const phases: PhaseSeries | undefined = phased.length === 0 ? undefined : {
    validate: series(phased.map((p) => p.validateMs)),
    render: series(phased.map((p) => p.renderMs)),
    index: series(phased.map((p) => p.indexMs)),
    rest: series(phased.map((p) => p.restMs)),
  };
  if (site.length > 0) result.site = { ...series(site.map((r) => r.ms)), pages: site[0]!.pages, ...memory(site), ...(phases ? { phases } : {}) };
  if (floor.length > 0) result.floor = { ...series(floor.map((r) => r.ms)), pages: floor[0]!.pages, ...memory(floor) };
  if (result.site && result.floor && !failed(result.site) && !failed(result.floor)) {
    result.siteRatio = round(result.site.median / result.floor.median, 2);
    if (result.site.phases) result.site.phases.renderRatio = round(result.site.phases.render.median / result.floor.median, 2);
  }
}

async function rebuilds(label: string, data: GeneratedData, n: number): Promise<SizeResult["rebuild"]> {
  const outputDir = path.join(DATA_ROOT, label, "rebuild");
  // An event in the middle of the range, always the same one.
  const editedFile = data.eventFiles[Math.floor(data.eventFiles.length / 2)]!;
  const results: RebuildResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = await attempt("rebuild", () => runWorker<RebuildResult>("rebuild", { dataDir: data.dir, outputDir, eventFile: editedFile }, { timeoutMs: WORKER_TIMEOUT }));
    if (failed(r)) return r;
    results.push(r);
    log(`  rebuild after editing one event ${r.secondMs} ms (first build ${r.firstMs} ms)`);
  }
  await rm(outputDir, { recursive: true, force: true });
  return { ...series(results.map((r) => r.secondMs)), first: series(results.map((r) => r.firstMs)), editedFile };
}

async function printRuns(label: string, siteDir: string, report: ReportInfo, name: string, rounds: number): Promise<PrintSummary | Failure> {
  const outDir = path.join(DATA_ROOT, label, "pdf", name);
  const r = await attempt(`PDF of ${report.year}`, () =>
    runWorker<PdfRounds>("pdf", { siteDir, pagePath: report.printUrl, title: report.title, year: report.year, outDir, rounds }, { timeoutMs: WORKER_TIMEOUT }));
  if (failed(r)) return r;
  const summary = summarizePrint(report, r);
  log(`  PDF ${report.year} (${report.events} events, ${summary.ours.pages} pages, ${round(summary.ours.bytes / 1024)} KB): ours ${summary.ours.median} ms, plain Chromium ${summary.plain.median} ms`);
  return summary;
}

/** The year with the median number of events ("one year"), and the largest year. */
function pickYears(reports: readonly ReportInfo[]): { one: ReportInfo; largest: ReportInfo } {
  const byEvents = [...reports].sort((a, b) => a.events - b.events || a.year - b.year);
  return { one: byEvents[Math.floor((byEvents.length - 1) / 2)]!, largest: byEvents[byEvents.length - 1]! };
}

async function measureSize(size: Size): Promise<{ result: SizeResult; reports?: readonly ReportInfo[]; siteDir?: string; data: GeneratedData }> {
  let printSiteDir: string | undefined;
  log(`${size.events} events over ${size.years} year(s)`);
  const dataDir = path.join(DATA_ROOT, size.label, "data");
  const started = performance.now();
  const data = await generateData(dataDir, { events: size.events, years: size.years, seed });
  const result: SizeResult = {
    label: size.label,
    events: size.events,
    years: size.years,
    perYear: data.perYear,
    generateMs: round(performance.now() - started),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    runs: runsFor(size),
  };

  const n = runsFor(size);
  const validated = await validateRuns(dataDir, n);
  result.validate = validated.figures;
  if (validated.figures && !failed(validated.figures)) {
    log(`  validation ${validated.figures.median} ms (warm ${validated.figures.warm.median} ms), ${validated.figures.errors} errors, ${validated.figures.warnings} warnings`);
    if (validated.figures.errors > 0) throw new Error(`the generated data of ${size.label} has errors: see bench/generate.ts and \`activity-report check --data ${dataDir}\``);
  }
  await siteRuns(size.label, dataDir, result, n);
  result.rebuild = await rebuilds(size.label, data, rebuildRunsFor(size));

  if (validated.reports && result.site && !failed(result.site)) {
    const { one, largest } = pickYears(validated.reports);
    const siteDir = path.join(DATA_ROOT, size.label, "print-site");
    const rendered = await attempt("rendering the print pages", () => runWorker<BuildFigures>("printSite", { dataDir, outputDir: siteDir }, { timeoutMs: WORKER_TIMEOUT }));
    if (failed(rendered)) {
      result.pdfOneYear = rendered;
    } else {
      result.pdfOneYear = await printRuns(size.label, siteDir, one, `one-${one.year}`, n);
      result.pdfLargestYear = largest.year === one.year ? result.pdfOneYear : await printRuns(size.label, siteDir, largest, `largest-${largest.year}`, n);
      printSiteDir = siteDir;
    }
    const outputDir = path.join(DATA_ROOT, size.label, "year-build");
    const yearBuilt = await attempt(`build --year ${largest.year}`, () =>
      runWorker<BuildFigures & { pdfBytes: number }>("yearBuild", { dataDir, outputDir, year: largest.year }, { timeoutMs: WORKER_TIMEOUT }));
    result.yearBuild = failed(yearBuilt) ? yearBuilt : { year: largest.year, ms: yearBuilt.ms, pages: yearBuilt.pages, pdfBytes: yearBuilt.pdfBytes };
    if (!failed(yearBuilt)) log(`  build --year ${largest.year} with its PDF: ${yearBuilt.ms} ms`);
  }
  return { result, reports: validated.reports, siteDir: printSiteDir, data };
}

// ------------------------------------------------------------------ a year of events with a photo each

/** The photo case: one year, one stand-in camera photo per event and a cover photo (bench/photos.ts). */
const PHOTO_EVENTS = 50;
/** What a page with a photo may weigh of its own in the PDF (fonts, shared by all pages, left out). */
const PAGE_BUDGET = 250 * 1024;
/** The rebuild after a text edit, with photos, against the same without them. */
const PHOTO_REBUILD_LIMIT = 1.2;

/** Ours against the same figure of the same data without photos, alternated. */
interface Paired {
  readonly photos: Series;
  readonly plain: Series;
  /** photos / plain, of the medians. */
  readonly ratio: number;
  /** The median of each run's own photos / plain (the two measured back to back): less moved by a change of the machine's load than `ratio`. */
  readonly pairRatio: number;
  /** The photos' copies of each run with photos: published, and encoded rather than taken from the cache. */
  readonly photoCounts: readonly (PhotoCounts | undefined)[];
}

interface PageSummary {
  readonly pages: number;
  readonly bytes: number;
  readonly bytesPerPage: number;
  readonly pagesWithPhotos: number;
  /** The page with a photo that weighs most of its own. */
  readonly largest?: PageBytes;
  /** The same, of the pages without a photo. */
  readonly largestWithout?: PageBytes;
  readonly perPage: readonly PageBytes[];
}

interface PhotoCaseResult {
  readonly label: string;
  readonly events: number;
  readonly year: number;
  readonly seed: number;
  readonly loadAverage: readonly number[];
  readonly runs: { readonly cold: number; readonly rebuild: number; readonly inProcess: number; readonly pdf: number };
  readonly generateMs: number;
  readonly standIns: { readonly count: number; readonly bytes: { readonly min: number; readonly median: number; readonly max: number }; readonly longSide: readonly [number, number] };
  readonly editedFile: string;
  /** The whole site build, the photo cache removed before each run with photos. */
  cold?: Paired | Failure;
  /** `activity-report build` again after a text edit: a new process, into the output of the cold build, its photo cache warm. */
  rebuild?: Paired | Failure;
  /** build() again after a text edit in the same process (the bench's `rebuild` figure, and what the preview does). */
  rebuildInProcess?: Paired | Failure;
  pdf?: PrintSummary | Failure;
  pages?: PageSummary | Failure;
  loadAverageAtEnd?: readonly number[];
}

/** Runs `photos` and `plain` `n` times, alternating which goes first; `check` may reject a run with photos. */
async function paired<T extends { readonly ms: number; readonly photos?: PhotoCounts }>(
  what: string, n: number, photos: () => Promise<T>, plain: () => Promise<T>, check: (r: T) => void = () => {},
): Promise<Paired | Failure> {
  return attempt(what, async () => {
    const ours: T[] = [];
    const theirs: T[] = [];
    const runPhotos = async () => {
      const r = await photos();
      check(r);
      ours.push(r);
    };
    const runPlain = async () => void theirs.push(await plain());
    await alternately(n, runPhotos, runPlain, () => {
      const last = ours[ours.length - 1]!;
      log(`  ${what}: with photos ${fmtMs(last.ms)}${last.photos ? ` (${last.photos.encoded} of ${last.photos.files} copies encoded)` : ""}, without ${fmtMs(theirs[theirs.length - 1]!.ms)}`);
    });
    const a = series(ours.map((r) => r.ms));
    const b = series(theirs.map((r) => r.ms));
    const pairRatio = round(median(ours.map((r, i) => r.ms / theirs[i]!.ms)), 2);
    return { photos: a, plain: b, ratio: round(a.median / b.median, 2), pairRatio, photoCounts: ours.map((r) => r.photos) };
  });
}

function summarizePages(perPage: readonly PageBytes[], bytes: number): PageSummary {
  const heaviest = (pages: readonly PageBytes[]) => [...pages].sort((a, b) => b.total - a.total)[0];
  const withPhotos = perPage.filter((p) => p.images.length > 0);
  const largest = heaviest(withPhotos);
  const largestWithout = heaviest(perPage.filter((p) => p.images.length === 0));
  return {
    pages: perPage.length, bytes, bytesPerPage: round(bytes / perPage.length), pagesWithPhotos: withPhotos.length,
    ...(largest ? { largest } : {}), ...(largestWithout ? { largestWithout } : {}), perPage,
  };
}

async function measurePhotoCase(): Promise<PhotoCaseResult> {
  const label = `${PHOTO_EVENTS}x1y-photos`;
  log(`a year of ${PHOTO_EVENTS} events with a photo each`);
  const root = path.join(DATA_ROOT, label);
  const started = performance.now();
  // The same events twice, with their photos and without: the photos' lines are the only difference.
  const withPhotos = await generateData(path.join(root, "data"), { events: PHOTO_EVENTS, years: 1, seed, photos: true, pictureCache: path.join(DATA_ROOT, "stand-in-photos") });
  const withoutPhotos = await generateData(path.join(root, "data-plain"), { events: PHOTO_EVENTS, years: 1, seed });
  const generateMs = round(performance.now() - started);
  const sizes = withPhotos.photoFiles.map((f) => f.bytes);
  const longSides = withPhotos.photoFiles.map((f) => Math.max(f.width, f.height));
  log(`  ${withPhotos.photoFiles.length} stand-in photos, ${fmtKb(Math.min(...sizes))} to ${fmtKb(Math.max(...sizes))} (made or taken from bench/.data/stand-in-photos in ${fmtMs(generateMs)})`);
  const validated = await runWorker<ValidateResult>("validate", { dataDir: withPhotos.dir }, { timeoutMs: WORKER_TIMEOUT });
  if (validated.errors > 0) throw new Error(`the generated data of ${label} has errors: see bench/generate.ts and \`activity-report check --data ${withPhotos.dir}\``);
  const report = validated.reports[0]!;
  // The cold build takes minutes (every copy of every photo encoded): one run.
  const coldRuns = 1;
  // The rebuilds take a second each and differ by a tenth of one: more runs than the other figures, against the machine's noise.
  const rebuildRuns = Math.max(runs, 9);
  const inProcessRuns = Math.max(3, runs);
  const result: PhotoCaseResult = {
    label, events: PHOTO_EVENTS, year: report.year, seed,
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    runs: { cold: coldRuns, rebuild: rebuildRuns, inProcess: inProcessRuns, pdf: runs },
    generateMs,
    standIns: {
      count: sizes.length,
      bytes: { min: Math.min(...sizes), median: median(sizes), max: Math.max(...sizes) },
      longSide: [Math.min(...longSides), Math.max(...longSides)],
    },
    editedFile: withPhotos.eventFiles[Math.floor(withPhotos.eventFiles.length / 2)]!,
  };
  const site = { photos: path.join(root, "site"), plain: path.join(root, "site-plain") };
  const dataOf = { photos: withPhotos.dir, plain: withoutPhotos.dir };
  const options = { timeoutMs: WORKER_TIMEOUT };
  const build = (which: "photos" | "plain") => () => runWorker<BuildFigures>("site", { dataDir: dataOf[which], outputDir: site[which], coldPhotos: true }, options);
  result.cold = await paired("site build, photo cache cold", coldRuns, build("photos"), build("plain"));
  if (failed(result.cold)) return result;

  const edited = (which: "photos" | "plain") => () => runWorker<BuildFigures>("editedBuild", { dataDir: dataOf[which], outputDir: site[which], eventFile: result.editedFile }, options);
  const encodedNothing = (r: { photos?: PhotoCounts }) => {
    if (!r.photos || r.photos.encoded > 0) throw new Error(`a rebuild with a warm photo cache encoded ${r.photos ? `${r.photos.encoded} of ${r.photos.files} copies` : "no photos at all"}: the cache did not serve them`);
  };
  result.rebuild = await paired("rebuild after a text edit, new process", rebuildRuns, edited("photos"), edited("plain"), encodedNothing);

  const inProcess = (which: "photos" | "plain") => async () => {
    const r = await runWorker<RebuildResult>("rebuild", { dataDir: dataOf[which], outputDir: site[which], eventFile: result.editedFile }, options);
    return { ...r, ms: r.secondMs };
  };
  result.rebuildInProcess = await paired("rebuild after a text edit, same process", inProcessRuns, inProcess("photos"), inProcess("plain"), encodedNothing);

  // The PDF of the year: printed as build() prints it, and weighed page by page.
  const printDir = path.join(root, "print-site");
  const { photoCacheFor } = await import("../src/pictures/photo-processor.ts");
  const rendered = await attempt("rendering the print page", () => runWorker<BuildFigures>("printSite", { dataDir: withPhotos.dir, outputDir: printDir, photoCache: photoCacheFor(site.photos) }, options));
  if (failed(rendered)) {
    result.pdf = rendered;
    return result;
  }
  result.pdf = await printRuns(label, printDir, report, "photos", runs);
  if (!failed(result.pdf)) {
    const file = path.join(DATA_ROOT, label, "pdf", "photos", "ours-0.pdf");
    const bytes = result.pdf.ours.bytes;
    result.pages = await attempt("weighing the PDF's pages", async () => summarizePages(await runWorker<PageBytes[]>("pdfPages", { file }, options), bytes));
    if (!failed(result.pages) && result.pages.largest) {
      const l = result.pages.largest;
      log(`  ${result.pages.pagesWithPhotos} of ${result.pages.pages} pages draw a photo; the heaviest, page ${l.page}: ${fmtKb(l.total)} of its own (${l.images.length} photo(s) ${fmtKb(l.total - l.content)}, content ${fmtKb(l.content)})`);
    }
  }
  result.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  return result;
}

function photoTargets(p: PhotoCaseResult | undefined): Target[] {
  if (!p) return [];
  const ok = <T>(x: T | Failure | undefined): T | undefined => (x === undefined || failed(x) ? undefined : x);
  const rebuild = ok(p.rebuild);
  const inProcess = ok(p.rebuildInProcess);
  const largest = ok(p.pages)?.largest;
  return [
    { name: `rebuild after a text edit with ${p.events} photos ≤ ${PHOTO_REBUILD_LIMIT}× without photos (activity-report build again, photo cache warm)`, value: rebuild ? `${rebuild.ratio}×` : "failed", limit: `${PHOTO_REBUILD_LIMIT}×`, met: rebuild ? rebuild.ratio <= PHOTO_REBUILD_LIMIT : undefined },
    { name: `the same rebuild in the same process (as the preview) ≤ ${PHOTO_REBUILD_LIMIT}× without photos`, value: inProcess ? `${inProcess.ratio}×` : "failed", limit: `${PHOTO_REBUILD_LIMIT}×`, met: inProcess ? inProcess.ratio <= PHOTO_REBUILD_LIMIT : undefined },
    { name: "every PDF page with a photo under 250 KB of its own (content and images; fonts excluded)", value: largest ? `${fmtKb(largest.total)} (page ${largest.page})` : "failed", limit: "250 KB", met: largest ? largest.total < PAGE_BUDGET : undefined },
  ];
}

function photoRows(p: PhotoCaseResult): string[] {
  const rows: string[] = [];
  let first = true;
  const add = (figure: string, ours: string, reference = "–", ratio = "–") => {
    rows.push(`| ${first ? `${p.events} events with a photo each, 1 yr` : ""} | ${figure} | ${ours} | ${reference} | ${ratio} |`);
    first = false;
  };
  const err = (x: Failure) => `failed: ${x.error.split("\n")[0]!.slice(0, 80)}`;
  const s = p.standIns;
  add(`stand-in photos (one per event, and the cover's): ${s.count}, ${s.longSide[0]}–${s.longSide[1]} px on the long side, JPEG quality 90`, `${fmtKb(s.bytes.min)} to ${fmtKb(s.bytes.max)} each (median ${fmtKb(s.bytes.median)})`);
  const pair = (what: string, x: Paired | Failure | undefined, note = (_: Paired) => "") => {
    if (!x) return;
    if (failed(x)) return add(what, err(x));
    const n = x.photos.samples.length;
    add(`${what}${note(x)}; ${n} run${n === 1 ? "" : "s"}`, fmtMs(x.photos.median), `without photos ${fmtMs(x.plain.median)}`, n === 1 ? `${x.ratio}×` : `${x.ratio}× (run by run ${x.pairRatio}×)`);
  };
  const counts = (x: Paired) => {
    const c = x.photoCounts.find((n) => n !== undefined);
    return c ? `: ${c.encoded} of ${c.files} copies encoded` : "";
  };
  pair("site build, photo cache cold", p.cold, counts);
  pair("rebuild after a text edit: activity-report build again (new process, photo cache warm)", p.rebuild, counts);
  pair("rebuild after a text edit: build() again in the same process (as the preview)", p.rebuildInProcess, counts);
  const pdf = p.pdf;
  if (pdf) {
    if (failed(pdf)) add("PDF", err(pdf));
    else add(`PDF of ${pdf.year}: ${pdf.ours.pages} pages, ${fmtKb(pdf.ours.bytes)} (${round(pdf.ours.bytesPerPage / 1024, 1)} KB/page)`, fmtMs(pdf.ours.median), `plain Chromium ${fmtMs(pdf.plain.median)}`, `${pdf.ratio}×`);
  }
  const pages = p.pages;
  if (pages) {
    if (failed(pages)) add("PDF pages", err(pages));
    else {
      const l = pages.largest;
      const w = pages.largestWithout;
      const imageKb = (page: PageBytes) => page.images.map((i) => fmtKb(i.bytes)).join(" + ");
      add(
        `… the heaviest page with a photo, of its own (content streams and the images it draws; the fonts, embedded once for all pages, excluded): ${pages.pagesWithPhotos} of ${pages.pages} pages draw a photo`,
        l ? `page ${l.page}: ${fmtKb(l.total)} (${l.images.length} photo(s): ${imageKb(l)}; content ${fmtKb(l.content)})` : "–",
        w ? `heaviest page without: ${fmtKb(w.total)}` : "–",
      );
    }
  }
  return rows;
}

// ------------------------------------------------------------------ two languages

/** The language added: Russian, the report's second. */
const LANGUAGE = "ru";
/** The whole build in two languages (site and PDFs) against the same build in English alone. */
const LANGUAGE_LIMIT = 2.2;
/** Several years, so that the PDFs of both languages share the printer's pages as a real build's do; a quick run's is smaller. */
const languageSize: Size = quick ? { events: 60, years: 1, label: "60x1y" } : { events: 300, years: 3, label: "300x3y" };

/** One figure in two languages against English alone, alternated. */
interface LanguagePair {
  readonly two: Series;
  readonly english: Series;
  /** two / english, of the medians. */
  readonly ratio: number;
  /** The median of each run's own ratio (the two builds back to back). */
  readonly pairRatio: number;
  readonly pages: { readonly two: number; readonly english: number };
  readonly pdfs?: { readonly two: number; readonly english: number };
}

interface LanguageCaseResult {
  readonly label: string;
  readonly events: number;
  readonly years: number;
  readonly seed: number;
  readonly loadAverage: readonly number[];
  readonly runs: number;
  /** The site alone (`build({ pdf: false })`). */
  site?: LanguagePair | Failure;
  /** The whole build with the PDFs, every language's printed in the pages of one browser. */
  build?: LanguagePair | Failure;
  loadAverageAtEnd?: readonly number[];
}

/**
 * The same generated data built in English alone and with every edition published in Russian too, as drafts:
 * English stands in, marked, for every text (the generated data has no translations), so every Russian page and
 * PDF is made in full, with its notes.
 */
async function measureLanguageCase(): Promise<LanguageCaseResult> {
  const { events, years } = languageSize;
  const label = `${languageSize.label}-languages`;
  log(`${events} events over ${years} year(s), in English alone and with every edition in ${LANGUAGE} too`);
  const root = path.join(DATA_ROOT, label);
  const dirs = { english: path.join(root, "english"), two: path.join(root, "two") };
  await generateData(path.join(dirs.english, "data"), { events, years, seed });
  await generateData(path.join(dirs.two, "data"), { events, years, seed, languages: [LANGUAGE] });
  const n = Math.max(1, Math.min(runs, 3));
  const result: LanguageCaseResult = { label, events, years, seed, loadAverage: os.loadavg().map((x) => round(x, 2)), runs: n };
  const pair = (what: string, pdf: boolean) => attempt(what, async (): Promise<LanguagePair> => {
    const done = { two: [] as BuildFigures[], english: [] as BuildFigures[] };
    const run = (which: "two" | "english") => async () => {
      done[which].push(await runWorker<BuildFigures>("site", { dataDir: path.join(dirs[which], "data"), outputDir: path.join(dirs[which], pdf ? "build" : "site"), pdf }, { timeoutMs: WORKER_TIMEOUT }));
    };
    const shown = (r: BuildFigures) => `${fmtMs(r.ms)} (${r.pages} pages${pdf ? `, ${r.pdfs} PDFs` : ""})`;
    await alternately(n, run("two"), run("english"), () => log(`  ${what}: two languages ${shown(done.two.at(-1)!)}, English alone ${shown(done.english.at(-1)!)}`));
    const two = series(done.two.map((r) => r.ms));
    const english = series(done.english.map((r) => r.ms));
    return {
      two, english, ratio: round(two.median / english.median, 2), pairRatio: round(median(done.two.map((r, i) => r.ms / done.english[i]!.ms)), 2),
      pages: { two: done.two[0]!.pages, english: done.english[0]!.pages },
      ...(pdf ? { pdfs: { two: done.two[0]!.pdfs ?? 0, english: done.english[0]!.pdfs ?? 0 } } : {}),
    };
  });
  result.site = await pair("site build", false);
  result.build = await pair("build with the PDFs", true);
  result.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  await rm(root, { recursive: true, force: true });
  return result;
}

function languageTargets(l: LanguageCaseResult | undefined): Target[] {
  if (!l) return [];
  const build = l.build && !failed(l.build) ? l.build : undefined;
  return [{ name: `build in two languages (site and PDFs) ≤ ${LANGUAGE_LIMIT}× English alone, ${l.events} events over ${l.years} yr`, value: build ? `${build.ratio}×` : "failed", limit: `${LANGUAGE_LIMIT}×`, met: build ? build.ratio <= LANGUAGE_LIMIT : undefined }];
}

function languageRows(l: LanguageCaseResult): string[] {
  const rows: string[] = [];
  let first = true;
  const add = (figure: string, ours: string, reference = "–", ratio = "–") => {
    rows.push(`| ${first ? `${l.events} events, ${l.years} yr, English and ${LANGUAGE}` : ""} | ${figure} | ${ours} | ${reference} | ${ratio} |`);
    first = false;
  };
  const row = (what: string, x: LanguagePair | Failure | undefined) => {
    if (!x) return;
    if (failed(x)) return add(what, `failed: ${x.error.split("\n")[0]!.slice(0, 80)}`);
    const made = `${x.pages.two} pages${x.pdfs ? `, ${x.pdfs.two} PDFs` : ""} against ${x.pages.english}${x.pdfs ? ` and ${x.pdfs.english}` : ""}`;
    add(`${what} in two languages (${made}); ${l.runs} run${l.runs === 1 ? "" : "s"}`, fmtMs(x.two.median), `English alone ${fmtMs(x.english.median)}`, l.runs === 1 ? `${x.ratio}×` : `${x.ratio}× (run by run ${x.pairRatio}×)`);
  };
  row("site build", l.site);
  row("build with the PDFs", l.build);
  return rows;
}

// ------------------------------------------------------------------ Paged.js

interface PagedComparison {
  readonly label: string;
  readonly events: number;
  readonly year: number;
  readonly ours?: PrintSummary | Failure;
  readonly pagedjs: PagedResult | Failure;
}

async function pagedRun(label: string, siteDir: string, report: ReportInfo): Promise<PagedResult | Failure> {
  log(`  Paged.js on the ${report.year} print page (limit ${pagedLimitMs / 60_000} min)`);
  const outDir = path.join(DATA_ROOT, label, "pdf", "pagedjs");
  const r = await attempt("Paged.js", () =>
    runWorker<PagedResult>("paged", { siteDir, pagePath: report.printUrl, title: report.title, year: report.year, outDir, limitMs: pagedLimitMs }, { timeoutMs: pagedLimitMs + 5 * 60_000 }));
  if (!failed(r)) log(r.finished ? `  Paged.js ${r.ms} ms, ${r.pages} pages (its layout ${r.layoutMs} ms)` : `  Paged.js did not finish${r.error ? `: ${r.error}` : ` in ${pagedLimitMs / 60_000} min`}`);
  return r;
}

/** A one-year report of about PAGED_PAGES pages: events scaled from the pages per event of a measured print. */
async function pagedLarge(calibration: PrintSummary): Promise<PagedComparison | Failure> {
  log(`one year of about ${PAGED_PAGES} printed pages, for Paged.js`);
  const label = "paged200";
  const dataDir = path.join(DATA_ROOT, label, "data");
  const siteDir = path.join(DATA_ROOT, label, "print-site");
  const prepare = async (events: number): Promise<ReportInfo> => {
    await generateData(dataDir, { events, years: 1, seed });
    const built = await runWorker<BuildFigures>("printSite", { dataDir, outputDir: siteDir }, { timeoutMs: WORKER_TIMEOUT });
    const validated = await runWorker<ValidateResult>("validate", { dataDir }, { timeoutMs: WORKER_TIMEOUT });
    log(`  ${events} events: site of ${built.pages} pages built`);
    return validated.reports[0]!;
  };
  const scaled = (events: number, pages: number) => Math.min(20_000, Math.max(60, Math.round((events * PAGED_PAGES) / pages)));
  const prepared = await attempt(`preparing a print of about ${PAGED_PAGES} pages`, async () => {
    let report = await prepare(scaled(calibration.events, calibration.ours.pages));
    // One correction when the first guess is far off (the fixed pages weigh on a small calibration print).
    const probe = await printRuns(label, siteDir, report, "probe", 1);
    if (failed(probe)) throw new Error(probe.error);
    if (Math.abs(probe.ours.pages - PAGED_PAGES) > PAGED_PAGES * 0.15) report = await prepare(scaled(report.events, probe.ours.pages));
    return report;
  });
  if (failed(prepared)) return prepared;
  const ours = await printRuns(label, siteDir, prepared, "one", Math.min(runs, 3));
  return {
    label: `1 year, ${prepared.events} events (~${PAGED_PAGES} pages)`,
    events: prepared.events,
    year: prepared.year,
    ours,
    pagedjs: await pagedRun(label, siteDir, prepared),
  };
}

// ------------------------------------------------------------------ targets and table

interface Target {
  readonly name: string;
  readonly value: string;
  readonly limit: string;
  readonly met: boolean | undefined;
}

function evaluate(results: readonly SizeResult[], preview: Series | Failure | undefined, editor: EditorFigures | Failure | undefined, startup: Startup | Failure | undefined, photos: PhotoCaseResult | Failure | undefined, languages: LanguageCaseResult | Failure | undefined): Target[] {
  const targets: Target[] = [];
  if (preview) {
    targets.push({ name: "preview rebuild after editing one event of the sample data under 1 s", value: failed(preview) ? "failed" : fmtMs(preview.median), limit: "1 s", met: failed(preview) ? undefined : preview.median < 1000 });
  }
  if (editor) {
    targets.push({ name: "dev with the editor starts in under 3 s on the sample data (command to events listed)", value: failed(editor) ? "failed" : fmtMs(editor.start.median), limit: "3 s", met: failed(editor) ? undefined : editor.start.median < 3000 });
    targets.push({ name: "a save in the editor shows in the preview in under 1 s", value: failed(editor) ? "failed" : fmtMs(editor.save.median), limit: "1 s", met: failed(editor) ? undefined : editor.save.median < 1000 });
  }
  if (startup) {
    targets.push({ name: "check of the sample data under 0.5 s, end to end as a process", value: failed(startup) ? "failed" : fmtMs(startup.check.median), limit: "0.5 s", met: failed(startup) ? undefined : startup.check.median < 500 });
  }
  const ok = <T>(x: T | Failure | undefined): T | undefined => (x === undefined || failed(x) ? undefined : x);
  for (const r of results) {
    // A small site is mostly the fixed cost of a build: its limit is looser.
    const limit = r.events < 500 ? 2 : 1.5;
    targets.push({ name: `site build ≤ ${limit}× bare Eleventy, ${r.label}`, value: r.siteRatio === undefined ? "failed" : `${r.siteRatio}×`, limit: `${limit}×`, met: r.siteRatio === undefined ? undefined : r.siteRatio <= limit });
    const largest = ok(r.pdfLargestYear);
    targets.push({ name: `PDF ≤ 1.6× plain Chromium, largest year, ${r.label}`, value: largest ? `${largest.ratio}×` : "failed", limit: "1.6×", met: largest ? largest.ratio <= 1.6 : undefined });
    const standardsShare = largest?.ours.standards ? round((100 * largest.ours.standards.median) / largest.ours.median, 1) : undefined;
    targets.push({ name: `PDF/UA and PDF/A steps ≤ 10 % of the print time, largest year, ${r.label}`, value: standardsShare === undefined ? "failed" : `${standardsShare} %`, limit: "10 %", met: standardsShare === undefined ? undefined : standardsShare <= 10 });
  }
  const oneYear = results.find((r) => r.years === 1);
  const one = ok(oneYear?.pdfOneYear);
  if (oneYear) targets.push({ name: `PDF ≤ 1.3× plain Chromium, one-year report, ${oneYear.label}`, value: one ? `${one.ratio}×` : "failed", limit: "1.3×", met: one ? one.ratio <= 1.3 : undefined });
  const biggest = [...results].sort((a, b) => b.events - a.events)[0];
  if (biggest) {
    const v = ok(biggest.validate);
    targets.push({ name: `cold validation under 0.7 s, ${biggest.label}`, value: v ? `${fmtMs(v.median)}` : "failed", limit: "0.7 s", met: v ? v.median < 700 : undefined });
    const s = ok(biggest.site);
    const peak = s && Math.max(s.peakRssMb.median, s.peakTreeRssMb?.median ?? 0);
    targets.push({ name: `peak RSS of the site build under 500 MB, ${biggest.label}`, value: peak ? `${Math.round(peak)} MB` : "failed", limit: "500 MB", met: peak ? peak < 500 : undefined });
  }
  // Bytes per page: the largest print measured, where the embedded fonts weigh least.
  const prints = results.flatMap((r) => [ok(r.pdfOneYear), ok(r.pdfLargestYear)]).filter((p): p is PrintSummary => p !== undefined);
  const largestPrint = prints.sort((a, b) => b.ours.pages - a.ours.pages)[0];
  if (largestPrint) {
    targets.push({ name: `PDF under 30 KB per page on average (${largestPrint.ours.pages}-page print)`, value: `${round(largestPrint.ours.bytesPerPage / 1024, 1)} KB`, limit: "30 KB", met: largestPrint.ours.bytesPerPage < 30 * 1024 });
  }
  if (photos && failed(photos)) targets.push({ name: `the case of ${PHOTO_EVENTS} events with a photo each`, value: "failed", limit: "–", met: undefined });
  else targets.push(...photoTargets(photos));
  if (languages && failed(languages)) targets.push({ name: "the case of two languages", value: "failed", limit: "–", met: undefined });
  else targets.push(...languageTargets(languages));
  return targets;
}

function fmtMs(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function fmtKb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

const mark = (met: boolean | undefined) => (met === undefined ? "?" : met ? "met" : "MISSED");

function table(results: readonly SizeResult[], paged: readonly PagedComparison[], targets: readonly Target[], preview: Series | Failure | undefined, editor: EditorFigures | Failure | undefined, startup: Startup | Failure | undefined, photos: PhotoCaseResult | Failure | undefined, languages: LanguageCaseResult | Failure | undefined): string {
  const rows: string[] = [
    "| size | figure | ours | reference | ratio |",
    "|---|---|---|---|---|",
  ];
  const err = (x: Failure) => `failed: ${x.error.split("\n")[0]!.slice(0, 80)}`;
  if (preview) rows.push(`| sample data (_data) | preview rebuild after editing one event (npm run dev, save to page written) | ${failed(preview) ? err(preview) : fmtMs(preview.median)} | – | – |`);
  if (editor) {
    if (failed(editor)) rows.push(`| sample data (_data) | the editor (npm run dev, /admin/) | ${err(editor)} | – | – |`);
    else {
      rows.push(`| sample data (_data) | dev with the editor: command started to the editor's page, configuration and list of events answered | ${fmtMs(editor.start.median)} | – | – |`);
      rows.push(`| sample data (_data) | … and to the preview's first build served (the editor works meanwhile) | ${fmtMs(editor.firstBuild.median)} | – | – |`);
      rows.push(`| sample data (_data) | a save in the editor (its write service) to the event's page in the preview showing it | ${fmtMs(editor.save.median)} | – | – |`);
    }
  }
  if (startup) {
    if (failed(startup)) rows.push(`| | check, and loading modules | ${err(startup)} | – | – |`);
    else {
      rows.push(`| | check, end to end as a process | ${fmtMs(startup.check.median)} | – | – |`);
      rows.push(`| | loading modules: check / a build without PDFs (from the process's start) | ${fmtMs(startup.loadCheck.median)} / ${fmtMs(startup.loadBuild.median)} | – | – |`);
    }
  }
  for (const r of results) {
    const size = `${r.events.toLocaleString("en")} events, ${r.years} yr`;
    let first = true;
    const add = (figure: string, ours: string, reference = "–", ratio = "–") => {
      rows.push(`| ${first ? size : ""} | ${figure} | ${ours} | ${reference} | ${ratio} |`);
      first = false;
    };
    const v = r.validate;
    add("validation (loadData)", !v ? "–" : failed(v) ? err(v) : `${fmtMs(v.median)} (warm ${fmtMs(v.warm.median)})`);
    const s = r.site;
    const f = r.floor;
    add(
      `site build${s && !failed(s) ? `, ${s.pages.toLocaleString("en")} pages` : ""}`,
      !s ? "–" : failed(s) ? err(s) : fmtMs(s.median),
      !f ? "–" : failed(f) ? err(f) : `bare Eleventy ${fmtMs(f.median)}`,
      r.siteRatio === undefined ? "–" : `${r.siteRatio}×`,
    );
    const ph = s && !failed(s) ? s.phases : undefined;
    if (ph) {
      add("… of which reading and checking the data", fmtMs(ph.validate.median));
      add("… of which Eleventy (model, pictures, pages)", fmtMs(ph.render.median), !f || failed(f) ? "–" : `bare Eleventy ${fmtMs(f.median)}`, ph.renderRatio === undefined ? "–" : `${ph.renderRatio}×`);
      add("… of which the search index (Pagefind)", fmtMs(ph.index.median));
      add("… of which putting the output in place", fmtMs(ph.rest.median));
    }
    const mem = (x: NonNullable<SizeResult["site"]>) => failed(x) ? "–" : `${Math.round(x.peakRssMb.median)} MB${x.peakTreeRssMb ? ` (with child processes ${Math.round(x.peakTreeRssMb.median)} MB)` : ""}`;
    add("peak RSS, site build (Node process)", !s ? "–" : mem(s), !f || failed(f) ? "–" : `bare Eleventy ${mem(f)}`);
    const rb = r.rebuild;
    add("rebuild after editing one event (full build() again, same process)", !rb ? "–" : failed(rb) ? err(rb) : `${fmtMs(rb.median)} (first build ${fmtMs(rb.first.median)})`);
    const pdfRow = (what: string, p: PrintSummary | Failure | undefined) => {
      if (!p) return;
      if (failed(p)) return add(what, err(p));
      add(
        `${what}: ${p.year}, ${p.events} events, ${p.ours.pages} pages, ${fmtKb(p.ours.bytes)} (${round(p.ours.bytesPerPage / 1024, 1)} KB/page)`,
        fmtMs(p.ours.median),
        `plain Chromium ${fmtMs(p.plain.median)}${p.plain.pages !== p.ours.pages ? ` (${p.plain.pages} pages)` : ""}`,
        `${p.ratio}×`,
      );
      const share = (s: Series) => `${fmtMs(s.median)} (${round((100 * s.median) / p.ours.median, 1)} % of the print)`;
      if (p.ours.finish) add("… of which finishing the PDF with pdf-lib (reading, bookmarks, document information, writing, and the steps below)", share(p.ours.finish));
      if (p.ours.standards) add("… of which what PDF/UA and PDF/A ask (links' texts read from the page, artifacts, structure tree, link descriptions, XMP, output intent, identifier)", share(p.ours.standards));
      if (p.ours.checks) add("… of which the machine checks of PDF/UA and PDF/A on the finished file (those of verify-pdf but veraPDF)", share(p.ours.checks));
    };
    pdfRow("PDF, one year", r.pdfOneYear);
    if (r.pdfLargestYear !== r.pdfOneYear) pdfRow("PDF, largest year", r.pdfLargestYear);
    const y = r.yearBuild;
    if (y) add(`build --year with its PDF, end to end${failed(y) ? "" : ` (${y.year}, one run)`}`, failed(y) ? err(y) : fmtMs(y.ms));
  }
  if (photos) {
    if (failed(photos)) rows.push(`| ${PHOTO_EVENTS} events with a photo each, 1 yr | – | failed: ${photos.error.split("\n")[0]!.slice(0, 80)} | – | – |`);
    else rows.push(...photoRows(photos));
  }
  if (languages) {
    if (failed(languages)) rows.push(`| ${languageSize.label}, two languages | – | failed: ${languages.error.split("\n")[0]!.slice(0, 80)} | – | – |`);
    else rows.push(...languageRows(languages));
  }
  const out = [rows.join("\n")];
  if (paged.length > 0) {
    const p: string[] = [
      "| print | pages | ours (printPdfs) | plain Chromium | Paged.js polyfill | Paged.js / ours |",
      "|---|---|---|---|---|---|",
    ];
    for (const c of paged) {
      const ours = c.ours && !failed(c.ours) ? c.ours : undefined;
      const pj = c.pagedjs;
      const pjText = failed(pj) ? `failed: ${pj.error.split("\n")[0]!.slice(0, 60)}` : pj.finished ? `${fmtMs(pj.ms!)} (${pj.pages} pages)` : `did not finish in ${pj.limitMs / 60_000} min${pj.error ? ` (${pj.error.split("\n")[0]!.slice(0, 60)})` : ""}`;
      p.push(`| ${c.label} | ${ours?.ours.pages ?? "–"} | ${ours ? fmtMs(ours.ours.median) : "–"} | ${ours ? fmtMs(ours.plain.median) : "–"} | ${pjText} | ${ours && !failed(pj) && pj.finished ? `${round(pj.ms! / ours.ours.median, 1)}×` : "–"} |`);
    }
    out.push(p.join("\n"));
  }
  const t: string[] = ["| target | value | limit | |", "|---|---|---|---|"];
  for (const target of targets) t.push(`| ${target.name} | ${target.value} | ${target.limit} | ${mark(target.met)} |`);
  out.push(t.join("\n"));
  return out.join("\n\n");
}

// ------------------------------------------------------------------ machine and versions

function quiet(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trimEnd();
  } catch {
    return undefined;
  }
}

async function versionOf(pkg: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
}

async function environment() {
  const { findBrowser } = await import("../src/pdf/browser.ts");
  let browser: string | undefined;
  try {
    browser = findBrowser();
  } catch {
    browser = undefined;
  }
  const changed = quiet("git", ["status", "--porcelain", "--", "src", "templates", ".eleventy.ts", "package.json"]);
  return {
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    cpu: os.cpus()[0]?.model,
    cores: os.availableParallelism(),
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    browser: browser && { path: browser, version: browser ? quiet(browser, ["--version"]) : undefined },
    commit: quiet("git", ["rev-parse", "--short", "HEAD"]),
    /** Files of the build with uncommitted changes when the benchmark ran. */
    uncommitted: changed ? changed.split("\n").map((l) => l.slice(3)) : [],
    versions: Object.fromEntries(await Promise.all(["@11ty/eleventy", "puppeteer", "pagedjs", "nunjucks", "zod", "yaml", "markdown-it"].map(async (p) => [p, await versionOf(p)] as const))),
  };
}

// ------------------------------------------------------------------ main

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killWorkers();
    process.kill(process.pid, signal);
  });
}

/** Wall-clock time of a command run as a process of its own. */
function timeProcess(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

type Startup = { readonly check: Series; readonly loadCheck: Series; readonly loadBuild: Series };
/** `dev` with its editor on the sample: until the editor lists the events, until the preview is built, and each save until the preview shows it. */
type EditorFigures = { readonly start: Series; readonly firstBuild: Series; readonly save: Series };

/** The preview's rebuild after editing one event of the sample data, and what `check` and a build cost to start. */
async function sampleFigures(): Promise<{ preview: Series | Failure; editor: EditorFigures | Failure; startup: Startup | Failure }> {
  // The editors' loop on the sample data itself: how long after saving an event its page is rewritten.
  log("sample data: preview rebuild after editing one event");
  // Outside the project, as an editor's data would be.
  const previewDir = await mkdtemp(path.join(os.tmpdir(), "activity-report-bench-preview-"));
  await cp(path.join(ROOT, "_data"), path.join(previewDir, "data"), { recursive: true });
  const previewEvent = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
  const preview = await attempt("preview rebuild", async () => {
    const r = await runWorker<PreviewRebuildResult>("previewRebuild", {
      dataDir: path.join(previewDir, "data"), outputDir: path.join(previewDir, "site"), eventFile: previewEvent,
      pagePath: "events/2018/2018-05-07-sarajevo-joint-working-group", rounds: quick ? 2 : runs,
    }, { timeoutMs: WORKER_TIMEOUT });
    log(`  ${r.samplesMs.map((x) => `${Math.round(x)} ms`).join(", ")}`);
    return series(r.samplesMs);
  });

  // The editor at /admin/ of the same preview: how soon it opens, and how soon a save shows in the preview.
  log("sample data: the editor's start and its saves");
  const editorFigures = await attempt("editor", async () => {
    const starts: number[] = [];
    const firstBuilds: number[] = [];
    const saves: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const r = await runWorker<EditorResult>("editor", {
        dataDir: path.join(previewDir, "data"), outputDir: path.join(previewDir, "site"), eventFile: previewEvent,
        pagePath: "events/2018/2018-05-07-sarajevo-joint-working-group", rounds: quick ? 2 : runs,
      }, { timeoutMs: WORKER_TIMEOUT });
      starts.push(r.startMs);
      firstBuilds.push(r.firstBuildMs);
      saves.push(...r.savesMs);
      log(`  editor ready after ${fmtMs(r.startMs)}, preview built after ${fmtMs(r.firstBuildMs)}; saves shown after ${r.savesMs.map((x) => `${Math.round(x)} ms`).join(", ")}`);
    }
    return { start: series(starts), firstBuild: series(firstBuilds), save: series(saves) };
  });
  await rm(previewDir, { recursive: true, force: true });

  // What a command costs before it does anything: loading its modules; and `check` of the sample, end to end.
  log("sample data: check end to end, and the modules each command loads");
  const startup = await attempt("start-up", async () => {
    const check: number[] = [];
    const loadCheck: number[] = [];
    const loadBuild: number[] = [];
    for (let i = 0; i < Math.max(runs, 3); i++) {
      check.push(await timeProcess(process.execPath, [path.join(ROOT, "bin/activity-report.js"), "check", "--data", path.join(ROOT, "_data")]));
      loadCheck.push((await runWorker<{ ms: number }>("modules", { command: "check" }, { timeoutMs: WORKER_TIMEOUT })).ms);
      loadBuild.push((await runWorker<{ ms: number }>("modules", { command: "build" }, { timeoutMs: WORKER_TIMEOUT })).ms);
    }
    log(`  check ${check.map((x) => `${Math.round(x)} ms`).join(", ")}; loading for check ${fmtMs(median(loadCheck))}, for a build without PDFs ${fmtMs(median(loadBuild))}`);
    return { check: series(check), loadCheck: series(loadCheck), loadBuild: series(loadBuild) };
  });
  return { preview, editor: editorFigures, startup };
}

async function main(): Promise<void> {
  await mkdir(DATA_ROOT, { recursive: true });
  const env = await environment();
  const cases = [...(sampleOnly ? ["the sample data"] : []), ...(photoCase ? [`${PHOTO_EVENTS} events with a photo each`] : []), ...(languageCase ? [`${languageSize.label} in one and in two languages`] : [])];
  log(`benchmark${quick ? " (quick)" : ""}: ${runs} run(s), ${caseOnly ? `only ${cases.join(", ")}` : [`sizes ${sizes.map((s) => s.label).join(", ")}`, ...cases].join(", ")}, seed ${seed}, Node ${env.node}, ${env.cores} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  if (env.uncommitted.length > 0) log(`note: uncommitted changes in ${env.uncommitted.length} file(s) of the build are measured too`);

  // The editors' loop on the sample data, and the start-up of the commands: not with --photos-only.
  const { preview, editor, startup } = caseOnly && !sampleOnly ? { preview: undefined, editor: undefined, startup: undefined } : await sampleFigures();

  const results: SizeResult[] = [];
  const paged: PagedComparison[] = [];
  let profile: { file: string; summary: ProfileSummary } | Failure | undefined;
  for (const size of caseOnly ? [] : sizes) {
    const measured = await measureSize(size);
    results.push(measured.result);
    // Paged.js on the one-year report, next to our print of the same page.
    const one = measured.result.pdfOneYear;
    if (!opts["no-pagedjs"] && size.years === 1 && one && !failed(one) && measured.reports && measured.siteDir) {
      const report = measured.reports.find((r) => r.year === one.year)!;
      paged.push({ label: `1 year, ${report.events} events`, events: report.events, year: report.year, ours: one, pagedjs: await pagedRun(size.label, measured.siteDir, report) });
    }
  }

  const photos = photoCase ? await attempt(`the case of ${PHOTO_EVENTS} events with a photo each`, measurePhotoCase) : undefined;
  const languages = languageCase ? await attempt("the case of two languages", measureLanguageCase) : undefined;

  if (!opts["no-pagedjs"] && !quick && !caseOnly) {
    const calibration = results.map((r) => r.pdfOneYear).find((p): p is PrintSummary => p !== undefined && !failed(p));
    if (calibration) {
      const large = await pagedLarge(calibration);
      if (failed(large)) paged.push({ label: `~${PAGED_PAGES} pages`, events: 0, year: 0, pagedjs: large });
      else paged.push(large);
    }
  }

  if (profiling) {
    const biggest = [...sizes].sort((a, b) => b.events - a.events)[0]!;
    const dir = path.join(DATA_ROOT, "profiles");
    await rm(dir, { recursive: true, force: true });
    log(`CPU profile of one site build of ${biggest.label}`);
    profile = await attempt("profile", async () => {
      await runWorker<BuildFigures>("site", { dataDir: path.join(DATA_ROOT, biggest.label, "data"), outputDir: path.join(DATA_ROOT, biggest.label, "site") }, { timeoutMs: WORKER_TIMEOUT, cpuProfileDir: dir });
      // The loader of tsx runs in a thread of its own and writes a second, small profile: take the main thread's, the largest.
      const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
      const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(f)).size })));
      const file = sized.sort((a, b) => b.size - a.size)[0]!.f;
      return { file: path.relative(ROOT, file), summary: await summarizeProfile(file) };
    });
  }

  const targets = evaluate(results, preview, editor, startup, photos, languages);
  const text = table(results, paged, targets, preview, editor, startup, photos, languages);
  const date = new Date().toISOString().slice(0, 10);
  const resultsDir = path.join(BENCH_DIR, "results");
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${date}${quick ? "-quick" : photosOnly ? "-photos" : languagesOnly ? "-languages" : sampleOnly ? "-sample" : ""}.json`);
  const record = {
    date: new Date().toISOString(),
    quick,
    photosOnly,
    languagesOnly,
    sampleOnly,
    runs: Object.fromEntries((caseOnly ? [] : sizes).map((size) => [size.label, { runs: runsFor(size), rebuilds: rebuildRunsFor(size) }])),
    seed,
    pagedLimitMinutes: pagedLimitMs / 60_000,
    durationMinutes: round((performance.now() - t0) / 60_000, 1),
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    environment: env,
    previewRebuild: preview,
    editor,
    startup,
    sizes: results,
    pagedjs: paged,
    photos,
    languages,
    targets,
    profile,
    table: text,
  };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`\n${text}\n\n`);
  if (profile && !failed(profile)) process.stdout.write(`CPU profile (${profile.file}):\n${formatSummary(profile.summary)}\n\n`);
  process.stdout.write(`Written to ${path.relative(ROOT, file)} in ${record.durationMinutes} min.\n`);
}

await main();

/** The `activity-report` command: init, check, build, dev, new, schema. */
// Each command loads what it needs when it runs: `check` loads neither Eleventy nor the printer.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import readline from "node:readline/promises";
import type { BuildProgress } from "./build.ts";
import { countDiagnostics, displayPath, formatDiagnostic, sortDiagnostics, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, reportYears } from "./data/load.ts";
import { DEFAULT_TITLE, STRAND_KINDS } from "./data/contract/schema.ts";
import type { PreviewAddress } from "./dev/serve.ts";
import { EXIT, failureMessage, ReportError, UsageError } from "./errors.ts";
import { fileSize, listSeparator, plural } from "./format/text.ts";
import { checkPreviewFolder } from "./output.ts";
import { normalisePathPrefix, photoCacheFor, readSettings, type Settings } from "./settings.ts";
import { endBySignal } from "./system/signals.ts";
import { Stops } from "./system/stops.ts";

/** Where `dev` writes its preview unless told otherwise: never the published output. */
export const PREVIEW_DIR = ".preview";

/** Where `dev` serves unless told otherwise: this machine only. */
export const PREVIEW_HOST = "127.0.0.1";

export { EXIT };


interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const DATA_OPTION = { data: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

const COMMANDS = {
  check: {
    usage: `Usage: activity-report check [--data DIR]
       activity-report check --release [YEAR…] [--data DIR] [--output DIR] [--record [--date YYYY-MM-DD]]

Validates the data folder and lists every problem as path:line:col: message.

With --release, also tells whether the reports of the years given (default:
every final edition) are fit to go out, and lists each reason why one is not:
  - its edition is a draft;
  - a warning that its readers would see: no site_url, no date (published or
    som), a report year without an edition, a document adopted with no
    language under versions, an abbreviation that no report uses;
  - its PDF in the output folder, or its PDF in a further language it is
    final in, is missing, was built from other data than the data folder
    holds now, or fails a machine check of PDF/UA-1 and PDF/A-2u;
  - it was released, and the text of its PDF in a language it went out in
    has changed since without a correction named under corrigenda in its
    edition.
It checks the PDFs that will be published, so build first:
  activity-report build && activity-report check --release

With --record, once the reports are fit to go out, records each of their
PDFs whose text was not released yet as released (today, or on --date):
English's, and that of each language a report is final in. The PDF is kept
under releases/<year>/ (another language's under releases/<language>/<year>/)
in the data folder, and the release is added to its edition in report.yaml.
Commit both with the data.

  --release     check that the reports are fit to be published
  --data DIR    the data folder (default: $REPORT_DATA or _data)
  --output DIR  with --release: the built site whose PDFs are checked
                (default: $REPORT_OUTPUT or output)
  --record      with --release: record the reports as released
  --date DATE   with --record: the day of the release (default: today)
  -h, --help    show this help

Exit code 0 when the data is valid (warnings may be printed), 1 when it has
errors, or with --release when a report is not fit to go out.`,
    options: { ...DATA_OPTION, release: { type: "boolean" }, output: { type: "string" }, record: { type: "boolean" }, date: { type: "string" } },
  },
  build: {
    usage: `Usage: activity-report build [--data DIR] [--output DIR] [--year YYYY] [--no-pdf] [--path-prefix PATH]
                            [--editor REPOSITORY-URL [--editor-login ID-OR-URL]]

Validates the data, builds the website and prints one PDF per report year.

  --data DIR           the data folder (default: $REPORT_DATA or _data)
  --output DIR         the output folder (default: $REPORT_OUTPUT or output)
  --year YYYY          build only the report of this year, a quick preview
                       (into output-YYYY, beside the output folder, unless --output is given)
  --no-pdf             build the website only
  --path-prefix PATH   the site is served from this sub-path, e.g. /reports/
  --editor URL         also publish the editor at /admin/, saving to this repository
                       (https://github.com/OWNER/REPOSITORY or a GitLab project's address;
                       a branch other than main as .../tree/BRANCH): each save a change request
  --editor-login X     how editors log in: the OAuth service's address (GitHub),
                       the OAuth application's id (GitLab)
  -h, --help           show this help

The output folder is replaced only when the whole build succeeds.
Exit code 0 on success, 1 on errors in the data or the build, 3 when no browser is found for the PDFs.`,
    options: {
      ...DATA_OPTION,
      output: { type: "string" },
      year: { type: "string" },
      "no-pdf": { type: "boolean" },
      "path-prefix": { type: "string" },
      editor: { type: "string" },
      "editor-login": { type: "string" },
    },
  },
  dev: {
    usage: `Usage: activity-report dev [--data DIR] [--output DIR] [--port N] [--host ADDR]

Serves a live preview of the website, on this machine only unless --host
says otherwise, that rebuilds and reloads when a data file, template,
stylesheet or source file is added, changed or deleted. Errors in the data
show in the browser and in the terminal until they are fixed. A year's PDF is
printed when it is asked for (open /YYYY/ and follow the PDF link).

  --data DIR     the data folder (default: $REPORT_DATA or _data)
  --output DIR   where the preview is written (default: .preview); never a
                 folder that build published
  --port N       the port to serve on (default 8080; the next free one if it
                 is taken; the address served is printed)
  --host ADDR    the address to serve on (default 127.0.0.1, this machine
                 only). To share the preview on a network, give this
                 machine's address there, or 0.0.0.0 for all its addresses:
                 anyone who can reach it can then read the preview (all of
                 the data, also what is not yet published, and its errors
                 with file names) and have its PDFs printed on this machine
  -h, --help     show this help`,
    options: { ...DATA_OPTION, output: { type: "string" }, port: { type: "string" }, host: { type: "string" }, child: { type: "boolean" } },
  },
  new: {
    usage: `Usage: activity-report new event|place|year|strand|type|framework [options] [--data DIR]

Adds an entry to the data folder that validates. Values not given as options
are asked for when run in a terminal. Never overwrites an existing entry.

  new event   --date YYYY-MM-DD --place ID --type ID --strands ID[,ID] --title TEXT --summary TEXT [--id ID]
              writes events/YYYY/<id>.yaml, with every other field as a comment
              to fill in. The id is the event's permanent web address; without
              --id it is <date>-<place>-<the title's meaningful words>, at most
              60 characters, e.g. 2019-02-19-istanbul-ministerial-conference.
              --place is a place id, or a country code (PK) for an activity
              known only by its country
  new place   --id ID --name NAME --country CODE [--lat N --lon N]
              adds a place to places.yaml
  new year    --year YYYY [--chair NAME] [--co-chair NAME] [--som-place ID --som-date YYYY-MM-DD [--som-number N]]
              adds an edition for a report year to report.yaml, with every
              other field as a comment to fill in; given none of the others,
              the edition starts as a draft (status: draft)
  new strand  --id ID --title TEXT --kind KIND [--short-title TEXT]
              adds a strand, a chapter of the report, at the end of strands.yaml;
              KIND is ${STRAND_KINDS.slice(0, -1).join(", ")} or ${STRAND_KINDS.at(-1)}
  new type    --id ID --label TEXT --plural TEXT [--training]
              adds a kind of activity at the end of event-types.yaml; --training
              counts the participants of its events as trainees
  new framework --id ID --title TEXT --short-title TEXT --adopted DATE --from YYYY --to YYYY --goal TITLE [--goal TITLE …]
              adds a framework with its priority goals, numbered in the order
              given, to frameworks.yaml (written when missing); each goal's id
              is the framework's id and the meaningful words of its title

A reference file that is empty, or missing, gets its first entry.
Each entry also brings the data folder's JSON Schemas (.schemas) up to date,
for editors' completion (see activity-report schema --help).

  --data DIR   the data folder (default: $REPORT_DATA or _data)
  -h, --help   show this help`,
    options: {
      ...DATA_OPTION,
      date: { type: "string" }, place: { type: "string" }, type: { type: "string" }, strands: { type: "string" },
      title: { type: "string" }, summary: { type: "string" },
      id: { type: "string" }, name: { type: "string" }, country: { type: "string" }, lat: { type: "string" }, lon: { type: "string" },
      year: { type: "string" }, chair: { type: "string" }, "co-chair": { type: "string" },
      "som-place": { type: "string" }, "som-date": { type: "string" }, "som-number": { type: "string" },
      kind: { type: "string" }, "short-title": { type: "string" }, label: { type: "string" }, plural: { type: "string" }, training: { type: "boolean" },
      adopted: { type: "string" }, from: { type: "string" }, to: { type: "string" }, goal: { type: "string", multiple: true },
    },
  },
  init: {
    usage: `Usage: activity-report init [DIR] [--year YYYY]
       activity-report init [DIR] --empty [--organisation NAME] [--secretariat NAME] [--title TEXT]

Starts a data folder in DIR (default: $REPORT_DATA or _data), a new or empty
folder, that check passes and build builds. Every file names its JSON Schema
in its first line, for editors' completion; the schemas are written into
DIR/.schemas.

By default the folder has the structure of the Budapest Process:
  report.yaml        the report, with a draft edition for this year (or
                     --year); every other field is offered as a comment
  strands.yaml       the Senior Officials Meeting, the Ministerial process,
                     the regional working groups and the project
  event-types.yaml   the kinds of activity
  topics.yaml        the topics
  frameworks.yaml    the frameworks of 2013, 2019 and 2024, with their goals
  countries.yaml     every country of ISO 3166-1, with its English name
  places.yaml        no places yet: add them with activity-report new place
  events/            no events yet: add them with activity-report new event

  --empty               the smallest valid data folder, for another
                        organisation: report.yaml with its required fields
                        only, and empty lists to add to with activity-report new
  --organisation NAME   with --empty: the name of the organisation or process
  --secretariat NAME    with --empty: who runs its Secretariat
  --title TEXT          with --empty: the title of every report (default: ${DEFAULT_TITLE})
  --year YYYY           the year of the first edition (default: this year)
  --data DIR            the same as DIR
  -h, --help            show this help

In a terminal, --organisation and --secretariat are asked for when not given.
Nothing is written into a folder that is not empty.`,
    options: { ...DATA_OPTION, empty: { type: "boolean" }, organisation: { type: "string" }, secretariat: { type: "string" }, title: { type: "string" }, year: { type: "string" } },
  },
  translations: {
    usage: `Usage: activity-report translations export --lang LANG [--year YYYY] [--all] [--out FILE] [--data DIR]
       activity-report translations import FILE [--lang LANG] [--data DIR]
       activity-report translations confirm --lang LANG [FILE…] [--data DIR]

Hands the data's texts to a translator and takes them back, as XLIFF 1.2,
which translation tools read.

  export   writes what LANG lacks, and what was translated from English that
           has changed since, for every report published in LANG (editions'
           languages) or for --year's, with the texts of the whole site
  import   takes a translated XLIFF file back into the translation files
           (<name>.LANG.yaml beside each data file), once the data folder
           with them passes the check; else it writes nothing
  confirm  records LANG's translations (of the files named; of all by default)
           as made from the English as it stands now: after revising them

  --lang LANG   the language, e.g. ru
  --year YYYY   export: only that report's texts, with those of the whole site
  --all         export: also the texts translated and up to date
  --out FILE    export: the XLIFF file to write (default: standard output)
  --data DIR    the data folder (default: $REPORT_DATA or _data)
  -h, --help    show this help`,
    options: { ...DATA_OPTION, lang: { type: "string" }, year: { type: "string" }, all: { type: "boolean" }, out: { type: "string" } },
  },
  schema: {
    usage: `Usage: activity-report schema [--data DIR] [--output DIR]

Writes the JSON Schemas of the data files, one for each kind of file
(event.schema.json for the event files, report.schema.json, places.schema.json,
strands.schema.json, event-types.schema.json, topics.schema.json,
countries.schema.json, frameworks.schema.json), and one for the translations
of each (event.translation.schema.json, …), for editors such as VS Code
with the YAML extension: completion and descriptions of every field, and red
marks as you type. The ids that the data folder's reference files define
(places, strands, types, topics, goals, countries) are offered with their names.
Run it again after adding a place, strand, type, topic, goal or country.

  --data DIR     the data folder (default: $REPORT_DATA or _data)
  --output DIR   where to write them (default: the data folder's .schemas)
  -h, --help     show this help`,
    options: { ...DATA_OPTION, output: { type: "string" } },
  },
} satisfies Record<string, { usage: string; options: ParseArgsConfig["options"] }>;

type Command = keyof typeof COMMANDS;

const USAGE = `Usage: activity-report <command> [options]

Commands:
  init    start a new data folder
  check   validate the data folder
  build   build the website and the PDFs
  dev     serve a live preview
  new     add an event, a place, a report year, a strand, a type or a framework
  schema  write the JSON Schemas of the data files, for editors' completion
  translations  hand texts to a translator as XLIFF, and take them back

Run activity-report <command> --help for the options of a command.`;

function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (diagnostics.length > 0) io.err(countDiagnostics(diagnostics));
}

function settingsFrom(values: Record<string, string | boolean | undefined>): Settings {
  const defaults = readSettings();
  const year = typeof values.year === "string" ? Number(values.year) : defaults.year;
  // A one-year preview never replaces the full report in the default output folder.
  const outputDir = typeof values.output === "string" ? values.output
    : year !== undefined ? `${defaults.outputDir}-${year}` : defaults.outputDir;
  return {
    dataDir: typeof values.data === "string" ? values.data : defaults.dataDir,
    outputDir,
    ...(year !== undefined ? { year } : {}),
    pathPrefix: typeof values["path-prefix"] === "string" ? normalisePathPrefix(values["path-prefix"]) : defaults.pathPrefix,
    pdf: values["no-pdf"] !== true,
    ...(defaults.printTimeoutMs !== undefined ? { printTimeoutMs: defaults.printTimeoutMs } : {}),
  };
}

async function check(io: Io, settings: Settings): Promise<number> {
  // What it learns of the pictures (which decode to their end) is kept where the build of the output folder keeps its
  // photos, so that neither decodes an unchanged picture again; not where nothing would be built.
  const pictureCache = existsSync(path.dirname(path.resolve(settings.outputDir))) ? photoCacheFor(settings.outputDir) : undefined;
  const result = await loadData(settings.dataDir, pictureCache ? { pictureCache } : {});
  // The data's problems include the catalogues' of the report's words (loadData).
  if (!result.data) {
    printDiagnostics(io, result.diagnostics);
    return EXIT.failed;
  }
  // What only the reports show (an abbreviation none of them uses) is told with the data's own warnings.
  const { buildSite, siteWarnings } = await import("./report/model.ts");
  printDiagnostics(io, sortDiagnostics([...result.diagnostics, ...siteWarnings(result.data, buildSite(result.data))]));
  const years = reportYears(result.data.events, result.data.report.editions).length;
  io.out(`ok: ${plural(result.data.events.length, "event")} in ${plural(years, "report")}, ${result.files} files checked`);
  const { describeLanguages } = await import("./data/languages/translations.ts");
  for (const line of describeLanguages(result.languages ?? [], (file) => displayPath(file))) io.out(line);
  const { termsOf } = await import("./data/contract/json-schema.ts");
  await refreshSchemas(io, settings.dataDir, termsOf(result.data));
  return EXIT.ok;
}

/** `check --release`: the reports of `years` (default: every final edition) and their built PDFs, fit to go out or not, and why. */
async function checkRelease(io: Io, settings: Settings, years: readonly number[] | undefined): Promise<number> {
  const release = await import("./release.ts");
  const result = await release.checkRelease(settings, years);
  printDiagnostics(io, result.diagnostics);
  if (result.errors) return EXIT.failed;
  const reasons = result.diagnostics.filter((d) => d.severity === "error").length;
  const reports = `the report${result.years.length === 1 ? "" : "s"} of ${result.years.map((y, i) => `${listSeparator(i, result.years.length)}${y}`).join("")}`;
  if (reasons > 0) {
    io.err(`Not ready for release: ${plural(reasons, "reason")} above${result.years.length === 0 ? "" : `, in checking ${reports}`}.`);
    return EXIT.failed;
  }
  io.out(`Ready for release: ${reports}; ${plural(result.pdfsPassed, "PDF")} in ${settings.outputDir} ${result.pdfsPassed === 1 ? "meets" : "meet"} every machine check of PDF/UA-1 and PDF/A-2u.`);
  return EXIT.ok;
}

/** `check --release --record`: the check, then, when the reports are fit to go out, their releases recorded in the data folder. */
async function recordRelease(io: Io, settings: Settings, years: readonly number[] | undefined, date: string): Promise<number> {
  const release = await import("./release.ts");
  const { check, recorded, refused } = await release.recordReleases(settings, years, date);
  printDiagnostics(io, sortDiagnostics([...check.diagnostics, ...refused]));
  if (check.errors || check.diagnostics.some((d) => d.severity === "error")) {
    io.err(`Not ready for release, so nothing was recorded: ${plural(check.diagnostics.filter((d) => d.severity === "error").length, "reason")} above.`);
    return EXIT.failed;
  }
  if (refused.length > 0) {
    io.err(`Nothing was recorded: ${refused.length === 1 ? "the release above cannot be recorded" : `the ${refused.length} releases above cannot be recorded`} on ${date}.`);
    return EXIT.failed;
  }
  const list = (ys: readonly number[]) => ys.map((y, i) => `${listSeparator(i, ys.length)}${y}`).join("");
  const { recordedReports } = await import("./report/release.ts");
  io.out(recorded.length === 0
    ? `Nothing to record: the reports of ${list(check.years)} are released as they are.`
    : `Recorded as released on ${date}: ${recordedReports(recorded)}; ${recorded.length === 1 ? "its PDF is" : "their PDFs are"} kept under ${path.join(settings.dataDir, "releases")}. Commit them with report.yaml.`);
  return EXIT.ok;
}

/**
 * The data folder's JSON Schemas (.schemas, where it has them) brought up to
 * date with its ids, once the data has passed the check; a folder whose
 * schemas cannot be written is built all the same.
 */
async function refreshSchemas(io: Io, dataDir: string, terms?: import("./data/contract/json-schema.ts").Terms): Promise<void> {
  const schemas = await import("./schemas.ts");
  await schemas.refreshSchemas(dataDir, terms).catch((error: Error) =>
    io.err(`Note: the JSON Schemas in the data folder could not be updated (${error.message}); run activity-report schema.`));
}

/** Progress of a build on standard error: a line per step, and a running count of pages in a terminal. */
function progressDisplay(io: Io, terminal: boolean): (progress: BuildProgress) => void {
  let counting = false;
  const line = (text: string) => {
    if (counting) process.stderr.write("\r\x1b[K");
    counting = false;
    io.err(text);
  };
  return (p) => {
    switch (p.step) {
      case "validated":
        printDiagnostics(io, p.warnings);
        return line(`Checked ${plural(p.events, "event")}: the data is valid.`);
      case "rendering":
        if (terminal) {
          process.stderr.write(`\r\x1b[KRendering pages… ${p.pages}`);
          counting = true;
        }
        return;
      case "rendered":
        return line(`Rendered ${plural(p.pages, "page")}.`);
      case "photos":
        return line(`Published ${plural(p.files, "picture file")}${p.files ? ` (${p.encoded === 0 ? "all from the cache" : `${p.encoded} encoded`})` : ""}.`);
      case "printed":
        return line(`Printed ${p.title} (${p.done} of ${p.of}): ${plural(p.pages, "page")}, ${fileSize(p.bytes)}.`);
      case "indexed":
        return line("Built the search index.");
      case "notice":
        return line(`Note: ${p.message}.`);
    }
  };
}

/** `translations export|import|confirm`. */
async function translations(io: Io, dataDir: string, positionals: readonly string[], values: Record<string, string | boolean | undefined>, usage: string): Promise<number> {
  const [action, ...files] = positionals;
  const lang = typeof values.lang === "string" ? values.lang : undefined;
  const misuse = (message: string) => {
    io.err(`activity-report translations: ${message}\n\n${usage}`);
    return EXIT.usage;
  };
  if (action !== "export" && action !== "import" && action !== "confirm") return misuse(action === undefined ? "say what to do: export, import or confirm" : `unknown action "${action}": export, import or confirm`);
  if (lang !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) return misuse(`--lang takes a language tag such as ru, not "${lang}"`);
  if (action !== "export" && (values.year !== undefined || values.all !== undefined || values.out !== undefined)) return misuse("--year, --all and --out go with export");
  const { confirmTranslations, exportTranslations, importTranslations } = await import("./translations.ts");
  if (action === "export") {
    if (files.length > 0) return misuse(`export takes no file: write where with --out, not ${JSON.stringify(files[0])}`);
    if (lang === undefined) return misuse("export needs --lang, the language to translate into");
    const result = await exportTranslations(dataDir, { lang, ...(typeof values.year === "string" ? { year: Number(values.year) } : {}), all: values.all === true });
    if (typeof values.out === "string") {
      await writeFile(values.out, result.xliff);
      io.err(`Wrote ${plural(result.texts, "text")} to translate into ${values.out}${result.stale > 0 ? `, ${result.stale} of them to revise, as their English has changed` : ""}.`);
    } else io.out(result.xliff.trimEnd());
    return EXIT.ok;
  }
  if (action === "import") {
    if (files.length !== 1) return misuse("import takes one XLIFF file");
    const result = await importTranslations(dataDir, files[0]!, lang);
    printDiagnostics(io, result.diagnostics);
    io.out(`Took ${plural(result.taken, "translation")} into ${plural(result.written.length, "file")}${result.empty > 0 ? `; ${plural(result.empty, "text")} left empty in the file, still to translate` : ""}.`);
    for (const file of result.written) io.out(`  ${displayPath(file)}`);
    return EXIT.ok;
  }
  if (lang === undefined) return misuse("confirm needs --lang, the language of the translations");
  const result = await confirmTranslations(dataDir, lang, files);
  io.out(result.texts === 0 ? "Every translation was already recorded as made from the English as it stands." : `Recorded ${plural(result.texts, "translation")} as made from the English as it stands, in ${plural(result.written.length, "file")}.`);
  return EXIT.ok;
}

async function schema(io: Io, dataDir: string, output: string | undefined): Promise<number> {
  const { writeSchemas } = await import("./schemas.ts");
  const result = await writeSchemas(dataDir, output);
  for (const file of result.unread) io.err(`Note: ${file} could not be read (run check), so its ids are not offered.`);
  const unchanged = result.all.length - result.written.length;
  io.out(`Wrote ${plural(result.written.length, "JSON Schema")} into ${result.dir}${unchanged ? ` (${unchanged} unchanged)` : ""}.`);
  return EXIT.ok;
}

/**
 * Runs `task` with SIGINT and SIGTERM as stops: the task undoes what it has written, says in what state
 * it leaves the output, and the process ends at once by the signal, as a shell expects (130, 143).
 * `process.exit()` would first wait for every task given to libuv's thread pool (sharp's encodings: minutes).
 */
async function stoppable<T>(io: Io, task: (stops: Stops) => Promise<T>): Promise<T> {
  const stops = new Stops((signal, outcome) => {
    if (outcome) io.err(`Interrupted (${signal}): ${outcome}.`);
    endBySignal(signal);
  });
  const stop = (signal: NodeJS.Signals) => stops.stop(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    return await task(stops);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

async function runBuild(io: Io, settings: Settings, editor?: string, editorLogin?: string): Promise<number> {
  const { build } = await import("./build.ts");
  let additions = {};
  if (editor !== undefined || editorLogin !== undefined) {
    if (editor === undefined) throw new UsageError("--editor-login goes with --editor");
    const { gitHostOf, GitHostError, publishEditor } = await import("./dev/editor/publish.ts");
    const { termsOf } = await import("./data/contract/json-schema.ts");
    type Data = import("./data/load.ts").DataSet;
    let host;
    try {
      host = gitHostOf(editor, editorLogin);
    } catch (error) {
      if (error instanceof GitHostError) throw new UsageError(`--editor: ${error.message}`);
      throw error;
    }
    const chosen = host;
    // The site's address, with its sub-path, for the editor's link back to the site.
    const siteUrl = (data: Data) => (data.report.site_url ? `${String(data.report.site_url).replace(/\/$/, "")}${settings.pathPrefix}` : undefined);
    additions = { addToSite: (siteDir: string, data: Data) => publishEditor(siteDir, chosen, termsOf(data), settings.dataDir, siteUrl(data)) };
  }
  const result = await stoppable(io, (stops) => build(settings, progressDisplay(io, Boolean(process.stderr.isTTY)), stops, additions));
  const pdfBytes = result.pdfs.reduce((n, p) => n + p.bytes, 0);
  io.out(
    `Built ${plural(result.pages, "page")} and ${plural(result.pdfs.length, "PDF")}` +
      (result.pdfs.length ? ` (${Math.round(pdfBytes / 1024)} KB)` : "") +
      ` into ${settings.outputDir} in ${result.seconds.toFixed(1)} s`,
  );
  for (const line of result.changes) io.out(line);
  await refreshSchemas(io, settings.dataDir);
  if (result.warnings.length > 0) {
    io.err("The data's warnings, again:");
    printDiagnostics(io, result.warnings);
  }
  // The previous output is removed while the lines above are read.
  await result.settled;
  return EXIT.ok;
}

async function dev(io: Io, settings: Settings, address: PreviewAddress, child: boolean): Promise<number> {
  const { servePreview, supervisePreview } = await import("./dev/serve.ts");
  if (child) {
    await servePreview(settings, address, { out: io.out, err: io.err, diagnostics: (list) => printDiagnostics(io, list) });
    return EXIT.ok;
  }
  // Refused here, before anything starts; the preview checks again before each build.
  await checkPreviewFolder(settings.outputDir, settings.dataDir);
  const args = (port: number) =>
    ["dev", "--child", "--data", settings.dataDir, "--output", settings.outputDir, "--host", address.host, "--port", String(port)];
  return await supervisePreview(args, address.port, io.out);
}

const missingOf = (values: Record<string, string | boolean | undefined>, keys: readonly string[]) => keys.filter((key) => typeof values[key] !== "string");

/** Asks for the values that were not given, in a terminal; elsewhere says which options are missing. */
async function ask(values: Record<string, string | boolean | undefined>, wanted: readonly (readonly [string, string])[]): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  const missing = missingOf(values, wanted.map(([key]) => key));
  if (missing.length > 0 && !process.stdin.isTTY) {
    throw new UsageError(`missing ${missing.map((key) => `--${key}`).join(", ")}`);
  }
  const rl = missing.length > 0 ? readline.createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    for (const [key, question] of wanted) {
      answers[key] = typeof values[key] === "string" ? values[key] : (await rl!.question(`${question}: `)).trim();
    }
  } finally {
    rl?.close();
  }
  return answers;
}


/** The options of each kind of entry (besides --data and --help). */
const NEW_OPTIONS = {
  event: ["date", "place", "type", "strands", "title", "summary", "id"],
  place: ["id", "name", "country", "lat", "lon"],
  year: ["year", "chair", "co-chair", "som-place", "som-date", "som-number"],
  strand: ["id", "title", "kind", "short-title"],
  type: ["id", "label", "plural", "training"],
  framework: ["id", "title", "short-title", "adopted", "from", "to", "goal"],
} as const;

type Entry = keyof typeof NEW_OPTIONS;
const isEntry = (what: string | undefined): what is Entry => what !== undefined && Object.hasOwn(NEW_OPTIONS, what);

/** The titles of a new framework's goals: as given, or asked one by one in a terminal. */
async function goalTitles(given: readonly string[] | undefined, question: (n: number) => string): Promise<string[]> {
  if (given !== undefined) return [...given];
  if (!process.stdin.isTTY) throw new UsageError("missing --goal");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const titles: string[] = [];
  try {
    for (;;) {
      const title = (await rl.question(`${question(titles.length + 1)}: `)).trim();
      if (!title) {
        if (titles.length > 0) return titles;
        continue;
      }
      titles.push(title);
    }
  } finally {
    rl.close();
  }
}

async function scaffold(io: Io, dataDir: string, positionals: readonly string[], values: Record<string, string | boolean | undefined>, usage: string): Promise<number> {
  const [what] = positionals;
  if (!isEntry(what)) {
    io.err(`activity-report new: say what to add: ${Object.keys(NEW_OPTIONS).join(", ").replace(/, (\w+)$/, " or $1")}\n\n${usage}`);
    return EXIT.usage;
  }
  const own: readonly string[] = [...NEW_OPTIONS[what], "data", "help"];
  const foreign = Object.keys(values).filter((key) => values[key] !== undefined && !own.includes(key));
  if (foreign.length > 0) throw new UsageError(`new ${what} takes no ${foreign.map((key) => `--${key}`).join(", ")}; its options are ${NEW_OPTIONS[what].map((key) => `--${key}`).join(", ")}`);
  const { newEvent, newFramework, newPlace, newStrand, newType, newYear } = await import("./scaffold/new-entries.ts");
  const { eventChoices, eventQuestions, goalQuestion, QUESTIONS } = await import("./scaffold/questions.ts");
  const { ScaffoldError } = await import("./scaffold/edits.ts");
  const number = (text: string | undefined, what: string): number | undefined => {
    if (text === undefined || text === "") return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new ScaffoldError(`${what} must be a number, not "${text}"`);
    return n;
  };
  let result: { file: string; warnings: readonly Diagnostic[] };
  if (what === "event") {
    // In a terminal, the questions for ids list the valid ones.
    const asking = process.stdin.isTTY && missingOf(values, eventQuestions().map(([key]) => key)).length > 0;
    const a = await ask(values, eventQuestions(asking ? await eventChoices(dataDir) : undefined));
    result = await newEvent(dataDir, {
      date: a.date!, place: a.place!, type: a.type!, title: a.title!, summary: a.summary!,
      strands: a.strands!.split(",").map((s) => s.trim()).filter(Boolean),
      id: values.id as string | undefined,
    });
  } else if (what === "place") {
    const a = await ask(values, [["id", "Id (lower case, e.g. vienna)"], ["name", "Name"], ["country", "Country code (ISO 3166-1, e.g. AT)"]]);
    result = await newPlace(dataDir, {
      id: a.id!, name: a.name!, country: a.country!, lat: number(values.lat as string, "--lat"), lon: number(values.lon as string, "--lon"),
      typed: { lat: values.lat as string | undefined, lon: values.lon as string | undefined },
    });
  } else if (what === "strand") {
    const a = await ask(values, QUESTIONS.strand);
    const shortTitle = values["short-title"] as string | undefined;
    result = await newStrand(dataDir, { id: a.id!, title: a.title!, kind: a.kind!, ...(shortTitle !== undefined ? { shortTitle } : {}) });
  } else if (what === "type") {
    const a = await ask(values, QUESTIONS.type);
    result = await newType(dataDir, { id: a.id!, label: a.label!, plural: a.plural!, training: values.training === true });
  } else if (what === "framework") {
    const a = await ask(values, QUESTIONS.framework);
    const year = (option: string) => {
      if (!/^\d{4}$/.test(a[option]!)) throw new ScaffoldError(`--${option} must be a year written YYYY, not ${JSON.stringify(a[option])}`);
      return Number(a[option]);
    };
    const goals = await goalTitles(values.goal as unknown as string[] | undefined, goalQuestion);
    result = await newFramework(dataDir, { id: a.id!, title: a.title!, shortTitle: a["short-title"]!, adopted: a.adopted!, from: year("from"), to: year("to"), goals });
  } else {
    const a = await ask(values, [["year", "Report year (YYYY)"]]);
    const year = number(a.year, "--year");
    if (year === undefined || !/^\d{4}$/.test(a.year!)) throw new ScaffoldError(`--year must be a year written YYYY, not "${a.year}"`);
    const somPlace = values["som-place"] as string | undefined;
    const somDate = values["som-date"] as string | undefined;
    if (Boolean(somPlace) !== Boolean(somDate)) throw new UsageError(`missing ${somPlace ? "--som-date" : "--som-place"}: give both --som-place and --som-date, or neither`);
    result = await newYear(dataDir, {
      year,
      chair: values.chair as string | undefined,
      coChair: values["co-chair"] as string | undefined,
      som: somPlace && somDate ? { place: somPlace, date: somDate, number: number(values["som-number"] as string, "--som-number") } : undefined,
    });
  }
  printDiagnostics(io, result.warnings);
  io.out(`Wrote ${result.file}; the data is valid.`);
  // The schemas that the new event names, and that offer the new place's id, follow the data; the entry is written either way.
  const { writeSchemas } = await import("./schemas.ts");
  await writeSchemas(dataDir).then(
    (schemas) => schemas.written.length > 0 && io.out(`Updated the JSON Schemas in ${schemas.dir}, which editors read for completion.`),
    (error: Error) => io.err(`Note: the JSON Schemas in the data folder could not be updated (${error.message}); run activity-report schema.`),
  );
  return EXIT.ok;
}

async function init(io: Io, dir: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const empty = values.empty === true;
  const given = ["organisation", "secretariat", "title"].filter((key) => values[key] !== undefined);
  if (!empty && given.length > 0) throw new UsageError(`${given.map((key) => `--${key}`).join(", ")} ${given.length > 1 ? "go" : "goes"} with --empty; without it the folder is the Budapest Process's`);
  if (empty && values.year !== undefined) throw new UsageError("--year goes without --empty; an --empty folder has no edition yet (add one with activity-report new year)");
  const { initFolder } = await import("./init.ts");
  const a = empty ? await ask(values, [["organisation", "Name of the organisation or process"], ["secretariat", "Who runs its Secretariat"]]) : {};
  const result = await initFolder(dir, {
    empty,
    ...(empty ? { organisation: a.organisation!, secretariat: a.secretariat!, title: typeof values.title === "string" ? values.title : DEFAULT_TITLE } : {}),
    ...(typeof values.year === "string" ? { year: Number(values.year) } : {}),
  });
  io.out(`Wrote a new data folder into ${dir}: ${result.files.map((f) => (f === "events" ? "an empty events folder" : f)).join(", ")}, and its JSON Schemas (.schemas). It passes the check.`);
  const data = dir === "_data" ? "" : ` --data ${dir}`;
  io.out(empty
    ? `Next: add strands, types and places with activity-report new strand|type|place${data}, then events with activity-report new event${data}.`
    : `Next: add an event with activity-report new event${data} (a place first, if it has one: activity-report new place${data}).`);
  return EXIT.ok;
}

const npmConfig = (option: string) => `npm_config_${option.replace(/-/g, "_")}`;

/**
 * The options that npm kept for itself. `npm run build --year 2019`, without
 * `--`, gives the script only "2019" and sets npm_config_year ("true", or the
 * value when written --year=2019; --no-pdf sets npm_config_pdf). Only looked
 * for in the npm script that runs this command, not in what that starts.
 */
export function keptByNpm(command: string, options: readonly string[], values: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  if (!env.npm_lifecycle_event || !(env.npm_lifecycle_script ?? "").split(/\s+/).includes(command)) return [];
  return options.filter((option) => option !== "help" && option !== "child" && values[option] === undefined &&
    (env[npmConfig(option)] !== undefined || (option.startsWith("no-") && env[npmConfig(option.slice(3))] !== undefined)));
}

/** The usage's placeholder for an option's value: `YYYY` for `[--year YYYY]`. */
function placeholder(usage: string, option: string): string {
  let word = new RegExp(`--${option} (\\S+)`).exec(usage)?.[1] ?? "VALUE";
  while ((word.match(/\]/g) ?? []).length > (word.match(/\[/g) ?? []).length) word = word.slice(0, -1);
  return word;
}

/** A word as a POSIX shell reads it back. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

/**
 * What to type instead, when npm kept options: the same command with `--`
 * before its options. The value of an option npm kept is the stray argument
 * when there is one of each; with several, which value was whose is lost, so
 * they are shown as the usage's placeholders.
 */
export function npmAdvice(script: string, kept: readonly string[], types: Record<string, string>, env: NodeJS.ProcessEnv, passed: readonly string[], strays: readonly string[], usage: string): string {
  const needValue = kept.filter((o) => types[o] === "string" && env[npmConfig(o)] === "true");
  const pairable = needValue.length === 1 && strays.length === 1;
  const words = kept.flatMap((o) => {
    if (types[o] !== "string") return [`--${o}`];
    if (!needValue.includes(o)) return [`--${o}`, shellWord(env[npmConfig(o)]!)];
    return [`--${o}`, pairable ? shellWord(strays[0]!) : placeholder(usage, o)];
  });
  const received = strays.length === 0 ? "" : ` and passed on only ${strays.map((s) => JSON.stringify(s)).join(", ")}`;
  return `npm took ${kept.map((o) => `--${o}`).join(", ")} for itself${received}: to give options through npm, put -- before them:\n` +
    `  npm run ${script} -- ${[...passed.map(shellWord), ...words].join(" ")}` +
    (!pairable && needValue.length > 0 ? `\nwith the values you meant in place of ${needValue.map((o) => words[words.indexOf(`--${o}`) + 1]).join(", ")}.` : "");
}

type OptionValues = Record<string, string | boolean | undefined>;

/** What the command line gives a command: its options' values, what it takes that is not an option, and the places of the rest. */
interface ParsedArguments {
  readonly values: OptionValues;
  readonly positionals: string[];
  /** Where in the arguments stand those that the command does not take. */
  readonly strayAt: number[];
}

/** The command line of command `name` (throws on an unknown option or a missing value). */
function parseArguments(name: Command, args: readonly string[]): ParsedArguments {
  const command = COMMANDS[name];
  // The assertion widens what parseArgs infers from one command's options, so that every command's values have one type.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const parsed = parseArgs({ args: [...args], options: command.options as ParseArgsConfig["options"], strict: true, allowPositionals: true, tokens: true });
  // `new` takes what to add, `init` the folder; no command takes anything else that is not an option.
  // `check --release` takes the report years.
  const wanted = name === "new" || name === "init" ? 1 : name === "translations" || (name === "check" && (parsed.values as Record<string, unknown>).release === true) ? Infinity : 0;
  const at = parsed.tokens.flatMap((t) => (t.kind === "positional" ? [t.index] : []));
  return { values: parsed.values, positionals: parsed.positionals.slice(0, wanted), strayAt: at.slice(wanted) };
}

/** The port that `dev` is asked for. */
const portOf = (values: OptionValues) => (typeof values.port === "string" ? Number(values.port) : 8080);

/** What is wrong with the options given to command `name`, taken one by one or together, if anything. */
function optionProblem(name: Command, values: OptionValues, positionals: readonly string[]): string | undefined {
  if (name === "check" && values.record !== true && values.date !== undefined) return "--date goes with --record, which records the day of a release";
  if (name === "check" && values.release !== true && values.record === true) return "--record goes with --release: only reports fit to go out are recorded as released";
  if (name === "check" && typeof values.date === "string" && (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(Date.parse(`${values.date}T00:00:00Z`)))) {
    return `--date must be a day written YYYY-MM-DD, not "${values.date}"`;
  }
  if (name === "check" && values.release !== true && values.output !== undefined) return "--output goes with --release, which checks the PDFs of the built site";
  const notYear = name === "check" ? positionals.find((p) => !/^\d{4}$/.test(p)) : undefined;
  if (notYear !== undefined) return `a report year is written YYYY, not "${notYear}"`;
  if (typeof values.year === "string" && !/^\d{4}$/.test(values.year)) return `--year must be a year written YYYY, not "${values.year}"`;
  const port = portOf(values);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return "--port must be a port number";
  // An address or a host name; an empty one would mean every address.
  if (typeof values.host === "string" && !/^(\[[0-9a-fA-F:.]+\]|[0-9a-zA-Z.:-]+)$/.test(values.host)) {
    return `--host must be an address (such as 127.0.0.1 or 192.168.1.20) or a host name, not "${values.host}"`;
  }
  return undefined;
}

/** Runs command `name`, whose options were found sound, and gives its exit code. */
async function runCommand(io: Io, name: Command, values: OptionValues, positionals: readonly string[]): Promise<number> {
  const { usage } = COMMANDS[name];
  const settings = settingsFrom(name === "new" || name === "init" ? { ...values, year: undefined } : values);
  try {
    if (name === "new") return await scaffold(io, settings.dataDir, positionals, values, usage);
    if (name === "init") return await init(io, positionals[0] ?? settings.dataDir, values);
    if (name === "check" && values.release === true) {
      const years = positionals.length > 0 ? positionals.map(Number) : undefined;
      return values.record === true ? await recordRelease(io, settings, years, typeof values.date === "string" ? values.date : new Date().toISOString().slice(0, 10)) : await checkRelease(io, settings, years);
    }
    if (name === "check") return await check(io, settings);
    if (name === "schema") return await schema(io, settings.dataDir, typeof values.output === "string" ? values.output : undefined);
    if (name === "translations") return await translations(io, settings.dataDir, positionals, values, usage);
    if (name === "build") return await runBuild(io, settings, typeof values.editor === "string" ? values.editor : undefined, typeof values["editor-login"] === "string" ? values["editor-login"] : undefined);
    const host = typeof values.host === "string" ? values.host.replace(/^\[(.*)\]$/, "$1") : PREVIEW_HOST;
    return await dev(io, { ...settings, outputDir: typeof values.output === "string" ? values.output : PREVIEW_DIR }, { host, port: portOf(values) }, values.child === true);
  } catch (error) {
    // An error that says what it means is printed as it says; any other is a failure of the build.
    if (error instanceof ReportError) {
      for (const line of error.lines(`activity-report ${name}: `)) io.err(line);
      if (error.hint) io.err(error.hint);
      if (error.showUsage) io.err(`\n${usage}`);
      return error.exitCode;
    }
    io.err(`activity-report ${name} failed: ${failureMessage(error)}`);
    if (name === "build") io.err(`The output in ${settings.outputDir} is unchanged.`);
    if (process.env.DEBUG) io.err(String((error as Error).stack));
    return EXIT.failed;
  }
}

export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!(name in COMMANDS)) {
    io.err(`activity-report: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const command = COMMANDS[name as Command];
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(name as Command, rest);
  } catch (error) {
    io.err(`activity-report ${name}: ${(error as Error).message}\n\n${command.usage}`);
    return EXIT.usage;
  }
  const { values, positionals, strayAt } = parsed;
  const strays = strayAt.map((i) => rest[i]!);
  const optionTypes = Object.fromEntries(Object.entries(command.options).map(([key, o]) => [key, o.type]));
  const kept = keptByNpm(name, Object.keys(command.options), values, process.env);
  if (kept.length > 0) {
    const passed = rest.filter((_, i) => !strayAt.includes(i));
    io.err(`activity-report ${name}: ${npmAdvice(process.env.npm_lifecycle_event!, kept, optionTypes, process.env, passed, strays, command.usage)}`);
    return EXIT.usage;
  }
  if (strays.length > 0) {
    io.err(`activity-report ${name}: unexpected argument ${strays.map((s) => JSON.stringify(s)).join(", ")}; options start with --\n\n${command.usage}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(command.usage);
    return EXIT.ok;
  }
  const problem = optionProblem(name as Command, values, positionals);
  if (problem !== undefined) {
    io.err(`activity-report ${name}: ${problem}\n\n${command.usage}`);
    return EXIT.usage;
  }
  return runCommand(io, name as Command, values, positionals);
}

/** The `activity-report` command: check, build, dev. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { build, checkOutputFolder, exportSettings, ELEVENTY_CONFIG, OUTPUT_MARKER, OutputError } from "./build.ts";
import { DataError, formatDiagnostic, type Diagnostic } from "./data/diagnostics.ts";
import { loadData } from "./data/load.ts";
import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { BrowserNotFoundError, NO_BROWSER_EXIT_CODE } from "./pdf/browser.ts";
import { normalisePathPrefix, readSettings, type Settings } from "./settings.ts";

export const EXIT = { ok: 0, failed: 1, usage: 2, noBrowser: NO_BROWSER_EXIT_CODE } as const;

/** `1 page`, `2 pages` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const DATA_OPTION = { data: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

const COMMANDS = {
  check: {
    usage: `Usage: activity-report check [--data DIR]

Validates the data folder and lists every problem as path:line:col: message.

  --data DIR   the data folder (default: $REPORT_DATA or _data)
  -h, --help   show this help

Exit code 0 when the data is valid (warnings may be printed), 1 when it has errors.`,
    options: DATA_OPTION,
  },
  build: {
    usage: `Usage: activity-report build [--data DIR] [--output DIR] [--year YYYY] [--no-pdf] [--path-prefix PATH]

Validates the data, builds the website and prints one PDF per report year.

  --data DIR           the data folder (default: $REPORT_DATA or _data)
  --output DIR         the output folder (default: $REPORT_OUTPUT or output)
  --year YYYY          build only the report of this year, a quick preview
                       (into output-YYYY unless --output is given)
  --no-pdf             build the website only
  --path-prefix PATH   the site is served from this sub-path, e.g. /reports/
  -h, --help           show this help

The output folder is replaced only when the whole build succeeds.
Exit code 0 on success, 1 on errors in the data or the build, 3 when no browser is found for the PDFs.`,
    options: {
      ...DATA_OPTION,
      output: { type: "string" },
      year: { type: "string" },
      "no-pdf": { type: "boolean" },
      "path-prefix": { type: "string" },
    },
  },
  dev: {
    usage: `Usage: activity-report dev [--data DIR] [--port N]

Serves a live preview of the website that rebuilds when a file changes.

  --data DIR   the data folder (default: $REPORT_DATA or _data)
  --port N     the port to serve on (default 8080)
  -h, --help   show this help`,
    options: { ...DATA_OPTION, port: { type: "string" } },
  },
} satisfies Record<string, { usage: string; options: ParseArgsConfig["options"] }>;

type Command = keyof typeof COMMANDS;

const USAGE = `Usage: activity-report <command> [options]

Commands:
  check   validate the data folder
  build   build the website and the PDFs
  dev     serve a live preview

Run activity-report <command> --help for the options of a command.`;

function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (diagnostics.length > 0) io.err(`${plural(errors, "error")}, ${plural(diagnostics.length - errors, "warning")}`);
}

function settingsFrom(values: Record<string, string | boolean | undefined>): Settings {
  const defaults = readSettings();
  const year = typeof values.year === "string" ? Number(values.year) : defaults.year;
  // A one-year preview never replaces the full report in the default output folder.
  const outputDir = typeof values.output === "string" ? values.output
    : year !== undefined && !process.env.REPORT_OUTPUT ? `${defaults.outputDir}-${year}` : defaults.outputDir;
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
  const result = await loadData(settings.dataDir);
  printDiagnostics(io, result.diagnostics);
  if (!result.data) return EXIT.failed;
  const years = new Set(result.data.events.map((e) => e.reportYear)).size;
  io.out(`ok: ${plural(result.data.events.length, "event")} in ${plural(years, "report")}, ${result.files} files checked`);
  return EXIT.ok;
}

async function runBuild(io: Io, settings: Settings): Promise<number> {
  const result = await build(settings);
  printDiagnostics(io, result.warnings);
  const pdfBytes = result.pdfs.reduce((n, p) => n + p.bytes, 0);
  io.out(
    `Built ${plural(result.pages, "page")} and ${plural(result.pdfs.length, "PDF")}` +
      (result.pdfs.length ? ` (${Math.round(pdfBytes / 1024)} KB)` : "") +
      ` into ${settings.outputDir} in ${result.seconds.toFixed(1)} s`,
  );
  return EXIT.ok;
}

async function dev(io: Io, settings: Settings, port: number): Promise<number> {
  const loaded = await loadData(settings.dataDir);
  printDiagnostics(io, loaded.diagnostics);
  const output = await checkOutputFolder(settings.outputDir, settings.dataDir);
  await mkdir(output, { recursive: true });
  await writeFile(path.join(output, OUTPUT_MARKER), "Written by activity-report dev.\n");
  exportSettings({ ...settings, outputDir: output });
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(undefined, undefined, { configPath: ELEVENTY_CONFIG, source: "cli", runMode: "serve" });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(port);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await eleventy.close?.();
  return EXIT.ok;
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
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...rest], options: command.options as ParseArgsConfig["options"], strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    io.err(`activity-report ${name}: ${(error as Error).message}\n\n${command.usage}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(command.usage);
    return EXIT.ok;
  }
  if (typeof values.year === "string" && !/^\d{4}$/.test(values.year)) {
    io.err(`activity-report ${name}: --year must be a year written YYYY, not "${values.year}"\n\n${command.usage}`);
    return EXIT.usage;
  }
  const port = typeof values.port === "string" ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`activity-report ${name}: --port must be a port number\n\n${command.usage}`);
    return EXIT.usage;
  }

  const settings = settingsFrom(values);
  try {
    if (name === "check") return await check(io, settings);
    if (name === "build") return await runBuild(io, settings);
    return await dev(io, settings, port);
  } catch (error) {
    if (error instanceof DataError) {
      printDiagnostics(io, error.diagnostics);
      io.err("Nothing was written: fix the errors above and build again.");
      return EXIT.failed;
    }
    if (error instanceof OutputError) {
      io.err(`activity-report ${name}: ${error.message}`);
      return EXIT.failed;
    }
    if (error instanceof BrowserNotFoundError) {
      io.err(`activity-report: ${error.message}`);
      return EXIT.noBrowser;
    }
    io.err(`activity-report ${name} failed: ${(error as Error).message}`);
    if (process.env.DEBUG) io.err(String((error as Error).stack));
    return EXIT.failed;
  }
}

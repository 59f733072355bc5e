/**
 * Where the build reads and writes, and how. The settings travel as an object (the CLI passes them to
 * build, dev and Eleventy's plugin); the environment gives their defaults, for the CLI and for
 * `.eleventy.ts` run on its own (`npm run eleventy`): REPORT_DATA, REPORT_OUTPUT, REPORT_YEAR,
 * REPORT_PATH_PREFIX, REPORT_PDF, REPORT_PRINT_TIMEOUT.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The first folder above `file` that holds a package.json: the project's own folder, from src/ as from the
 * compiled command under node_modules/.cache (bin/compiled.js), whose folders hold none.
 */
export function projectRootOf(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${file}`);
  }
}

/** The project's own folder (templates, sources), wherever the command is run from. */
export const PROJECT_ROOT = projectRootOf(fileURLToPath(import.meta.url));
/** The Nunjucks templates: Eleventy's input folder, which the preview also watches. */
export const TEMPLATES = path.join(PROJECT_ROOT, "templates");

export interface Settings {
  readonly dataDir: string;
  readonly outputDir: string;
  /** Build only this report year. */
  readonly year?: number;
  /** URL prefix when the site is served from a sub-path, e.g. `/reports/`. */
  readonly pathPrefix: string;
  /** Whether PDFs are printed, so that pages link to them. */
  readonly pdf: boolean;
  /** How long printing may take before it is stopped (REPORT_PRINT_TIMEOUT, milliseconds). */
  readonly printTimeoutMs?: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const year = env.REPORT_YEAR ? Number(env.REPORT_YEAR) : undefined;
  return {
    dataDir: env.REPORT_DATA || "_data",
    outputDir: env.REPORT_OUTPUT || "output",
    ...(year !== undefined && Number.isInteger(year) ? { year } : {}),
    pathPrefix: normalisePathPrefix(env.REPORT_PATH_PREFIX || "/"),
    pdf: env.REPORT_PDF !== "0",
    ...(Number(env.REPORT_PRINT_TIMEOUT) > 0 ? { printTimeoutMs: Number(env.REPORT_PRINT_TIMEOUT) } : {}),
  };
}

/** `reports` → `/reports/`: a path prefix always starts and ends with a slash. */
export function normalisePathPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/**
 * The photo cache of the output folder `outputDir`: a hidden folder beside it, kept when the
 * build swaps a new output into place, and written whole file by file (a build holds the
 * output's lock; a check only adds what it learnt of the pictures).
 */
export function photoCacheFor(outputDir: string): string {
  const resolved = path.resolve(outputDir);
  return path.join(path.dirname(resolved), ".activity-report-cache", path.basename(resolved), "photos");
}

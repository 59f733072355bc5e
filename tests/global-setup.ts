/**
 * Builds each data folder that several end-to-end files read once per run, through the CLI as
 * a user would (site and PDFs), for every test file that checks the built site: the pages, the
 * PDFs, the links. A test file reads a build with `builtSite(name)` (tests/helpers/sites.ts);
 * a new data folder that more than one file reads is one more entry in SITES.
 *
 * The sample's build also leaves its photo cache: `warmOutput()` gives a test an output folder
 * whose cache already holds the sample's copies, so that its build of the sample (or a copy of
 * it) does not encode them again.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runCli, type Run } from "./helpers/cli.ts";
import { ROOT, SAMPLE_DATA } from "./helpers/data.ts";

/** The data folders built once for the run, by name, the longest build first. */
export const SITES = {
  sample: SAMPLE_DATA,
  "full-data": path.join(ROOT, "tests/fixtures/full-data"),
  "minimal-data": path.join(ROOT, "tests/fixtures/minimal-data"),
} as const;

export type SiteName = keyof typeof SITES;
export interface BuiltSite {
  /** The output folder; its photo cache is beside it (photoCacheFor). Read it, never write to it. */
  readonly dir: string;
  readonly run: Run;
}

declare module "vitest" {
  export interface ProvidedContext {
    sites: Partial<Record<SiteName, BuiltSite>>;
  }
}

/**
 * The sites to build: all, or those TEST_SITES names (comma-separated; empty for none), for a run of test files
 * that read no built site, such as CI's run of the editor's test on other versions of Node.
 */
function sitesWanted(): [SiteName, string][] {
  const all = Object.entries(SITES) as [SiteName, string][];
  const listed = process.env.TEST_SITES;
  if (listed === undefined) return all;
  const names = listed.split(",").map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in SITES));
  if (unknown.length > 0) throw new Error(`TEST_SITES names no such site: ${unknown.join(", ")} (the sites are ${Object.keys(SITES).join(", ")})`);
  return all.filter(([name]) => names.includes(name));
}

/**
 * Two builds at a time, the longest first: a build keeps about one core busy (Eleventy and the PDFs' finishing run
 * on Node's one thread, Chromium prints a page at a time; only the photos' encoders use more), so two keep both
 * cores of a small machine busy. Each starts with no photo cache, as an editor's first build does: photos.test.ts
 * reads in the full-data build's report that it encoded every picture.
 */
const AT_ONCE = 2;

export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(tmpdir(), "activity-report-sites-"));
  const sites: Partial<Record<SiteName, BuiltSite>> = {};
  const queue = sitesWanted();
  const builder = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, data] = next;
      // Each in a folder of its own, named "site", as the tests' own outputs are.
      const dir = path.join(root, name, "site");
      await mkdir(path.dirname(dir));
      sites[name] = { dir, run: await runCli(["build", "--data", data, "--output", dir]) };
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, builder));
  project.provide("sites", sites);
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}

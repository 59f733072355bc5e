/** The builds of the global setup (tests/global-setup.ts), for the end-to-end tests. */
import { cp } from "node:fs/promises";
import path from "node:path";
import { inject } from "vitest";
import { photoCacheFor } from "../../src/settings.ts";
import type { BuiltSite, SiteName } from "../global-setup.ts";
import { tempDir } from "./data.ts";

/** The build of the data folder `name` of SITES, made once for the run. Read it, never write to it. */
export function builtSite(name: SiteName): BuiltSite {
  const site = inject("sites")[name];
  if (!site) throw new Error(`the site ${name} was not built for this run: TEST_SITES leaves it out`);
  return site;
}

/** Whether this run built the data folder `name` of SITES (TEST_SITES may leave it out). */
export const isBuilt = (name: SiteName): boolean => inject("sites")[name] !== undefined;

/**
 * A new output folder (`<parent>/<name>`, not made yet) whose photo cache beside it already holds the
 * copies the sample's build made: a build of the sample, or of a copy of it, encodes none of its
 * pictures again. For tests whose subject is not the encoding or the cache (those build cold).
 * The cache is copied, not linked, so that nothing a test does reaches the shared build's.
 */
export async function warmOutput(options: { parent?: string; name?: string } = {}): Promise<string> {
  const output = path.join(options.parent ?? (await tempDir()), options.name ?? "site");
  await cp(photoCacheFor(builtSite("sample").dir), photoCacheFor(output), { recursive: true });
  return output;
}

/**
 * warmOutput when this run built the sample, else the same folder with no cache beside it: for a test that is
 * also run on its own with no site built (TEST_SITES empty, as CI does on the other versions of Node), where
 * encoding the pictures once costs less than building the sample.
 */
export async function warmOutputIfBuilt(options: { parent?: string; name?: string } = {}): Promise<string> {
  if (isBuilt("sample")) return warmOutput(options);
  return path.join(options.parent ?? (await tempDir()), options.name ?? "site");
}

/**
 * Builds the sample data once, through the CLI as a user would, for every
 * test file that checks the built site: the pages, the PDFs, the links.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runCli, type Run } from "./helpers/cli.ts";
import { SAMPLE_DATA } from "./helpers/data.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sampleSite: { dir: string; run: Run };
  }
}

export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(tmpdir(), "activity-report-site-"));
  const dir = path.join(root, "site");
  const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", dir]);
  project.provide("sampleSite", { dir, run });
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}

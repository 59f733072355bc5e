/** Each command loads what it needs: checking loads neither Eleventy nor the printer; a build without PDFs loads no printer. */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, ROOT, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";

const MINIMAL_DATA = path.join(ROOT, "tests/fixtures/minimal-data");

afterAll(cleanUp);

/** The packages a run of the command loaded, by name. */
async function packagesLoaded(args: readonly string[]): Promise<{ code: number | null; packages: Set<string> }> {
  const record = path.join(await tempDir(), "modules.txt");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", path.join(ROOT, "tests/helpers/record-modules.mjs"), path.join(ROOT, "bin/activity-report.js"), ...args], {
      cwd: ROOT, env: { ...process.env, RECORD_MODULES: record }, stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
  const urls = (await readFile(record, "utf8")).split("\n");
  const packages = new Set(urls.flatMap((url) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    return m ? [m[1]!] : [];
  }));
  return { code, packages };
}

const PRINTER = ["puppeteer", "puppeteer-core", "pdf-lib", "pdfjs-dist"];

describe("the modules each command loads", () => {
  it("check: the data layer only", async () => {
    const { code, packages } = await packagesLoaded(["check", "--data", SAMPLE_DATA]);
    expect(code).toBe(0);
    expect(packages.has("zod")).toBe(true);
    for (const name of [...PRINTER, "@11ty/eleventy", "nunjucks", "d3-geo"]) expect(packages.has(name), name).toBe(false);
    // The sample names photos: their sizes are read from the files.
    expect(packages.has("sharp")).toBe(true);
  });

  it("check of data without raster pictures in images/: no picture library either", async () => {
    const { code, packages } = await packagesLoaded(["check", "--data", MINIMAL_DATA]);
    expect(code).toBe(0);
    expect(packages.has("zod")).toBe(true);
    for (const name of ["sharp", "@11ty/eleventy-img"]) expect(packages.has(name), name).toBe(false);
  });

  it("build --no-pdf: Eleventy, but no printer", async () => {
    const { code, packages } = await packagesLoaded(["build", "--data", SAMPLE_DATA, "--output", await warmOutput(), "--no-pdf"]);
    expect(code).toBe(0);
    expect(packages.has("@11ty/eleventy")).toBe(true);
    for (const name of PRINTER) expect(packages.has(name), name).toBe(false);
  });

  it("build: the printer too, the recording shows", async () => {
    const { code, packages } = await packagesLoaded(["build", "--data", SAMPLE_DATA, "--output", await warmOutput(), "--year", "2018"]);
    expect(code).toBe(0);
    expect(packages.has("puppeteer")).toBe(true);
  });
});

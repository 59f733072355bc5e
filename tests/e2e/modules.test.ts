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
async function packagesLoaded(args: readonly string[], cwd = ROOT): Promise<{ code: number | null; packages: Set<string> }> {
  const record = path.join(await tempDir(), "modules.txt");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", path.join(ROOT, "tests/helpers/record-modules.mjs"), path.join(ROOT, "bin/activity-report.js"), ...args], {
      cwd, env: { ...process.env, RECORD_MODULES: record }, stdio: "ignore",
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
  it("check: the data layer only, compiled with its small packages; the pictures read once", async () => {
    // Run in a folder of its own, whose output folder (and so its photo cache) is new.
    const cwd = await tempDir();
    const { code, packages } = await packagesLoaded(["check", "--data", SAMPLE_DATA], cwd);
    expect(code).toBe(0);
    // zod and the YAML readers are compiled into the command (bin/compiled.js), not loaded from their packages.
    expect(packages.has(".cache")).toBe(true);
    for (const name of ["zod", "yaml", "js-yaml", "luxon"]) expect(packages.has(name), name).toBe(false);
    for (const name of [...PRINTER, "@11ty/eleventy", "nunjucks", "d3-geo"]) expect(packages.has(name), name).toBe(false);
    // The sample names photos: their sizes are read from the files, once; the next check knows them from the photo cache.
    expect(packages.has("sharp")).toBe(true);
    const again = await packagesLoaded(["check", "--data", SAMPLE_DATA], cwd);
    expect(again.code).toBe(0);
    expect(again.packages.has("sharp")).toBe(false);
  });

  it("check of data without raster pictures in images/: no picture library either", async () => {
    const { code, packages } = await packagesLoaded(["check", "--data", MINIMAL_DATA], await tempDir());
    expect(code).toBe(0);
    expect(packages.has(".cache")).toBe(true);
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

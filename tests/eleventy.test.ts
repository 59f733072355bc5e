import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ELEVENTY_CONFIG } from "../src/build.ts";
import { cleanUp, put, sampleCopy, tempDir } from "./helpers/data.ts";

afterAll(cleanUp);

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["REPORT_DATA", "REPORT_OUTPUT", "REPORT_YEAR", "REPORT_PATH_PREFIX"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function eleventyBuild(): Promise<void> {
  const eleventy = new Eleventy(undefined, undefined, { configPath: ELEVENTY_CONFIG, quietMode: true });
  eleventy.disableLogger();
  await eleventy.write();
}

describe(".eleventy.ts on its own", () => {
  it("reads REPORT_DATA and REPORT_OUTPUT", async () => {
    const data = await sampleCopy();
    await put(data, "events/2019/2019-03-01-vienna-test.yaml",
      "title: A meeting without an edition\ntype: training\ndate: 2019-03-01\nplace: ankara\nstrands: [silk-routes-partnership-project]\nsummary: x\n");
    const output = path.join(await tempDir(), "site");
    process.env.REPORT_DATA = data;
    process.env.REPORT_OUTPUT = output;
    await eleventyBuild();
    const page = await readFile(path.join(output, "2019", "index.html"), "utf8");
    expect(page).toContain("A meeting without an edition");
    // A year without an edition in report.yaml gets a neutral cover.
    const print = await readFile(path.join(output, "2019", "print", "index.html"), "utf8");
    expect(print).toMatch(/<p class="cover-meeting">Prepared by the Budapest Process Secretariat<\/p>/);
    expect(print).not.toContain("Chair");
    await expect(stat(path.join(output, "2018", "index.html"))).resolves.toBeTruthy();
  });

  it("shows the logo and accent colour of report.yaml, and neither by default", async () => {
    const data = await sampleCopy();
    const output = path.join(await tempDir(), "site");
    process.env.REPORT_DATA = data;
    process.env.REPORT_OUTPUT = output;
    await eleventyBuild();
    expect(await readFile(path.join(output, "index.html"), "utf8")).not.toContain("site-logo");
    expect(await readFile(path.join(output, "assets", "theme.css"), "utf8")).toContain("--accent: #1f3f5f;");

    await put(data, "images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await put(data, "report.yaml", report.replace("title: Annual Activity Report\n", 'title: Annual Activity Report\nlogo: images/logo.svg\naccent_color: "#7a1f1f"\n'));
    await eleventyBuild();
    expect(await readFile(path.join(output, "index.html"), "utf8")).toContain('<img class="site-logo" src="/images/logo.svg" alt=""');
    expect(await readFile(path.join(output, "images", "logo.svg"), "utf8")).toContain("<rect");
    expect(await readFile(path.join(output, "assets", "theme.css"), "utf8")).toContain("--accent: #7a1f1f;");
  });

  it("fails with the data errors, placed, when the data is broken", async () => {
    const data = await sampleCopy();
    await put(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml", "title: x\n");
    process.env.REPORT_DATA = data;
    process.env.REPORT_OUTPUT = path.join(await tempDir(), "site");
    await expect(eleventyBuild()).rejects.toThrow(/2018-05-07-sarajevo-joint-working-group\.yaml:1:1: missing required field "type"/);
  });
});

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { runEleventy } from "../../src/eleventy/run.ts";
import { cleanUp, put, ROOT, sampleCopy, tempDir, withoutSamplePictures } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

/** Eleventy with the report's plugin, reading the data folder itself, as `npm run eleventy` does. */
const eleventyBuild = (dataDir: string, outputDir: string) => runEleventy({ settings: { dataDir, outputDir, pathPrefix: "/", pdf: true } });

/** `npm run eleventy`: Eleventy's own command with .eleventy.ts, which reads its settings from the environment. */
function npmRunEleventy(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "eleventy"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("Eleventy with the report's plugin", () => {
  it("npm run eleventy: .eleventy.ts reads REPORT_DATA and REPORT_OUTPUT", async () => {
    const data = await sampleCopy();
    await put(data, "events/2021/2021-03-01-vienna-test.yaml",
      "title: A meeting without an edition\ntype: training\ndate: 2021-03-01\nplace: ankara\nstrands: [silk-routes-partnership-project]\nsummary: x\n");
    const output = await warmOutput();
    const run = await npmRunEleventy({ REPORT_DATA: data, REPORT_OUTPUT: output });
    expect(run.code, run.out).toBe(0);
    const page = await readFile(path.join(output, "2021", "index.html"), "utf8");
    expect(page).toContain("A meeting without an edition");
    // A year without an edition in report.yaml gets a neutral cover.
    const print = await readFile(path.join(output, "2021", "print", "index.html"), "utf8");
    expect(print).toMatch(/<p class="cover-meeting">Prepared by the Budapest Process Secretariat<\/p>/);
    // No Chair or Co-Chair (the sample logo's alt names a Chair, which is not one of the year's).
    expect(print).not.toContain('class="cover-chairs"');
    expect(print).not.toMatch(/<dt>(Co-)?Chair<\/dt>/);
    await expect(stat(path.join(output, "2018", "index.html"))).resolves.toBeTruthy();
  });

  it("shows the logo and accent colour of report.yaml, and neither by default", async () => {
    const data = await sampleCopy();
    // Without the sample's logos, which the older logo may not be written beside.
    await withoutSamplePictures(data);
    const output = await warmOutput();
    await eleventyBuild(data, output);
    expect(await readFile(path.join(output, "index.html"), "utf8")).not.toContain("site-logo");
    expect(await readFile(path.join(output, "assets", "theme.css"), "utf8")).toContain("--accent: #1f3f5f;");

    await put(data, "images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await put(data, "report.yaml", report.replace("title: Annual Activity Report\n", 'title: Annual Activity Report\nlogo: images/logo.svg\naccent_color: "#7a1f1f"\n'));
    await eleventyBuild(data, output);
    expect(await readFile(path.join(output, "index.html"), "utf8")).toContain('<img class="site-logo" src="/images/logo.svg" alt=""');
    expect(await readFile(path.join(output, "images", "logo.svg"), "utf8")).toContain("<rect");
    expect(await readFile(path.join(output, "assets", "theme.css"), "utf8")).toContain("--accent: #7a1f1f;");
  });

  it("fails with the data errors, placed, when the data is broken", async () => {
    const data = await sampleCopy();
    await put(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml", "title: x\n");
    await expect(eleventyBuild(data, path.join(await tempDir(), "site"))).rejects.toThrow(/2018-05-07-sarajevo-joint-working-group\.yaml:1:1: missing required field "type"/);
  });
});

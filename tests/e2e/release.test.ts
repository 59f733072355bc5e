/** `check --release` on the sample as built by the global setup: the final reports go out, the 2019 draft does not, and a PDF that fails a check is named. */
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { builtSite } from "../helpers/sites.ts";

afterAll(cleanUp);

const site = builtSite("sample").dir;
const release = (...args: string[]) => runCli(["check", "--release", ...args, "--data", SAMPLE_DATA, "--output", site]);

/** The line and column of `status: draft` under the 2019 edition of the sample's report.yaml. */
async function draftStatus(): Promise<string> {
  const lines = (await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8")).split("\n");
  const edition = lines.indexOf("  2019:");
  const status = lines.findIndex((line, i) => i > edition && /^ {4}status: draft$/.test(line));
  return `${status + 1}:5`;
}

describe("check --release on the built sample", () => {
  it("passes the final editions, 2016 to 2018, by default, with their PDFs checked", async () => {
    const run = await release();
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`Ready for release: the reports of 2016, 2017 and 2018; 3 PDFs in ${site} meet every machine check of PDF/UA-1 and PDF/A-2u.\n`);
    expect(run.code).toBe(0);
  });

  it("refuses the 2019 draft, at its status in report.yaml", async () => {
    const run = await release("2019");
    expect(run.stderr).toBe([
      `_data/report.yaml:${await draftStatus()}: the report of 2019 is a draft: write status: final (or remove the line) when it is ready to go out`,
      "1 error, 0 warnings",
      "Not ready for release: 1 reason above, in checking the report of 2019.",
      "",
    ].join("\n"));
    expect(run.code).toBe(1);
  });

  it("names a PDF of the output that fails a machine check of PDF/UA-1", async () => {
    const copy = path.join(await tempDir(), "site");
    await cp(site, copy, { recursive: true });
    const pdf = path.join(copy, "2017", "budapest-process-activity-report-2017.pdf");
    const bytes = await readFile(pdf);
    const claim = bytes.indexOf("pdfuaid:part>1<");
    expect(claim).toBeGreaterThan(0);
    // The same number of bytes: only the claim of PDF/UA-1 changes, not where the objects are.
    bytes.write("pdfuaid:part>2<", claim, "latin1");
    await writeFile(pdf, bytes);
    const run = await runCli(["check", "--release", "2017", "2018", "--data", SAMPLE_DATA, "--output", copy]);
    expect(run.stderr).toContain(`${pdf}: fails a machine check of PDF/UA-1 and PDF/A-2u: Matterhorn 06-002: pdfuaid:part is 2\n`);
    expect(run.stderr).not.toContain("2018.pdf");
    expect(run.code).toBe(1);
  });

  it("refuses an output folder that holds no build", async () => {
    const empty = await tempDir();
    const run = await runCli(["check", "--release", "--data", SAMPLE_DATA, "--output", empty]);
    expect(run.stderr).toContain(`${empty}: holds no build to release: build the site with its PDFs first (activity-report build), then check it\n`);
    expect(run.code).toBe(1);
  });
});

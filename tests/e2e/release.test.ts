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

describe("check's arguments", () => {
  it("takes report years and --output only with --release; a year is written YYYY", async () => {
    const years = await runCli(["check", "2019"]);
    expect(years.stderr).toMatch(/^activity-report check: unexpected argument "2019"; options start with --/);
    expect(years.code).toBe(2);
    const output = await runCli(["check", "--output", site]);
    expect(output.stderr).toMatch(/^activity-report check: --output goes with --release, which checks the PDFs of the built site\n/);
    expect(output.code).toBe(2);
    const short = await runCli(["check", "--release", "19"]);
    expect(short.stderr).toMatch(/^activity-report check: a report year is written YYYY, not "19"\n/);
    expect(short.code).toBe(2);
  });

  it("refuses a year with no report", async () => {
    const run = await release("2015");
    expect(run.stderr).toContain("_data: there is no report of 2015 to release: no activity of 2015 was held, and report.yaml has no edition for it\n");
    expect(run.code).toBe(1);
  });
});

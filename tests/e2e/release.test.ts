/**
 * `check --release` on the sample as built by the global setup: the final reports go out, the 2019 draft does not,
 * and a PDF that fails a check is named. A released report changes only with a corrigendum, and its earlier PDF stays.
 */
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, SAMPLE_DATA, sampleCopy, tempDir } from "../helpers/data.ts";
import { pdfPages } from "../helpers/pdf.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";

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
    expect(run.stdout).toBe(`Ready for release: the reports of 2016, 2017 and 2018; 5 PDFs in ${site} meet every machine check of PDF/UA-1 and PDF/A-2u.\n`);
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

describe("a released report", () => {
  const SARAJEVO = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
  const PDF_2018 = "budapest-process-activity-report-2018.pdf";

  it("changes only with a corrigendum, which its imprint and year page print, and its released PDF stays at its dated address", async () => {
    // In English alone, which the corrigendum is written in: each build prints the four English PDFs.
    const data = await sampleCopy({ languages: "none" });
    // The sample's build, as the release is made from it.
    const released = path.join(await tempDir(), "site");
    await cp(site, released, { recursive: true });
    const record = await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", released]);
    expect(record.stderr).toBe("");
    expect(record.stdout).toBe(`Recorded as released on 2019-03-01: the reports of 2016, 2017 and 2018; their PDFs are kept under ${path.join(data, "releases")}. Commit them with report.yaml.\n`);
    expect(record.code).toBe(0);
    const kept = path.join(data, "releases", "2018", "2019-03-01.pdf");
    expect(await readFile(kept)).toEqual(await readFile(path.join(site, "2018", PDF_2018)));
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toMatch(/\n {4}releases:\n {6}- date: 2019-03-01\n {8}text: [\w-]{43}\n {2}2019:/);
    // Recorded once: the same text is released already.
    const again = await runCli(["check", "--release", "--record", "--data", data, "--output", released]);
    expect(again.stdout).toBe("Nothing to record: the reports of 2016, 2017 and 2018 are released as they are.\n");

    // One sentence of the 2018 report changes.
    const event = path.join(data, SARAJEVO);
    const text = await readFile(event, "utf8");
    expect(text).toContain("explained how they reintegrate returning citizens.");
    await writeFile(event, text.replace("explained how they reintegrate", "explained how they receive and reintegrate"));
    const output = await warmOutput();
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const refused = await runCli(["check", "--release", "--data", data, "--output", output]);
    const reportYaml = (await readFile(path.join(data, "report.yaml"), "utf8")).split("\n");
    const edition = `${path.join(data, "report.yaml")}:${reportYaml.indexOf("  2018:") + 1}:3`;
    expect(refused.stderr).toMatch(new RegExp(`^${edition.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the report of 2018 was released on 2019-03-01, and the text of its PDF has changed since \\(page \\d+: "[^"]*explained how they reintegrate returning", "citizens\\." became "[^"]*explained how they receive and reinteg-", "rate returning citizens\\."\\): a released report changes only with a correction; name it under corrigenda, dated after 2019-03-01, with a note that says what was corrected, or undo the change\n`));
    expect(refused.stderr).not.toMatch(/report of 201[67]/);
    expect(refused.code).toBe(1);

    // The corrigendum names the change.
    const note = "The summary of the joint meeting in Sarajevo now says that Afghanistan and Iraq receive returning citizens.";
    const at = reportYaml.findIndex((line, i) => i > reportYaml.indexOf("  2018:") && line === "    releases:");
    reportYaml.splice(at, 0, "    corrigenda:", "      - date: 2019-06-01", `        note: ${note}`);
    await writeFile(path.join(data, "report.yaml"), reportYaml.join("\n"));
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const passed = await runCli(["check", "--release", "--data", data, "--output", output]);
    expect(passed.stderr).toBe("");
    expect(passed.code).toBe(0);
    const imprint = (await pdfPages(path.join(output, "2018", PDF_2018)))[1]!;
    expect(imprint).toContain(`Corrected version of 1 June 2019: ${note}`);
    expect(await readFile(path.join(output, "2018", "budapest-process-activity-report-2018-2019-03-01.pdf"))).toEqual(await readFile(kept));
    const page = await readFile(path.join(output, "2018", "index.html"), "utf8");
    expect(page).toContain(`<p class="correction">Corrected version of 1 June 2019: ${note}</p>`);
    expect(page).toContain('<a href="/2018/budapest-process-activity-report-2018-2019-03-01.pdf" type="application/pdf">version of 1 March 2019 (PDF)</a>');
    // The other reports were not corrected: they list no earlier version.
    expect(await readFile(path.join(output, "2017", "index.html"), "utf8")).not.toContain("earlier-versions");
  });

  it("cannot be recorded while a report is not fit to go out, and --record and --date go with --release", async () => {
    const data = await sampleCopy({ languages: "final" });
    const draft = await runCli(["check", "--release", "2019", "--record", "--data", data, "--output", site]);
    expect(draft.stderr).toMatch(/\nNot ready for release, so nothing was recorded: 1 reason above\.\n$/);
    expect(draft.code).toBe(1);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8"));
    const alone = await runCli(["check", "--record", "--data", data]);
    expect(alone.stderr).toMatch(/^activity-report check: --record goes with --release/);
    expect(alone.code).toBe(2);
    const date = await runCli(["check", "--release", "--record", "--date", "1 March 2019", "--data", data]);
    expect(date.stderr).toMatch(/^activity-report check: --date must be a day written YYYY-MM-DD, not "1 March 2019"/);
    expect(date.code).toBe(2);
  });
});

/**
 * The report of 2019 built from public facts (tests/fixtures/report-2019): five
 * activities held, one known only by its country, a text adopted by some of the
 * states, and one meeting planned for 2020. What the PDF and the pages say must
 * be exactly what happened.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type Run } from "../helpers/cli.ts";
import { cleanUp, ROOT, tempDir } from "../helpers/data.ts";
import { pdfPages } from "../helpers/pdf.ts";

const DATA = path.join(ROOT, "tests/fixtures/report-2019");
let dir: string;
let run: Run;
/** The PDF's pages, each with its runs of white space made one space and none before punctuation. */
let pages: string[];
let text: string;

beforeAll(async () => {
  dir = path.join(await tempDir(), "site");
  run = await runCli(["build", "--data", DATA, "--output", dir]);
  const pdf = (await readdir(path.join(dir, "2019"))).find((f) => f.endsWith(".pdf"))!;
  // pdf.js parts a line where its markup changes (a date in <time>): "2020 :" is read as "2020:".
  pages = (await pdfPages(path.join(dir, "2019", pdf))).map((p) => p.replace(/\s+/g, " ").replace(/ ([:;,.])/g, "$1"));
  text = pages.join(" ");
});
afterAll(cleanUp);

describe("the report of 2019 from public facts", () => {
  it("builds with no error or warning, and no report for 2020, whose only activity is planned", async () => {
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/warning|error/i);
    expect(existsSync(path.join(dir, "2019/index.html"))).toBe(true);
    expect(existsSync(path.join(dir, "2020"))).toBe(false);
    // The draft's watermark is text of its own, between the outlook's lines: the page holds both lines.
    const outlook = pages.findLast((p) => p.includes("Activities planned"))!;
    expect(outlook).toContain("Outlook");
    expect(outlook).toContain("Budapest, 3–4 March 2020: Thematic meeting on return and reintegration");
  });

  it("says what its totals cover: distinct states from the activities that name them, partial totals with their coverage", () => {
    const glance = pages.findLast((p) => p.includes("The year at a glance"))!;
    // The figures stand in a grid, whose columns the PDF's text interleaves: each label and each value is looked for.
    for (const words of ["States that took part", "at least 4", "from 3 of 5 activities", "Participants", "at least 90", "from 1 of 5 activities", "Trainees not reported"]) {
      expect(glance).toContain(words);
    }
    expect(glance).not.toMatch(/Country delegations/);
    const annexB = pages.findLast((p) => p.includes("Annex B Participating states and organisations"))!;
    expect(annexB).toContain("States that took part in 2019 (at least 4, from 3 of 5 activities)");
    for (const state of ["Afghanistan", "Bangladesh", "Iraq", "Pakistan"]) expect(annexB).toContain(state);
    expect(annexB).not.toContain("No list of participating states is recorded");
    // Every key figure can be checked against the chronology: its total row and how many activities reported each figure.
    const annexA = pages.find((p) => p.includes("Annex A Chronology of activities") && p.includes("Total, 5 activities held"))!;
    expect(annexA).toContain("Total, 5 activities held at least 90 89 at least 10");
    expect(annexA).toContain("Activities held that reported the figure 1 of 5 5 of 5 1 of 5");
  });

  it("says who adopted the Istanbul Commitments, as the data says it", async () => {
    expect(text).toContain("Call for Action, adopted by close to 40 participating states: Istanbul Commitments");
    const annexC = pages.findLast((p) => p.includes("Annex C Documents adopted"))!;
    expect(annexC).toContain("adopted by close to 40 participating states");
    const event = await readFile(path.join(dir, "events/2019/2019-02-19-istanbul-ministerial-conference/index.html"), "utf8");
    expect(event).toContain("close to 40 participating states");
  });

  it("dates the training known only by its country by the country, never twice", async () => {
    expect(text).toContain("Pakistan, March 2019");
    expect(text).not.toMatch(/Pakistan, Pakistan/);
  });

  it("ends each entry with its goals in short, by number, and prints the framework's years once", () => {
    // The training's goals are written 2, 5, 1.
    expect(text).toContain("Serving Priority Goals 1, 2 and 5 of the Istanbul Commitments and Call for Action 2019–2024.");
    expect(text).toContain("Serving Priority Goal 1 of the Istanbul Commitments and Call for Action 2019–2024.");
    expect(text).not.toContain("(Irregular migration, return and readmission);");
    expect(text).not.toMatch(/2019–2024 \(2019–2024\)/);
  });

  it("numbers its own body from The year in brief on, not the signatories' foreword", () => {
    const foreword = pages.find((p) => p.includes("Foreword In 2019"))!;
    expect(foreword).toMatch(/Foreword In 2019 the participating states/);
    expect(foreword).toMatch(/The year in brief 1\. The year opened with the 6th Ministerial Conference/);
  });

  it("lists in Annex D only the abbreviation the report uses", () => {
    const annexD = pages.findLast((p) => p.includes("Annex D Abbreviations"))!;
    const abbreviations = annexD.slice(annexD.indexOf("Annex D Abbreviations")).replace(/\bDRAFT\b|Page \d+ of \d+/g, " ").replace(/\s+/g, " ").trim();
    expect(abbreviations).toBe("Annex D Abbreviations ICMPD International Centre for Migration Policy Development");
  });

  it("leaves the draft undated: no publication date or copyright year that nobody chose", () => {
    expect(pages[1]).not.toMatch(/Published \d|31 December|© \d{4}/);
  });
});

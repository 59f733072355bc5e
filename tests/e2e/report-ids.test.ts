/**
 * Ids made from the data (event files, strands) and the report page's own ids
 * (contents, foreword, annex-a, …) cannot meet, whatever the files are called:
 * the contents' page numbers and the running headers stay right.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type Run } from "../helpers/cli.ts";
import { cleanUp, put, sampleCopy } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";
import { pageLinks, pdfLines } from "../helpers/pdf.ts";
import { htmlErrors } from "../helpers/checkers.ts";

afterAll(cleanUp);

/** Event files named after the print page's own elements. */
const CLASHING = ["contents", "foreword", "at-a-glance", "annex-a", "annex-b", "annex-c", "main"];

let output: string;
let run: Run;
beforeAll(async () => {
  const data = await sampleCopy();
  for (const [i, id] of CLASHING.entries()) {
    await put(data, `events/2018/${id}.yaml`, [
      `title: Meeting number ${i + 1}`, "type: working-group-meeting", `date: 2018-0${i + 2}-10`, "place: sarajevo",
      "strands: [silk-routes-working-group]", "summary: A meeting.", "",
    ].join("\n"));
  }
  output = await warmOutput();
  run = await runCli(["build", "--data", data, "--output", output, "--year", "2018"]);
});

describe("event files named like the report's own parts", () => {
  it("build", () => {
    expect(run.stderr).not.toContain("failed");
    expect(run.code).toBe(0);
  });

  it("leave every contents entry pointing to its own heading, on the page the contents print", async () => {
    const file = path.join(output, "2018", "budapest-process-activity-report-2018.pdf");
    const lines = await pdfLines(file);
    const contentsPage = lines.findIndex((page) => page[1] === "Contents") + 1;
    const links = await pageLinks(file, contentsPage);
    const entries = lines[contentsPage - 1]!.filter((l) => /\d$/.test(l) && !l.startsWith("Page "));
    expect(links.length).toBe(entries.length);
    expect(new Set(links.map((l) => l.target)).size).toBe(links.length);
    for (const [i, link] of links.entries()) {
      const [, label, page] = /^(.*) (\d+)$/.exec(entries[i]!)!;
      expect(link.page, `contents entry "${entries[i]}" (#${link.target})`).toBe(Number(page));
      expect(lines[link.page - 1], `#${link.target}`).toContain(label);
    }
    // After the contents the parts flow under one running header, whatever the events are called.
    for (let i = contentsPage; i < lines.length; i++) expect(lines[i]![0], `page ${i + 1}`).toBe("Budapest Process Annual Activity Report 2018");
    const contentsHeader = lines[contentsPage - 1]![0];
    expect(contentsHeader).toBe("Budapest Process · Annual Activity Report 2018 Contents");
  });

  it("give web pages without duplicate ids", async () => {
    expect(await htmlErrors(path.join(output, "2018"))).toEqual([]);
  });
});

/** A data folder started with init and filled with new, answering its questions, builds a report with a PDF: no file written by hand. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMAS_DIR } from "../../src/data/contract/json-schema.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, tempDir } from "../helpers/data.ts";
import { pdfPages } from "../helpers/pdf.ts";
import { runInTerminal } from "../helpers/terminal.ts";

afterAll(cleanUp);

describe("a data folder from init", () => {
  it("gets an event from new event's questions, and builds the year's report with its PDF", async () => {
    const parent = await tempDir();
    const data = path.join(parent, "data");
    const output = path.join(parent, "site");
    const year = new Date().getFullYear();
    const init = await runCli(["init", data]);
    expect(init.code, init.stderr).toBe(0);

    const run = await runInTerminal(["new", "event", "--data", data], [
      { question: "Date", answer: `${year}-03-12` },
      // No places yet: an activity known only by its country.
      { question: "Place id", answer: "PK" },
      { question: "Type id", answer: "training" },
      { question: "Strand ids", answer: "silk-routes-partnership-project" },
      { question: "Title", answer: "Training on labour migration" },
      { question: "Summary", answer: "Officials of Pakistan were trained on labour migration." },
    ]);
    expect(run.code, run.stdout).toBe(0);
    // The questions list the ids that init wrote.
    expect(run.asked[1]).toContain("places.yaml lists none yet");
    expect(run.asked[2]).toContain("one of: senior-officials-meeting, ministerial-conference, preparatory-meeting, working-group-meeting, high-level-meeting, training");
    const id = `${year}-03-12-pakistan-training-labour-migration`;
    expect(run.stdout).toContain(`Wrote ${path.join(data, "events", String(year), `${id}.yaml`)}; the data is valid.`);

    const build = await runCli(["build", "--data", data, "--output", output]);
    expect(build.code, build.stderr).toBe(0);
    const pdf = path.join(output, String(year), `budapest-process-activity-report-${year}.pdf`);
    const pages = await pdfPages(pdf);
    // A draft: the year's report, with the event in its strand's chapter.
    expect(pages.join("\n")).toContain("DRAFT");
    expect(pages.join("\n")).toContain("Training on labour migration");
    expect(pages.join("\n")).toContain("Silk Routes Partnership Project");
    await readFile(path.join(output, "events", String(year), id, "index.html"));
  });

  it("--empty builds as it is, and with entries that new adds; build brings the schemas up to date", async () => {
    const parent = await tempDir();
    const data = path.join(parent, "data");
    expect((await runCli(["init", data, "--empty", "--organisation", "Prague Process", "--secretariat", "Its Secretariat"])).code).toBe(0);
    const empty = await runCli(["build", "--data", data, "--output", path.join(parent, "empty"), "--no-pdf"]);
    expect(empty.code, empty.stderr).toBe(0);

    for (const args of [
      ["strand", "--id", "working-group", "--title", "Working group", "--kind", "working-group"],
      ["type", "--id", "meeting", "--label", "Meeting", "--plural", "Meetings"],
      ["place", "--id", "prague", "--name", "Prague", "--country", "CZ", "--lat", "50.08", "--lon", "14.43"],
      ["event", "--date", "2024-05-14", "--place", "prague", "--type", "meeting", "--strands", "working-group", "--title", "Meeting of the working group", "--summary", "The working group met."],
    ]) {
      const added = await runCli(["new", ...args, "--data", data]);
      expect(added.code, added.stderr).toBe(0);
    }
    // A topic added by hand: the build offers it to the editor's completion.
    await put(data, "topics.yaml", `${await readFile(path.join(data, "topics.yaml"), "utf8")}`.replace("[]\n", "- id: return\n  label: Return\n"));
    const built = await runCli(["build", "--data", data, "--output", path.join(parent, "site"), "--no-pdf"]);
    expect(built.code, built.stderr).toBe(0);
    expect(await readdir(path.join(parent, "site", "events", "2024"))).toEqual(["2024-05-14-prague-meeting-working-group"]);
    const schema = JSON.parse(await readFile(path.join(data, SCHEMAS_DIR, "event.schema.json"), "utf8")) as { definitions: Record<string, { enum: string[] }> };
    expect(schema.definitions.topics!.enum).toEqual(["return"]);
  });
});

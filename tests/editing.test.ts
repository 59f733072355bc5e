/** The editors' loop: scaffolding, safe publishing, the change report and the live preview. */
import { readdir, readFile, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadData } from "../src/data/load.ts";
import { runCli } from "./helpers/cli.ts";
import { cleanUp, put, ROOT, sampleCopy, SAMPLE_DATA, tempDir, snapshot } from "./helpers/data.ts";
import { startPreview, waitFor } from "./helpers/dev-server.ts";

afterAll(cleanUp);


const EVENT_FLAGS = ["--date", "2019-02-25", "--place", "istanbul", "--type", "ministerial-conference", "--strands", "ministerial-process",
  "--title", "Sixth Ministerial Conference of the Budapest Process", "--summary", "Ministers adopted the Call for Action."];

describe("activity-report new", () => {
  it("writes an event that validates, with every other field as a comment, and never overwrites it", async () => {
    const data = await sampleCopy();
    const run = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2019/2019-02-25-istanbul-sixth-ministerial-conference-budapest-process.yaml");
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\n`);
    const text = await readFile(file, "utf8");
    for (const field of ["end", "online", "participants", "countries", "organisations", "women", "partners", "topics", "body", "report_year", "status", "sources"]) {
      expect(text).toMatch(new RegExp(`^# ${field}:`, "m"));
    }
    const loaded = await loadData(data);
    expect(loaded.data?.events.find((e) => e.id === "2019-02-25-istanbul-sixth-ministerial-conference-budapest-process")).toMatchObject({
      title: "Sixth Ministerial Conference of the Budapest Process", type: "ministerial-conference", place: "istanbul", reportYear: 2019,
    });
    const again = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), "Another summary."]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already; nothing was written");
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("says what is wrong and writes nothing for unknown ids or missing values", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const typo = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.map((f) => (f === "istanbul" ? "istambul" : f))]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('activity-report new: unknown place "istambul", did you mean "istanbul"?\n');
    const missing = await runCli(["new", "event", "--data", data, "--date", "2019-02-25"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("activity-report new: missing --place, --type, --strands, --title, --summary\n");
    const what = await runCli(["new", "meeting", "--data", data]);
    expect(what.code).toBe(2);
    expect(await snapshot(data)).toEqual(before);
  });

  it("adds a place and a report year, keeping the files' comments, and refuses duplicates", async () => {
    const data = await sampleCopy();
    const place = await runCli(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT", "--lat", "48.2082", "--lon", "16.3738"]);
    expect(place.code).toBe(0);
    const places = await readFile(path.join(data, "places.yaml"), "utf8");
    expect(places).toContain("# Places by id.");
    expect(places).toMatch(/vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2082\n  lon: 16.3738\n/);
    const year = await runCli(["new", "year", "--data", data, "--year", "2019", "--chair", "Türkiye", "--co-chair", "Hungary", "--som-place", "vienna", "--som-date", "2019-12-10", "--som-number", "16"]);
    expect(year.code).toBe(0);
    const report = (await loadData(data)).data!.report;
    expect(report.editions?.["2019"]).toMatchObject({ chair: "Türkiye", co_chair: "Hungary", som: { number: 16, place: "vienna" } });
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toContain("# The report as a whole");
    expect((await runCli(["new", "place", "--data", data, "--id", "vienna", "--name", "Wien", "--country", "AT"])).stderr).toContain('place "vienna" exists already');
    expect((await runCli(["new", "year", "--data", data, "--year", "2019"])).stderr).toContain("has an edition for 2019 already");
  });
});

describe("publishing", () => {
  it("leaves the previous output exactly as it was when a build fails in the PDF step, and says so", async () => {
    const output = path.join(await tempDir(), "site");
    expect((await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2018"])).code).toBe(0);
    const before = await snapshot(output);
    const failed = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2018"], { env: { REPORT_PRINT_TIMEOUT: "1" } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`The output in ${output} is unchanged.`);
    expect(await snapshot(output)).toEqual(before);
    expect(await readdir(path.dirname(output))).toEqual(["site"]);
  });

  it("reports progress in plain lines, the key figures, what changed since the last build, and the warnings again at the end", async () => {
    const data = await sampleCopy();
    const output = path.join(await tempDir(), "site");
    const first = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(first.stdout).toContain("2017: activities held 5, participants at least 142");
    expect(first.stdout).toContain("This is the first build of this output folder");
    expect(first.stderr).toMatch(/^Checked 8 events: the data is valid\.\nRendered \d+ pages\.\nBuilt the search index\.\n$/);

    const typo = path.join(data, "events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml");
    await put(data, path.relative(data, typo), (await readFile(typo, "utf8")).replace("presented certificates", "handed certificates"));
    const unchanged = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(unchanged.stdout).toContain("changed: 2017-05-24-erbil-training-of-trainers-iraq (summary)");
    expect(unchanged.stdout).toContain("no key figure moved");

    await put(data, "events/2017/2017-10-02-ankara-test.yaml", "title: Test\ntype: training\ndate: 2017-10-02\nplace: ankara\nstrands: [silk-routes-partnership-project]\nparticipants: 10\nwomen: 12\nsummary: A test.\n");
    const added = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(added.stdout).toContain("added: 2017-10-02-ankara-test");
    expect(added.stdout).toContain("2017 participants: at least 142 → at least 152");
    const warning = "2017-10-02-ankara-test.yaml:7:8: warning: women (12) is more than participants (10)";
    expect(added.stderr.split(warning).length - 1).toBe(2);
    expect(added.stderr).toContain("The data's warnings, again:");
  });
});

describe("the live preview", () => {
  it("serves the site, follows data edits, shows data errors as a page until they are fixed, and prints a PDF on request", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    const preview = await startPreview(["--data", data], cwd);
    const page = (p: string) => fetch(preview.url(p)).then(async (r) => ({ status: r.status, text: await r.text() }));
    try {
      expect((await page("/2018/")).text).toContain("Joint meeting of the Silk Routes and South East Europe Working Groups");
      const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
      const original = await readFile(file, "utf8");

      await put(data, path.relative(data, file), original.replace("title: Joint meeting", "title: Renamed joint meeting"));
      await waitFor(async () => (await page("/2018/")).text.includes("Renamed joint meeting"), 20_000, preview.log);

      await put(data, path.relative(data, file), original.replace("end: 2018-05-08", "end: 2018-05-01"));
      await waitFor(async () => (await page("/2018/")).status === 500, 20_000, preview.log);
      const error = await page("/2018/");
      expect(error.text).toContain("<pre>_data/events/2018/2018-05-07-sarajevo-joint-working-group.yaml:4:6: end 2018-05-01 is before date 2018-05-07</pre>");
      expect(error.text).toContain('<meta http-equiv="refresh"');
      expect(preview.log()).toContain("end 2018-05-01 is before date 2018-05-07");

      await put(data, path.relative(data, file), original);
      await waitFor(async () => (await page("/2018/")).status === 200, 20_000, preview.log);

      const pdf = await fetch(preview.url("/2018/budapest-process-activity-report-2018.pdf"));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

      // Nothing of the preview lands in the published output.
      await expect(stat(path.join(cwd, "output"))).rejects.toThrow();
      await expect(stat(path.join(cwd, ".preview", "index.html"))).resolves.toBeTruthy();
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("restarts itself when a source file under src/ changes", async () => {
    const data = await sampleCopy();
    const preview = await startPreview(["--data", data], path.dirname(data));
    try {
      const now = new Date();
      await utimes(path.join(ROOT, "src/settings.ts"), now, now);
      await waitFor(async () => preview.log().includes("src/settings.ts changed: restarting the preview"), 20_000, preview.log);
      await waitFor(async () => (await fetch(preview.url("/")).then((r) => r.status).catch(() => 0)) === 200, 60_000, preview.log);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });
});

/** The editors' loop: scaffolding, safe publishing, the change report and the live preview. */
import { get } from "node:http";
import { createServer } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { lstat, mkdir, readdir, readFile, rename, rm, stat, symlink, utimes } from "node:fs/promises";
import path from "node:path";
import jsyaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import puppeteer from "puppeteer";
import { parse as parseYaml } from "yaml";
import { PREVIEW_MARKER } from "../src/output.ts";
import { findBrowser } from "../src/pdf/browser.ts";
import { CHROMIUM_FLAGS } from "../src/pdf/print.ts";
import { loadData } from "../src/data/load.ts";
import { slugify } from "../src/format/text.ts";
import { choicePrompt, eventId, eventQuestions, MAX_EVENT_ID, newEvent, newPlace, newYear, placeProblem, readBack, yamlPair } from "../src/scaffold.ts";
import { runCli, startCli } from "./helpers/cli.ts";
import { cleanUp, put, ROOT, sampleCopy, SAMPLE_DATA, tempDir, snapshot } from "./helpers/data.ts";
import { rawGet, rawRequest, startPreview, waitFor } from "./helpers/dev-server.ts";

afterAll(cleanUp);


const EVENT_FLAGS = ["--date", "2019-02-25", "--place", "istanbul", "--type", "ministerial-conference", "--strands", "ministerial-process",
  "--title", "Sixth Ministerial Conference of the Budapest Process", "--summary", "Ministers adopted the Call for Action."];

describe("activity-report new", () => {
  it("writes an event that validates, with every other field as a comment, and never overwrites it", async () => {
    const data = await sampleCopy();
    const run = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2019/2019-02-25-istanbul-sixth-ministerial-conference-budapest.yaml");
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\n`);
    const text = await readFile(file, "utf8");
    for (const field of ["end", "online", "participants", "countries", "organisations", "women", "partners", "topics", "body", "report_year", "status", "sources"]) {
      expect(text).toMatch(new RegExp(`^# ${field}:`, "m"));
    }
    const loaded = await loadData(data);
    expect(loaded.data?.events.find((e) => e.id === "2019-02-25-istanbul-sixth-ministerial-conference-budapest")).toMatchObject({
      title: "Sixth Ministerial Conference of the Budapest Process", type: "ministerial-conference", place: "istanbul", reportYear: 2019,
    });
    const again = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), "Another summary."]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already; nothing was written");
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("says what is wrong and writes nothing for unknown ids (exit 1) or missing and foreign options (exit 2, with the usage)", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const typo = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.map((f) => (f === "istanbul" ? "istambul" : f))]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('activity-report new: unknown place "istambul", did you mean "istanbul"?\n');
    const missing = await runCli(["new", "event", "--data", data, "--date", "2019-02-25"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^activity-report new: missing --place, --type, --strands, --title, --summary\n\nUsage: activity-report new event\|place\|year/);
    const noTitle = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -4), ...EVENT_FLAGS.slice(-2)]);
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toMatch(/^activity-report new: missing --title\n\nUsage: activity-report new/);
    const half = await runCli(["new", "year", "--data", data, "--year", "2019", "--som-place", "istanbul"]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^activity-report new: missing --som-date: give both --som-place and --som-date, or neither\n\nUsage:/);
    const foreign = await runCli(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT", "--title", "Vienna"]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^activity-report new: new place takes no --title; its options are --id, --name, --country, --lat, --lon\n\nUsage:/);
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

/** Values that end, or pose as, YAML syntax when pasted into hand-made text. */
const HOSTILE = [
  "one\rstatus: cancelled\rreport_year: 2017",
  "one\r\nstatus: cancelled\r\nreport_year: 2017",
  "one\nstatus: cancelled\nreport_year: 2017",
  "one\u2028status: cancelled", "one\u2029status: cancelled",
  "# not a comment", "Vienna # not a comment", "key: value", "status: cancelled", "\"double\" and 'single' quotes", "'", "\"",
  "| literal", "> folded", "- item", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick", "? key",
  "{}", "[]", "{a: b}", "[a, b]", "tab\there", "\tleading tab", "  spaces around  ", "trailing line break\n",
  "2017", "true", "null", "~", "--- a", "...", "x\\ny",
];

/** The file as both YAML readers read it. */
async function readBoth(file: string): Promise<unknown[]> {
  const text = await readFile(file, "utf8");
  return [jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), parseYaml(text)];
}

describe("activity-report new writes each value exactly as given", () => {
  it("keeps line breaks in the summary: a carriage return does not end it and add fields", async () => {
    const data = await sampleCopy();
    const summary = "one\rstatus: cancelled\rreport_year: 2017";
    const run = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), summary]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2019/2019-02-25-istanbul-sixth-ministerial-conference-budapest.yaml");
    for (const value of await readBoth(file)) {
      expect(value).toMatchObject({ summary });
      expect(value).not.toHaveProperty("status");
      expect(value).not.toHaveProperty("report_year");
    }
    const event = (await loadData(data)).data!.events.find((e) => e.file === file)!;
    expect(event.status).toBeUndefined();
    expect(event.reportYear).toBe(2019);
  });

  it("in titles, summaries, place names and chairs, whatever they hold", async () => {
    const data = await sampleCopy();
    for (const [i, value] of HOSTILE.entries()) {
      const date = `2019-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      const { file } = await newEvent(data, { date, place: "ankara", type: "training", strands: ["silk-routes-partnership-project"], title: value, summary: value });
      for (const read of await readBoth(file)) expect(read, JSON.stringify(value)).toMatchObject({ title: value, summary: value, date, place: "ankara" });
      await newPlace(data, { id: `place-${i}`, name: value, country: "AT", lat: 48, lon: 16 });
      await newYear(data, { year: 2100 + i, chair: value, coChair: value });
    }
    const [places, report] = await Promise.all([readBoth(path.join(data, "places.yaml")), readBoth(path.join(data, "report.yaml"))]);
    for (const [i, value] of HOSTILE.entries()) {
      for (const read of places!) expect((read as Record<string, unknown>)[`place-${i}`], JSON.stringify(value)).toEqual({ name: value, country: "AT", lat: 48, lon: 16 });
      for (const read of report!) expect((read as { editions: Record<string, unknown> }).editions[String(2100 + i)], JSON.stringify(value)).toEqual({ chair: value, co_chair: value });
    }
    const loaded = await loadData(data);
    const added = loaded.data!.events.filter((e) => e.date.year === 2019);
    expect(added).toHaveLength(HOSTILE.length);
    expect(added.filter((e) => e.status !== undefined || e.reportYear !== 2019)).toEqual([]);
  });

  it("refuses a character that a YAML file cannot hold, naming the option, and writes nothing", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const run = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -3), "Sixth\uFFFEConference", ...EVENT_FLAGS.slice(-2)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('activity-report new: --title "Sixth\\uFFFEConference": holds the character U+FFFE, which a YAML file cannot hold; remove it\nactivity-report new: nothing was written\n');
    expect(await snapshot(data)).toEqual(before);
  });

  it("refuses a control character (the C1 line break NEL among them), naming the option, and writes nothing", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const run = await runCli(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), "one\u0085status: cancelled"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--summary "one\\u0085status: cancelled": summary contains the control character U+0085, which is not text and would break the feed; remove it');
    expect(await snapshot(data)).toEqual(before);
  });

  it("reads back what it wrote: text that does not say what was given is caught", () => {
    const given = (option: string, value: string) => ({ option, typed: value, path: [option.slice(2)], value });
    const summary = "one\rstatus: cancelled\rreport_year: 2017";
    // The text as it was made by hand before: the summary pasted into a block scalar.
    const handMade = `title: "A"\nsummary: |\n  ${summary}\n`;
    const edit = { file: "e.yaml", text: handMade, added: [0, handMade.length] as [number, number], entry: [], what: "the new event", given: [given("--title", "A"), given("--summary", summary)] };
    // js-yaml, which the build reads with, ends the summary at the carriage return; the yaml package keeps it and adds a line break.
    expect(readBack(edit)).toEqual([
      '--summary "one\\rstatus: cancelled\\rreport_year: 2017": written to e.yaml, it would read back as "one\\n"',
      '--summary "one\\rstatus: cancelled\\rreport_year: 2017": written to e.yaml, it would read back as "one\\rstatus: cancelled\\rreport_year: 2017\\n"',
    ]);
    const written = `title: "A"\n${yamlPair("summary", summary)}`;
    expect(readBack({ ...edit, text: written, added: [0, written.length] })).toEqual([]);
  });
});

describe("activity-report new reports a rejected value by its option", () => {
  it("names the option and its value, not a line of a file that no longer holds it, and never says to build", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const cases: [string[], string][] = [
      [["place", "--id", "vienna", "--name", "Vienna", "--country", "XY", "--lat", "48.2", "--lon", "16.3"],
        '--country "XY": country "XY" is not an ISO 3166-1 code; add it to countries.yaml if it is meant'],
      [["place", "--id", "vienna", "--name", "Vienna", "--country", "AT", "--lat", "200", "--lon", "16.3"], '--lat "200": lat must be at most 90'],
      [["place", "--id", "Vienna", "--name", "Vienna", "--country", "AT"], '--id "Vienna": key "Vienna" must be an id in lower case letters, digits and hyphens, such as "silk-routes"'],
      [["year", "--year", "2019", "--som-place", "istanbul", "--som-date", "2019-12-10", "--som-number", "0"], '--som-number "0": number must be at least 1'],
      [["event", ...EVENT_FLAGS.slice(0, -3), "x".repeat(600), ...EVENT_FLAGS.slice(-2)],
        `--title "${"x".repeat(57)}…": title is too long: at most 500 characters, here 600`],
    ];
    for (const [args, problem] of cases) {
      const run = await runCli(["new", args[0]!, "--data", data, ...args.slice(1)]);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toBe(`activity-report new: ${problem}\nactivity-report new: nothing was written; correct what is named above and run the command again\n`);
    }
    expect(await snapshot(data)).toEqual(before);
  });

  it("moves a problem after the new lines back to its line in the file as it was", () => {
    const before = "a:\n  name: A\n# end\n";
    const text = "a:\n  name: A\nb:\n  name: B\n# end\n";
    const edit = { file: "/d/places.yaml", before, text, added: [13, 26] as [number, number], entry: ["b"], what: 'the new place "b"', given: [{ option: "--name", typed: "B", path: ["b", "name"], value: "B" }] };
    expect(placeProblem(edit, { severity: "error", file: edit.file, line: 5, col: 1, message: "later" })).toEqual({ severity: "error", file: edit.file, line: 3, col: 1, message: "later" });
    expect(placeProblem(edit, { severity: "error", file: edit.file, line: 4, col: 9, message: "bad name" })).toBe('--name "B": bad name');
    expect(placeProblem(edit, { severity: "error", file: edit.file, line: 3, col: 1, message: "bad entry" })).toBe('the new place "b": bad entry');
  });

  it("says that the data had errors already, without a word about building", async () => {
    const data = await sampleCopy();
    await put(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml", "title: x\ntype: training\ndate: 2018-02-30\nplace: sarajevo\nstrands: [silk-routes-working-group]\nsummary: x\n");
    const before = await snapshot(data);
    const run = await runCli(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("2018-05-07-sarajevo-joint-working-group.yaml:3:7: date 2018-02-30 is not a date in the calendar\n");
    expect(run.stderr).toMatch(/Nothing was written: the data folder has errors already; fix the errors above, then run the command again\.\n$/);
    expect(run.stderr).not.toContain("build");
    expect(await snapshot(data)).toEqual(before);
  });

  it("suggests the two-letter code for a country written in lower case or as its three-letter code", async () => {
    const data = await sampleCopy();
    for (const [typed, meant] of [["BGD", "BD"], ["bd", "BD"], ["aut", "AT"]]) {
      const run = await runCli(["new", "place", "--data", data, "--id", "dhaka", "--name", "Dhaka", "--country", typed!]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`activity-report new: --country "${typed}": country "${typed}" must be a two-letter country code in capitals, such as "TR", did you mean "${meant}"?\n`);
    }
  });
});

describe("activity-report new changes nothing but the new entry", () => {
  const PLACE = { id: "vienna", name: "Vienna", country: "AT", lat: 48.2082, lon: 16.3738 };
  const placeLines = (eol: string, indent = "  ") => ["vienna:", `${indent}name: Vienna`, `${indent}country: AT`, `${indent}lat: 48.2082`, `${indent}lon: 16.3738`].map((l) => l + eol).join("");

  it("appends a place to places.yaml as it is, flow lists and comments untouched", async () => {
    const data = await sampleCopy();
    const before = await readFile(path.join(data, "places.yaml"), "utf8");
    expect(before).toContain("  aliases: [Hawler, Arbil]\n");
    await newPlace(data, PLACE);
    expect(await readFile(path.join(data, "places.yaml"), "utf8")).toBe(before + placeLines("\n"));
  });

  it("keeps Windows line endings, a file without a final line break, and its indentation", async () => {
    const data = await sampleCopy();
    const sample = await readFile(path.join(SAMPLE_DATA, "places.yaml"), "utf8");
    const before = `${sample.replace(/\n  /g, "\n    ").replace(/\n/g, "\r\n").replace(/\r\n$/, "")}   # the last place`;
    await put(data, "places.yaml", before);
    await newPlace(data, PLACE);
    expect(await readFile(path.join(data, "places.yaml"), "utf8")).toBe(`${before}\r\n${placeLines("\r\n", "    ")}`);
  });

  it("inserts an edition into report.yaml among the others, in year order, leaving every other line as it was", async () => {
    const data = await sampleCopy();
    const sample = await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8");
    // Editions in the middle of the file, comments before and after, a flow list after them, CRLF, no final line break.
    const editions = sample.slice(sample.indexOf("editions:"));
    const head = sample.slice(0, sample.indexOf("editions:"));
    const before = `${head}${editions}  # last edition\n# after the editions\nparticipating_organisations: [European Commission, ICMPD]`
      .replace(/^participating_organisations:\n(  - .*\n)+/m, "").replace(/\n/g, "\r\n");
    await put(data, "report.yaml", before);
    await newYear(data, { year: 2019, chair: "Türkiye", coChair: "Hungary", som: { place: "istanbul", date: "2019-12-10", number: 16 } });
    const at = before.indexOf("  # last edition");
    const block = "  2019:\r\n    chair: Türkiye\r\n    co_chair: Hungary\r\n    som:\r\n      number: 16\r\n      place: istanbul\r\n      date: 2019-12-10\r\n";
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(before.slice(0, at) + block + before.slice(at));

    await newYear(data, { year: 2015, chair: "Hungary" });
    const first = before.indexOf("  2016:");
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(before.slice(0, first) + "  2015:\r\n    chair: Hungary\r\n" + before.slice(first, at) + block + before.slice(at));
  });

  it("adds the editions when report.yaml has none, and refuses a mapping written on one line", async () => {
    const data = await sampleCopy();
    const sample = await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8");
    const without = sample.slice(0, sample.indexOf("editions:"));
    await put(data, "report.yaml", without);
    await newYear(data, { year: 2019, chair: "Türkiye" });
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(`${without}editions:\n  2019:\n    chair: Türkiye\n`);

    const flow = `${without}editions: {2016: {chair: Türkiye}}\n`;
    await put(data, "report.yaml", flow);
    const run = await runCli(["new", "year", "--data", data, "--year", "2019", "--chair", "Türkiye"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`activity-report new: ${path.join(data, "report.yaml")}: editions is not written as one entry per line, so new cannot add to it; add the entry by hand (docs/data.md shows how)\n`);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(flow);
  });
});

describe("event file names", () => {
  it("hold as many whole words of the title as fit in 60 characters", () => {
    expect(eventId("2019-03-14", "ankara", "Meeting of the Silk Routes Region Working Group")).toBe("2019-03-14-ankara-meeting-silk-routes-region-working-group");
    const titles = [
      "Regional Conference on Migration Governance, Labour Mobility and the Protection of Migrants' Rights along the Silk Routes",
      "Sixth Ministerial Conference of the Budapest Process",
      "Training of Trainers on Integrated Border Management for Officials of the Islamic Republic of Afghanistan",
      "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
    ];
    for (const title of titles) {
      const id = eventId("2019-03-14", "islamabad", title);
      expect(id.length, id).toBeLessThanOrEqual(MAX_EVENT_ID);
      const words = slugify(title).split("-").filter((w) => !["the", "of", "and", "for", "on", "in", "a"].includes(w));
      const tail = id.slice("2019-03-14-islamabad".length).split("-").filter(Boolean);
      // Whole words, in order, from the start of the title; and the next one would not have fitted.
      expect(words.slice(0, tail.length)).toEqual(tail);
      if (tail.length < words.length) expect(id.length + 1 + words[tail.length]!.length).toBeGreaterThan(MAX_EVENT_ID);
    }
    expect(eventId("2019-03-14", "islamabad", titles[3]!)).toBe("2019-03-14-islamabad");
  });
});

describe("the questions of activity-report new", () => {
  it("list the valid ids, or the first of many and where the rest are", () => {
    expect(choicePrompt("Place id", ["ankara", "erbil"], "_data/places.yaml")).toBe("Place id, one of: ankara, erbil");
    const many = Array.from({ length: 30 }, (_, i) => `place-${i + 1}`);
    expect(choicePrompt("Place id", many, "_data/places.yaml")).toBe(`Place id, e.g. ${many.slice(0, 12).join(", ")} (18 more in _data/places.yaml)`);
    const questions = Object.fromEntries(eventQuestions({
      places: ["ankara", "erbil"], types: ["training"], strands: ["silk-routes-working-group", "ministerial-process"],
      files: { places: "_data/places.yaml", types: "_data/event-types.yaml", strands: "_data/strands.yaml" },
    }));
    expect(questions.place).toBe("Place id, one of: ankara, erbil");
    expect(questions.type).toBe("Type id, one of: training");
    expect(questions.strands).toBe("Strand ids, separated by commas (the first reports it in full), one of: silk-routes-working-group, ministerial-process");
    expect(Object.keys(questions)).toEqual(["date", "place", "type", "strands", "title", "summary"]);
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
    expect(unchanged.stdout).toContain("changed: events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml: summary (report 2017)");
    expect(unchanged.stdout).toContain("no key figure moved");

    await put(data, "events/2017/2017-10-02-ankara-test.yaml", "title: Test\ntype: training\ndate: 2017-10-02\nplace: ankara\nstrands: [silk-routes-partnership-project]\nparticipants: 10\nwomen: 12\nsummary: A test.\n");
    const added = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(added.stdout).toContain("added: events/2017/2017-10-02-ankara-test.yaml (report 2017)");
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

  it("reloads an open page by itself after a save, under the pages' Content-Security-Policy", async () => {
    const data = await sampleCopy();
    const preview = await startPreview(["--data", data], path.dirname(data));
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(preview.url("/2018/"), { waitUntil: "load" });
      expect(await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute("content"))).toContain("script-src 'self'");
      const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
      await put(data, path.relative(data, file), (await readFile(file, "utf8")).replace("title: Joint meeting", "title: Renamed joint meeting"));
      await page.waitForFunction(() => document.body.textContent?.includes("Renamed joint meeting"), { timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    } finally {
      await browser.close();
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

describe("the live preview's defences", () => {
  it("serves this machine only, answers only to its own address, refuses other sites' pages, and survives any URL", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    // Beside the preview folder, with a name that begins with the preview folder's.
    const secret = await put(cwd, ".preview-secrets/secret.txt", "the secret beside the preview\n");
    const preview = await startPreview(["--data", data], cwd);
    const { port } = preview;
    try {
      // Links in the preview folder that lead out of it (validation keeps them out of the data's pictures; the server must not follow one either).
      await mkdir(path.join(cwd, ".preview/images"), { recursive: true });
      await symlink(secret, path.join(cwd, ".preview/images/leak.txt"));
      await symlink(path.dirname(secret), path.join(cwd, ".preview/images/folder"));
      expect(preview.host).toBe("127.0.0.1");
      // Bound to 127.0.0.1 alone: another loopback address, and this machine's network addresses, are not served.
      const elsewhere = ["127.0.0.2", ...Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === "IPv4").map((a) => a!.address)];
      for (const address of elsewhere) {
        await expect(rawRequest(port, `GET / HTTP/1.1\r\nHost: ${address}:${port}\r\nConnection: close\r\n\r\n`, address), address).rejects.toThrow(/ECONNREFUSED/);
      }

      // DNS rebinding: a page of attacker.example whose name now points at 127.0.0.1.
      const rebound = await rawGet(port, "/", { Host: `attacker.example:${port}` });
      expect(rebound.status).toBe(403);
      expect(rebound.body).toContain(`http://127.0.0.1:${port}/`);
      expect(rebound.body).not.toContain("<!doctype html>");
      for (const host of ["localhost", `127.0.0.1:${port + 1}`, `attacker.example`, ""]) {
        expect((await rawGet(port, "/", { Host: host })).status, host).toBe(403);
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
        expect((await rawGet(port, "/", { Host: host })).status, host).toBe(200);
      }

      // Another site's page, talking to the preview: a WebSocket, the stream of changes, or a plain request.
      const websocket = { Upgrade: "websocket", Connection: "Upgrade", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13" };
      const foreignUpgrade = await rawGet(port, "/", { ...websocket, Origin: "http://attacker.example" });
      expect(foreignUpgrade.status).toBe(403);
      expect((await rawGet(port, "/", { ...websocket, Origin: "null" })).status).toBe(403);
      expect((await rawGet(port, "/.preview/changes", { Origin: "http://attacker.example" })).status).toBe(403);
      expect((await rawGet(port, "/2018/", { Origin: `http://attacker.example:${port}` })).status).toBe(403);
      expect((await rawGet(port, "/2018/", { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);

      // The preview's own stream of changes says that something changed, never what or where.
      const messages: string[] = [];
      const stream = get(preview.url("/.preview/changes"), (res) => res.on("data", (c: Buffer) => messages.push(c.toString())));
      try {
        await waitFor(async () => messages.join("").includes("data: "), 20_000, preview.log);
        const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
        await put(data, path.relative(data, file), (await readFile(file, "utf8")).replace("title: Joint meeting", "title: Renamed joint meeting"));
        await waitFor(async () => (messages.join("").match(/^data: /gm) ?? []).length >= 2, 20_000, preview.log);
        expect(messages.join("")).not.toMatch(/yaml|\/|_data/);
      } finally {
        stream.destroy();
      }

      const attacks = [
        "/..%2f..%2fetc/passwd",
        "/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/..%2f.preview-secrets/secret.txt",
        "/%2e%2e%2f.preview-secrets/secret.txt",
        "/%2e%2e/.preview-secrets/secret.txt",
        "/../.preview-secrets/secret.txt",
        "/..%5c.preview-secrets%5csecret.txt",
        "/..\\.preview-secrets\\secret.txt",
        "/events/..%2f..%2f.preview-secrets/secret.txt",
        "/images/leak.txt",
        "/images/folder/secret.txt",
        "//etc/passwd",
        "/.activity-report-output",
        "/%",
        "/%E0%A4%A",
        "/%ZZ/",
        "/%C0%AE%C0%AE/.preview-secrets/secret.txt",
        "/index.html%00",
        "/index.html%00.png",
        "http://127.0.0.1/../etc/passwd",
        "*",
        `/${"a/".repeat(4000)}`,
        `/${"..%2f".repeat(2000)}etc/passwd`,
        `/${"x".repeat(70_000)}`,
      ];
      for (const target of attacks) {
        const answer = await rawGet(port, target);
        expect([400, 404, 414, 431], `${target.slice(0, 60)}: ${answer.head}`).toContain(answer.status);
        expect(answer.body).not.toContain("the secret beside the preview");
        expect(answer.body).not.toContain("root:");
      }
      const nul = await rawRequest(port, Buffer.from(`GET /index.html\0.png HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, "latin1"));
      expect(nul.status).toBe(400);

      // Still there, and still serving.
      expect(preview.child.exitCode).toBeNull();
      const home = await rawGet(port, "/", { Host: `localhost:${port}` });
      expect(home.status).toBe(200);
      expect(home.body).toContain("Budapest Process");
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("serves the next free port when the one asked for is taken, and prints the one it got", async () => {
    const data = await sampleCopy();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const preview = await startPreview(["--data", data, "--port", String(taken)], path.dirname(data));
      try {
        expect(preview.port).not.toBe(taken);
        expect(preview.stdout()).toContain(`Port ${taken} is in use`);
        expect((await fetch(preview.url("/"))).status).toBe(200);
      } finally {
        expect(await preview.stop()).toBe(0);
      }
    } finally {
      blocker.close();
    }
  });

  it("serves on the address given with --host, and answers to it", async () => {
    const data = await sampleCopy();
    const preview = await startPreview(["--data", data, "--host", "127.0.0.2"], path.dirname(data));
    const { port } = preview;
    try {
      expect(preview.origin).toBe(`http://127.0.0.2:${port}`);
      // Another loopback address is not sharing.
      expect(preview.stdout()).not.toContain("Shared on the network");
      const shared = await rawRequest(port, `GET /2018/ HTTP/1.1\r\nHost: 127.0.0.2:${port}\r\nConnection: close\r\n\r\n`, "127.0.0.2");
      expect(shared.status).toBe(200);
      const rebound = await rawRequest(port, `GET / HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`, "127.0.0.2");
      expect(rebound.status).toBe(403);
      await expect(rawGet(port, "/")).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("shared on every address with --host 0.0.0.0, says what that exposes and still answers only to this machine's names", async () => {
    const data = await sampleCopy();
    const preview = await startPreview(["--data", data, "--host", "0.0.0.0"], path.dirname(data));
    const { port } = preview;
    try {
      expect(preview.stdout()).toContain(`Shared on the network: anyone who can reach this machine on port ${port} can read the preview`);
      for (const host of [`127.0.0.1:${port}`, `${hostname()}:${port}`]) expect((await rawGet(port, "/", { Host: host })).status, host).toBe(200);
      expect((await rawGet(port, "/", { Host: `attacker.example:${port}` })).status).toBe(403);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("refuses to write the preview into a folder that build published, and build still replaces a preview", async () => {
    const work = await tempDir();
    const published = path.join(work, "out-pub");
    expect((await runCli(["build", "--data", SAMPLE_DATA, "--output", published, "--no-pdf"])).code).toBe(0);
    const before = await snapshot(published);
    const dev = startCli(["dev", "--data", SAMPLE_DATA, "--output", published, "--port", "0"], { cwd: work });
    try {
      await waitFor(async () => dev.child.exitCode !== null, 60_000, dev.stderr);
    } finally {
      dev.child.kill("SIGTERM");
    }
    const run = await dev.done;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`activity-report dev: ${published} holds a published report (written by activity-report build), which the preview never replaces; leave out --output to preview into .preview, or name a folder of its own\n`);
    expect(await snapshot(published)).toEqual(before);

    // A marker that is not the preview's own is not taken for one.
    await put(work, "other/.activity-report-output", "notes\n");
    const other = await runCli(["dev", "--data", SAMPLE_DATA, "--output", path.join(work, "other"), "--port", "0"], { cwd: work });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("was not written by the preview");

    // The other way round is fine: a build replaces a stale preview.
    await put(work, ".preview/.activity-report-output", PREVIEW_MARKER);
    await put(work, ".preview/index.html", "stale\n");
    expect((await runCli(["build", "--data", SAMPLE_DATA, "--output", ".preview", "--no-pdf"], { cwd: work })).code).toBe(0);
    expect(await readFile(path.join(work, ".preview/index.html"), "utf8")).toContain("Budapest Process");
  });

  it("rebuilds when an event file is deleted: the year page no longer lists it and its page is gone", async () => {
    const data = await sampleCopy();
    const preview = await startPreview(["--data", data], path.dirname(data));
    const page = (p: string) => fetch(preview.url(p)).then(async (r) => ({ status: r.status, text: await r.text() }));
    const title = "Meeting of the Silk Routes countries and donor countries";
    const eventPage = "/events/2017/2017-09-20-ankara-silk-routes-donor-meeting/";
    try {
      expect((await page("/2017/")).text).toContain(title);
      expect((await page(eventPage)).status).toBe(200);
      await rm(path.join(data, "events/2017/2017-09-20-ankara-silk-routes-donor-meeting.yaml"));
      await waitFor(async () => !(await page("/2017/")).text.includes(title), 20_000, preview.log);
      const year = await page("/2017/");
      expect(year.status).toBe(200);
      expect(year.text).toContain("Training of Trainers on migration for officials of Iraq");
      expect((await page(eventPage)).status).toBe(404);
      await expect(stat(path.join(path.dirname(data), ".preview", eventPage, "index.html"))).rejects.toThrow();
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("prints the data's errors in the terminal as check does, and nothing else, on the first build and on rebuilds", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    const file = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
    const original = await readFile(path.join(data, file), "utf8");
    await put(data, file, original.replace("end: 2018-05-08", "end: 2018-05-01"));
    const first = (await runCli(["check", "--data", data], { cwd })).stderr;
    expect(first).toContain(":4:6: end 2018-05-01 is before date 2018-05-07\n");

    const preview = await startPreview(["--data", data], cwd);
    try {
      await waitFor(async () => preview.stderr().length >= first.length, 20_000, preview.log);
      expect(preview.stderr()).toBe(first);

      // A second mistake, saved in one go (written beside the data, then moved in).
      const spare = path.join(cwd, "spare.yaml");
      await put(cwd, "spare.yaml", original.replace("end: 2018-05-08", "end: 2018-05-01").replace("place: sarajevo", "place: sarajvo"));
      await rename(spare, path.join(data, file));
      const after = (await runCli(["check", "--data", data], { cwd })).stderr;
      expect(after).toContain('unknown place "sarajvo"');
      await waitFor(async () => preview.stderr().slice(first.length).includes(after), 20_000, preview.log);
      const rebuilds = preview.stderr().slice(first.length);
      expect(rebuilds).toContain(after);
      const allowed = new Set(after.split("\n"));
      for (const line of rebuilds.split("\n")) expect(allowed, line).toContain(line);
      expect(preview.stderr()).not.toMatch(/^\s+at |Error:|\[11ty\]/m);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });
});

/** activity-report new: entries that validate, written exactly as given, changing nothing else. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import jsyaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadData } from "../../src/data/load.ts";
import { choicePrompt, eventId, eventQuestions, MAX_EVENT_ID, titlePhrases, newEvent, newPlace, newYear, placeProblem, readBack, yamlPair } from "../../src/scaffold.ts";
import { runMain } from "../helpers/main.ts";
import { cleanUp, put, sampleCopy, SAMPLE_DATA, snapshot } from "../helpers/data.ts";

afterAll(cleanUp);

const EVENT_FLAGS = ["--date", "2020-02-25", "--place", "istanbul", "--type", "ministerial-conference", "--strands", "ministerial-process",
  "--title", "Sixth Ministerial Conference of the Budapest Process", "--summary", "Ministers adopted the Call for Action."];

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

describe("activity-report new", () => {
  it("writes an event that validates, with every other field as a comment, and never overwrites it", async () => {
    const data = await sampleCopy();
    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2020/2020-02-25-istanbul-ministerial-conference.yaml");
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\n`);
    const text = await readFile(file, "utf8");
    for (const field of ["end", "online", "participants", "countries", "organisations", "women", "partners", "topics", "body", "report_year", "status", "sources"]) {
      expect(text).toMatch(new RegExp(`^# ${field}:`, "m"));
    }
    const loaded = await loadData(data);
    expect(loaded.data?.events.find((e) => e.id === "2020-02-25-istanbul-ministerial-conference")).toMatchObject({
      title: "Sixth Ministerial Conference of the Budapest Process", type: "ministerial-conference", place: "istanbul", reportYear: 2020,
    });
    const again = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), "Another summary."]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`activity-report new: events/2020/2020-02-25-istanbul-ministerial-conference.yaml has the id "2020-02-25-istanbul-ministerial-conference" already; give the new event another with --id; nothing was written\n`);
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("says what is wrong and writes nothing for unknown ids (exit 1) or missing and foreign options (exit 2, with the usage)", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const typo = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.map((f) => (f === "istanbul" ? "istambul" : f))]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('activity-report new: unknown place "istambul", did you mean "istanbul"?\n');
    const missing = await runMain(["new", "event", "--data", data, "--date", "2020-02-25"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^activity-report new: missing --place, --type, --strands, --title, --summary\n\nUsage: activity-report new event\|place\|year/);
    const noTitle = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -4), ...EVENT_FLAGS.slice(-2)]);
    expect(noTitle.code).toBe(2);
    expect(noTitle.stderr).toMatch(/^activity-report new: missing --title\n\nUsage: activity-report new/);
    const half = await runMain(["new", "year", "--data", data, "--year", "2020", "--som-place", "istanbul"]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^activity-report new: missing --som-date: give both --som-place and --som-date, or neither\n\nUsage:/);
    const foreign = await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT", "--title", "Vienna"]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^activity-report new: new place takes no --title; its options are --id, --name, --country, --lat, --lon\n\nUsage:/);
    const what = await runMain(["new", "meeting", "--data", data]);
    expect(what.code).toBe(2);
    expect(await snapshot(data)).toEqual(before);
  });

  it("writes an event known only by its country, named by the country's name; an unknown code or a country's name is refused", async () => {
    const data = await sampleCopy();
    const flags = ["--date", "2019-03", "--place", "PK", "--type", "training", "--strands", "silk-routes-partnership-project",
      "--title", "Training of the staff of the Migrant Resource Centres in Pakistan", "--summary", "Counsellors were trained."];
    const run = await runMain(["new", "event", "--data", data, ...flags]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2019/2019-03-pakistan-training-staff-migrant-resource-centres.yaml");
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\n`);
    expect((await loadData(data)).data!.events.find((e) => e.file === file)?.place).toBe("PK");
    const unknown = await runMain(["new", "event", "--data", data, ...flags.map((f) => (f === "PK" ? "QQ" : f))]);
    expect(unknown.stderr).toBe('activity-report new: unknown country "QQ": a place in capitals names a country by its code, and QQ is not an ISO 3166-1 code; add it to countries.yaml if it is meant, or write a place id of places.yaml in lower case\n');
    const named = await runMain(["new", "event", "--data", data, ...flags.map((f) => (f === "PK" ? "Pakistan" : f))]);
    expect(named.stderr).toBe('activity-report new: unknown place "Pakistan"; to name the country itself, write its code in capitals: "PK"\n');
  });

  it("takes the event's id from --id, checked as an id and against the other events' ids", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const bad = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS, "--id", "Istanbul 2019"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`activity-report new: --id "Istanbul 2019" must be an id in lower case letters, digits and hyphens, such as "istanbul-2019"; it becomes the event's file name and web address\n`);
    const long = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS, "--id", "x".repeat(121)]);
    expect(long.stderr).toContain("is 121 characters long; an event's id is at most 120");
    const taken = (await loadData(data)).data!.events[0]!;
    const twin = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS, "--id", taken.id]);
    expect(twin.code).toBe(1);
    expect(twin.stderr).toBe(`activity-report new: ${path.relative(data, taken.file)} has the id "${taken.id}" already; give another; nothing was written\n`);
    expect(await snapshot(data)).toEqual(before);

    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS, "--id", "2020-02-25-istanbul-ministerial"]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2020/2020-02-25-istanbul-ministerial.yaml");
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\n`);
    expect((await loadData(data)).data!.events.find((e) => e.file === file)?.id).toBe("2020-02-25-istanbul-ministerial");
  });

  it("adds a place and a report year, keeping the files' comments, and refuses duplicates", async () => {
    const data = await sampleCopy();
    const place = await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT", "--lat", "48.2082", "--lon", "16.3738"]);
    expect(place.code).toBe(0);
    const places = await readFile(path.join(data, "places.yaml"), "utf8");
    expect(places).toContain("# Places by id.");
    expect(places).toMatch(/vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2082\n  lon: 16.3738\n/);
    const year = await runMain(["new", "year", "--data", data, "--year", "2020", "--chair", "Türkiye", "--co-chair", "Hungary", "--som-place", "vienna", "--som-date", "2020-12-10", "--som-number", "16"]);
    expect(year.code).toBe(0);
    const report = (await loadData(data)).data!.report;
    expect(report.editions?.["2020"]).toMatchObject({ chair: "Türkiye", co_chair: "Hungary", som: { number: 16, place: "vienna" } });
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toContain("# The report as a whole");
    expect((await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Wien", "--country", "AT"])).stderr).toContain('place "vienna" exists already');
    expect((await runMain(["new", "year", "--data", data, "--year", "2020"])).stderr).toContain("has an edition for 2020 already");
  });
});
describe("activity-report new writes each value exactly as given", () => {
  it("keeps line breaks in the summary: a carriage return does not end it and add fields", async () => {
    const data = await sampleCopy();
    const summary = "one\rstatus: cancelled\rreport_year: 2017";
    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), summary]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2020/2020-02-25-istanbul-ministerial-conference.yaml");
    for (const value of await readBoth(file)) {
      expect(value).toMatchObject({ summary });
      expect(value).not.toHaveProperty("status");
      expect(value).not.toHaveProperty("report_year");
    }
    const event = (await loadData(data)).data!.events.find((e) => e.file === file)!;
    expect(event.status).toBeUndefined();
    expect(event.reportYear).toBe(2020);
  });

  it("in titles, summaries, place names and chairs, whatever they hold", async () => {
    const data = await sampleCopy();
    for (const [i, value] of HOSTILE.entries()) {
      const date = `2020-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
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
    const added = loaded.data!.events.filter((e) => e.date.year === 2020);
    expect(added).toHaveLength(HOSTILE.length);
    expect(added.filter((e) => e.status !== undefined || e.reportYear !== 2020)).toEqual([]);
  });

  it("refuses a character that a YAML file cannot hold, naming the option, and writes nothing", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -3), "Sixth\uFFFEConference", ...EVENT_FLAGS.slice(-2)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('activity-report new: --title "Sixth\\uFFFEConference": holds the character U+FFFE, which a YAML file cannot hold; remove it\nactivity-report new: nothing was written\n');
    expect(await snapshot(data)).toEqual(before);
  });

  it("refuses a control character (the C1 line break NEL among them), naming the option, and writes nothing", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS.slice(0, -1), "one\u0085status: cancelled"]);
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
      [["place", "--id", "vienna", "--name", "Vienna", "--country", "AT", "--lat", "200", "--lon", "16.3"], '--lat "200": lat must be between -80 and 84: the map cannot show a place nearer the poles'],
      [["place", "--id", "Vienna", "--name", "Vienna", "--country", "AT"], '--id "Vienna": key "Vienna" must be an id in lower case letters, digits and hyphens, such as "silk-routes"'],
      [["year", "--year", "2020", "--som-place", "istanbul", "--som-date", "2020-12-10", "--som-number", "0"], '--som-number "0": number must be at least 1'],
      [["event", ...EVENT_FLAGS.slice(0, -3), "x".repeat(600), ...EVENT_FLAGS.slice(-2)],
        `--title "${"x".repeat(57)}…": title is too long: at most 500 characters, here 600`],
    ];
    for (const [args, problem] of cases) {
      const run = await runMain(["new", args[0]!, "--data", data, ...args.slice(1)]);
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
    const run = await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("2018-05-07-sarajevo-joint-working-group.yaml:3:7: date 2018-02-30 is not a date in the calendar\n");
    expect(run.stderr).toMatch(/Nothing was written: the data folder has errors already; fix the errors above, then run the command again\.\n$/);
    expect(run.stderr).not.toContain("build");
    expect(await snapshot(data)).toEqual(before);
  });

  it("suggests the two-letter code for a country written in lower case or as its three-letter code", async () => {
    const data = await sampleCopy();
    for (const [typed, meant] of [["BGD", "BD"], ["bd", "BD"], ["aut", "AT"]]) {
      const run = await runMain(["new", "place", "--data", data, "--id", "dhaka", "--name", "Dhaka", "--country", typed!]);
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
    await newYear(data, { year: 2020, chair: "Türkiye", coChair: "Hungary", som: { place: "istanbul", date: "2020-12-10", number: 16 } });
    const at = before.indexOf("  # last edition");
    const block = "  2020:\r\n    chair: Türkiye\r\n    co_chair: Hungary\r\n    som:\r\n      number: 16\r\n      place: istanbul\r\n      date: 2020-12-10\r\n";
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
    await newYear(data, { year: 2020, chair: "Türkiye" });
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(`${without}editions:\n  2020:\n    chair: Türkiye\n`);

    const flow = `${without}editions: {2016: {chair: Türkiye}}\n`;
    await put(data, "report.yaml", flow);
    const run = await runMain(["new", "year", "--data", data, "--year", "2020", "--chair", "Türkiye"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`activity-report new: ${path.join(data, "report.yaml")}: editions is not written as one entry per line, so new cannot add to it; add the entry by hand (docs/data.md shows how)\n`);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(flow);
  });
});
describe("event file names", () => {
  it("leave out the words that carry no meaning: small words, ordinals, the process's own name, the place", () => {
    const omit = ["Budapest Process", "Istanbul"];
    expect(eventId("2019-02-19", "istanbul", "6th Ministerial Conference of the Budapest Process", omit)).toBe("2019-02-19-istanbul-ministerial-conference");
    expect(eventId("2019-02-19", "istanbul", "Sixth Ministerial Conference of the Budapest Process", omit)).toBe("2019-02-19-istanbul-ministerial-conference");
    expect(eventId("2030-02-19", "istanbul", "Twenty-first Ministerial Conference in Istanbul", omit)).toBe("2030-02-19-istanbul-ministerial-conference");
    expect(eventId("2020-03-14", "ankara", "Meeting of the Silk Routes Region Working Group")).toBe("2020-03-14-ankara-meeting-silk-routes-region-working-group");
    expect(eventId("2019-03-12", "pakistan", "Training of staff of the Migrant Resource Centres in Pakistan")).toBe("2019-03-12-pakistan-training-staff-migrant-resource-centres");
    // An apostrophe joins its word, never makes one ("migrant-s").
    expect(eventId("2019-03-12", "kabul", "Presentation of the Migrants' Rights Policy")).toBe("2019-03-12-kabul-presentation-migrants-rights-policy");
  });

  it("stop before a phrase that would not fit in 60 characters, never inside it", () => {
    // Cut by words, the first would end "...-meeting-budapest", as if of a place.
    expect(eventId("2019-02-19", "istanbul", "Senior Officials Meeting of the Budapest Process")).toBe("2019-02-19-istanbul-senior-officials-meeting");
    expect(eventId("2019-02-19", "istanbul", "Senior Officials Meeting: Budapest Process")).toBe("2019-02-19-istanbul-senior-officials-meeting");
    expect(eventId("2020-03-14", "islamabad", "Regional Conference on Migration Governance, Labour Mobility and the Protection of Migrants' Rights"))
      .toBe("2020-03-14-islamabad-regional-conference");
    expect(eventId("2020-03-14", "islamabad", "Training of Trainers on Integrated Border Management for Officials of the Islamic Republic of Afghanistan"))
      .toBe("2020-03-14-islamabad-training-trainers");
    // A first phrase too long for the limit: the date and place alone, which `--id` can replace.
    expect(eventId("2020-03-14", "islamabad", "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft")).toBe("2020-03-14-islamabad");
  });

  it("are at most 60 characters, whole phrases of the title in order", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("Working", "Group", "of", "the", "Budapest", "Process", "6th", "Meeting", "on", "Return", ",", "Silk", "Routes", "Migrant", "Resource", "Centres", "and"), { maxLength: 20 }), (words) => {
      const title = words.join(" ");
      const id = eventId("2020-03-14", "islamabad", title, ["Budapest Process"]);
      expect(id.length).toBeLessThanOrEqual(MAX_EVENT_ID);
      const phrases = titlePhrases(title, ["Budapest Process", "islamabad"]).map((p) => p.join("-"));
      const tail = id.slice("2020-03-14-islamabad".length).replace(/^-/, "");
      let taken = 0;
      while (taken < phrases.length && [...phrases.slice(0, taken + 1)].join("-").length + 21 <= MAX_EVENT_ID) taken++;
      expect(tail).toBe(phrases.slice(0, taken).join("-"));
    }));
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
    expect(questions.place).toBe("Place id, one of: ankara, erbil; or a country code (e.g. PK) when no city is known");
    expect(questions.type).toBe("Type id, one of: training");
    expect(questions.strands).toBe("Strand ids, separated by commas (the first reports it in full), one of: silk-routes-working-group, ministerial-process");
    expect(Object.keys(questions)).toEqual(["date", "place", "type", "strands", "title", "summary"]);
  });
});

/** activity-report new: entries that validate, written exactly as given, changing nothing else. */
import path from "node:path";
import { readFile, rm } from "node:fs/promises";
import jsyaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { fieldsOf, type Field } from "../../../src/data/contract/fields.ts";
import { termsOf } from "../../../src/data/contract/json-schema.ts";
import { editionSchema, eventSchema, eventTypeSchema, STRAND_KINDS, strandSchema } from "../../../src/data/contract/schema.ts";
import { loadData } from "../../../src/data/load.ts";
import { goalId, newEvent, newPlace, newYear } from "../../../src/scaffold/new-entries.ts";
import { offeredFields } from "../../../src/scaffold/offered-fields.ts";
import { QUESTIONS } from "../../../src/scaffold/questions.ts";
import { placeProblem, readBack } from "../../../src/scaffold/read-back.ts";
import { yamlPair } from "../../../src/scaffold/yaml-values.ts";
import { cleanUp, put, ROOT, SAMPLE_DATA, sampleCopy, snapshot, tempDir } from "../../helpers/data.ts";
import { runMain } from "../../helpers/main.ts";

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
  return [jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), parseYaml(text) as unknown];
}

describe("activity-report new", () => {
  it("writes an event that validates, with every other field as a comment, and never overwrites it", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, ".schemas"), { recursive: true });
    const run = await runMain(["new", "event", "--data", data, ...EVENT_FLAGS]);
    expect(run.code).toBe(0);
    const file = path.join(data, "events/2020/2020-02-25-istanbul-ministerial-conference.yaml");
    // The schema that the event's first line names is written with it.
    expect(run.stdout).toBe(`Wrote ${file}; the data is valid.\nUpdated the JSON Schemas in ${path.join(data, ".schemas")}, which editors read for completion.\n`);
    const text = await readFile(file, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../.schemas/event.schema.json");
    await readFile(path.join(data, ".schemas", "event.schema.json"));
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
    // The editor's completion offers the new place.
    expect(place.stdout).toBe(`Wrote ${path.join(data, "places.yaml")}; the data is valid.\nUpdated the JSON Schemas in ${path.join(data, ".schemas")}, which editors read for completion.\n`);
    const schema = JSON.parse(await readFile(path.join(data, ".schemas", "event.schema.json"), "utf8")) as { definitions: { places: { enum: string[] } } };
    expect(schema.definitions.places.enum).toContain("vienna");
    expect((await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Wien", "--country", "AT"])).stderr).toContain('place "vienna" exists already');
    expect((await runMain(["new", "year", "--data", data, "--year", "2020"])).stderr).toContain("has an edition for 2020 already");
  });
});
/** The text with the `# ` of every offered field removed, as an editor uses them: a field's line, or a line inside one. */
const uncommented = (text: string) => text.replace(/^(\s*)# (?=(?:- )?[a-z_]+:|\s)/gm, "$1");

/** The fields of the contract (and the fields inside them) that `value` lacks; an entry of a mapping or list stands for all. Those a command writes are not offered. */
function missingFields(fields: readonly Field[], value: unknown, at = ""): string[] {
  const record = (value ?? {}) as Record<string, unknown>;
  return fields.filter((f) => !f.retired && !f.readOnly).flatMap((f) => {
    if (!Object.hasOwn(record, f.name)) return [`${at}${f.name}`];
    const inner = record[f.name];
    const entry = f.holds === "objects" ? (inner as unknown[])[0] : f.holds === "mapping" && f.fields ? Object.values(inner as Record<string, unknown>)[0] : inner;
    return f.fields ? missingFields(f.fields, entry, `${at}${f.name}.`) : [];
  });
}

describe("activity-report new offers every field of the contract", () => {
  it("in a new event: each field not given is a comment, with its description, and removing the #s gives an event of the contract's shape", async () => {
    const data = await sampleCopy();
    const { file } = await newEvent(data, { date: "2020-02-25", place: "istanbul", type: "ministerial-conference", strands: ["ministerial-process"], title: "A conference", summary: "Ministers met." });
    const text = await readFile(file, "utf8");
    const fields = fieldsOf(eventSchema);
    for (const field of fields.filter((f) => !["title", "type", "date", "place", "strands", "summary"].includes(f.name))) {
      expect(text, field.name).toMatch(new RegExp(`^# ${field.name}:.*# ${field.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
    }
    const used = parseYaml(uncommented(text)) as unknown;
    expect(missingFields(fields, used)).toEqual([]);
    expect(eventSchema.safeParse(used).error?.issues).toBeUndefined();
  });

  it("in a new report year: its fields as comments under it, and one that makes it a draft when none is given", async () => {
    const data = await sampleCopy();
    await newYear(data, { year: 2021 });
    const editions = (await loadData(data)).data!.report.editions!;
    expect(editions["2021"]).toEqual({ status: "draft" });
    const text = await readFile(path.join(data, "report.yaml"), "utf8");
    const used = (parseYaml(uncommented(text)) as { editions: Record<string, unknown> }).editions["2021"];
    expect(missingFields(fieldsOf(editionSchema), used)).toEqual([]);
    // The releases are written by check --release --record, never by hand.
    expect(used).not.toHaveProperty("releases");
    expect(editionSchema.safeParse(used).error?.issues).toBeUndefined();
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
    // The smallest valid folder: each of the hundred writes below checks the whole folder, twice.
    const data = await minimalCopy();
    for (const [i, value] of HOSTILE.entries()) {
      const date = `2020-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      const { file } = await newEvent(data, { date, place: "vienna", type: "meeting", strands: ["working-groups"], title: value, summary: value });
      for (const read of await readBoth(file)) expect(read, JSON.stringify(value)).toMatchObject({ title: value, summary: value, date, place: "vienna" });
      await newPlace(data, { id: `place-${i}`, name: value, country: "AT", lat: 48, lon: 16 });
      await newYear(data, { year: 2100 + i, chair: value, coChair: value });
    }
    const [places, report] = await Promise.all([readBoth(path.join(data, "places.yaml")), readBoth(path.join(data, "report.yaml"))]);
    for (const [i, value] of HOSTILE.entries()) {
      for (const read of places) expect((read as Record<string, unknown>)[`place-${i}`], JSON.stringify(value)).toEqual({ name: value, country: "AT", lat: 48, lon: 16 });
      for (const read of report) expect((read as { editions: Record<string, unknown> }).editions[String(2100 + i)], JSON.stringify(value)).toEqual({ chair: value, co_chair: value });
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
      .replace(/^participating_organisations:\n(  - .*\n)+/m, "").replace(/\n/g, "\r\n")
      // The organisation added here has no Russian name: the Russian editions are drafts, as sampleCopy makes them.
      .replace(/ru: final/g, "ru: draft");
    await put(data, "report.yaml", before);
    await newYear(data, { year: 2020, chair: "Türkiye", coChair: "Hungary", som: { place: "istanbul", date: "2020-12-10", number: 16 } });
    const at = before.indexOf("  # last edition");
    const offered = async (given: string[]) =>
      offeredFields(fieldsOf(editionSchema), new Set(given), { terms: termsOf((await loadData(data)).data!) }).map((l) => `    ${l}\r\n`).join("");
    const block = "  2020:\r\n    chair: Türkiye\r\n    co_chair: Hungary\r\n    som:\r\n      number: 16\r\n      place: istanbul\r\n      date: 2020-12-10\r\n" +
      await offered(["chair", "co_chair", "som"]);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(before.slice(0, at) + block + before.slice(at));

    await newYear(data, { year: 2015, chair: "Hungary" });
    const first = before.indexOf("  2016:");
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(before.slice(0, first) + "  2015:\r\n    chair: Hungary\r\n" + await offered(["chair"]) + before.slice(first, at) + block + before.slice(at));
  });

  it("adds the editions when report.yaml has none, and refuses a mapping written on one line", async () => {
    const data = await sampleCopy();
    const sample = await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8");
    const without = sample.slice(0, sample.indexOf("editions:"));
    await put(data, "report.yaml", without);
    await newYear(data, { year: 2020, chair: "Türkiye" });
    const offered = offeredFields(fieldsOf(editionSchema), new Set(["chair"]), { terms: termsOf((await loadData(data)).data!) }).map((l) => `    ${l}\n`).join("");
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(`${without}editions:\n  2020:\n    chair: Türkiye\n${offered}`);

    const flow = `${without}editions: {2016: {chair: Türkiye}}\n`;
    await put(data, "report.yaml", flow);
    const run = await runMain(["new", "year", "--data", data, "--year", "2020", "--chair", "Türkiye"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`activity-report new: ${path.join(data, "report.yaml")}: editions is not written as one entry per line, so new cannot add to it; add the entry by hand (docs/data.md shows how)\n`);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(flow);
  });
});

/** A copy of the smallest data folder of the tests, with no events. */
async function minimalCopy(): Promise<string> {
  const { cp, mkdir } = await import("node:fs/promises");
  const dir = path.join(await tempDir(), "data");
  await cp(path.join(ROOT, "tests/fixtures/minimal-data"), dir, { recursive: true });
  await rm(path.join(dir, "events"), { recursive: true });
  await mkdir(path.join(dir, "events"));
  return dir;
}

describe("activity-report new strand, type and framework", () => {
  it("append a strand and a type to their lists, each with its other fields offered as comments", async () => {
    const data = await sampleCopy();
    const strandsBefore = await readFile(path.join(data, "strands.yaml"), "utf8");
    const run = await runMain(["new", "strand", "--data", data, "--id", "black-sea-working-group", "--title", "Black Sea Working Group", "--kind", "working-group"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${path.join(data, "strands.yaml")}; the data is valid.\n`);
    const offeredStrand = offeredFields(fieldsOf(strandSchema), new Set(["id", "title", "kind"]), { terms: {} }).map((l) => `  ${l}\n`).join("");
    expect(offeredStrand).toContain("  # short_title:");
    expect(offeredStrand).not.toContain("highlights");
    expect(await readFile(path.join(data, "strands.yaml"), "utf8")).toBe(`${strandsBefore}- id: black-sea-working-group\n  title: Black Sea Working Group\n  kind: working-group\n${offeredStrand}`);

    const typesBefore = await readFile(path.join(data, "event-types.yaml"), "utf8");
    expect((await runMain(["new", "type", "--data", data, "--id", "study-visit", "--label", "Study visit", "--plural", "Study visits"])).code).toBe(0);
    expect((await runMain(["new", "type", "--data", data, "--id", "workshop", "--label", "Workshop", "--plural", "Workshops", "--training"])).code).toBe(0);
    const offeredType = offeredFields(fieldsOf(eventTypeSchema), new Set(["id", "label", "plural"]), { terms: {} }).map((l) => `  ${l}\n`).join("");
    // The second type goes after the comments the first was offered: they belong to the first.
    expect(await readFile(path.join(data, "event-types.yaml"), "utf8")).toBe(
      `${typesBefore}- id: study-visit\n  label: Study visit\n  plural: Study visits\n${offeredType}- id: workshop\n  label: Workshop\n  plural: Workshops\n  training: true\n`);
    const loaded = (await loadData(data)).data!;
    expect(loaded.strands.at(-1)).toEqual({ id: "black-sea-working-group", title: "Black Sea Working Group", kind: "working-group" });
    expect(loaded.eventTypes.slice(-2)).toEqual([{ id: "study-visit", label: "Study visit", plural: "Study visits" }, { id: "workshop", label: "Workshop", plural: "Workshops", training: true }]);
  });

  it("append a framework with its goals, numbered in order, each id made of the framework's and the goal's words", async () => {
    const data = await sampleCopy();
    const before = await readFile(path.join(data, "frameworks.yaml"), "utf8");
    const run = await runMain(["new", "framework", "--data", data, "--id", "rabat-2030", "--title", "Plan of Action 2026–2030", "--short-title", "Plan of Action",
      "--adopted", "2025-11", "--from", "2026", "--to", "2030", "--goal", "Legal pathways and mobility", "--goal", "Return and reintegration"]);
    expect(run.code).toBe(0);
    expect(await readFile(path.join(data, "frameworks.yaml"), "utf8")).toBe(`${before}- id: rabat-2030
  title: Plan of Action 2026–2030
  short_title: Plan of Action
  adopted: 2025-11
  from: 2026
  to: 2030
  goals:
    - id: rabat-2030-legal-pathways-mobility
      number: 1
      title: Legal pathways and mobility
    - id: rabat-2030-return-reintegration
      number: 2
      title: Return and reintegration
`);
    expect((await loadData(data)).data!.frameworks.at(-1)!.goals.map((g) => g.number)).toEqual([1, 2]);
  });

  it("refuse an id defined already, a value the contract refuses (by its option) and missing goals, writing nothing", async () => {
    const data = await sampleCopy();
    const before = await snapshot(data);
    const twice = await runMain(["new", "strand", "--data", data, "--id", "ministerial-process", "--title", "Again", "--kind", "ministerial"]);
    expect(twice).toMatchObject({ code: 1, stderr: "activity-report new: strand \"ministerial-process\" exists already in strands.yaml; nothing was written\n" });
    const kind = await runMain(["new", "strand", "--data", data, "--id", "experts", "--title", "Experts", "--kind", "working_group"]);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toBe(`activity-report new: --kind "working_group": kind must be one of ${STRAND_KINDS.join(", ")}, not the text "working_group", did you mean "working-group"?
activity-report new: nothing was written; correct what is named above and run the command again\n`);
    const id = await runMain(["new", "type", "--data", data, "--id", "Study Visit", "--label", "Study visit", "--plural", "Study visits"]);
    expect(id.stderr).toContain(`activity-report new: --id "Study Visit": id "Study Visit" must be an id in lower case letters`);
    const goals = await runMain(["new", "framework", "--data", data, "--id", "plan", "--title", "Plan", "--short-title", "Plan", "--adopted", "2025", "--from", "2025", "--to", "2030"]);
    expect(goals).toMatchObject({ code: 2, stderr: expect.stringContaining("activity-report new: missing --goal") });
    const year = await runMain(["new", "framework", "--data", data, "--id", "plan", "--title", "Plan", "--short-title", "Plan", "--adopted", "2025", "--from", "25", "--to", "2030", "--goal", "A goal"]);
    expect(year).toMatchObject({ code: 1, stderr: "activity-report new: --from must be a year written YYYY, not \"25\"\n" });
    const from = await runMain(["new", "framework", "--data", data, "--id", "plan", "--title", "Plan", "--short-title", "Plan", "--adopted", "2025", "--from", "2024", "--to", "2030", "--goal", "A goal"]);
    expect(from.code).toBe(1);
    expect(from.stderr).toMatch(/^activity-report new: --from "2024": /);
    expect(await snapshot(data)).toEqual(before);
  });

  it("write the first entry into a file that is empty, holds only [] or {}, or is missing", async () => {
    for (const text of [undefined, "", "# yaml-language-server: $schema=.schemas/strands.schema.json\n", "[]\n", "# No strands yet.\n[]   # to come\n"]) {
      const data = await minimalCopy();
      if (text === undefined) await rm(path.join(data, "strands.yaml"));
      else await put(data, "strands.yaml", text);
      const run = await runMain(["new", "strand", "--data", data, "--id", "steering", "--title", "Steering group", "--kind", "governance"]);
      expect(run.code, JSON.stringify(text)).toBe(0);
      const written = await readFile(path.join(data, "strands.yaml"), "utf8");
      const lines = `- id: steering\n  title: Steering group\n  kind: governance\n${offeredFields(fieldsOf(strandSchema), new Set(["id", "title", "kind"]), { terms: {} }).map((l) => `  ${l}\n`).join("")}`;
      const expected = text === undefined ? `# yaml-language-server: $schema=.schemas/strands.schema.json\n${lines}`
        : text === "[]\n" ? lines : text.startsWith("# No") ? `# No strands yet.\n# to come\n${lines}` : `${text}${lines}`;
      expect(written, JSON.stringify(text)).toBe(expected);
      expect((await loadData(data)).data!.strands.map((x) => x.id)).toEqual(["steering"]);
    }
    for (const text of [undefined, "", "{}\n", "# Places by id.\n{}\n"]) {
      const data = await minimalCopy();
      await put(data, "report.yaml", "organisation: Other Process\nsecretariat: Its Secretariat\ntitle: Annual Report\n");
      await rm(path.join(data, "events"), { recursive: true, force: true });
      await (await import("node:fs/promises")).mkdir(path.join(data, "events"));
      if (text === undefined) await rm(path.join(data, "places.yaml"));
      else await put(data, "places.yaml", text);
      const run = await runMain(["new", "place", "--data", data, "--id", "vienna", "--name", "Vienna", "--country", "AT"]);
      expect(run.code, JSON.stringify(text)).toBe(0);
      const lines = "vienna:\n  name: Vienna\n  country: AT\n";
      const expected = text === undefined ? `# yaml-language-server: $schema=.schemas/places.schema.json\n${lines}` : text === "{}\n" ? lines : `${text.replace("{}\n", "")}${lines}`;
      expect(await readFile(path.join(data, "places.yaml"), "utf8"), JSON.stringify(text)).toBe(expected);
    }
  });

  it("never write into an empty file when the data folder has other errors", async () => {
    const data = await minimalCopy();
    await put(data, "strands.yaml", "");
    await put(data, "topics.yaml", "- id: Bad\n  label: Bad\n");
    const before = await snapshot(data);
    const run = await runMain(["new", "strand", "--data", data, "--id", "steering", "--title", "Steering group", "--kind", "governance"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Nothing was written: the data folder has errors already");
    expect(await snapshot(data)).toEqual(before);
  });

  it("ask for what is not given, the kinds of strand from the contract", () => {
    expect(QUESTIONS.strand.map(([key]) => key)).toEqual(["id", "title", "kind"]);
    expect(QUESTIONS.strand[2][1]).toBe(`Kind, one of: ${STRAND_KINDS.join(", ")}`);
    expect(QUESTIONS.type.map(([key]) => key)).toEqual(["id", "label", "plural"]);
    expect(QUESTIONS.framework.map(([key]) => key)).toEqual(["id", "title", "short-title", "adopted", "from", "to"]);
  });
});

describe("the goals a new event is offered", () => {
  it("are those of a framework in force in the event's year", async () => {
    const data = await sampleCopy();
    const { file } = await newEvent(data, { date: "2020-02-25", place: "istanbul", type: "ministerial-conference", strands: ["ministerial-process"], title: "A meeting", summary: "It met." });
    expect(await readFile(file, "utf8")).toMatch(/^# goals: \[call-for-action-2019-irregular-migration-return\] +# /m);
    const { file: later } = await newEvent(data, { date: "2026-02-25", place: "istanbul", type: "ministerial-conference", strands: ["ministerial-process"], title: "A meeting", summary: "It met." });
    expect(await readFile(later, "utf8")).toMatch(/^# goals: \[budapest-2025-legal-pathways\] +# /m);
  });
});

describe("goal ids", () => {
  it("are the framework's id and the whole phrases of the goal's title that fit in 60 characters", () => {
    expect(goalId("budapest-2025", "Legal pathways")).toBe("budapest-2025-legal-pathways");
    expect(goalId("budapest-2025", "Irregular migration, smuggling, trafficking and border management")).toBe("budapest-2025-irregular-migration-smuggling-trafficking");
    expect(goalId("call-for-action-2019", "Integration of migrants and prevention of discrimination")).toBe("call-for-action-2019-integration-migrants-prevention");
    for (const title of ["Legal pathways", "A very long title of a goal that goes on and on and on beyond any limit"]) expect(goalId("f", title).length).toBeLessThanOrEqual(60);
  });
});

/**
 * The JSON Schemas that editors' tools read agree with `check`: every data
 * folder that check passes validates against them, with an independent
 * validator (ajv), and files that check refuses for a reason a schema can
 * state are refused by them too.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DATA_FILE_KINDS, definitionsOf, jsonSchemaOf, termsOf, TRANSLATION_FILE_KINDS, type DataFileKind, type Terms } from "../../../../src/data/contract/json-schema.ts";
import { translationOf } from "../../../../src/data/languages/texts.ts";
import { loadData } from "../../../../src/data/load.ts";
import { readReferenceFiles } from "../../../../src/data/read.ts";
import { cleanUp, put, ROOT, SAMPLE_DATA, sampleCopy } from "../../../helpers/data.ts";

afterAll(cleanUp);

const FOLDERS = [SAMPLE_DATA, ...["minimal-data", "full-data", "report-2019"].map((f) => path.join(ROOT, "tests/fixtures", f))];

/** ajv, knowing the keywords that the YAML language server reads besides JSON Schema's own. */
function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true });
  ajv.addVocabulary(["enumDescriptions", "deprecationMessage"]);
  return ajv;
}

const ALL_KINDS = [...DATA_FILE_KINDS, ...TRANSLATION_FILE_KINDS];
const kindOf = (name: string) => ALL_KINDS.find((k) => k.schemaFile === `${name}.schema.json`)!;

/** The data files of a folder, each with its kind, read as the YAML language server reads them (YAML 1.2). */
async function dataFiles(dir: string): Promise<{ file: string; kind: DataFileKind; value: unknown }[]> {
  const out: { file: string; kind: DataFileKind; value: unknown }[] = [];
  for (const kind of DATA_FILE_KINDS.filter((k) => !k.files[0]!.startsWith("events/"))) {
    const text = await readFile(path.join(dir, kind.files[0]!), "utf8").catch(() => undefined);
    if (text !== undefined) out.push({ file: kind.files[0]!, kind, value: parseYaml(text) });
  }
  // The translation files beside the reference files: `strands.ru.yaml`.
  for (const entry of await readdir(dir)) {
    const translated = translationOf(path.join(dir, entry));
    const kind = translated && TRANSLATION_FILE_KINDS.find((k) => k.files[0] === path.basename(translated.english).replace(/\.yaml$/, ".*.yaml"));
    if (kind) out.push({ file: entry, kind, value: parseYaml(await readFile(path.join(dir, entry), "utf8")) });
  }
  for (const entry of await readdir(path.join(dir, "events"), { recursive: true })) {
    if (!entry.endsWith(".yaml")) continue;
    const kind = kindOf(translationOf(entry) ? "event.translation" : "event");
    out.push({ file: `events/${entry}`, kind, value: parseYaml(await readFile(path.join(dir, "events", entry), "utf8")) });
  }
  return out;
}

async function termsIn(dir: string): Promise<Terms> {
  return termsOf(definitionsOf(await readReferenceFiles(dir, [])));
}

function compile(terms: Terms): Map<DataFileKind, ValidateFunction> {
  const ajv = validator();
  return new Map(ALL_KINDS.map((kind) => [kind, ajv.compile(jsonSchemaOf(kind, terms))]));
}

const problems = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("the JSON Schemas of the data files", () => {
  it("are valid draft-07 schemas for every kind of file, with and without the data folder's ids", async () => {
    expect(DATA_FILE_KINDS.map((k) => k.schemaFile)).toEqual([
      "event.schema.json", "report.schema.json", "places.schema.json", "strands.schema.json",
      "event-types.schema.json", "topics.schema.json", "countries.schema.json", "frameworks.schema.json",
    ]);
    expect(() => compile({})).not.toThrow();
    expect(() => compile({ strands: [], types: [], topics: [], places: [], goals: [], countries: [] })).not.toThrow();
  });

  it("check a mapping's keys as YAML tools read them: an edition's year is a number, and its form is said of text only", () => {
    const report = jsonSchemaOf(kindOf("report")) as { properties: Record<string, { propertyNames: object }> };
    const year = validator().compile(report.properties.editions!.propertyNames);
    expect([2016, "2016", 999, "0999", "2016a"].map((key) => year(key))).toEqual([true, true, false, false, false]);
    const abbreviation = validator().compile(report.properties.abbreviations!.propertyNames);
    expect([1, "SOM", ""].map((key) => abbreviation(key))).toEqual([true, true, false]);
  });

  it.each(FOLDERS.map((dir) => [path.relative(ROOT, dir), dir]))("accept every file of %s, which check passes", async (_, dir) => {
    expect((await loadData(dir)).data).toBeDefined();
    const terms = await termsIn(dir);
    expect(Object.keys(terms).sort()).toEqual(["countries", "goals", "places", "strands", "topics", "types"]);
    for (const validators of [compile({}), compile(terms)]) {
      for (const { file, kind, value } of await dataFiles(dir)) {
        expect(problems(validators.get(kind)!, value), file).toEqual([]);
      }
    }
  });
});

/** Files that check refuses, each for a reason a schema can state; `ids` when only the data folder's ids tell. */
const EVENT = `title: A meeting
type: working-group-meeting
date: 2018-05-07
place: sarajevo
strands: [silk-routes-working-group]
summary: The working group met.
`;
const BAD_EVENTS: readonly [what: string, text: string, ids?: "ids"][] = [
  ["an unknown field", `${EVENT}source: https://www.example.org/\n`],
  ["a field of a document that documents do not have", `${EVENT}documents:\n  - title: Conclusions\n    kind: conclusions\n    languages: {en: }\n`],
  ["text for true or false", `${EVENT}online: "yes"\n`],
  ["true for a count", `${EVENT}participants: true\n`],
  ["a negative count", `${EVENT}participants: -3\n`],
  ["text for a year", `${EVENT}report_year: "2018"\n`],
  ["a set of fields for a list", `${EVENT}partners: {a: b}\n`],
  ["a date that is not one", EVENT.replace("2018-05-07", "2018-13-07")],
  ["a year out of range", EVENT.replace("2018-05-07", "0999-05-07")],
  ["a source that is no web address", `${EVENT}sources: www.example.org\n`],
  ["a document's file outside documents/", `${EVENT}documents:\n  - title: Conclusions\n    kind: conclusions\n    versions: {en: files/conclusions.pdf}\n`],
  ["a language that is no code", `${EVENT}documents:\n  - title: Conclusions\n    kind: conclusions\n    versions: {english: }\n`],
  ["no summary", EVENT.replace("summary: The working group met.\n", "")],
  ["no place, not online", EVENT.replace("place: sarajevo\n", "")],
  ["no strands", EVENT.replace("strands: [silk-routes-working-group]\n", "strands: []\n")],
  ["a photo without alt", `${EVENT}photos:\n  - file: images/photo.jpg\n`],
  ["a status outside the list", `${EVENT}status: done\n`],
  ["a document kind outside the list", `${EVENT}documents:\n  - title: Minutes\n    kind: minutes\n    versions: {en: }\n`],
  ["an unknown type", EVENT.replace("working-group-meeting", "working-group-meting"), "ids"],
  ["an unknown place", EVENT.replace("place: sarajevo", "place: sarajevoo"), "ids"],
  ["an unknown country as the place", EVENT.replace("place: sarajevo", "place: QQ"), "ids"],
  ["an unknown strand", EVENT.replace("[silk-routes-working-group]", "[silk-routes-working-group, south-east-europe]"), "ids"],
  ["an unknown topic", `${EVENT}topics: no-such-topic\n`, "ids"],
  ["an unknown goal", `${EVENT}goals: [no-such-goal]\n`, "ids"],
  ["an unknown state", `${EVENT}states: [AF, QQ]\n`, "ids"],
  ["a state in lower case", `${EVENT}states: [af]\n`],
];

/** Reference files that check refuses: the file, what is appended to it or what replaces a part of it. */
type Change = { append: string } | { replace: [string, string] } | { text: string };
const BAD_REFERENCES: readonly [what: string, file: string, change: Change, ids?: "ids"][] = [
  ["an unknown field of a place", "places.yaml", { append: "vienna2:\n  name: Vienna\n  country: AT\n  population: 2000000\n" }],
  ["a place nearer the pole than the map shows", "places.yaml", { append: "alert:\n  name: Alert\n  country: CA\n  lat: 85.5\n  lon: -62.3\n" }],
  ["a place's country in lower case", "places.yaml", { append: "basra:\n  name: Basra\n  country: iq\n" }],
  ["a place's unknown country", "places.yaml", { append: "nowhere:\n  name: Nowhere\n  country: QQ\n" }, "ids"],
  ["an unknown field of an edition", "report.yaml", { replace: ["    chair:", "    cochair:"] }],
  ["an edition's status outside the list", "report.yaml", { replace: ["editions:\n", "editions:\n  2030:\n    status: published\n"] }],
  ["both logo and logos", "report.yaml", { replace: ["logos:\n", "logo: images/sample-logo-chair.svg\nlogos:\n"] }],
  ["a colour that is not #RRGGBB", "report.yaml", { append: "accent_color: blue\n" }],
  ["a site that is no web address", "report.yaml", { replace: ["site_url: https://", "site_url: "] }],
  ["a site with a path, which --path-prefix gives", "report.yaml", { replace: ["site_url: https://activity-report.example.org", "site_url: https://activity-report.example.org/reports/"] }],
  ["a year key that is no year", "report.yaml", { replace: ["editions:\n", "editions:\n  0999:\n    chair: Nobody\n"] }],
  ["an unknown strand in an edition", "report.yaml", { replace: ["editions:\n", "editions:\n  2030:\n    strands:\n      no-such-strand:\n        introduction: Text.\n"] }, "ids"],
  ["an unknown participating state", "report.yaml", { replace: ["participating_states: [AF,", "participating_states: [QQ, AF,"] }, "ids"],
  ["an unknown place of a Senior Officials Meeting", "report.yaml", { replace: ["editions:\n", "editions:\n  2030:\n    som:\n      place: nowhere\n      date: 2030-10-01\n"] }, "ids"],
  ["a strand's kind outside the list", "strands.yaml", { append: "- id: new-strand\n  title: A new strand\n  kind: chapter\n" }],
  ["a strand without a title", "strands.yaml", { append: "- id: new-strand\n  kind: project\n" }],
  ["a strand's highlights, which belong to a year", "strands.yaml", { append: "- id: new-strand\n  title: A new strand\n  kind: project\n  highlights: Text.\n" }],
  ["text for true or false in a type", "event-types.yaml", { append: "- id: course\n  label: Course\n  plural: Courses\n  training: \"yes\"\n" }],
  ["a topic without its label", "topics.yaml", { append: "- id: new-topic\n" }],
  ["a country's code in lower case", "countries.yaml", { append: "xk:\n  name: Kosovo\n" }],
  ["a framework without goals", "frameworks.yaml", { append: "- id: new-framework\n  title: A framework\n  short_title: Framework\n  adopted: 2030\n  from: 2030\n  to: 2034\n  goals: []\n" }],
  ["a goal numbered in words", "frameworks.yaml", { append: "- id: new-framework\n  title: A framework\n  short_title: Framework\n  adopted: 2030\n  from: 2030\n  to: 2034\n  goals:\n    - id: new-goal\n      number: one\n      title: A goal\n" }],
];

describe("a file that check refuses for a reason a schema can state", () => {
  let data: string;
  let withIds: Map<DataFileKind, ValidateFunction>;
  let without: Map<DataFileKind, ValidateFunction>;
  beforeAll(async () => {
    data = await sampleCopy();
    withIds = compile(await termsIn(data));
    without = compile({});
  });

  it("is refused by the schema too: events", async () => {
    // Each its own title, so that none is refused as another's twin.
    const texts = [EVENT, ...BAD_EVENTS.map(([, text], i) => text.replace("A meeting", `Meeting ${i}`))];
    const files = await Promise.all(texts.map((text, i) => put(data, `events/2018/2018-05-07-case-${i}.yaml`, text)));
    const { diagnostics } = await loadData(data);
    expect(diagnostics.filter((d) => d.file === files[0] && d.severity === "error"), "the event the others are made from is valid").toEqual([]);
    expect(problems(withIds.get(kindOf("event"))!, parseYaml(EVENT))).toEqual([]);
    for (const [i, [what, , ids]] of BAD_EVENTS.entries()) {
      const text = texts[i + 1]!;
      const file = files[i + 1];
      expect(diagnostics.filter((d) => d.file === file && d.severity === "error"), `check refuses ${what}`).not.toEqual([]);
      const value: unknown = parseYaml(text);
      expect(problems(withIds.get(kindOf("event"))!, value), `the schema refuses ${what}`).not.toEqual([]);
      if (!ids) expect(problems(without.get(kindOf("event"))!, value), `the schema without the data folder's ids refuses ${what}`).not.toEqual([]);
    }
  });

  it.each(BAD_REFERENCES)("is refused by the schema too: %s (%s)", async (what, name, change, ids) => {
    const dir = await sampleCopy();
    const before = await readFile(path.join(dir, name), "utf8");
    const text = "text" in change ? change.text : "append" in change ? `${before}${change.append}` : before.replace(...change.replace);
    expect(text, "the change applies").not.toBe(before);
    const file = await put(dir, name, text);
    const { diagnostics } = await loadData(dir);
    expect(diagnostics.filter((d) => d.file === file && d.severity === "error"), `check refuses ${what}`).not.toEqual([]);
    const kind = DATA_FILE_KINDS.find((k) => k.files.includes(name))!;
    expect(problems(withIds.get(kind)!, parseYaml(text)), `the schema refuses ${what}`).not.toEqual([]);
    if (!ids) expect(problems(without.get(kind)!, parseYaml(text)), `the schema without the data folder's ids refuses ${what}`).not.toEqual([]);
  });
});

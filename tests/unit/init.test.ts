/** activity-report init: a new data folder that passes the check, with the sample's structure or the smallest one. */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import jsyaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { isoCountryCodes } from "../../src/data/countries.ts";
import { fieldsOf } from "../../src/data/contract/fields.ts";
import { DATA_FILE_KINDS, SCHEMAS_DIR, schemaLine, termsOf } from "../../src/data/contract/json-schema.ts";
import { loadData } from "../../src/data/load.ts";
import { editionSchema, reportSchema } from "../../src/data/contract/schema.ts";
import { initFiles, initFolder } from "../../src/init.ts";
import { offeredFields } from "../../src/scaffold/offered-fields.ts";
import { SCHEMAS_STAMP, termsIn, termsStamp } from "../../src/schemas.ts";
import { cleanUp, SAMPLE_DATA, snapshot, tempDir } from "../helpers/data.ts";
import { runMain } from "../helpers/main.ts";

afterAll(cleanUp);

const read = async (dir: string, name: string) => jsyaml.load(await readFile(path.join(dir, name), "utf8"), { schema: jsyaml.CORE_SCHEMA });

describe("activity-report init", () => {
  it("starts a folder with the Budapest Process's structure, as the sample has it, that passes the check", async () => {
    const dir = path.join(await tempDir(), "data");
    const run = await runMain(["init", dir, "--year", "2021"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Wrote a new data folder into ${dir}: report.yaml, strands.yaml, event-types.yaml, topics.yaml, frameworks.yaml, places.yaml, countries.yaml, an empty events folder, and its JSON Schemas (.schemas). It passes the check.
Next: add an event with activity-report new event --data ${dir} (a place first, if it has one: activity-report new place --data ${dir}).\n`);
    const loaded = await loadData(dir);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const data = loaded.data!;
    const sample = (await loadData(SAMPLE_DATA)).data!;
    // The sample's facts: its strands (their own descriptions), types, topics and frameworks with their goals.
    expect(data.strands.map(({ description: _, ...s }) => s)).toEqual(sample.strands.map(({ description: _, ...s }) => s));
    expect(data.eventTypes).toEqual(sample.eventTypes);
    expect(data.topics).toEqual(sample.topics);
    expect(data.frameworks).toEqual(sample.frameworks);
    expect(data.report).toMatchObject({ organisation: sample.report.organisation, secretariat: sample.report.secretariat, title: sample.report.title });
    expect(Object.keys(data.report.editions!)).toEqual(["2021"]);
    expect(data.report.editions!["2021"]).toEqual({ status: "draft" });
    // Every country of ISO 3166-1, with the sample's names where it has its own.
    expect(Object.keys(data.countries).sort()).toEqual([...new Set([...isoCountryCodes(), ...Object.keys(sample.countries)])].sort());
    for (const [code, country] of Object.entries(sample.countries)) expect(data.countries[code], code).toEqual(country);
    expect(data.countries.AT).toEqual({ name: "Austria" });
    expect(data.places).toEqual({});
    expect(await readdir(path.join(dir, "events"))).toEqual([]);

    // Each file names its schema, which is there, with the stamp of the ids it offers.
    for (const name of await readdir(dir)) {
      if (!name.endsWith(".yaml")) continue;
      const kind = DATA_FILE_KINDS.find((k) => k.files.includes(name))!;
      expect((await readFile(path.join(dir, name), "utf8")).split("\n")[0], name).toBe(schemaLine(path.join(dir, name), dir, kind));
      await readFile(path.join(dir, SCHEMAS_DIR, kind.schemaFile));
    }
    expect(await readFile(path.join(dir, SCHEMAS_DIR, SCHEMAS_STAMP), "utf8")).toBe(termsStamp((await termsIn(dir)).terms));
  });

  it("offers every optional field of report.yaml and of the edition as comments, made from the contract", async () => {
    const text = initFiles({ year: 2021 }).get("report.yaml")!;
    const terms = termsOf({ strands: (await loadData(SAMPLE_DATA)).data!.strands });
    const top = offeredFields(fieldsOf(reportSchema), new Set(["organisation", "secretariat", "title", "editions"]), { terms });
    const edition = offeredFields(fieldsOf(editionSchema), new Set(["status"]), { terms }).map((l) => `    ${l}`);
    expect(text).toContain(`title: Annual Activity Report\n${top.join("\n")}\neditions:\n  2021:\n    status: draft\n${edition.join("\n")}\n`);
    // The older form of logos is not offered; the strands' introductions are offered by their ids.
    expect(text).not.toMatch(/^# logo:/m);
    expect(text).toContain("#   senior-officials-meeting:\n");
    for (const field of ["summary", "foreword", "signatories", "strands", "outlook"]) expect(text).toMatch(new RegExp(`^    # ${field}:`, "m"));
  });

  it("--empty starts the smallest valid folder, for another organisation", async () => {
    const dir = path.join(await tempDir(), "data");
    const run = await runMain(["init", dir, "--empty", "--organisation", "Prague Process", "--secretariat", "Its Secretariat"]);
    expect(run.code).toBe(0);
    const data = (await loadData(dir)).data!;
    expect(data.report).toEqual({ organisation: "Prague Process", secretariat: "Its Secretariat", title: "Annual Activity Report" });
    expect([data.strands, data.eventTypes, data.topics, data.frameworks]).toEqual([[], [], [], []]);
    expect([data.places, data.countries]).toEqual([{}, {}]);
    expect((await readdir(dir)).sort()).toEqual([SCHEMAS_DIR, "countries.yaml", "event-types.yaml", "events", "places.yaml", "report.yaml", "strands.yaml", "topics.yaml"]);
    expect(await read(dir, "strands.yaml")).toEqual([]);
    expect((await readFile(path.join(dir, "strands.yaml"), "utf8")).split("\n")).toEqual([
      "# yaml-language-server: $schema=.schemas/strands.schema.json",
      "# The chapters of the report, in report order. Add one with: activity-report new strand",
      "[]",
      "",
    ]);
    const titled = path.join(await tempDir(), "data");
    expect((await runMain(["init", titled, "--empty", "--organisation", "X", "--secretariat", "Y", "--title", "Yearly Report"])).code).toBe(0);
    expect((await loadData(titled)).data!.report.title).toBe("Yearly Report");
  });

  it("refuses a folder that is not empty, or a file, and writes nothing", async () => {
    const parent = await tempDir();
    const full = path.join(parent, "full");
    await mkdir(full);
    await writeFile(path.join(full, "notes.txt"), "mine");
    const before = await snapshot(parent);
    const run = await runMain(["init", full]);
    expect(run).toEqual({
      code: 1, stdout: "",
      stderr: `activity-report init: ${full} is not empty (it holds notes.txt); init starts a data folder only in a new or empty folder, so that nothing is overwritten; nothing was written\n`,
    });
    const file = path.join(parent, "full", "notes.txt");
    expect(await runMain(["init", file])).toMatchObject({ code: 1, stderr: `activity-report init: ${file} is a file, not a folder; give the name of a new or empty folder; nothing was written\n` });
    expect(await snapshot(parent)).toEqual(before);
  });

  it("says which options go together, and what is missing without a terminal", async () => {
    const dir = path.join(await tempDir(), "data");
    expect(await runMain(["init", dir, "--organisation", "X"])).toMatchObject({ code: 2, stderr: expect.stringContaining("activity-report init: --organisation goes with --empty") });
    expect(await runMain(["init", dir, "--empty", "--year", "2020", "--organisation", "X", "--secretariat", "Y"])).toMatchObject({ code: 2, stderr: expect.stringContaining("activity-report init: --year goes without --empty") });
    expect(await runMain(["init", dir, "--empty"])).toMatchObject({ code: 2, stderr: expect.stringContaining("activity-report init: missing --organisation, --secretariat") });
    expect(await runMain(["init", dir, "other"])).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument "other"') });
    await expect(readdir(dir)).rejects.toThrow();
  });

  it("removes what it wrote when it fails", async () => {
    const dir = path.join(await tempDir(), "data");
    await expect(initFolder(dir, { empty: true, organisation: "X", secretariat: "Y", title: "x".repeat(600) })).rejects.toThrow("does not pass the check");
    await expect(readdir(dir)).rejects.toThrow();
  });
});

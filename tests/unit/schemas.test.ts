/** activity-report schema: the JSON Schemas in the data folder, and the project's VS Code settings that use them. */
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_FILE_KINDS, SCHEMAS_DIR, TRANSLATION_FILE_KINDS } from "../../src/data/contract/json-schema.ts";
import { termsOf } from "../../src/data/contract/json-schema.ts";
import { loadData } from "../../src/data/load.ts";
import { SCHEMAS_STAMP, schemaTexts, termsIn, termsStamp, vscodeSchemas } from "../../src/schemas.ts";
import { runMain } from "../helpers/main.ts";
import { cleanUp, put, ROOT, SAMPLE_DATA, sampleCopy, snapshot, tempDir } from "../helpers/data.ts";

afterAll(cleanUp);

const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;

describe("activity-report schema", () => {
  it("writes one schema per kind of data file into the data folder's .schemas, and again only what changed", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, SCHEMAS_DIR), { recursive: true, force: true });
    const first = await runMain(["schema", "--data", data]);
    expect(first).toEqual({ code: 0, stdout: `Wrote 16 JSON Schemas into ${path.join(data, SCHEMAS_DIR)}.\n`, stderr: "" });
    const written = await snapshot(path.join(data, SCHEMAS_DIR));
    expect(Object.keys(written).sort()).toEqual([SCHEMAS_STAMP, ...[...DATA_FILE_KINDS, ...TRANSLATION_FILE_KINDS].map((k) => k.schemaFile)].sort());
    const again = await runMain(["schema", "--data", data]);
    expect(again.stdout).toBe(`Wrote 0 JSON Schemas into ${path.join(data, SCHEMAS_DIR)} (16 unchanged).\n`);

    // A new place is offered once the schemas are written again.
    await put(data, "places.yaml", `${await readFile(path.join(data, "places.yaml"), "utf8")}vienna:\n  name: Vienna\n  country: AT\n`);
    expect((await runMain(["schema", "--data", data])).stdout).toBe(`Wrote 2 JSON Schemas into ${path.join(data, SCHEMAS_DIR)} (14 unchanged).\n`);
    const event = await readJson(path.join(data, SCHEMAS_DIR, "event.schema.json"));
    expect((event.definitions as Record<string, { enum: string[] }>).places!.enum).toContain("vienna");
  });

  it("writes where --output says, and says which reference files gave no ids", async () => {
    const data = await sampleCopy();
    await put(data, "topics.yaml", "- id: Not An Id\n  label: Broken\n");
    const out = path.join(await tempDir(), "schemas");
    const run = await runMain(["schema", "--data", data, "--output", out]);
    expect(run).toEqual({ code: 0, stdout: `Wrote 16 JSON Schemas into ${out}.\n`, stderr: "Note: topics.yaml could not be read (run check), so its ids are not offered.\n" });
    const event = await readJson(path.join(out, "event.schema.json"));
    expect(Object.keys(event.definitions as object).sort()).toEqual(["countries", "goals", "places", "strands", "types"]);
  });

  it("refuses a data folder that does not exist, and writes nothing", async () => {
    const out = path.join(await tempDir(), "schemas");
    const run = await runMain(["schema", "--data", path.join(out, "missing"), "--output", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the data folder does not exist");
    await expect(readFile(path.join(out, "event.schema.json"))).rejects.toThrow();
  });
});

describe("check brings the data folder's schemas up to date", () => {
  const placesEnum = async (data: string) =>
    ((await readJson(path.join(data, SCHEMAS_DIR, "event.schema.json"))).definitions as Record<string, { enum: string[] }>).places!.enum;

  it("when a reference file changed and the data passes, and only then", async () => {
    const data = await sampleCopy();
    const stamp = path.join(data, SCHEMAS_DIR, SCHEMAS_STAMP);
    const untouched = await snapshot(path.join(data, SCHEMAS_DIR));
    // Unchanged ids: nothing is made or written.
    expect((await runMain(["check", "--data", data])).code).toBe(0);
    expect(await snapshot(path.join(data, SCHEMAS_DIR))).toEqual(untouched);

    // A place added by hand is offered after the next check.
    const places = await readFile(path.join(data, "places.yaml"), "utf8");
    await put(data, "places.yaml", `${places}vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2\n  lon: 16.37\n`);
    const run = await runMain(["check", "--data", data]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(await placesEnum(data)).toContain("vienna");
    const { terms } = await termsIn(data);
    expect(await readFile(stamp, "utf8")).toBe(termsStamp(terms));
    const refreshed = await snapshot(path.join(data, SCHEMAS_DIR));
    const { mtimeMs } = await stat(path.join(data, SCHEMAS_DIR, "event.schema.json"));
    expect((await runMain(["check", "--data", data])).code).toBe(0);
    expect(await snapshot(path.join(data, SCHEMAS_DIR))).toEqual(refreshed);
    expect((await stat(path.join(data, SCHEMAS_DIR, "event.schema.json"))).mtimeMs).toBe(mtimeMs);

    // Data with errors leaves them as they are: they keep offering the ids of the last data that passed.
    await put(data, "places.yaml", `${places}graz:\n  name: Graz\n  country: at\n`);
    expect((await runMain(["check", "--data", data])).code).toBe(1);
    expect(await snapshot(path.join(data, SCHEMAS_DIR))).toEqual(refreshed);
  });

  it("never in a data folder without them", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, SCHEMAS_DIR), { recursive: true });
    const places = await readFile(path.join(data, "places.yaml"), "utf8");
    await put(data, "places.yaml", `${places}vienna:\n  name: Vienna\n  country: AT\n`);
    expect((await runMain(["check", "--data", data])).code).toBe(0);
    await expect(stat(path.join(data, SCHEMAS_DIR))).rejects.toThrow();
  });
});

describe("the sample data folder", () => {
  it("holds the stamp of its ids that check compares, as the valid data gives them", async () => {
    const { terms } = await termsIn(SAMPLE_DATA);
    expect(await readFile(path.join(SAMPLE_DATA, SCHEMAS_DIR, SCHEMAS_STAMP), "utf8")).toBe(termsStamp(terms));
    expect(termsStamp(termsOf((await loadData(SAMPLE_DATA)).data!))).toBe(termsStamp(terms));
  });

  it("holds the schemas that activity-report schema writes for it (run npm run schema when this fails)", async () => {
    const { terms, unread } = await termsIn(SAMPLE_DATA);
    expect(unread).toEqual([]);
    for (const [name, text] of schemaTexts(terms)) {
      expect(await readFile(path.join(SAMPLE_DATA, SCHEMAS_DIR, name), "utf8").catch(() => "(missing)"), name).toBe(text);
    }
  });

  it("is mapped to them in the project's VS Code settings, which recommend the YAML extension", async () => {
    const settings = await readJson(path.join(ROOT, ".vscode/settings.json"));
    expect(settings["yaml.schemas"]).toEqual(vscodeSchemas("_data"));
    expect((await readJson(path.join(ROOT, ".vscode/extensions.json"))).recommendations).toEqual(["redhat.vscode-yaml"]);
  });
});

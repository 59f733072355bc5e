import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDataFolder, readEvent, unknownRootFiles } from "../../../src/data/read.ts";
import { cleanUp, put, sampleCopy, tempDir } from "../../helpers/data.ts";
import { placed } from "../../helpers/written.ts";

afterAll(cleanUp);

describe("readDataFolder", () => {
  it("reads every reference file and event file, the events in the order of their paths, each with its source", async () => {
    const dir = await sampleCopy();
    await put(dir, "events/2019/b.yaml", "title: B\n");
    await put(dir, "events/2019/a.yaml", "title: [unclosed\n");
    const { folder } = await readDataFolder(dir);
    expect(folder!.report.value?.organisation).toBe("Budapest Process");
    expect(folder!.strands.value?.length).toBe(5);
    expect(folder!.places.source?.file).toBe(path.join(dir, "places.yaml"));
    const events = folder!.events.map((e) => path.relative(dir, e.file));
    expect(events.slice(-2)).toEqual(["events/2019/a.yaml", "events/2019/b.yaml"]);
    expect([...events].sort()).toEqual(events);
    const [a, b] = folder!.events.slice(-2);
    // A file that is not YAML has a source (for positions) but no fields; one with errors of shape has the fields that are valid.
    expect(a).toMatchObject({ id: "a", value: undefined, fields: undefined });
    expect(a!.source).toBeDefined();
    expect(b).toMatchObject({ id: "b", value: undefined, fields: { title: "B" } });
    expect(folder!.diagnostics.filter((d) => d.file.endsWith("b.yaml")).map(placed)).toContain('1:1: missing required field "type"');
  });

  it("reports a missing reference file and keeps reading the others", async () => {
    const dir = await sampleCopy();
    const { rm } = await import("node:fs/promises");
    await rm(path.join(dir, "topics.yaml"));
    const { folder } = await readDataFolder(dir);
    expect(folder!.topics).toEqual({ file: path.join(dir, "topics.yaml") });
    expect(folder!.strands.value).toBeDefined();
    expect(folder!.diagnostics).toEqual([{ severity: "error", file: path.join(dir, "topics.yaml"), message: "the file is missing; every data folder needs it: write `[]` into it for no topics yet" }]);
  });

  it("gives only a diagnostic for a folder that does not exist", async () => {
    const dir = path.join(await tempDir(), "nothing");
    expect(await readDataFolder(dir)).toEqual({ diagnostics: [{ severity: "error", file: dir, message: "the data folder does not exist; `activity-report init DIR` makes one" }] });
  });
});

describe("a reference file that is missing or empty", () => {
  // Each message says what to write, or which command writes it.
  const TOLD = {
    "report.yaml": ["the file is missing; every data folder needs one, with the organisation, the secretariat and the title of the report (docs/data.md); `activity-report init DIR` starts a new data folder with every file",
      "the file is empty: write the organisation, the secretariat and the title of the report (docs/data.md); `activity-report init DIR` starts a new data folder with every file"],
    "strands.yaml": ["the file is missing; every data folder needs it: write `[]` into it for no strands yet, then add them with `activity-report new strand`",
      "the file is empty: write `[]` for no strands yet, or add one with `activity-report new strand`"],
    "event-types.yaml": ["the file is missing; every data folder needs it: write `[]` into it for no types yet, then add them with `activity-report new type`",
      "the file is empty: write `[]` for no types yet, or add one with `activity-report new type`"],
    "topics.yaml": ["the file is missing; every data folder needs it: write `[]` into it for no topics yet", "the file is empty: write `[]` for no topics yet"],
    "places.yaml": ["the file is missing; every data folder needs it: write `{}` into it for no places yet, then add them with `activity-report new place`",
      "the file is empty: write `{}` for no places yet, or add one with `activity-report new place`"],
    "countries.yaml": ["the file is missing; every data folder needs it: write `{}` into it for no names of its own yet (the report then uses the English names of ISO 3166-1)",
      "the file is empty: write `{}` for no names of its own yet (the report then uses the English names of ISO 3166-1)"],
  } as const;

  it("says what to write into it, or which command writes it", async () => {
    for (const [name, [missing, empty]] of Object.entries(TOLD)) {
      const dir = await sampleCopy();
      const { rm } = await import("node:fs/promises");
      await rm(path.join(dir, name));
      expect((await readDataFolder(dir)).folder!.diagnostics, name).toEqual([{ severity: "error", file: path.join(dir, name), message: missing }]);
      // A file of comments only, such as the line that names its schema, is empty too.
      for (const text of ["", "# yaml-language-server: $schema=.schemas/x.schema.json\n"]) {
        await put(dir, name, text);
        expect((await readDataFolder(dir)).folder!.diagnostics.map(placed), `${name} ${JSON.stringify(text)}`).toEqual([`1:1: ${empty}`]);
      }
    }
  });

  it("an empty frameworks.yaml, which may be missing, says what to write", async () => {
    const dir = await sampleCopy();
    await put(dir, "frameworks.yaml", "");
    expect((await readDataFolder(dir)).folder!.diagnostics.map(placed)).toEqual(["1:1: the file is empty: write `[]` for no frameworks yet, or add one with `activity-report new framework`"]);
  });
});

describe("readEvent", () => {
  it("reads the event with its id from the file name, and every problem of the file alone", async () => {
    const file = await put(await tempDir(), "events/2018-06-01-x.yaml", "title: \"a\\x01\"\nparticpants: 3\n");
    const { event, diagnostics } = readEvent(file);
    expect(event.id).toBe("2018-06-01-x");
    expect(event.fields).toEqual({ title: "a\u0001" });
    expect(diagnostics.map(placed)).toEqual([
      '1:1: missing required field "type"',
      '1:1: missing required field "date"',
      '1:1: missing required field "strands"',
      '1:1: missing required field "summary"',
      '2:1: unknown field "particpants", did you mean "participants"?',
      "1:8: title contains the control character U+0001, which is not text and would break the feed; remove it (between double quotes it may be written as the escape \\x01)",
    ]);
  });
});

describe("unknownRootFiles", () => {
  const entry = (name: string) => ({ name, path: `/data/${name}`, kind: "file" as const });
  it("warns of YAML files beside the reference files, with the one meant", () => {
    expect(unknownRootFiles(["report.yaml", "place.yaml", "notes.yml", ".hidden.yaml", "README.md", "events", "images"].map(entry)).map((d) => `${d.file}: ${d.message}`)).toEqual([
      '/data/place.yaml: not read, did you mean "places.yaml"? The data folder holds report.yaml, strands.yaml, event-types.yaml, topics.yaml, places.yaml, countries.yaml and frameworks.yaml, the events in the folder events, pictures in the folder images and documents in the folder documents',
      "/data/notes.yml: not read: the data folder holds report.yaml, strands.yaml, event-types.yaml, topics.yaml, places.yaml, countries.yaml and frameworks.yaml, the events in the folder events, pictures in the folder images and documents in the folder documents; an event file goes into the events folder",
    ]);
  });
});

import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { dataIn, loadData } from "../../../../src/data/load.ts";
import { eventSchema, placesSchema, reportSchema } from "../../../../src/data/contract/schema.ts";
import { fingerprint } from "../../../../src/data/languages/texts.ts";
import { createEditorService, filePathOf, type EditorService, type SaveProblem } from "../../../../src/dev/editor/service.ts";
import { cleanUp, ROOT, snapshot, tempDir } from "../../../helpers/data.ts";
import { viewPath } from "../../../../src/dev/editor/view.ts";
import type * as z from "zod";

const EVENT = `title: T
type: working-group-meeting
date: 2018-05-07
place: sarajevo
strands: [silk-routes-working-group, nope]
chairs: Türkiye
summary: S
photos:
  - file: images/a.jpg
    alt: A
  - file: images/none.jpg
    caption: c
documents:
  - title: D
    kind: declaration
    versions:
      en: documents/a.pdf
      xx: documents/b.pdf
`;

/** Where the form shows a diagnostic at line:col of `text`, with `message`. */
function formPath(schema: z.ZodType, text: string, line: number, col: number, message = "some problem") {
  const place = filePathOf({ line, col, message }, text);
  return place && viewPath(schema, parse(text), place.path, place.atKey);
}

describe("where the form shows a problem of a save", () => {
  it("places a problem at the value it is about, in nested sets of fields and lists too", () => {
    expect(formPath(eventSchema, EVENT, 1, 8)).toEqual(["title"]);
    expect(formPath(eventSchema, EVENT, 5, 38)).toEqual(["strands", 1]);
    expect(formPath(eventSchema, EVENT, 11, 11)).toEqual(["photos", 1, "file"]);
    // A list written as its one item: the list.
    expect(formPath(eventSchema, EVENT, 6, 9)).toEqual(["chairs"]);
  });

  it("places a missing field at the set of fields it is missing from", () => {
    expect(formPath(eventSchema, EVENT, 11, 5, 'missing required field "alt": write what the picture shows')).toEqual(["photos", 1, "alt"]);
    expect(formPath(eventSchema, EVENT, 1, 1, 'missing required field "end"')).toEqual(["end"]);
    expect(filePathOf({ message: 'missing required field "title"' }, EVENT)).toEqual({ path: ["title"], atKey: false });
  });

  it("places a problem of a mapping's key at the entry's key, and a mapping's entries by their place in the form's list", () => {
    expect(formPath(eventSchema, EVENT, 18, 7)).toEqual(["documents", 0, "versions", 1, "key"]);
    expect(formPath(eventSchema, EVENT, 18, 11)).toEqual(["documents", 0, "versions", 1, "value"]);
    const places = "sarajevo:\n  name: Sarajevo\n  country: BA\nfoo:\n  name: F\n  country: XX\n";
    expect(formPath(placesSchema, places, 6, 12)).toEqual(["entries", 1, "country"]);
    expect(formPath(placesSchema, places, 4, 1, 'missing required field "lat"')).toEqual(["entries", 1, "lat"]);
    expect(formPath(placesSchema, places, 5, 3, 'missing required field "lat"')).toEqual(["entries", 1, "lat"]);
    const report = "organisation: O\neditions:\n  2016:\n    chair: Türkiye\n    co_chair: 5\n";
    expect(formPath(reportSchema, report, 5, 15)).toEqual(["editions", 0, "co_chair"]);
  });

  it("ends the path at the nearest field the form shows", () => {
    const report = "organisation: O\neditions:\n  2016:\n    signatoriez: x\n";
    expect(formPath(reportSchema, report, 4, 5)).toEqual(["editions", 0]);
    expect(formPath(eventSchema, "title: T\nfavourite: x\n", 2, 1)).toEqual([]);
  });
});

describe("the write service, with the events in English and in the languages of the editions", () => {
  const EVENT = "events/2018/2018-09-12-vienna-working-group";
  let dir: string;
  let service: EditorService;
  const ask = async (action: string, params: Record<string, unknown>) => (await service.handle({ action, params })) as { status: number; json: Record<string, unknown> & { problems?: SaveProblem[] } };
  const opened = async (file: string) => (await ask("getEntry", { path: file })).json as { data: string | null; file: { path: string } };
  const text = (file: string) => readFile(path.join(dir, file), "utf8");

  beforeEach(async () => {
    dir = path.join(await tempDir(), "data");
    await cp(path.join(ROOT, "tests/fixtures/full-data"), dir, { recursive: true });
    // The event's report is published in Russian too.
    await writeFile(path.join(dir, "report.yaml"), (await text("report.yaml")).replace("editions:\n", "editions:\n  2018:\n    languages: {ru: draft}\n"));
    service = createEditorService({ dataDir: dir });
  });
  afterAll(cleanUp);

  it("lists each event by Decap's name of its English file, <id>.en.yaml, and no translation file as an event", async () => {
    const listed = (await ask("entriesByFolder", { folder: "events", depth: 2 })).json as unknown as { file: { path: string } }[];
    const paths = listed.map((e) => e.file.path);
    expect(paths).toContain(`${EVENT}.en.yaml`);
    expect(paths.every((p) => p.endsWith(".en.yaml"))).toBe(true);
    expect(paths.length).toBe((await readdir(path.join(dir, "events"), { recursive: true })).filter((f) => /\d\/[^.]+\.yaml$/.test(f)).length);
  });

  it("lists the events by their own names to a form in English alone", async () => {
    const listed = (await ask("entriesByFolder", { folder: "events", depth: 2, locales: ["en"] })).json as unknown as { file: { path: string } }[];
    expect(listed.map((e) => e.file.path)).toContain(`${EVENT}.yaml`);
  });

  it("moves an event's translations with it, also one in a language the form does not show, and deletes them with it", async () => {
    await writeFile(path.join(dir, `${EVENT}.ar.yaml`), "title: اجتماع الفريق العامل\n");
    const arabic = await text(`${EVENT}.ar.yaml`);
    const russian = await text(`${EVENT}.ru.yaml`);
    const english = parse((await opened(`${EVENT}.en.yaml`)).data!) as Record<string, unknown>;
    const moved = "events/2018/2018-09-13-vienna-working-group";
    const saved = await ask("persistEntry", {
      dataFiles: [
        { path: `${EVENT}.en.yaml`, newPath: `${moved}.en.yaml`, raw: stringify({ ...english, date: "2018-09-13", end: undefined }) },
        { path: `${EVENT}.ru.yaml`, newPath: `${moved}.ru.yaml`, raw: (await opened(`${EVENT}.ru.yaml`)).data! },
      ],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const folder = await readdir(path.join(dir, "events/2018"));
    expect(folder.filter((f) => f.includes("vienna-working-group")).sort()).toEqual(["2018-09-13-vienna-working-group.ar.yaml", "2018-09-13-vienna-working-group.ru.yaml", "2018-09-13-vienna-working-group.yaml"]);
    expect(await text(`${moved}.ar.yaml`)).toBe(arabic);
    expect(await text(`${moved}.ru.yaml`)).toBe(russian);
    // Decap deletes the files of the languages it shows; those of the others go with them.
    expect((await ask("deleteFiles", { paths: [`${moved}.en.yaml`, `${moved}.ru.yaml`] })).status).toBe(200);
    expect((await readdir(path.join(dir, "events/2018"))).filter((f) => f.includes("vienna-working-group"))).toEqual([]);
  });

  it("opens the English file by Decap's name, and the translation as the event's form with the English lists", async () => {
    const english = await opened(`${EVENT}.en.yaml`);
    expect(english.file.path).toBe(`${EVENT}.en.yaml`);
    expect(parse(english.data!)).toMatchObject({ title: "Meeting of the working group" });
    const russian = parse((await opened(`${EVENT}.ru.yaml`)).data!) as { title: string; documents: { title?: string; kind: string }[] };
    expect(russian.title).toBe("Совещание рабочей группы");
    expect(russian.documents.map((d) => [d.title, d.kind])).toEqual([["Выводы совещания", "conclusions"], ["Повестка дня", "agenda"]]);
  });

  it("saves a translation's texts into its file, each text changed recorded as translated from its English; the English file untouched", async () => {
    const englishBefore = await text(`${EVENT}.yaml`);
    const english = (await opened(`${EVENT}.en.yaml`)).data!;
    const russian = parse((await opened(`${EVENT}.ru.yaml`)).data!) as Record<string, unknown>;
    const saved = await ask("persistEntry", {
      dataFiles: [
        { path: `${EVENT}.en.yaml`, raw: english },
        { path: `${EVENT}.ru.yaml`, raw: stringify({ ...russian, title: "Совещание рабочей группы в Вене" }) },
      ],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(await text(`${EVENT}.yaml`)).toBe(englishBefore);
    const written = await text(`${EVENT}.ru.yaml`);
    expect(written).toContain("title: Совещание рабочей группы в Вене\n");
    expect(written).toContain("# Every translatable text of the event, in Russian.");
    expect(parse(written)).toMatchObject({ translated_from: { title: fingerprint("Meeting of the working group") } });
    // Only the text the save changed is recorded.
    expect(Object.keys((parse(written) as { translated_from: object }).translated_from)).toEqual(["title"]);
    const { data } = await loadData(dir);
    expect(dataIn(data!, "ru").events.find((e) => e.id === "2018-09-12-vienna-working-group")!.title).toBe("Совещание рабочей группы в Вене");
  });

  it("refuses a translation that check refuses, at its field in the translation's form, and writes nothing", async () => {
    const before = await snapshot(dir);
    const russian = parse((await opened(`${EVENT}.ru.yaml`)).data!) as Record<string, unknown>;
    const refusedSave = await ask("persistEntry", { dataFiles: [{ path: `${EVENT}.ru.yaml`, raw: stringify({ ...russian, title: "Очень длинное название ".repeat(30) }) }] });
    expect(refusedSave.status).toBe(422);
    expect(refusedSave.json.problems).toEqual([expect.objectContaining({ file: `${EVENT}.ru.yaml`, field: "title", path: ["title"], locale: "ru" })]);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("writes no translation file for a new event saved in English, and one for an event whose translation was given a text", async () => {
    const event = { title: "Training of trainers", type: "training", date: "2019-03-04", place: "vienna", strands: ["projects"], summary: "A course." };
    const empty = { title: "", summary: "", documents: [], photos: [], chairs: [] };
    const saved = await ask("persistEntry", { dataFiles: [{ path: "events/2019/2019-03-04-vienna-training.en.yaml", raw: stringify(event) }, { path: "events/2019/2019-03-04-vienna-training.ru.yaml", raw: stringify(empty) }] });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(await text("events/2019/2019-03-04-vienna-training.yaml")).toContain("title: Training of trainers");
    await expect(text("events/2019/2019-03-04-vienna-training.ru.yaml")).rejects.toThrow();
    const again = await ask("persistEntry", { dataFiles: [{ path: "events/2019/2019-03-04-vienna-training.en.yaml", raw: stringify(event) }, { path: "events/2019/2019-03-04-vienna-training.ru.yaml", raw: stringify({ ...empty, title: "Обучение инструкторов" }) }] });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    const made = await text("events/2019/2019-03-04-vienna-training.ru.yaml");
    expect(made).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.schemas\/event\.translation\.schema\.json\n# The Russian texts of 2019-03-04-vienna-training\.yaml\.\n/);
    expect(parse(made)).toEqual({ title: "Обучение инструкторов", translated_from: { title: fingerprint("Training of trainers") } });
  });

  it("records nothing for a translation a save leaves as it is: a change of the English alone leaves the translation stale", async () => {
    const russianBefore = await text(`${EVENT}.ru.yaml`);
    const english = parse((await opened(`${EVENT}.en.yaml`)).data!) as Record<string, unknown>;
    const russian = (await opened(`${EVENT}.ru.yaml`)).data!;
    const saved = await ask("persistEntry", { dataFiles: [{ path: `${EVENT}.en.yaml`, raw: stringify({ ...english, title: "Meeting of the Vienna working group" }) }, { path: `${EVENT}.ru.yaml`, raw: russian }] });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(await text(`${EVENT}.ru.yaml`)).toBe(russianBefore);
  });

  it("saves an edition's text of report.yaml's translation, recorded under the edition, the rest of the file as it was", async () => {
    const before = await text("report.ru.yaml");
    const form = parse((await opened("report.ru.yaml")).data!) as { editions: Record<string, Record<string, unknown>>; logos: Record<string, unknown> };
    // Lists by position are sets of fields named by the positions.
    expect(Object.keys(form.logos)).toEqual(["0", "1", "2"]);
    form.editions["2019"]!.chair = "Турецкая Республика";
    const saved = await ask("persistEntry", { dataFiles: [{ path: "report.ru.yaml", raw: stringify(form) }] });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const written = await text("report.ru.yaml");
    // The record last in the edition, with a word on what it is.
    expect(written.replace("    chair: Турецкая Республика\n", "    chair: Турция\n").replace(/\n {4}# Written by the tools: what each text was translated from [^\n]*\n {4}translated_from:\n {6}chair: \S+\n/, "\n")).toBe(before);
    expect((parse(written) as { editions: Record<string, { translated_from?: unknown }> }).editions["2019"]!.translated_from).toEqual({ chair: fingerprint("Türkiye") });
  });

  it("saves the translation of a reference file from its form, keeping the entries the form does not show", async () => {
    await writeFile(path.join(dir, "strands.ru.yaml"), "# Our own comment.\nold-strand:\n  title: Старое направление\n");
    const form = parse((await opened("strands.ru.yaml")).data!) as Record<string, unknown>;
    expect(form).toEqual({ "old-strand": { title: "Старое направление" } });
    const english = (parse(await text("strands.yaml")) as { id: string; title: string }[])[0]!;
    const saved = await ask("persistEntry", { dataFiles: [{ path: "strands.ru.yaml", raw: stringify({ ...form, [english.id]: { title: "Рабочие группы" } }) }] });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const written = await text("strands.ru.yaml");
    expect(written).toMatch(/^# Our own comment\.\nold-strand:\n {2}title: Старое направление\n/);
    expect(parse(written)).toEqual({ "old-strand": { title: "Старое направление" }, [english.id]: { title: "Рабочие группы", translated_from: { title: fingerprint(english.title) } } });
  });
});

import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DataError, formatDiagnostic } from "../../src/data/diagnostics.ts";
import { loadData } from "../../src/data/load.ts";
import { fromXliff, toXliff } from "../../src/data/languages/xliff.ts";
import { confirmTranslations, exportTranslations, importTranslations } from "../../src/translations.ts";
import { cleanUp, put, ROOT, tempDir } from "../helpers/data.ts";

afterAll(cleanUp);

const EVENT = "events/2019/2019-03-12-vienna-working-group.yaml";
const EVENT_RU = "events/2019/2019-03-12-vienna-working-group.ru.yaml";

let dir: string;
beforeEach(async () => {
  dir = path.join(await tempDir(), "data");
  await cp(path.join(ROOT, "tests/fixtures/minimal-data"), dir, { recursive: true });
  await put(dir, "places.yaml", "vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2\n  lon: 16.37\n");
  await put(dir, "report.yaml", `organisation: Budapest Process
secretariat: International Centre for Migration Policy Development (ICMPD)
title: Annual Activity Report
site_url: https://activity-report.example.org
editions:
  2019:
    published: 2019-12-01
    foreword: |
      The first paragraph.

      The second paragraph.
    languages: {ru: draft}
`);
});

/** The texts of an export, by file and id, with what the translator is given. */
async function exported(lang = "ru", options: { all?: boolean } = {}) {
  const { xliff, texts, stale } = await exportTranslations(dir, { lang, ...options });
  const read = await fromXliff(xliff);
  if ("error" in read) throw new Error(read.error);
  return { xliff, texts, stale, units: read.texts.map((t) => [t.file, t.id, t.target ?? null]) };
}

/** An export with translations written into it, as a translation tool would. */
async function translated(translate: (id: string, source: string) => string | undefined): Promise<string> {
  // The event's title, not the report's, is the one `title` means here.
  const only = (id: string, source: string) => (id === "title" && source === "Annual Activity Report" ? undefined : translate(id, source));
  const { xliff } = await exportTranslations(dir, { lang: "ru" });
  const out = xliff.replace(/<trans-unit id="([^"]+)"([^>]*)>\s*<source>([\s\S]*?)<\/source>\s*<target>[\s\S]*?<\/target>/g, (all, id: string, attributes: string, source: string) => {
    const target = only(decodeURIComponent(id), source);
    return target === undefined ? all : `<trans-unit id="${id}"${attributes}>\n<source>${source}</source>\n<target>${target}</target>`;
  });
  const file = path.join(dir, "..", "ru.xlf");
  await writeFile(file, out);
  return file;
}

describe("translations export", () => {
  it("hands over every text a language lacks, each with a note, Markdown with its line ends", async () => {
    const { units, xliff } = await exported();
    expect(units).toEqual([
      ["report.yaml", "organisation", null],
      ["report.yaml", "secretariat", null],
      ["report.yaml", "title", null],
      ["report.yaml", "editions/2019/foreword", null],
      ["strands.yaml", "working-groups/title", null],
      ["event-types.yaml", "meeting/label", null],
      ["event-types.yaml", "meeting/plural", null],
      ["places.yaml", "vienna/name", null],
      [EVENT, "title", null],
      [EVENT, "summary", null],
    ]);
    expect(xliff).toContain('target-language="ru"');
    expect(xliff).toContain("<source>The first paragraph.\n\nThe second paragraph.\n</source>");
    expect(xliff).toContain("<note>Event \"Meeting of the working group\": summary. Markdown: keep the paragraphs");
  });

  it("refuses English, a language without a catalogue, and one no edition is published in", async () => {
    await expect(exportTranslations(dir, { lang: "en" })).rejects.toThrow(/English is the language the data is written in/);
    await expect(exportTranslations(dir, { lang: "xh" })).rejects.toThrow(/no Xhosa \(xh\) catalogue/);
    await put(dir, "report.yaml", (await readFile(path.join(dir, "report.yaml"), "utf8")).replace("languages: {ru: draft}", ""));
    await expect(exportTranslations(dir, { lang: "ru" })).rejects.toThrow(/no edition names Russian in its languages: add `languages: \{ru: draft\}`/);
  });
});

describe("translations import", () => {
  it("writes the translations beside their English files, recorded as made from that English, and the check then finds them", async () => {
    const file = await translated((id) => ({ title: "Совещание рабочей группы", "vienna/name": "Вена", "editions/2019/foreword": "Первый абзац.\n\nВторой абзац.\n" })[id]);
    const result = await importTranslations(dir, file);
    expect(result).toMatchObject({ lang: "ru", taken: 3, empty: 7, diagnostics: [] });
    expect(result.written.map((f) => path.relative(dir, f)).sort()).toEqual([EVENT_RU, "places.ru.yaml", "report.ru.yaml"]);
    expect(await readFile(path.join(dir, EVENT_RU), "utf8")).toMatch(/^# yaml-language-server: \$schema=..\/..\/.schemas\/event.translation.schema.json\n# The Russian texts of 2019-03-12-vienna-working-group.yaml.\n\ntitle: Совещание рабочей группы\n# Written by the tools: [^\n]*\ntranslated_from:\n  title: [A-Za-z0-9_-]{12}\n$/);
    expect(await readFile(path.join(dir, "report.ru.yaml"), "utf8")).toContain("editions:\n  2019:\n    foreword: |\n      Первый абзац.\n\n      Второй абзац.\n");
    const loaded = await loadData(dir);
    expect(loaded.diagnostics).toEqual([]);
    const lacking = (file: string) => loaded.languages![0]!.lacking.filter((l) => l.file === path.join(dir, file)).flatMap((l) => l.texts.map((t) => t.path));
    expect(lacking(EVENT)).toEqual(["summary"]);
    expect(lacking("places.yaml")).toEqual([]);
    // What is translated is not handed over again.
    expect((await exported()).units.filter((u) => u[0] === EVENT).map((u) => u[1])).toEqual(["summary"]);
  });

  it("a translation that the check refuses writes nothing, and says why at the translation file", async () => {
    const file = await translated((id) => (id === "title" ? "Совещание ".repeat(60) : id === "vienna/name" ? "Вена" : undefined));
    const error = await importTranslations(dir, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const lines = (error as DataError).diagnostics.map((d) => formatDiagnostic(d, dir));
    expect(lines.join("\n")).toMatch(/^events\/2019\/2019-03-12-vienna-working-group\.ru\.yaml:\d+:\d+: /);
    await expect(readFile(path.join(dir, "places.ru.yaml"))).rejects.toThrow(/ENOENT/);
  });

  it("does not take a translation of English that has changed since the export, nor one of a text no longer there", async () => {
    const file = await translated((id) => ({ title: "Совещание рабочей группы", summary: "Рабочая группа провела совещание." })[id]);
    await put(dir, EVENT, (await readFile(path.join(dir, EVENT), "utf8")).replace("met in Vienna.", "met in Vienna twice."));
    await writeFile(file, (await readFile(file, "utf8")).replace('<file original="places.yaml"', '<file original="places-gone.yaml"'));
    const result = await importTranslations(dir, file);
    expect(result.taken).toBe(1);
    expect(result.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([
      expect.stringMatching(/^\d+:\d+: not taken: places-gone\.yaml has no text vienna\/name \(any more\)/),
      expect.stringMatching(/^\d+:\d+: not taken: the English of summary in events\/2019\/2019-03-12-vienna-working-group\.yaml has changed since the export/),
    ]);
  });

  it("refuses a file that is not XLIFF, and a language other than --lang", async () => {
    const bad = path.join(dir, "..", "bad.xlf");
    await writeFile(bad, "<html>not it</html>");
    await expect(importTranslations(dir, bad)).rejects.toThrow(DataError);
    const file = await translated(() => undefined);
    await expect(importTranslations(dir, file, "ar")).rejects.toThrow(DataError);
  });
});

describe("translations confirm, and staleness", () => {
  it("a changed English text is handed over again with its translation, and confirm records the translation as up to date", async () => {
    await importTranslations(dir, await translated((id) => (id === "summary" ? "Рабочая группа провела совещание в Вене." : undefined)));
    await put(dir, EVENT, (await readFile(path.join(dir, EVENT), "utf8")).replace("met in Vienna.", "met in Vienna in March."));
    expect((await loadData(dir)).diagnostics.map((d) => d.about?.kind)).toEqual(["stale-translation"]);
    const again = await exported();
    expect(again.stale).toBe(1);
    expect(again.units).toContainEqual([EVENT, "summary", "Рабочая группа провела совещание в Вене."]);
    expect(again.xliff).toContain("The English has changed since this was translated");
    const comment = "# Checked in March.\n";
    await put(dir, EVENT_RU, comment + (await readFile(path.join(dir, EVENT_RU), "utf8")));
    expect(await confirmTranslations(dir, "ru")).toMatchObject({ texts: 1 });
    expect((await loadData(dir)).diagnostics).toEqual([]);
    expect(await readFile(path.join(dir, EVENT_RU), "utf8")).toContain(comment);
    expect(await confirmTranslations(dir, "ru")).toMatchObject({ texts: 0, written: [] });
  });
});

describe("XLIFF", () => {
  it("keeps texts with markup characters and line ends as they are, both ways", async () => {
    const xml = await toXliff([{ file: "a/b.yaml", key: ["documents", 0, "title"], source: "A & <b> \"c\"\n\nd", target: "Б & <б>", note: "n" }], "ru");
    expect(xml).toContain('<trans-unit id="documents/0/title" xml:space="preserve">');
    expect(await fromXliff(xml)).toEqual({ targetLanguage: "ru", texts: [{ file: "a/b.yaml", id: "documents/0/title", source: "A & <b> \"c\"\n\nd", target: "Б & <б>" }] });
  });

  it("a target with the markup of a translation tool is refused", async () => {
    const xml = (await toXliff([{ file: "a.yaml", key: ["title"], source: "A" }], "ru")).replace("<target></target>", '<target>Б <g id="1">в</g></target>');
    const read = await fromXliff(xml);
    expect("texts" in read && read.texts[0]!.problem).toMatch(/markup of the translation tool/);
  });
});

import { cp } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { dataIn, loadData } from "../../../../src/data/load.ts";
import { fingerprint, textUnits, translationFileOf, translationOf } from "../../../../src/data/languages/texts.ts";
import { formatDiagnostic } from "../../../../src/data/diagnostics.ts";
import { describeLanguages } from "../../../../src/data/languages/translations.ts";
import { cleanUp, put, ROOT, tempDir } from "../../../helpers/data.ts";

afterAll(cleanUp);

const EVENT = "events/2019/2019-03-12-vienna-working-group.yaml";
const EVENT_RU = "events/2019/2019-03-12-vienna-working-group.ru.yaml";

const REPORT = (status: string) => `organisation: Budapest Process
secretariat: International Centre for Migration Policy Development (ICMPD)
title: Annual Activity Report
site_url: https://activity-report.example.org
editions:
  2019:
    published: 2019-12-01
    foreword: The year in a sentence.
    languages: {${status}}
`;

/** Every text of the minimal folder, in Russian. */
const COMPLETE: Record<string, string> = {
  "report.ru.yaml": `organisation: Будапештский процесс
secretariat: Международный центр по развитию миграционной политики (МЦРМП)
title: Ежегодный доклад о деятельности
editions:
  2019:
    foreword: Год в одном предложении.
`,
  "strands.ru.yaml": "working-groups:\n  title: Рабочие группы\n",
  "event-types.ru.yaml": "meeting:\n  label: Совещание\n  plural: Совещания\n",
  "places.ru.yaml": "vienna:\n  name: Вена\n",
  [EVENT_RU]: "title: Совещание рабочей группы\nsummary: Рабочая группа провела совещание в Вене.\n",
};

let dir: string;
beforeEach(async () => {
  dir = path.join(await tempDir(), "data");
  await cp(path.join(ROOT, "tests/fixtures/minimal-data"), dir, { recursive: true });
  await put(dir, "places.yaml", "vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2\n  lon: 16.37\n");
});

async function check(): Promise<{ lines: string[]; result: Awaited<ReturnType<typeof loadData>> }> {
  const result = await loadData(dir);
  return { lines: result.diagnostics.map((d) => formatDiagnostic(d, dir)), result };
}

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await put(dir, name, text);
}

describe("translation files", () => {
  it("are named after their English file with the language before .yaml", () => {
    expect(translationFileOf("/d/events/2019/a-b.yaml", "ru")).toBe("/d/events/2019/a-b.ru.yaml");
    expect(translationOf("/d/events/2019/a-b.ru.yaml")).toEqual({ english: "/d/events/2019/a-b.yaml", lang: "ru" });
    expect(translationOf("/d/strands.pt-BR.yaml")).toEqual({ english: "/d/strands.yaml", lang: "pt-BR" });
    expect(translationOf("/d/events/2019/a-b.yaml")).toBeUndefined();
  });

  it("are not read as events, nor warned of as unknown files in the folder's root", async () => {
    await write({ "report.yaml": REPORT("ru: final"), ...COMPLETE });
    const { lines, result } = await check();
    expect(lines).toEqual([]);
    expect(result.data!.events.map((e) => e.id)).toEqual(["2019-03-12-vienna-working-group"]);
    expect(result.languages).toEqual([{ lang: "ru", years: new Map([[2019, "final"]]), lacking: [] }]);
  });

  it("a final edition that lacks a text is refused at the English text, naming what to write where", async () => {
    const { [EVENT_RU]: _event, ...rest } = COMPLETE;
    await write({ "report.yaml": REPORT("ru: final"), ...rest, [EVENT_RU]: "title: Совещание рабочей группы\n" });
    const { lines, result } = await check();
    expect(lines).toEqual([
      `${EVENT}:6:10: has no Russian translation of summary, and the 2019 report is final in Russian: write it in 2019-03-12-vienna-working-group.ru.yaml, or make the language draft in report.yaml`,
    ]);
    expect(result.data).toBeUndefined();
  });

  it("a draft edition's missing texts are listed, not errors, and English stands in for them, recorded", async () => {
    await write({ "report.yaml": REPORT("ru: draft"), "places.ru.yaml": "vienna:\n  name: Вена\n" });
    const { lines, result } = await check();
    expect(lines).toEqual([]);
    const state = result.languages![0]!;
    expect(state.lacking.map((l) => [path.relative(dir, l.file), l.line, l.texts.map((t) => t.path), l.final])).toEqual([
      ["report.yaml", 1, ["organisation", "secretariat", "title", "editions.2019.foreword"], false],
      ["strands.yaml", 2, ["working-groups.title"], false],
      ["event-types.yaml", 2, ["meeting.label", "meeting.plural"], false],
      [EVENT, 1, ["title", "summary"], false],
    ]);
    expect(describeLanguages(result.languages!, (file) => path.relative(dir, file))).toEqual([
      "Russian (ru): 2019 draft, 6 texts not yet translated; the whole site, 3 texts not yet translated. English stands in, marked, for:",
      "  report.yaml:1:15: organisation, secretariat, title, editions.2019.foreword",
      "  strands.yaml:2:10: working-groups.title",
      "  event-types.yaml:2:10: meeting.label, meeting.plural",
      `  ${EVENT}:1:8: title, summary`,
    ]);
    const ru = dataIn(result.data!, "ru");
    expect(ru.lang).toBe("ru");
    expect(ru.places.vienna!.name).toBe("Вена");
    expect(ru.events[0]!.title).toBe("Meeting of the working group");
    expect(ru.untranslated?.get("event:2019-03-12-vienna-working-group")).toEqual(["title", "summary"]);
    expect(ru.untranslated?.get("edition:2019")).toEqual(["editions.2019.foreword"]);
    expect(ru.untranslated?.get("site")).toEqual(["organisation", "secretariat", "title", "0.title", "0.label", "0.plural"]);
    // The English data is as it was.
    expect(result.data!.places.vienna!.name).toBe("Vienna");
  });

  it("gives the data in the language, sharing what it does not translate", async () => {
    await write({ "report.yaml": REPORT("ru: final"), ...COMPLETE });
    const { result } = await check();
    const en = result.data!;
    const ru = dataIn(en, "ru");
    expect(ru.events[0]!.summary).toBe("Рабочая группа провела совещание в Вене.");
    expect(ru.events[0]!.date).toBe(en.events[0]!.date);
    expect(ru.strands[0]!.title).toBe("Рабочие группы");
    expect(ru.report.editions!["2019"]!.foreword).toBe("Год в одном предложении.");
    expect(ru.report.organisation).toBe("Будапештский процесс");
    expect(ru.untranslated?.size).toBe(0);
    expect(en.events[0]!.summary).toBe("The working group met in Vienna.");
    expect(dataIn(en, "en")).toBe(en);
  });

  it("a text changed in English since its translation is a warning at the translation, which check --release refuses", async () => {
    const old = fingerprint("The working group met in Vienna, briefly.");
    const now = fingerprint("Meeting of the working group");
    await write({
      "report.yaml": REPORT("ru: final"),
      ...COMPLETE,
      [EVENT_RU]: `title: Совещание рабочей группы\nsummary: Рабочая группа провела совещание в Вене.\ntranslated_from:\n  title: ${now}\n  summary: ${old}\n`,
    });
    const { result } = await check();
    expect(result.diagnostics.map((d) => [formatDiagnostic(d, dir), d.about])).toEqual([[
      `${EVENT_RU}:2:10: warning: the English of summary (${EVENT}:6:10) has changed since it was translated: revise the Russian, then record it as up to date by saving it in the editor, or with \`activity-report translations confirm --lang ru\``,
      { kind: "stale-translation", year: 2019 },
    ]]);
  });

  it("a language with no catalogue and English named as a further language are errors; a translation of nothing is not read", async () => {
    await write({ "report.yaml": REPORT("en: final, xh: draft"), "events/2019/no-such-event.ru.yaml": "title: Нет\n" });
    const { lines } = await check();
    expect(lines).toEqual([
      "report.yaml:9:17: English is the report's working language, in which every edition is written: name only the further languages here",
      "report.yaml:9:28: there is no Xhosa catalogue of the report's words: add locales/xh.yaml to the data folder, with every message of the English catalogue translated",
      "events/2019/no-such-event.ru.yaml: warning: not read: it translates events/2019/no-such-event.yaml, which does not exist: name it after the event's file, with .ru before .yaml, or delete it",
    ]);
  });

  it("warns of texts English has not, and of a language no edition is published in", async () => {
    await write({
      "report.yaml": REPORT("ru: final"),
      ...COMPLETE,
      "strands.ru.yaml": "working-groups:\n  title: Рабочие группы\nworking-group:\n  title: Опечатка\n",
      [EVENT_RU]: "title: Совещание рабочей группы\nsummary: Рабочая группа провела совещание в Вене.\noutcomes: Итоги.\n",
      "places.de.yaml": "vienna:\n  name: Wien\n",
    });
    const { lines } = await check();
    expect(lines).toEqual([
      `${EVENT_RU}:3:1: warning: not printed: ${EVENT} has no "outcomes" here to translate; check it against the English file`,
      "places.de.yaml: warning: not published: no edition names German (de) in its languages in report.yaml (e.g. `languages: {de: draft}`)",
      "strands.ru.yaml:3:1: warning: not printed: strands.yaml has no \"working-group\" here to translate; check it against the English file",
    ]);
  });

  it("a translation file of the wrong shape is an error at its place", async () => {
    await write({ "report.yaml": REPORT("ru: draft"), [EVENT_RU]: "title: Совещание\ndate: 2019-03-12\n" });
    const { lines } = await check();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${EVENT_RU.replace(/\./g, "\\.")}:2:1: unknown field "date"`));
  });
});

describe("texts printed in more than one place", () => {
  it("an organisation's name is translated once, in report.<lang>.yaml, and printed so wherever English writes it", async () => {
    await write({
      "report.yaml": REPORT("ru: final"),
      ...COMPLETE,
      [EVENT]: "title: Meeting of the working group\ntype: meeting\ndate: 2019-03-12\nplace: vienna\nstrands: working-groups\nsummary: The working group met in Vienna.\npartners: [European Commission]\nparticipating_organisations: [European Commission]\n",
    });
    const lacking = await check();
    expect(lacking.lines).toEqual([
      `${EVENT}:8:31: has no Russian translation of organisations.European Commission, and the 2019 report is final in Russian: write it in report.ru.yaml, or make the language draft in report.yaml`,
    ]);
    await write({ "report.ru.yaml": `${COMPLETE["report.ru.yaml"]!}organisations:\n  European Commission: Европейская комиссия\n  Unused Organisation: Не используется\n` });
    const { lines, result } = await check();
    expect(lines).toEqual([]);
    const ru = dataIn(result.data!, "ru");
    expect([ru.events[0]!.partners, ru.events[0]!.participating_organisations]).toEqual([["Европейская комиссия"], ["Европейская комиссия"]]);
  });

  it("a planned activity's title is asked of the final edition whose outlook lists it, its summary only of its own", async () => {
    const planned = "title: Next meeting\ntype: meeting\ndate: 2020-03-10\nplace: vienna\nstrands: working-groups\nstatus: planned\nsummary: To meet again.\n";
    await write({ "report.yaml": REPORT("ru: final"), ...COMPLETE, "events/2020/2020-03-10-vienna-next-meeting.yaml": planned });
    expect((await check()).lines).toEqual([
      "events/2020/2020-03-10-vienna-next-meeting.yaml:1:8: has no Russian translation of title, and the 2019 report is final in Russian: write it in 2020-03-10-vienna-next-meeting.ru.yaml, or make the language draft in report.yaml",
    ]);
  });

  it("a document's adopted_by is translated with its title; the language's own abbreviations are listed besides those it translates", async () => {
    await write({
      "report.yaml": `${REPORT("ru: final")}abbreviations:\n  SOM: Senior Officials Meeting\n`,
      ...COMPLETE,
      "report.ru.yaml": `${COMPLETE["report.ru.yaml"]!}abbreviations:\n  SOM: Совещание старших должностных лиц\n  ССДЛ: Совещание старших должностных лиц\n`,
      [EVENT]: "title: Meeting of the working group\ntype: meeting\ndate: 2019-03-12\nplace: vienna\nstrands: working-groups\nsummary: The working group met in Vienna.\ndocuments:\n  - title: Conclusions\n    kind: conclusions\n    adopted: true\n    adopted_by: the states present\n    versions: {en: https://www.example.org/conclusions.pdf}\n",
      [EVENT_RU]: "title: Совещание рабочей группы\nsummary: Рабочая группа провела совещание в Вене.\ndocuments:\n  - title: Выводы\n",
    });
    expect((await check()).lines).toEqual([
      `${EVENT}:11:17: has no Russian translation of documents.0.adopted_by, and the 2019 report is final in Russian: write it in 2019-03-12-vienna-working-group.ru.yaml, or make the language draft in report.yaml`,
    ]);
    await write({ [EVENT_RU]: "title: Совещание рабочей группы\nsummary: Рабочая группа провела совещание в Вене.\ndocuments:\n  - title: Выводы\n    adopted_by: присутствовавшими государствами\n" });
    const { lines, result } = await check();
    expect(lines).toEqual([]);
    const ru = dataIn(result.data!, "ru");
    expect(ru.events[0]!.documents![0]).toMatchObject({ title: "Выводы", adopted_by: "присутствовавшими государствами", kind: "conclusions" });
    expect({ ...ru.report.abbreviations }).toEqual({ SOM: "Совещание старших должностных лиц", ССДЛ: "Совещание старших должностных лиц" });
  });
});

describe("what a final edition asks for", () => {
  it("is what its reports print: not a place, strand or framework no report in the language uses, nor an abbreviation", async () => {
    await write({
      "report.yaml": `${REPORT("ru: final")}abbreviations:\n  SOM: Senior Officials Meeting\n`,
      ...COMPLETE,
      "places.yaml": "vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2\n  lon: 16.37\ngraz:\n  name: Graz\n  country: AT\n  lat: 47.07\n  lon: 15.44\n",
      "strands.yaml": "- id: working-groups\n  title: Working groups\n  kind: working-group\n- id: black-sea\n  title: Black Sea\n  kind: working-group\n",
      "frameworks.yaml": "- id: plan-2026\n  title: Plan of Action 2026–2030\n  short_title: Plan of Action\n  adopted: 2025-11\n  from: 2026\n  to: 2030\n  goals:\n    - id: plan-2026-return\n      number: 1\n      title: Return\n",
    });
    const { lines, result } = await check();
    expect(lines).toEqual([]);
    expect(result.languages![0]!.lacking).toEqual([]);
  });
});

describe("the catalogue of a language's own words", () => {
  it("that lacks messages is an error where a final edition is published in the language, a warning where a draft is", async () => {
    await write({ "locales/xh.yaml": "site:\n  skipLink: Tsiba uye kumxholo\n" });
    await write({ "report.yaml": REPORT("xh: final") });
    const final = await loadData(dir);
    expect(final.data).toBeUndefined();
    const errors = final.diagnostics.filter((d) => d.file.endsWith("xh.yaml"));
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.every((d) => d.severity === "error" && /has no xh text; a final edition is published in this language, which must print no English: translate it$/.test(d.message))).toBe(true);
    await write({ "report.yaml": REPORT("xh: draft") });
    const draft = await loadData(dir);
    expect(draft.data).toBeDefined();
    expect(draft.diagnostics.filter((d) => d.file.endsWith("xh.yaml")).every((d) => d.severity === "warning" && d.message.includes("English is printed instead"))).toBe(true);
  });
});

describe("the texts of the data", () => {
  it("are every text an editor writes, each with its place in English and in a translation", async () => {
    await write({ "report.yaml": REPORT("ru: draft") });
    const { result } = await check();
    const units = textUnits(result.data!);
    expect(units.map((u) => [path.relative(dir, u.file), u.at.join("."), u.key.join("."), u.year ?? null])).toEqual([
      ["report.yaml", "organisation", "organisation", null],
      ["report.yaml", "secretariat", "secretariat", null],
      ["report.yaml", "title", "title", null],
      ["report.yaml", "editions.2019.foreword", "editions.2019.foreword", 2019],
      // A reference entry belongs to the reports that print it.
      ["strands.yaml", "0.title", "working-groups.title", 2019],
      ["event-types.yaml", "0.label", "meeting.label", 2019],
      ["event-types.yaml", "0.plural", "meeting.plural", 2019],
      ["places.yaml", "vienna.name", "vienna.name", 2019],
      [EVENT, "title", "title", 2019],
      [EVENT, "summary", "summary", 2019],
    ]);
    expect(units.find((u) => u.key.join(".") === "editions.2019.foreword")).toMatchObject({ owner: ["editions", "2019"], name: "foreword" });
  });

  it("fingerprints the English text, whatever the blank lines around it", () => {
    expect(fingerprint("A text.\n")).toBe(fingerprint("A text."));
    expect(fingerprint("A text.")).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(fingerprint("A text.")).not.toBe(fingerprint("A text!"));
  });
});

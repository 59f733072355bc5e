import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogueDiagnostics, english, languageFrom, readCatalogues } from "../../../../src/data/languages/catalogues.ts";
import { displayPath, formatDiagnostic } from "../../../../src/data/diagnostics.ts";
import { QUALIFIERS } from "../../../../src/format/counts.ts";
import { qualifierKey } from "../../../../src/format/language.ts";
import { cleanUp, put, sampleCopy, tempDir } from "../../../helpers/data.ts";
import { runMain } from "../../../helpers/main.ts";

afterAll(cleanUp);

describe("the project's catalogues", () => {
  const catalogues = readCatalogues();

  it("parse, and each translation has only English's keys, with English's placeholders", () => {
    expect(catalogues.errors.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect([...catalogues.byLanguage.keys()].sort()).toEqual(["en", "ru"]);
  });

  it("are complete: Russian has every key of English", () => {
    expect(catalogues.missing.map((p) => p.key)).toEqual([]);
    expect([...catalogues.byLanguage.get("ru")!.messages.keys()]).toEqual([...catalogues.byLanguage.get("en")!.messages.keys()]);
  });

  it("say every qualifier a count may have", () => {
    const ru = languageFrom(catalogues, "ru");
    for (const qualifier of QUALIFIERS) {
      expect(english().count({ value: 75, qualifier })).toBe(`${qualifier} 75`);
      expect(ru.count({ value: 75, qualifier })).toMatch(/^(более|не менее|около|приблизительно|почти) 75$/);
    }
  });

  it("print qualified counts as each language writes them", () => {
    const ru = languageFrom(catalogues, "ru");
    expect(ru.count({ value: 75, qualifier: "over" })).toBe("более 75");
    expect(ru.count({ value: 50, qualifier: "about" })).toBe("около 50");
    expect(ru.count({ value: 142, qualifier: "at least" })).toBe("не менее 142");
    expect(ru.count({ value: 1200 })).toBe("1\u00A0200");
    expect(english().count({ value: 1200, qualifier: "close to" })).toBe("close to 1,200");
    expect(english().count({ value: 1200 })).toBe("1,200");
  });
});

describe("the Russian catalogue", () => {
  const ru = languageFrom(readCatalogues(), "ru");
  const figure = (n: number, qualifier?: string) =>
    ru.t("event.figures.participants", { qualified: qualifier ? qualifierKey(qualifier) : "no", count: ru.count(qualifier ? { value: n, qualifier } : { value: n }), n });

  it("agrees the noun with the number, and puts it in the genitive after более, около, не менее", () => {
    expect([1, 2, 5, 11, 21, 22, 1200].map((n) => figure(n))).toEqual([
      "1 участник", "2 участника", "5 участников", "11 участников", "21 участник", "22 участника", "1\u00A0200 участников",
    ]);
    expect(figure(75, "over")).toBe("более 75 участников");
    expect(figure(21, "over")).toBe("более 21 участника");
    expect(figure(50, "about")).toBe("около 50 участников");
    expect(figure(142, "at least")).toBe("не менее 142 участников");
    // "почти" governs no case: the noun agrees with the number, as after none.
    expect(figure(21, "nearly")).toBe("почти 21 участник");
    expect(figure(22, "close to")).toBe("почти 22 участника");
    expect(ru.t("common.activities", { n: 3 })).toBe("3 мероприятия");
    expect(ru.t("chronology.total", { n: 5 })).toBe("Итого проведено: 5 мероприятий");
  });

  it("says the year's totals, their coverage and the meeting a report is presented to", () => {
    expect(ru.t("figures.totalValue", { precision: "at_least", n: ru.number(1420) })).toBe("не менее 1\u00A0420");
    expect(ru.t("figures.totalValue", { precision: "about_or_more", n: "97" })).toBe("около 97 или более");
    expect(ru.t("figures.coverage", { over: "activities", reported: 4, of: 5 })).toBe("по данным 4 из 5 мероприятий");
    expect(ru.t("figures.coverage", { over: "trainings", reported: 1, of: 21 })).toBe("по данным 1 из 21 учебного мероприятия");
    expect(ru.t("figures.percent", { n: 45 })).toBe("45\u00A0%");
    const meeting = { meeting: "yes", numbered: "yes", number: 15, place: "Анталья", date: "15 декабря 2017\u202Fг." };
    expect(ru.t("report.presentedTo", meeting)).toBe("Представляется 15-му Совещанию старших должностных лиц (Анталья, 15 декабря 2017\u202Fг.).");
    expect(ru.t("meeting.name", meeting)).toBe("15-е Совещание старших должностных лиц");
    expect(english().t("meeting.text", { ...meeting, number: 22, place: "Antalya", date: "15 December 2017" })).toBe("the 22nd Senior Officials Meeting, Antalya, 15 December 2017");
    expect(ru.t("imprint.published", { which: "date", date: "30 апреля 2018\u202Fг.", reference: "" })).toBe("Опубликовано 30 апреля 2018\u202Fг.");
    expect(ru.t("print.pageOf", { page: 2, pages: 10 })).toBe("Страница 2 из 10");
  });
});

describe("a data folder's catalogues", () => {
  it("bring a language the project does not ship, and change a shipped one key by key", async () => {
    const data = await tempDir();
    await put(data, "locales/ar.yaml", [
      "count:",
      "  qualified: >-",
      "    {qualifier, select, more_than {أكثر من {n, number}} over {أكثر من {n, number}} at_least {ما لا يقل عن {n, number}}",
      "    other {حوالي {n, number}}}",
      "",
    ].join("\n"));
    await put(data, "locales/ru.yaml", "count:\n  qualified: \"{qualifier, select, over {свыше {n, number}} other {{n, number}}}\"\n");
    const catalogues = readCatalogues(data);
    expect(catalogues.errors).toEqual([]);
    const ar = languageFrom(catalogues, "ar");
    expect(ar.count({ value: 75, qualifier: "over" })).toBe("أكثر من 75");
    expect(ar.count({ value: 142, qualifier: "at least" })).toBe("ما لا يقل عن 142");
    expect(ar.count({ value: 1250, qualifier: "about" })).toBe("حوالي 1,250");
    expect(languageFrom(catalogues, "ru").count({ value: 75, qualifier: "over" })).toBe("свыше 75");
    expect(catalogues.byLanguage.get("ru")!.messages.get("count.qualified")).toMatchObject({ line: 2, col: 3 });
  });

  it("are refused when their name is no language tag, a message takes other placeholders than English's, or they would change English", async () => {
    const data = await tempDir();
    await put(data, "locales/russian.yaml", "count: {}\n");
    await put(data, "locales/de.yaml", "count:\n  qualified: \"{qualifier} {number}\"\n");
    await put(data, "locales/en.yaml", "count:\n  qualified: \"{n}\"\n");
    const shown = catalogueDiagnostics(readCatalogues(data)).map((d) => formatDiagnostic(d, data));
    expect(shown).toContain(`${path.join("locales", "russian.yaml")}:1:1: "russian" is not a language tag: name a catalogue by its language, as en.yaml, ru.yaml or pt-BR.yaml`);
    expect(shown).toContain(`${path.join("locales", "de.yaml")}:2:3: count.qualified takes {number}, {qualifier}, but the en message takes {n}, {qualifier}`);
    expect(shown).toContain(`${path.join("locales", "en.yaml")}:1:1: English is the report's reference catalogue, which comes with activity-report (locales/en.yaml); a data folder brings other languages only: remove en.yaml`);
  });
});

describe("check", () => {
  it("warns, by key, of what a language lacks, at the catalogue's file, line and column, and passes", async () => {
    const data = await sampleCopy();
    await put(data, "locales/ar.yaml", "# العربية\nsite:\n  nav:\n    reports: التقارير\n");
    const run = await runMain(["check", "--data", data]);
    expect(run.code).toBe(0);
    const file = path.join(data, "locales", "ar.yaml");
    expect(run.stderr + run.stdout).toContain(`${displayPath(file)}:3:3: warning: site.nav.about has no ar text; English is printed instead (`);
    expect(run.stderr + run.stdout).toContain(`${displayPath(file)}:1:1: warning: parts.cover has no ar text; English is printed instead (`);
    expect(run.stderr + run.stdout).not.toContain("site.nav.reports has no");
  });

  it("refuses a catalogue whose message does not parse, at its place", async () => {
    const data = await sampleCopy();
    await put(data, "locales/ar.yaml", "site:\n  nav:\n    reports: \"{n, plural, one {x}\"\n");
    const run = await runMain(["check", "--data", data]);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/ar\.yaml:3:5: site\.nav\.reports: is not ICU MessageFormat/);
  });
});

describe("the code", () => {
  it("asks only for keys of the English catalogue", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { ROOT } = await import("../../../helpers/data.ts");
    const english = readCatalogues().byLanguage.get("en")!;
    const sources = ["src", "templates"].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(dir, f)));
    const asked = sources.flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/\bt\("([a-z][\w.-]+)"/g)].map((m) => ({ file, key: m[1]! })));
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter(({ key }) => !english.messages.has(key))).toEqual([]);
  });
});

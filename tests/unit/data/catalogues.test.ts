import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogueDiagnostics, english, languageFrom, readCatalogues } from "../../../src/data/catalogues.ts";
import { formatDiagnostic } from "../../../src/data/diagnostics.ts";
import { QUALIFIERS } from "../../../src/format/counts.ts";
import { cleanUp, put, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

describe("the project's catalogues", () => {
  const catalogues = readCatalogues();

  it("parse, and each translation has only English's keys, with English's placeholders", () => {
    expect(catalogues.errors.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect([...catalogues.byLanguage.keys()].sort()).toEqual(["en", "ru"]);
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

  it("are refused when their name is no language tag, or a message takes other placeholders than English's", async () => {
    const data = await tempDir();
    await put(data, "locales/russian.yaml", "count: {}\n");
    await put(data, "locales/de.yaml", "count:\n  qualified: \"{qualifier} {number}\"\n");
    const shown = catalogueDiagnostics(readCatalogues(data)).map((d) => formatDiagnostic(d, data));
    expect(shown).toContain(`${path.join("locales", "russian.yaml")}:1:1: "russian" is not a language tag: name a catalogue by its language, as en.yaml, ru.yaml or pt-BR.yaml`);
    expect(shown).toContain(`${path.join("locales", "de.yaml")}:2:3: count.qualified takes {number}, {qualifier}, but the en message takes {n}, {qualifier}`);
  });
});

describe("the code", () => {
  it("asks only for keys of the English catalogue", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { ROOT } = await import("../../helpers/data.ts");
    const english = readCatalogues().byLanguage.get("en")!;
    const sources = ["src", "templates"].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(dir, f)));
    const asked = sources.flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/\bt\("([a-z][\w.-]+)"/g)].map((m) => ({ file, key: m[1]! })));
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter(({ key }) => !english.messages.has(key))).toEqual([]);
  });
});

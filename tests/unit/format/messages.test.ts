import { describe, expect, it } from "vitest";
import { compileMessages, compareCatalogues, parseCatalogue, placeholdersOf, translationProblems } from "../../../src/format/messages.ts";

const EN = `site:
  title: Reports
  search:
    label: Search activities
    results: "{n, plural, one {# activity} other {# activities}} match {term}"
status: "{status, select, planned {planned} cancelled {cancelled} other {held}}"
`;

const en = () => parseCatalogue(EN, "locales/en.yaml", "en").catalogue;

describe("parseCatalogue", () => {
  it("reads nested mappings as dotted keys, each at the place of its key", () => {
    const { catalogue, problems } = parseCatalogue(EN, "locales/en.yaml", "en");
    expect(problems).toEqual([]);
    expect([...catalogue.messages.keys()]).toEqual(["site.title", "site.search.label", "site.search.results", "status"]);
    expect(catalogue.messages.get("site.search.label")).toMatchObject({ text: "Search activities", line: 4, col: 5 });
    expect(catalogue.groups.get("site.search")).toEqual({ line: 3, col: 3 });
  });

  it("places a message that is not ICU MessageFormat, a list and a key written twice", () => {
    const text = 'a: "{n, plural, one {x}"\nb:\n  - 1\nc: fine\nc: again\n';
    const { problems } = parseCatalogue(text, "x.yaml", "en");
    expect(problems.map((p) => [p.line, p.col, p.message.replace(/ is not ICU MessageFormat .*/, " is not ICU MessageFormat")])).toEqual([
      [5, 1, "Map keys must be unique"],
      [1, 1, "a: is not ICU MessageFormat"],
      [2, 1, "b must be a message (text) or a mapping of keys"],
    ]);
  });

  it("refuses a catalogue that is not a mapping", () => {
    expect(parseCatalogue("- a\n", "x.yaml", "en").problems.map((p) => p.message)).toEqual(["a catalogue must be a mapping of keys"]);
  });
});

describe("placeholdersOf", () => {
  it("finds the names inside plurals and selects", () => {
    expect([...placeholdersOf("{n, plural, one {# of {total}} other {# of {total}}} {kind, select, a {{x}} other {}}")].sort()).toEqual(["kind", "n", "total", "x"]);
  });
});

describe("a translation against English", () => {
  const RU = `site:
  search:
    label: Поиск мероприятий
    results: "{count} совпадают"
statuses: x
`;
  const ru = parseCatalogue(RU, "locales/ru.yaml", "ru").catalogue;

  it("lacks keys, has unknown ones, and placeholders that differ", () => {
    expect(compareCatalogues(en(), ru)).toEqual({
      missing: ["site.title", "status"],
      unknown: ["statuses"],
      placeholders: [{ key: "site.search.results", expected: ["n", "term"], found: ["count"] }],
    });
  });

  it("is reported at the mapping a missing key belongs in, naming the English message", () => {
    expect(translationProblems(en(), ru).map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([
      "locales/ru.yaml:1:1: site.title has no ru text; English is printed instead (locales/en.yaml:2:3)",
      "locales/ru.yaml:1:1: status has no ru text; English is printed instead (locales/en.yaml:6:1)",
      "locales/ru.yaml:5:1: statuses is not a key of the en catalogue (locales/en.yaml); check its spelling or remove it",
      "locales/ru.yaml:4:5: site.search.results takes {count}, but the en message takes {n}, {term}",
    ]);
  });
});

describe("compileMessages", () => {
  it("formats plurals and selects in each language's categories and separators", () => {
    const english = compileMessages(en());
    expect(english.t("site.search.results", { n: 1, term: "Vienna" })).toBe("1 activity match Vienna");
    expect(english.t("site.search.results", { n: 1200, term: "Vienna" })).toBe("1,200 activities match Vienna");
    expect(english.t("status", { status: "planned" })).toBe("planned");
    expect(english.t("status", { status: "held" })).toBe("held");

    const ru = parseCatalogue('p: "{n, plural, one {# участник} few {# участника} many {# участников} other {# участника}}"\n', "ru.yaml", "ru").catalogue;
    const russian = compileMessages(ru, english);
    expect([1, 2, 5, 11, 21, 1200].map((n) => russian.t("p", { n }))).toEqual(["1 участник", "2 участника", "5 участников", "11 участников", "21 участник", "1\u00A0200 участников"]);
    // What Russian lacks, English says.
    expect(russian.t("site.title")).toBe("Reports");
    expect(russian.has("site.title")).toBe(true);
  });

  it("writes one full stop where a value's abbreviation ends the sentence, and leaves an ellipsis", () => {
    const ru = compileMessages(parseCatalogue('p: "Опубликовано {date}."\ne: "{text}..."\n', "ru.yaml", "ru").catalogue);
    expect(ru.t("p", { date: "30 апреля 2018\u202Fг." })).toBe("Опубликовано 30 апреля 2018\u202Fг.");
    expect(ru.t("p", { date: "2018" })).toBe("Опубликовано 2018.");
    expect(ru.t("e", { text: "и т. д" })).toBe("и т. д...");
  });

  it("throws on a key no catalogue holds: a mistake in the code, never printed", () => {
    expect(() => compileMessages(en()).t("site.nothing")).toThrow('no message "site.nothing" in the en catalogue (locales/en.yaml)');
  });
});

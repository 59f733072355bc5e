import { describe, expect, it } from "vitest";
import { english, languageFrom, readCatalogues } from "../../../src/data/languages/catalogues.ts";
import { translationFilters } from "../../../src/eleventy/i18n.ts";
import { language } from "../../../src/format/language.ts";
import { compileMessages, parseCatalogue } from "../../../src/format/messages.ts";

const ru = languageFrom(readCatalogues(), "ru");
const { t, tCss } = translationFilters((lang) => (lang === "ru" ? ru : english()));

describe("the templates' filters", () => {
  it("say a message in the language given", () => {
    expect(t("site.nav.reports", "en")).toBe("Reports");
    expect(t("site.nav.reports", "ru")).toBe("Доклады");
    expect(t("common.activities", "ru", { n: 5 })).toBe("5 мероприятий");
  });

  it("refuse to guess a language a template did not pass on", () => {
    expect(() => t("site.nav.reports", undefined)).toThrow('t needs a key and a language: {{ "key" | t(lang) }} (got site.nav.reports, undefined)');
  });

  it("tHtml escapes the message and its values, and inserts the markup it is given", () => {
    const own = language(compileMessages(parseCatalogue('m: "Tom & Jerry: {name}, see {link}."\n', "en.yaml", "en").catalogue));
    const filters = translationFilters(() => own);
    expect(filters.tHtml("m", "en", { name: "<b>" }, { link: '<a href="/">here</a>' })).toBe('Tom &amp; Jerry: &lt;b&gt;, see <a href="/">here</a>.');
  });

  it("tCss writes a message as CSS content around counters", () => {
    expect(tCss("print.pageOf", "en", ["page", "pages"])).toBe('"Page " counter(page) " of " counter(pages)');
    expect(tCss("print.pageOf", "ru", ["page", "pages"])).toBe('"Страница " counter(page) " из " counter(pages)');
  });
});

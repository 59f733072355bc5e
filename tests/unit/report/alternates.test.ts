/** Which page exists in which language: the switcher, the hreflang alternates and the sitemap's, from the models. */
import { describe, expect, it } from "vitest";
import { english, languageFrom, readCatalogues } from "../../../src/data/languages/catalogues.ts";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { alternatesOf, nativeName, pagesOf } from "../../../src/report/alternates.ts";
import { siteModels } from "../../../src/report/languages.ts";
import { SAMPLE_DATA } from "../../helpers/data.ts";

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const catalogues = readCatalogues(SAMPLE_DATA);
const sites = siteModels(data, { languageOf: (lang) => (lang === "en" ? english() : languageFrom(catalogues, lang)) });
const alternates = alternatesOf(sites);
const SARAJEVO = "/events/2018/2018-05-07-sarajevo-joint-working-group/";

describe("the languages' names", () => {
  it("are each language's own, capitalised", () => {
    expect(nativeName("ru")).toBe("Русский");
    expect(nativeName("en")).toBe("English");
    expect(nativeName("de")).toBe("Deutsch");
    expect(nativeName("uk")).toBe("Українська");
  });
});

describe("the map of alternates", () => {
  it("pairs each page with the same path in the other language, both ways", () => {
    const versions = [{ lang: "en", url: "/2017/", indexed: true }, { lang: "ru", url: "/ru/2017/", indexed: true }];
    expect(alternates.versions("/2017/")).toEqual(versions);
    expect(alternates.versions("/ru/2017/")).toEqual(versions);
    expect(alternates.versions(`/ru${SARAJEVO}`).map((v) => v.url)).toEqual([SARAJEVO, `/ru${SARAJEVO}`]);
    expect(alternates.versions("/ru/").map((v) => v.url)).toEqual(["/", "/ru/"]);
    expect(alternates.versions("/ru/countries/ba/").map((v) => v.url)).toEqual(["/countries/ba/", "/ru/countries/ba/"]);
  });

  it("has a page of English alone (2016 has no Russian edition) in English alone, and nothing for a page of no model", () => {
    expect(alternates.versions("/2016/")).toEqual([{ lang: "en", url: "/2016/", indexed: true }]);
    expect(alternates.versions("/events/2016/2016-05-15-tehran-silk-routes-working-group/").map((v) => v.lang)).toEqual(["en"]);
    expect(alternates.versions("/404.html")).toEqual([]);
  });

  it("offers no draft report's page to search engines, in any language", () => {
    expect(alternates.versions("/2019/").map((v) => v.indexed)).toEqual([false, false]);
  });

  it("holds exactly the pages the models make, each once", () => {
    const all = sites.flatMap(pagesOf).map((p) => p.url);
    expect(new Set(all).size).toBe(all.length);
    expect([...alternates.pages.values()].flat().map((v) => v.url).sort()).toEqual([...all].sort());
    // Every page of Russian has its English page: English is the fallback of every one.
    for (const versions of alternates.pages.values()) expect(versions[0]!.lang).toBe("en");
  });
});

describe("the language switcher", () => {
  it("leads to the same page in the other language, both ways", () => {
    expect(alternates.switcher("/2017/", "en")).toEqual([{ lang: "ru", name: "Русский", url: "/ru/2017/", samePage: true }]);
    expect(alternates.switcher("/ru/2017/", "ru")).toEqual([{ lang: "en", name: "English", url: "/2017/", samePage: true }]);
    expect(alternates.switcher(`/ru${SARAJEVO}`, "ru")).toEqual([{ lang: "en", name: "English", url: SARAJEVO, samePage: true }]);
  });

  it("leads to the other language's home page where the page is not in it", () => {
    expect(alternates.switcher("/2016/", "en")).toEqual([{ lang: "ru", name: "Русский", url: "/ru/", samePage: false }]);
    expect(alternates.switcher("/404.html", "en")).toEqual([{ lang: "ru", name: "Русский", url: "/ru/", samePage: false }]);
  });
});

/** The site in each language of a build: its addresses, its reports, and what English stands in for. */
import { describe, expect, it } from "vitest";
import { english, languageFrom, readCatalogues } from "../../../src/data/languages/catalogues.ts";
import { dataIn, loadDataOrThrow, type DataSet } from "../../../src/data/load.ts";
import { buildSite } from "../../../src/report/model.ts";
import { furtherLanguages, siteModels } from "../../../src/report/languages.ts";
import { languageBase, pdfFileName, siteUrls } from "../../../src/report/urls.ts";
import { SAMPLE_DATA } from "../../helpers/data.ts";

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const catalogues = readCatalogues(SAMPLE_DATA);
const languageOf = (lang: string) => (lang === "en" ? english() : languageFrom(catalogues, lang));
const russian = languageOf("ru");

/**
 * The sample with, in Russian, only these texts of these files translated, and every edition published in Russian a
 * draft (whatever the sample's own translations and statuses).
 */
const withRussian = (texts: Readonly<Record<string, Record<string, unknown>>>): DataSet => ({
  ...data,
  report: {
    ...data.report,
    editions: Object.fromEntries(Object.entries(data.report.editions ?? {}).map(([year, e]) => [year, e.languages ? { ...e, languages: { ru: "draft" as const } } : e])),
  },
  translations: new Map([["ru", new Map(Object.entries(texts))]]),
});

const SARAJEVO = "2018-05-07-sarajevo-joint-working-group";
const sarajevoFile = data.events.find((e) => e.id === SARAJEVO)!.file;

describe("the addresses of a language", () => {
  it("keep English's where they are, and put another language's under its own base with the same paths", () => {
    const en = siteUrls("en", "Budapest Process");
    expect([en.base, en.about, en.search, en.feed, en.report(2017), en.event(2017, "x"), en.hub("countries", "BA"), en.hubIndex("goals")])
      .toEqual(["/", "/about/", "/search/", "/feed.xml", "/2017/", "/events/2017/x/", "/countries/ba/", "/goals/"]);
    const ru = siteUrls("ru", "Budapest Process");
    expect([ru.base, ru.about, ru.search, ru.feed, ru.events, ru.report(2017), ru.event(2017, "x"), ru.hub("countries", "BA"), ru.hubIndex("goals")])
      .toEqual(["/ru/", "/ru/about/", "/ru/search/", "/ru/feed.xml", "/ru/events/", "/ru/2017/", "/ru/events/2017/x/", "/ru/countries/ba/", "/ru/goals/"]);
    expect(languageBase("pt-BR")).toBe("/pt-br/");
  });

  it("name a language's PDF after English's, the language before .pdf", () => {
    expect(siteUrls("en", "Budapest Process").pdfName(2017)).toBe("budapest-process-activity-report-2017.pdf");
    expect(siteUrls("ru", "Budapest Process").pdfName(2017)).toBe("budapest-process-activity-report-2017-ru.pdf");
    expect(siteUrls("ru", "Budapest Process").pdfName(2017)).toBe(pdfFileName("Budapest Process", 2017).replace(".pdf", "-ru.pdf"));
  });

  it("take the PDF's name from the English organisation, whatever the translation calls it", () => {
    const translated = dataIn(withRussian({ [`${data.dir}/report.yaml`]: { organisation: "Будапештский процесс" } }), "ru");
    expect(translated.report.organisation).toBe("Будапештский процесс");
    const site = buildSite(translated, { language: russian });
    expect(site.organisation).toBe("Будапештский процесс");
    expect(site.reports.find((r) => r.year === 2017)!.pdfUrl).toBe("/ru/2017/budapest-process-activity-report-2017-ru.pdf");
  });
});

describe("the models of a build", () => {
  const sites = siteModels(data, { languageOf });
  const [en, ru] = sites;

  it("are English's, then each language the editions name that has a report", () => {
    expect(furtherLanguages(data)).toEqual(["ru"]);
    expect(sites.map((s) => s.lang)).toEqual(["en", "ru"]);
    // 2016 has no Russian edition: neither its report nor its events are in Russian.
    expect(ru!.reports.map((r) => r.year)).toEqual([2019, 2018, 2017]);
    expect(ru!.events.every((e) => e.reportYear !== 2016)).toBe(true);
    expect(en!.reports.map((r) => r.year)).toEqual([2019, 2018, 2017, 2016]);
  });

  it("give every page of a language its address under its base", () => {
    const y2017 = ru!.reports.find((r) => r.year === 2017)!;
    expect([y2017.url, y2017.printUrl, y2017.pdfUrl]).toEqual(["/ru/2017/", "/ru/2017/print/", "/ru/2017/budapest-process-activity-report-2017-ru.pdf"]);
    expect(ru!.events.every((e) => e.url.startsWith("/ru/events/") && e.report!.url.startsWith("/ru/"))).toBe(true);
    expect(ru!.hubs.every((h) => h.url.startsWith("/ru/") && h.kindUrl.startsWith("/ru/") && h.lang === "ru")).toBe(true);
    expect(ru!.hubIndexes.map((i) => i.url)).toEqual(["/ru/strands/", "/ru/types/", "/ru/countries/", "/ru/topics/", "/ru/goals/"]);
    expect(ru!.strands.every((s) => s.url.startsWith("/ru/strands/"))).toBe(true);
    // English's stay as they were.
    expect(en!.reports.find((r) => r.year === 2017)!.pdfUrl).toBe("/2017/budapest-process-activity-report-2017.pdf");
    expect(en!.events.every((e) => e.url.startsWith("/events/") && e.lang === "en")).toBe(true);
  });

  it("render one year in the languages its edition is published in", () => {
    expect(siteModels(data, { languageOf, year: 2016 }).map((s) => s.lang)).toEqual(["en"]);
    expect(siteModels(data, { languageOf, year: 2018 }).map((s) => [s.lang, s.reports.map((r) => r.year)])).toEqual([["en", [2018]], ["ru", [2018]]]);
  });
});

describe("English standing in for a draft translation", () => {
  const site = buildSite(dataIn(withRussian({ [sarajevoFile]: { title: "Совместное совещание рабочих групп", summary: "Рабочие группы встретились в Сараеве." } }), "ru"), { language: russian });
  const sarajevo = site.events.find((e) => e.id === SARAJEVO)!;
  const erbil = site.events.find((e) => e.id === "2017-05-24-erbil-training-of-trainers-iraq")!;

  it("is recorded by field on each event it stands in for, and nowhere it does not", () => {
    expect(sarajevo.title).toBe("Совместное совещание рабочих групп");
    expect(sarajevo.english.title).toBeUndefined();
    expect(sarajevo.english.summary).toBeUndefined();
    expect(erbil.english.title).toBe("en");
    expect(erbil.english.summary).toBe("en");
    expect(erbil.untranslated).toBe(true);
    expect(erbil.translation).toBe("draft");
  });

  it("is recorded for each part of an edition, a strand's texts by strand, and for the site's own texts", () => {
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.translation).toBe("draft");
    expect(y2017.english).toMatchObject({ foreword: "en", summary: "en", signatories: "en", outlook: "en", chair: "en" });
    const strandTexts = Object.keys(y2017.english).filter((k) => k.startsWith("strands."));
    expect(strandTexts.length).toBeGreaterThan(0);
    for (const key of strandTexts) expect(key).toMatch(/^strands\.[a-z0-9-]+\.(introduction|highlights)$/);
    expect(y2017.untranslatedSite).toBe(true);
    expect(y2017.documentTitle).toMatch(/^ПРОЕКТ ПЕРЕВОДА: /);
  });

  it("is never recorded in English's own model", () => {
    const en = buildSite(data);
    expect(en.events.every((e) => !e.untranslated && Object.keys(e.english).length === 0 && e.translation === undefined)).toBe(true);
    expect(en.reports.every((r) => !r.untranslatedSite && Object.keys(r.english).length === 0 && r.translation === undefined)).toBe(true);
  });

  it("marks a document's title by its place in the list", () => {
    const antalya = site.events.find((e) => e.id === "2017-12-15-antalya-senior-officials-meeting")!;
    expect(antalya.documents.length).toBeGreaterThan(0);
    expect(antalya.documents.every((d) => d.titleLang === "en")).toBe(true);
    const file = data.events.find((e) => e.id === antalya.id)!.file;
    const translated = buildSite(dataIn(withRussian({ [file]: { documents: [{ title: "Выводы" }] } }), "ru"), { language: russian })
      .events.find((e) => e.id === antalya.id)!;
    expect(translated.documents.map((d) => d.titleLang)).toEqual([undefined, ...antalya.documents.slice(1).map(() => "en")]);
  });
});

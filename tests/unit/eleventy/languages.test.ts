/** What the templates read of the languages of a build, and the photos as each language shows them. */
import { describe, expect, it } from "vitest";
import { english, languageFrom, readCatalogues } from "../../../src/data/languages/catalogues.ts";
import { dataIn, loadDataOrThrow } from "../../../src/data/load.ts";
import { alternatesOf } from "../../../src/report/alternates.ts";
import { siteModels } from "../../../src/report/languages.ts";
import { siteUrls } from "../../../src/report/urls.ts";
import { languageLinks } from "../../../src/eleventy/languages.ts";
import { photosIn, type ShownPhoto, type SitePhotos } from "../../../src/eleventy/shown-photos.ts";
import { SAMPLE_DATA } from "../../helpers/data.ts";

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const catalogues = readCatalogues(SAMPLE_DATA);
const sites = siteModels(data, { languageOf: (lang) => (lang === "en" ? english() : languageFrom(catalogues, lang)) });
const alternates = alternatesOf(sites);

describe("what the templates read of it", () => {
  const links = languageLinks(alternates);

  it("gives each page its versions and its switcher by its address", () => {
    expect(links.several).toBe(true);
    expect(links.fallback).toBe("en");
    expect(links.versions["/ru/2017/"]!.map((v) => v.url)).toEqual(["/2017/", "/ru/2017/"]);
    expect(links.switchers["/2016/"]).toEqual([{ lang: "ru", name: "Русский", url: "/ru/", samePage: false }]);
    expect(links.homes).toEqual({ en: [{ lang: "ru", name: "Русский", url: "/ru/", samePage: false }], ru: [{ lang: "en", name: "English", url: "/", samePage: false }] });
  });

  it("lists in the sitemap every version search engines are offered, together with its alternates", () => {
    const urls = links.sitemap.flat().map((v) => v.url);
    expect(urls).toContain("/ru/2017/");
    expect(urls).toContain("/2016/");
    expect(urls).not.toContain("/2019/");
    expect(urls).not.toContain("/ru/2019/");
    expect(links.sitemap.find((page) => page[0]!.url === "/2017/")!.map((v) => v.url)).toEqual(["/2017/", "/ru/2017/"]);
  });

  it("says an English-only site has neither switcher nor alternates", () => {
    expect(languageLinks(alternatesOf(sites.slice(0, 1))).several).toBe(false);
  });
});

describe("the photos of another language", () => {
  const withPhotos = data.events.filter((e) => (e.photos ?? []).length > 0 && e.reportYear !== 2016);
  const copy = (alt: string): ShownPhoto => ({ alt, web: { img: { src: "/photos/x.jpg", srcset: "", width: 1, height: 1 }, sources: [], sizes: "" } });
  const english: SitePhotos = {
    events: Object.fromEntries(withPhotos.map((e) => [`/events/${e.reportYear}/${e.id}/`, e.photos!.map((p) => copy(p.alt))])),
    covers: {},
    logos: data.logos.map((l) => ({ src: `/${l.file}`, alt: l.alt })),
  };
  const event = withPhotos[0]!;

  it("are the same copies, at the language's event addresses, with its alt texts and captions", () => {
    const translated = dataIn({ ...data, translations: new Map([["ru", new Map([[event.file, { photos: [{ alt: "Участники совещания" }] }]])]]) }, "ru");
    const shown = photosIn(english, translated, siteUrls("ru", data.report.organisation));
    const own = shown.events[`/ru/events/${event.reportYear}/${event.id}/`]!;
    expect(own[0]!.alt).toBe("Участники совещания");
    expect(own[0]!.web).toBe(english.events[`/events/${event.reportYear}/${event.id}/`]![0]!.web);
    // Its caption is not translated: English stands in, and the photo says which language it is in.
    expect(event.photos![0]!.caption).toBeDefined();
    expect(own[0]!.caption).toBe(event.photos![0]!.caption);
    expect(own[0]!.lang).toBe("en");
    expect(Object.keys(shown.events).every((url) => url.startsWith("/ru/events/"))).toBe(true);
  });

  it("say English where it stands in for an alt text", () => {
    const shown = photosIn(english, dataIn({ ...data, translations: new Map() }, "ru"), siteUrls("ru", data.report.organisation));
    expect(shown.events[`/ru/events/${event.reportYear}/${event.id}/`]![0]!.lang).toBe("en");
  });
});

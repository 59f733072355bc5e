/**
 * Which page exists in which language, from the models themselves: the same page in another language has the same
 * path under that language's base (`/2017/`, `/ru/2017/`). The language switcher, the `hreflang` alternates of the
 * pages' heads and the sitemap's are all read from this one map. (Eleventy's I18nPlugin pairs pages by their input
 * file and page number, which pairs the wrong pages as soon as one language has fewer of them.)
 */
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import type { SiteModel } from "./views.ts";

/** One language's version of a page. */
export interface PageVersion {
  readonly lang: string;
  readonly url: string;
  /** Offered to search engines (the sitemap): not a page of a draft report. */
  readonly indexed: boolean;
}

/** A link of the language switcher: another language, named in itself, and the page it leads to there. */
export interface LanguageLink {
  readonly lang: string;
  /** `Русский`, `English`: the language's name in that language, capitalised as a name in a list is. */
  readonly name: string;
  readonly url: string;
  /** The same page in that language; else its home page. */
  readonly samePage: boolean;
}

export interface Alternates {
  /** The languages built, English first. */
  readonly languages: readonly string[];
  /** Every page of every language, by its English address: its versions, English first. */
  readonly pages: ReadonlyMap<string, readonly PageVersion[]>;
  /** The versions of the page at `url` (of any language): every language it exists in, English first; none for a page of no model (the 404 page). */
  versions(url: string): readonly PageVersion[];
  /** The switcher of the page at `url` in `lang`: every other language, each leading to the same page there or to its home page. */
  switcher(url: string, lang: string): LanguageLink[];
}

/** A language's name in itself, capitalised in its own way: `Русский`, `English`. */
export function nativeName(lang: string): string {
  const name = new Intl.DisplayNames([lang], { type: "language", fallback: "code" }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** The addresses of a model's pages, each with whether search engines are offered it: the pages the templates make of it. */
export function pagesOf(site: SiteModel): PageVersion[] {
  const page = (url: string, indexed = true): PageVersion => ({ lang: site.lang, url, indexed });
  return [
    page(site.urls.base),
    page(site.urls.about),
    page(site.urls.search),
    ...site.hubIndexes.map((index) => page(index.url)),
    ...site.hubs.map((hub) => page(hub.url)),
    ...site.reports.map((report) => page(report.url, !report.draft)),
    ...site.events.filter((event) => event.hasPage).map((event) => page(event.url, !event.draft)),
  ];
}

/** The English address of a page of `site`: its own without the language's base. */
const keyOf = (site: SiteModel, url: string) => `/${url.slice(site.urls.base.length)}`;

/** The map of `sites`, English's first. */
export function alternatesOf(sites: readonly SiteModel[]): Alternates {
  const pages = new Map<string, PageVersion[]>();
  const keys = new Map<string, string>();
  for (const site of sites) {
    for (const version of pagesOf(site)) {
      const key = keyOf(site, version.url);
      keys.set(version.url, key);
      const versions = pages.get(key);
      if (versions) versions.push(version);
      else pages.set(key, [version]);
    }
  }
  const homes = new Map(sites.map((site) => [site.lang, site.urls.base]));
  const names = new Map(sites.map((site) => [site.lang, nativeName(site.lang)]));
  const versions = (url: string) => pages.get(keys.get(url) ?? "") ?? [];
  return {
    languages: sites.map((site) => site.lang),
    pages,
    versions,
    switcher(url, lang) {
      const here = versions(url);
      return sites.filter((site) => site.lang !== lang).map((site) => {
        const same = here.find((v) => v.lang === site.lang);
        return { lang: site.lang, name: names.get(site.lang)!, url: same?.url ?? homes.get(site.lang)!, samePage: same !== undefined };
      });
    },
  };
}

/** `x-default`: the version for a reader whose language has none, English, the working language. */
export const DEFAULT_VERSION = SOURCE_LANGUAGE;

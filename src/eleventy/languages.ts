/**
 * What the templates read of the languages of a build (report/alternates.ts), as plain data by page address: the
 * switcher of each page, the `hreflang` alternates of its head, and the sitemap's.
 */
import { DEFAULT_VERSION, type Alternates, type LanguageLink, type PageVersion } from "../report/alternates.ts";

export interface LanguageLinks {
  /** More than one language is built: the pages carry the switcher and the alternates (an English-only site, neither). */
  readonly several: boolean;
  /** `x-default`'s language. */
  readonly fallback: string;
  /** By a page's address: its versions in every language it exists in, English first. */
  readonly versions: Readonly<Record<string, readonly PageVersion[]>>;
  /** By a page's address: its switcher, the other languages. */
  readonly switchers: Readonly<Record<string, readonly LanguageLink[]>>;
  /** By language: the switcher of a page that exists in that language alone (the 404 page), each other language's home. */
  readonly homes: Readonly<Record<string, readonly LanguageLink[]>>;
  /** The sitemap's pages: each page's versions that search engines are offered, English first. */
  readonly sitemap: readonly (readonly PageVersion[])[];
}

export function languageLinks(alternates: Alternates): LanguageLinks {
  const versions: Record<string, readonly PageVersion[]> = {};
  const switchers: Record<string, readonly LanguageLink[]> = {};
  for (const page of alternates.pages.values()) {
    for (const version of page) {
      versions[version.url] = page;
      switchers[version.url] = alternates.switcher(version.url, version.lang);
    }
  }
  return {
    several: alternates.languages.length > 1,
    fallback: DEFAULT_VERSION,
    versions,
    switchers,
    // An address of no page gives every other language's home.
    homes: Object.fromEntries(alternates.languages.map((lang) => [lang, alternates.switcher("", lang)])),
    sitemap: [...alternates.pages.values()].map((page) => page.filter((v) => v.indexed)).filter((page) => page.length > 0),
  };
}

/** Where things live on the site, and the element ids the report's pages give them. */
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import { slugify } from "../format/text.ts";

/** Event pages live under this folder (under a language's base in another language); they are the pages the search indexes. */
export const EVENTS_URL = "/events/";

/** Where a language's pages begin: English, the working language, at the site's root; every other under `/<lang>/`. */
export const languageBase = (lang: string): string => (lang === SOURCE_LANGUAGE ? "/" : `/${lang.toLowerCase()}/`);

/** The kinds of hub: a page for each strand, country, type, topic and goal, and an index of each kind. */
export type HubKind = "strands" | "countries" | "types" | "topics" | "goals";

/**
 * The addresses of one language's pages. English keeps the addresses it has always had; another language has the
 * same paths under its base (`/ru/2017/`, `/ru/events/2017/<id>/`). What every language shares (the style sheets,
 * fonts, photos, pictures, documents and open data) is published once, at the root.
 */
export interface SiteUrls {
  readonly lang: string;
  /** `/`, `/ru/`: the language's home page. */
  readonly base: string;
  readonly about: string;
  readonly search: string;
  readonly feed: string;
  /** The folder of the event pages, `/ru/events/`. */
  readonly events: string;
  hubIndex(kind: HubKind): string;
  hub(kind: HubKind, id: string): string;
  report(year: number): string;
  event(reportYear: number, id: string): string;
  /** The file name of the year's PDF: English's, and in another language English's with the language before `.pdf`. */
  pdfName(year: number): string;
}

/** The addresses of `lang`'s pages; `organisation` is the organisation's English name, which names the PDFs in every language. */
export function siteUrls(lang: string, organisation: string): SiteUrls {
  const base = languageBase(lang);
  const events = `${base}${EVENTS_URL.slice(1)}`;
  return {
    lang,
    base,
    about: `${base}about/`,
    search: `${base}search/`,
    feed: `${base}feed.xml`,
    events,
    hubIndex: (kind) => `${base}${kind}/`,
    hub: (kind, id) => `${base}${kind}/${id.toLowerCase()}/`,
    report: (year) => `${base}${year}/`,
    event: (reportYear, id) => `${events}${reportYear}/${id}/`,
    pdfName: (year) => {
      const name = pdfFileName(organisation, year);
      return lang === SOURCE_LANGUAGE ? name : name.replace(/\.pdf$/, `-${lang.toLowerCase()}.pdf`);
    },
  };
}

/** The English addresses, as the data's own files (the editor, the photos) name them. */
const english = siteUrls(SOURCE_LANGUAGE, "");

export const hubUrl = (kind: HubKind, id: string): string => english.hub(kind, id);

export const eventUrl = (reportYear: number, id: string): string => english.event(reportYear, id);

export const reportUrl = (year: number): string => english.report(year);

/**
 * The file name of a year's PDF: `budapest-process-activity-report-2019.pdf`. An organisation
 * whose name has no Latin letter or digit (`Процесс`, `عملية`) gives no words to the name,
 * which then begins plainly: a name beginning with a hyphen would be read as an option by
 * every command-line tool handed it.
 */
export function pdfFileName(organisation: string, year: number): string {
  const words = slugify(organisation);
  return `${words ? `${words}-` : ""}activity-report-${year}.pdf`;
}

/**
 * Element ids made from data carry a prefix of their kind, and the report page's own ids
 * (contents, foreword, annex-a, …) never begin with one, so an event file called
 * `contents.yaml` or a strand called `annex-a` cannot take another element's id.
 */
export const anchorOf = (kind: "event" | "strand", id: string): string => `${kind}-${id}`;

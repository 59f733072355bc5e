/**
 * The report as templates see it: validated data turned into reports, chapters,
 * events and hubs with every date, place, figure, link and sentence resolved.
 * Built once per build; the web pages and the print pages read the same objects.
 * The types are in views.ts; each part of the model is built by a module of its own.
 */
import { english } from "../data/languages/catalogues.ts";
import { reportYears, type DataSet } from "../data/load.ts";
import type { Language } from "../format/language.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import { entryOf } from "../data/lookup.ts";
import { eventViews, type EventPlaces } from "./events.ts";
import { hubIndexes } from "./hubs.ts";
import { lookups } from "./lookups.ts";
import { OUTLOOK_ID } from "./parts.ts";
import { outlookYear, reportSpan, reportView } from "./reports.ts";
import { anchorOf, siteUrls } from "./urls.ts";
import type { SiteModel } from "./views.ts";

export type * from "./views.ts";
export { anchorOf, EVENTS_URL, hubUrl } from "./urls.ts";
export { abbreviationWarnings as siteWarnings } from "./abbreviations.ts";

export interface SiteOptions {
  /** Build the report of this year only. */
  readonly year?: number;
  /** The language of the model's words; English (the project's catalogue) by default. */
  readonly language?: Language;
}

export function buildSite(data: DataSet, options: SiteOptions = {}): SiteModel {
  const language = options.language ?? english();
  // The PDFs keep the organisation's English name in every language.
  const urls = siteUrls(language.lang, (data.english ?? data).report.organisation);
  const refs = lookups(data, language, urls);
  // Which years have a report is decided for the whole data, so that a one-year build's outlook lists what the full build's does.
  const spans = reportYears(data.events, data.report.editions).map((year) => reportSpan(year, entryOf(data.report.editions, String(year))));
  // In a further language, the reports of the editions published in it (their `languages`), and their events.
  const inLanguage = (year: number) => language.lang === SOURCE_LANGUAGE || entryOf(data.report.editions, String(year))?.languages?.[language.lang] !== undefined;
  const years = spans.map((s) => s.year).filter((year) => (options.year === undefined || year === options.year) && inLanguage(year)).sort((a, b) => b - a);
  const built = new Set(years);
  const records = data.events.filter((e) => (options.year === undefined || e.reportYear === options.year) && inLanguage(e.reportYear));
  const pages = new Set(records.map((e) => e.id));
  const places: EventPlaces = {
    hasPage: (e) => pages.has(e.id),
    reportOf(e) {
      if (built.has(e.reportYear)) return { year: e.reportYear, url: urls.report(e.reportYear), entryUrl: `${urls.report(e.reportYear)}#${anchorOf("event", e.id)}`, outlook: false };
      const year = e.status === "planned" ? outlookYear(e.date, spans) : undefined;
      return year !== undefined && built.has(year) ? { year, url: urls.report(year), entryUrl: `${urls.report(year)}#${OUTLOOK_ID}`, outlook: true } : undefined;
    },
  };
  const events = eventViews(records, refs, places, language);
  const secretariatName = language.t("site.secretariatName", { organisation: data.report.organisation });
  // The outlooks list planned events of later years, which a one-year build does not otherwise hold.
  const planned = eventViews(data.events.filter((e) => e.status === "planned"), refs, places, language);
  const context = { data, refs, records: new Map(records.map((e) => [e.id, e])), secretariatName, planned, spans, language };
  const indexes = hubIndexes(data, events, refs, built, language);
  return {
    lang: language.lang,
    language,
    urls,
    organisation: data.report.organisation,
    secretariat: data.report.secretariat,
    secretariatName,
    title: data.report.title,
    about: data.report.about,
    siteUrl: data.report.site_url,
    logo: data.logos[0]?.file,
    accentColor: data.report.accent_color,
    reports: years.map((year) => reportView(year, events.filter((e) => e.reportYear === year), context)),
    events,
    hubIndexes: indexes,
    hubs: indexes.flatMap((index) => index.hubs),
    abbreviations: Object.entries(data.report.abbreviations ?? {})
      .map(([abbreviation, meaning]) => ({ abbreviation, meaning }))
      .sort((a, b) => a.abbreviation.localeCompare(b.abbreviation, "en")),
    paragraphNumbers: data.report.paragraph_numbers ?? false,
    strands: [...refs.strands.values()],
    eventTypes: [...refs.types.values()],
    topics: [...refs.topics.values()],
    frameworks: data.frameworks.map((f) => refs.goals.get(f.goals[0]!.id)!.framework),
  };
}

/**
 * The report as templates see it: validated data turned into reports, chapters,
 * events and hubs with every date, place, figure, link and sentence resolved.
 * Built once per build; the web pages and the print pages read the same objects.
 * The types are in views.ts; each part of the model is built by a module of its own.
 */
import type { DataSet } from "../data/load.ts";
import { eventViews } from "./events.ts";
import { hubIndexes } from "./hubs.ts";
import { lookups } from "./lookups.ts";
import { reportView } from "./reports.ts";
import type { SiteModel } from "./views.ts";

export type * from "./views.ts";
export { anchorOf, EVENTS_URL, hubUrl } from "./urls.ts";

export function buildSite(data: DataSet, options: { readonly year?: number } = {}): SiteModel {
  const refs = lookups(data);
  const records = data.events.filter((e) => options.year === undefined || e.reportYear === options.year);
  const events = eventViews(records, refs);
  const secretariatName = `${data.report.organisation} Secretariat`;
  // The outlooks list the planned events of the following year, which a one-year build does not otherwise hold.
  const planned = eventViews(data.events.filter((e) => e.status === "planned"), refs);
  const context = { data, refs, records: new Map(records.map((e) => [e.id, e])), secretariatName, planned };
  const years = [...new Set(events.map((e) => e.reportYear))].sort((a, b) => b - a);
  const indexes = hubIndexes(data, events, refs);
  return {
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

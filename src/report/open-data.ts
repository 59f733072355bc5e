/**
 * The whole validated data set as open data, `/data/events.json`. Its shape is
 * documented in docs/open-data.md; change both together.
 */
import type { Total } from "./figures.ts";
import type { SiteModel } from "./model.ts";

/**
 * 2: totals say whether they are exact, a lower bound or approximate (`precision`); `at_least` no longer includes approximate totals.
 * 3: an event's place may be a country (`kind`), whose `id` is then the country's code; documents say who adopted them (`adopted_by`);
 *    a `report_year` of planned activities only has no report; reports give their `published` date and `reference`.;
 *    totals say how many events stated the figure (`reported`) of how many (`of`); the distinct states and organisations
 *    that events name; events' `states` and `participating_organisations`; strands' `short_title`.
 */
export const OPEN_DATA_VERSION = 3;

/** A total with what it says of the true number (`at_least`: it may be higher) and how many events it is from. */
const total = (t: Total) => ({ value: t.value, precision: t.precision, at_least: t.atLeast, reported: t.reported, of: t.of });

/** URLs in the file are root-relative, with the site's path prefix. */
export function openData(site: SiteModel, pathPrefix = "/"): unknown {
  const prefix = pathPrefix.replace(/\/$/, "");
  const url = (path: string) => `${prefix}${path}`;
  return {
    version: OPEN_DATA_VERSION,
    organisation: site.organisation,
    secretariat: site.secretariat,
    reports: site.reports.map((r) => ({
      year: r.year,
      title: r.title,
      url: url(r.url),
      pdf: url(r.pdfUrl),
      period: r.periodText ?? null,
      published: r.publication?.iso ?? null,
      reference: r.reference ?? null,
      events: r.events.map((e) => e.id),
      figures: {
        events_held: r.figures.events,
        participants: total(r.figures.participants),
        countries: total(r.figures.countries),
        distinct_states: { ...total(r.figures.states), codes: r.figures.states.items },
        organisations: total(r.figures.organisations),
        distinct_organisations: { ...total(r.figures.organisationsPresent), names: r.figures.organisationsPresent.items },
        delegations: total(r.figures.delegations),
        women: total(r.figures.women),
        trainings: r.figures.trainings,
        trainees: total(r.figures.trainees),
      },
    })),
    events: site.events.map((e) => ({
      id: e.id,
      url: url(e.url),
      title: e.title,
      type: e.type.id,
      date: e.date.iso,
      end: e.end?.iso ?? null,
      date_text: e.dateText,
      place: e.place
        ? { kind: e.place.kind, id: e.place.id, name: e.place.name, country: e.place.country.code, lat: e.place.lat ?? null, lon: e.place.lon ?? null }
        : null,
      online: e.online,
      strands: e.strands.map((s) => s.id),
      figures: Object.fromEntries(e.figures.map((f) => [f.field, { value: f.count.value, qualifier: f.count.qualifier ?? null, text: e.counts[f.field] }])),
      states: e.states.map((s) => s.code),
      participating_organisations: e.organisationsPresent,
      partners: e.partners,
      topics: e.topics.map((t) => t.id),
      summary: e.summary,
      body: e.body ?? null,
      outcomes: e.outcomes ?? null,
      host: e.host ?? null,
      chairs: e.chairs,
      goals: e.goals.map((g) => g.id),
      documents: e.documents.map((d) => ({
        title: d.title, kind: d.kind, adopted: d.adopted, adopted_by: d.adoptedBy ?? null,
        versions: Object.fromEntries(d.versions.map((v) => [v.language, v.url === undefined ? null : v.url.startsWith("/") ? url(v.url) : v.url])),
      })),
      sources: e.sources,
      status: e.status,
      report_year: e.reportYear,
    })),
    strands: site.strands.map((s) => ({ id: s.id, title: s.title, short_title: s.short_title ?? null, kind: s.kind, url: url(s.url) })),
    event_types: site.eventTypes.map((t) => ({ id: t.id, label: t.label, plural: t.plural, training: t.training ?? false })),
    topics: site.topics.map((t) => ({ id: t.id, label: t.label })),
    frameworks: site.frameworks.map((f) => ({
      id: f.id, title: f.title, short_title: f.shortTitle, years: f.years,
      goals: site.hubs.filter((h) => h.goal?.framework.id === f.id).map((h) => ({ id: h.goal!.id, number: h.goal!.number, title: h.goal!.title, url: url(h.url) })),
    })),
  };
}

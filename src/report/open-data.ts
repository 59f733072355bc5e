/**
 * The whole validated data set as open data, `/data/events.json`. Its shape is
 * documented in docs/open-data.md; change both together.
 */
import type { SiteModel } from "./model.ts";

export const OPEN_DATA_VERSION = 1;

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
      events: r.events.map((e) => e.id),
      figures: {
        events_held: r.figures.events,
        participants: { value: r.figures.participants.value, at_least: r.figures.participants.atLeast },
        countries: { value: r.figures.countries.value, at_least: r.figures.countries.atLeast },
        organisations: { value: r.figures.organisations.value, at_least: r.figures.organisations.atLeast },
        women: { value: r.figures.women.value, at_least: r.figures.women.atLeast },
        trainings: r.figures.trainings,
        trainees: { value: r.figures.trainees.value, at_least: r.figures.trainees.atLeast },
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
        ? { id: e.place.id, name: e.place.name, country: e.place.country.code, lat: e.place.lat ?? null, lon: e.place.lon ?? null }
        : null,
      online: e.online,
      strands: e.strands.map((s) => s.id),
      figures: Object.fromEntries(e.figures.map((f) => [f.field, { value: f.count.value, qualifier: f.count.qualifier ?? null, text: e.counts[f.field] }])),
      partners: e.partners,
      topics: e.topics.map((t) => t.id),
      summary: e.summary,
      body: e.body ?? null,
      sources: e.sources,
      status: e.status,
      report_year: e.reportYear,
    })),
    strands: site.strands.map((s) => ({ id: s.id, title: s.title, kind: s.kind, url: url(s.url) })),
    event_types: site.eventTypes.map((t) => ({ id: t.id, label: t.label, plural: t.plural, training: t.training ?? false })),
    topics: site.topics.map((t) => ({ id: t.id, label: t.label })),
  };
}

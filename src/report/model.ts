/**
 * The report as templates see it: validated data turned into reports, chapters,
 * events and hubs with every date, place, figure and link already resolved.
 * Built once per build; the web pages and the print pages read the same objects.
 */
import type { DataSet, EventRecord } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import type { Edition, EventType, Strand, Topic } from "../data/schema.ts";
import { formatCount, type Count } from "../format/counts.ts";
import { firstDay, formatDate, formatDateRange, lastDay, partialDate, type PartialDate } from "../format/dates.ts";
import { slugify } from "../format/text.ts";
import { countryName } from "./countries.ts";
import { computeFigures, type Figures } from "./figures.ts";

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface PlaceView {
  readonly id: string;
  readonly name: string;
  readonly localName?: string;
  readonly country: { readonly code: string; readonly name: string; readonly url: string };
  readonly lat?: number;
  readonly lon?: number;
}

export interface FigureView {
  readonly field: "participants" | "countries" | "organisations" | "women";
  readonly count: Count;
  /** `over 75 participants` */
  readonly text: string;
}

export interface EventView {
  readonly id: string;
  /** The element id of the event in a report's page: never one of the page's own ids, whatever the file is called. */
  readonly anchor: string;
  readonly url: string;
  readonly title: string;
  readonly type: EventType & { readonly url: string };
  readonly date: PartialDate;
  readonly end?: PartialDate;
  /** `7–8 May 2018` */
  readonly dateText: string;
  /** `Sarajevo`, `Vienna (online)`, `Online` */
  readonly location: string;
  /** `Sarajevo, 7–8 May 2018` */
  readonly dateline: string;
  readonly place?: PlaceView;
  readonly online: boolean;
  /** The first is where the event is reported in full. */
  readonly strands: readonly (Strand & { readonly url: string })[];
  readonly figures: readonly FigureView[];
  /** Each stated figure as the report prints it (`over 75`), by field. */
  readonly counts: Readonly<Partial<Record<FigureView["field"], string>>>;
  readonly partners: readonly string[];
  readonly topics: readonly (Topic & { readonly url: string })[];
  readonly summary: string;
  readonly body?: string;
  readonly sources: readonly string[];
  readonly status: "held" | "planned" | "cancelled";
  readonly reportYear: number;
  readonly reportUrl: string;
  /** Neighbours in time, across all years. */
  readonly previous?: Link & { readonly dateline: string };
  readonly next?: Link & { readonly dateline: string };
}

export interface ChapterView {
  /** 1, 2, …: chapters are numbered in report order. */
  readonly number: number;
  /** The element id of the chapter in a report's page. */
  readonly anchor: string;
  readonly strand: Strand & { readonly url: string };
  /** Events reported in full here (this is their first strand). */
  readonly events: readonly EventView[];
  /** Joint events reported in full under another strand. */
  readonly crossReferences: readonly EventView[];
}

export interface EditionView {
  readonly chair?: string;
  readonly coChair?: string;
  readonly foreword?: string;
  /** The Senior Officials Meeting the report is presented to. */
  readonly som?: { readonly number?: number; readonly ordinal?: string; readonly place: string; readonly placeId: string; readonly dateText: string; readonly iso: string };
}

export interface ReportView {
  readonly year: number;
  /** `Annual Activity Report 2018` */
  readonly title: string;
  readonly url: string;
  readonly printUrl: string;
  readonly pdfName: string;
  readonly pdfUrl: string;
  /** Undefined when report.yaml has no edition for the year: the cover stays neutral. */
  readonly edition?: EditionView;
  /** `1 July 2017 – 30 June 2018`, when the report does not cover a calendar year. */
  readonly periodText?: string;
  /** In time order. */
  readonly events: readonly EventView[];
  readonly chapters: readonly ChapterView[];
  readonly figures: Figures;
  /** Places where the year's events took place, with how many; for the map. */
  readonly places: readonly { readonly place: PlaceView; readonly events: readonly EventView[] }[];
  /** Events held online without a host place. */
  readonly onlineEvents: readonly EventView[];
  readonly participatingStates: readonly { readonly code: string; readonly name: string }[];
  readonly participatingOrganisations: readonly string[];
  /** `3.1`: the section number of each event, in the chapter that reports it in full. */
  readonly numbers: Readonly<Record<string, string>>;
  /** When the report is published: its metadata date and copyright year. */
  readonly publication: { readonly iso: string; readonly day: string; readonly dateText: string; readonly year: number };
  readonly imprint: {
    readonly publisher: string;
    readonly address?: string;
    readonly copyright: string;
    readonly disclaimer: string;
    readonly editor: string;
    readonly citation: string;
  };
}

export type HubKind = "strands" | "countries" | "types" | "topics";

export interface HubView {
  readonly kind: HubKind;
  /** `Strands`, `Countries`…: the title of the hub's index page. */
  readonly kindTitle: string;
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly description?: string;
  /** Newest first. */
  readonly events: readonly EventView[];
  readonly byYear: readonly { readonly year: number; readonly count: number }[];
}

export interface HubIndexView {
  readonly kind: HubKind;
  /** `Strands`, `Countries`… */
  readonly title: string;
  /** `strand`, `country`… */
  readonly singular: string;
  readonly url: string;
  readonly hubs: readonly HubView[];
}

export interface SiteModel {
  readonly organisation: string;
  readonly secretariat: string;
  readonly title: string;
  readonly about?: string;
  readonly siteUrl?: string;
  readonly logo?: string;
  readonly accentColor?: string;
  /** Newest first. */
  readonly reports: readonly ReportView[];
  /** Every event, in time order. */
  readonly events: readonly EventView[];
  readonly hubIndexes: readonly HubIndexView[];
  /** Every hub of every kind, for one page each. */
  readonly hubs: readonly HubView[];
  readonly abbreviations: readonly { readonly abbreviation: string; readonly meaning: string }[];
  /** Number the report's paragraphs so that decisions can cite them. */
  readonly paragraphNumbers: boolean;
  /** The reference lists, in their files' order. */
  readonly strands: readonly (Strand & { readonly url: string })[];
  readonly eventTypes: readonly (EventType & { readonly url: string })[];
  readonly topics: readonly (Topic & { readonly url: string })[];
}

const COUNT_WORDS: Record<FigureView["field"], [string, string]> = {
  participants: ["participant", "participants"],
  countries: ["country", "countries"],
  organisations: ["organisation", "organisations"],
  women: ["woman", "women"],
};

const HUB_KINDS: readonly { kind: HubKind; title: string; singular: string }[] = [
  { kind: "strands", title: "Strands", singular: "strand" },
  { kind: "types", title: "Types of activity", singular: "type" },
  { kind: "countries", title: "Countries", singular: "country" },
  { kind: "topics", title: "Topics", singular: "topic" },
];

/**
 * Element ids made from data carry a prefix of their kind, and the report page's own ids
 * (contents, foreword, annex-a, …) never begin with one, so an event file called
 * `contents.yaml` or a strand called `annex-a` cannot take another element's id.
 */
export const anchorOf = (kind: "event" | "strand", id: string): string => `${kind}-${id}`;

/** Event pages live under this folder; they are the pages the search indexes. */
export const EVENTS_URL = "/events/";

export const hubUrl = (kind: HubKind, id: string): string => `/${kind}/${id.toLowerCase()}/`;

export function ordinal(n: number): string {
  const rule = new Intl.PluralRules("en", { type: "ordinal" }).select(n);
  return `${n}${{ one: "st", two: "nd", few: "rd" }[rule as string] ?? "th"}`;
}


function figuresOf(event: EventRecord): FigureView[] {
  return (Object.keys(COUNT_WORDS) as FigureView["field"][]).flatMap((field) => {
    const count = event[field];
    if (!count) return [];
    const [one, many] = COUNT_WORDS[field];
    return [{ field, count, text: `${formatCount(count)} ${count.value === 1 && !count.qualifier ? one : many}` }];
  });
}

function newestFirst(events: readonly EventView[]): EventView[] {
  return [...events].reverse();
}

function countByYear(events: readonly EventView[]): { year: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.reportYear, (counts.get(e.reportYear) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => b - a).map(([year, count]) => ({ year, count }));
}

export function buildSite(data: DataSet, options: { readonly year?: number } = {}): SiteModel {
  const withUrl = <T extends { id: string }>(kind: HubKind, list: readonly T[]) =>
    new Map(list.map((item) => [item.id, { ...item, url: hubUrl(kind, item.id) }]));
  const strands = withUrl("strands", data.strands);
  const types = withUrl("types", data.eventTypes);
  const topics = withUrl("topics", data.topics);
  const country = (code: string) => ({ code, name: countryName(code, data.countries), url: hubUrl("countries", code) });

  const place = (id: string | undefined): PlaceView | undefined => {
    const found = id === undefined ? undefined : entryOf(data.places, id);
    if (!found || id === undefined) return undefined;
    return { id, name: found.name, localName: found.local_name, country: country(found.country), lat: found.lat, lon: found.lon };
  };

  const records = data.events.filter((e) => options.year === undefined || e.reportYear === options.year);
  const drafts = records.map((e) => {
    const where = place(e.place);
    const dateText = formatDateRange(e.date, e.end);
    const location = e.online ? (where ? `${where.name} (online)` : "Online") : where!.name;
    return {
      id: e.id,
      anchor: anchorOf("event", e.id),
      url: `${EVENTS_URL}${e.reportYear}/${e.id}/`,
      title: e.title,
      type: types.get(e.type)!,
      date: e.date,
      end: e.end,
      dateText,
      location,
      dateline: `${location}, ${dateText}`,
      place: where,
      online: e.online ?? false,
      strands: e.strands.map((s) => strands.get(s)!),
      figures: figuresOf(e),
      counts: Object.fromEntries(figuresOf(e).map((f) => [f.field, formatCount(f.count)])),
      partners: e.partners ?? [],
      topics: (e.topics ?? []).map((t) => topics.get(t)!),
      summary: e.summary,
      body: e.body,
      sources: e.sources ?? [],
      status: e.status ?? "held",
      reportYear: e.reportYear,
      reportUrl: `/${e.reportYear}/`,
    } satisfies EventView;
  });
  const neighbour = (e: EventView | undefined) => e && { label: e.title, url: e.url, dateline: e.dateline };
  const events: EventView[] = drafts.map((e, i) => ({ ...e, previous: neighbour(drafts[i - 1]), next: neighbour(drafts[i + 1]) }));

  const byId = new Map(records.map((e) => [e.id, e]));
  const years = [...new Set(events.map((e) => e.reportYear))].sort((a, b) => b - a);
  const orgSlug = slugify(data.report.organisation);

  function editionView(edition: Edition): EditionView {
    const som = edition.som;
    return {
      chair: edition.chair,
      coChair: edition.co_chair,
      foreword: edition.foreword,
      som: som && {
        number: som.number,
        ordinal: som.number === undefined ? undefined : ordinal(som.number),
        place: place(som.place)!.name,
        placeId: som.place,
        dateText: formatDate(som.date),
        iso: som.date.iso,
      },
    };
  }

  const reports = years.map((year): ReportView => {
    const own = events.filter((e) => e.reportYear === year);
    const edition = entryOf(data.report.editions, String(year));
    const pdfName = `${orgSlug}-activity-report-${year}.pdf`;
    const span = edition?.period ?? { from: partialDate(String(year)), to: partialDate(String(year)) };
    const placed = new Map<string, { place: PlaceView; events: EventView[] }>();
    for (const e of own) {
      if (!e.place) continue;
      const entry = placed.get(e.place.id) ?? { place: e.place, events: [] };
      entry.events.push(e);
      placed.set(e.place.id, entry);
    }
    const states = edition?.participating_states ?? data.report.participating_states ?? [];
    const chapters = data.strands
      .map((strand) => ({
        strand: strands.get(strand.id)!,
        events: own.filter((e) => e.strands[0]!.id === strand.id),
        crossReferences: own.filter((e) => e.strands.slice(1).some((s) => s.id === strand.id)),
      }))
      .filter((c) => c.events.length + c.crossReferences.length > 0)
      .map((c, i) => ({ ...c, number: i + 1, anchor: anchorOf("strand", c.strand.id) }));
    const numbers = Object.fromEntries(chapters.flatMap((c) => c.events.map((e, i) => [e.id, `${c.number}.${i + 1}`])));
    const published = edition?.published ?? edition?.som?.date ?? partialDate(lastDay(span.to).toISODate()!);
    const title = `${data.report.title} ${year}`;
    const imprint = data.report.imprint ?? {};
    const secretariat = `${data.report.organisation} Secretariat`;
    return {
      year,
      title,
      url: `/${year}/`,
      printUrl: `/${year}/print/`,
      pdfName,
      pdfUrl: `/${year}/${pdfName}`,
      edition: edition && editionView(edition),
      periodText: edition?.period && formatDateRange(edition.period.from, edition.period.to),
      events: own,
      chapters,
      numbers,
      figures: computeFigures(own.map((e) => byId.get(e.id)!), data, span),
      places: [...placed.values()],
      onlineEvents: own.filter((e) => e.online && !e.place),
      participatingStates: states
        .map((code) => ({ code, name: countryName(code, data.countries) }))
        .sort((a, b) => a.name.localeCompare(b.name, "en")),
      participatingOrganisations: [...(edition?.participating_organisations ?? data.report.participating_organisations ?? [])],
      publication: { iso: published.iso, day: firstDay(published).toISODate()!, dateText: formatDate(published), year: published.year },
      imprint: {
        publisher: imprint.publisher ?? data.report.secretariat,
        address: imprint.address,
        copyright: `© ${imprint.copyright ?? data.report.secretariat}, ${published.year}`,
        disclaimer: imprint.disclaimer ??
          `This report was prepared by the ${secretariat}. Its content does not necessarily reflect the views or policies of the participating states or organisations of the ${data.report.organisation}.`,
        editor: imprint.editor ?? `Edited by the ${secretariat}.`,
        citation: `${secretariat} (${published.year}), ${title}` +
          (edition?.som ? `, presented to the ${edition.som.number === undefined ? "" : `${ordinal(edition.som.number)} `}Senior Officials Meeting, ${place(edition.som.place)!.name}, ${formatDate(edition.som.date)}.` : "."),
      },
    };
  });

  const hubsOf = (kind: HubKind, kindTitle: string): HubView[] => {
    const entries: { id: string; title: string; description?: string; match: (e: EventView) => boolean }[] =
      kind === "strands" ? data.strands.map((s) => ({ id: s.id, title: s.title, description: s.description, match: (e) => e.strands.some((x) => x.id === s.id) }))
      : kind === "types" ? data.eventTypes.map((t) => ({ id: t.id, title: t.plural, match: (e) => e.type.id === t.id }))
      : kind === "topics" ? data.topics.map((t) => ({ id: t.id, title: t.label, match: (e) => e.topics.some((x) => x.id === t.id) }))
      : [...new Set(events.flatMap((e) => (e.place ? [e.place.country.code] : [])))]
          .map((code) => ({ id: code, title: country(code).name, match: (e: EventView) => e.place?.country.code === code }))
          .sort((a, b) => a.title.localeCompare(b.title, "en"));
    return entries.flatMap(({ id, title, description, match }) => {
      const own = events.filter(match);
      if (own.length === 0) return [];
      return [{ kind, kindTitle, id, title, url: hubUrl(kind, id), description, events: newestFirst(own), byYear: countByYear(own) }];
    });
  };
  const hubIndexes = HUB_KINDS.map(({ kind, title, singular }) => ({ kind, title, singular, url: `/${kind}/`, hubs: hubsOf(kind, title) }));

  return {
    organisation: data.report.organisation,
    secretariat: data.report.secretariat,
    title: data.report.title,
    about: data.report.about,
    siteUrl: data.report.site_url,
    logo: data.report.logo,
    accentColor: data.report.accent_color,
    reports,
    events,
    hubIndexes,
    hubs: hubIndexes.flatMap((index) => index.hubs),
    abbreviations: Object.entries(data.report.abbreviations ?? {})
      .map(([abbreviation, meaning]) => ({ abbreviation, meaning }))
      .sort((a, b) => a.abbreviation.localeCompare(b.abbreviation, "en")),
    paragraphNumbers: data.report.paragraph_numbers ?? false,
    strands: [...strands.values()],
    eventTypes: [...types.values()],
    topics: [...topics.values()],
  };
}

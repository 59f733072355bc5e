/**
 * The report as templates see it: validated data turned into reports, chapters
 * and events with every date, place and figure already resolved. Built once
 * per build; the web pages and the print pages read the same objects.
 */
import type { DataSet, EventRecord } from "../data/load.ts";
import type { Edition, EventType, ReportFile, Strand, Topic } from "../data/schema.ts";
import { formatCount, type Count } from "../format/counts.ts";
import { formatDate, formatDateRange, type PartialDate } from "../format/dates.ts";
import { countryName } from "./countries.ts";
import { computeFigures, type Figures } from "./figures.ts";

export interface PlaceView {
  readonly id: string;
  readonly name: string;
  readonly localName?: string;
  readonly country: { readonly code: string; readonly name: string };
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
  readonly url: string;
  readonly title: string;
  readonly type: EventType;
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
  readonly strands: readonly Strand[];
  readonly figures: readonly FigureView[];
  readonly partners: readonly string[];
  readonly topics: readonly Topic[];
  readonly summary: string;
  readonly body?: string;
  readonly sources: readonly string[];
  readonly status: "held" | "planned" | "cancelled";
  readonly reportYear: number;
  readonly file: string;
}

export interface ChapterView {
  readonly strand: Strand;
  /** Events reported in full here (this is their first strand). */
  readonly events: readonly EventView[];
  /** Joint events reported in full under another strand. */
  readonly crossReferences: readonly EventView[];
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
  readonly edition?: {
    readonly chair?: string;
    readonly coChair?: string;
    readonly foreword?: string;
    /** `the Senior Officials Meeting, Antalya, 15 December 2017` or with its number. */
    readonly som?: { readonly number?: number; readonly ordinal?: string; readonly place: string; readonly dateText: string; readonly iso: string };
  };
  /** `1 July 2017 – 30 June 2018`, when the report does not cover a calendar year. */
  readonly periodText?: string;
  readonly events: readonly EventView[];
  readonly chapters: readonly ChapterView[];
  readonly figures: Figures;
}

export interface SiteModel {
  readonly organisation: string;
  readonly secretariat: string;
  readonly title: string;
  readonly about?: string;
  readonly logo?: string;
  readonly accentColor?: string;
  /** Newest first. */
  readonly reports: readonly ReportView[];
  /** Every event, in time order. */
  readonly events: readonly EventView[];
}

const COUNT_WORDS: Record<FigureView["field"], [string, string]> = {
  participants: ["participant", "participants"],
  countries: ["country", "countries"],
  organisations: ["organisation", "organisations"],
  women: ["woman", "women"],
};

export function ordinal(n: number): string {
  const rule = new Intl.PluralRules("en", { type: "ordinal" }).select(n);
  return `${n}${{ one: "st", two: "nd", few: "rd" }[rule as string] ?? "th"}`;
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function figuresOf(event: EventRecord): FigureView[] {
  return (Object.keys(COUNT_WORDS) as FigureView["field"][]).flatMap((field) => {
    const count = event[field];
    if (!count) return [];
    const [one, many] = COUNT_WORDS[field];
    return [{ field, count, text: `${formatCount(count)} ${count.value === 1 && !count.qualifier ? one : many}` }];
  });
}

export function buildSite(data: DataSet, options: { readonly year?: number } = {}): SiteModel {
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((item) => [item.id, item]));
  const strands = byId(data.strands);
  const types = byId(data.eventTypes);
  const topics = byId(data.topics);

  const place = (id: string | undefined): PlaceView | undefined => {
    const found = id === undefined ? undefined : data.places[id];
    if (!found || id === undefined) return undefined;
    return {
      id,
      name: found.name,
      localName: found.local_name,
      country: { code: found.country, name: countryName(found.country, data.countries) },
      lat: found.lat,
      lon: found.lon,
    };
  };

  const events: EventView[] = data.events
    .filter((e) => options.year === undefined || e.reportYear === options.year)
    .map((e) => {
      const where = place(e.place);
      const dateText = formatDateRange(e.date, e.end);
      const location = e.online ? (where ? `${where.name} (online)` : "Online") : where!.name;
      return {
        id: e.id,
        url: `/events/${e.reportYear}/${e.id}/`,
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
        partners: e.partners ?? [],
        topics: (e.topics ?? []).map((t) => topics.get(t)!),
        summary: e.summary,
        body: e.body,
        sources: e.sources ?? [],
        status: e.status ?? "held",
        reportYear: e.reportYear,
        file: e.file,
      };
    });

  const records = new Map(data.events.map((e) => [e.id, e]));
  const years = [...new Set(events.map((e) => e.reportYear))].sort((a, b) => b - a);
  const orgSlug = slugify(data.report.organisation);

  const reports = years.map((year): ReportView => {
    const own = events.filter((e) => e.reportYear === year);
    const edition = data.report.editions?.[String(year)];
    const pdfName = `${orgSlug}-activity-report-${year}.pdf`;
    return {
      year,
      title: `${data.report.title} ${year}`,
      url: `/${year}/`,
      printUrl: `/${year}/print/`,
      pdfName,
      pdfUrl: `/${year}/${pdfName}`,
      edition: edition && editionView(edition),
      periodText: edition?.period && formatDateRange(edition.period.from, edition.period.to),
      events: own,
      chapters: data.strands
        .map((strand) => ({
          strand,
          events: own.filter((e) => e.strands[0]!.id === strand.id),
          crossReferences: own.filter((e) => e.strands.slice(1).some((s) => s.id === strand.id)),
        }))
        .filter((c) => c.events.length + c.crossReferences.length > 0),
      figures: computeFigures(own.map((e) => records.get(e.id)!), data),
    };
  });

  function editionView(edition: Edition): ReportView["edition"] {
    const som = edition.som;
    return {
      chair: edition.chair,
      coChair: edition.co_chair,
      foreword: edition.foreword,
      som: som && {
        number: som.number,
        ordinal: som.number === undefined ? undefined : ordinal(som.number),
        place: place(som.place)!.name,
        dateText: formatDate(som.date),
        iso: som.date.iso,
      },
    };
  }

  const report: ReportFile = data.report;
  return {
    organisation: report.organisation,
    secretariat: report.secretariat,
    title: report.title,
    about: report.about,
    logo: report.logo,
    accentColor: report.accent_color,
    reports,
    events,
  };
}

/**
 * The key figures of a report, computed once from its events: the page "The
 * year at a glance", the PDF and the annex all read them from here.
 */
import { english } from "../data/languages/catalogues.ts";
import { precisionOf, type Count } from "../format/counts.ts";
import type { Language } from "../format/language.ts";
import { firstDay, lastDay, type PartialDate } from "../format/dates.ts";
import type { EventRecord } from "../data/editions.ts";
import type { EventFile, EventType, Strand } from "../data/contract/schema.ts";

/**
 * What a total says of the true number, from what its parts say: exact when
 * every part is exact; `at least` when a part is a lower bound ("over 75") or
 * missing; `about` when a part is an approximation ("about 50"); `about or
 * more` when it has parts of both kinds.
 */
export type TotalPrecision = "exact" | "at least" | "about" | "about or more";

/** A sum of figures, and what it says of the true number. */
export interface Total {
  readonly value: number;
  readonly precision: TotalPrecision;
  /** The true number may be higher: a part was a lower bound or missing. */
  readonly atLeast: boolean;
  /** How many of the summed events stated the figure at all. */
  readonly reported: number;
  /** How many events it is over: when more than `reported`, the total covers only some of them. */
  readonly of: number;
}

/** A total of the key figures, with the words the report prints for it. */
export interface FigureTotal extends Total {
  /** `at least 90`; `not reported` when no event stated the figure. */
  readonly valueText: string;
  /** `from 3 of 6 activities`, when some of the events did not state the figure. */
  readonly coverage?: string;
  /** `at least 90, from 3 of 6 activities`: what the key figures print. */
  readonly text: string;
}

/** A number of distinct states or organisations, with their codes or names (sorted). */
export interface DistinctTotal extends FigureTotal {
  readonly items: readonly string[];
}

/** `97`, `at least 97`, `about 97`, `about 97 or more`. */
export function formatTotal(total: Total, language: Language = english()): string {
  return language.t("figures.totalValue", { precision: total.precision.replace(/ /g, "_"), n: language.number(total.value) });
}

/** What events a total is over: the events held, or the trainings among them. */
type Over = "activities" | "trainings";

/** The words of a total: its value, and what part of the events it is from when some did not state the figure. */
export function describeTotal<T extends Total>(total: T, over: Over = "activities", language: Language = english()): T & FigureTotal {
  if (total.reported === 0) {
    const none = language.t("figures.notReported");
    return { ...total, valueText: none, text: none };
  }
  const valueText = formatTotal(total, language);
  if (total.reported >= total.of) return { ...total, valueText, text: valueText };
  const coverage = language.t("figures.coverage", { over, reported: total.reported, of: total.of });
  return { ...total, valueText, coverage, text: language.t("figures.withCoverage", { value: valueText, coverage }) };
}

/** The key figures, in the order printed; each has its label `figures.labels.<id>` in the catalogue. */
export const FIGURE_IDS = ["events", "participants", "states", "countries", "organisationsPresent", "organisations", "delegations", "trainings", "trainees", "women"] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** The labels of the key figures: the report's words for each, from the catalogue. */
export function figureLabels(language: Language = english()): Readonly<Record<FigureId, string>> {
  return Object.fromEntries(FIGURE_IDS.map((id) => [id, language.t(`figures.labels.${id}`)])) as Record<FigureId, string>;
}

/** The chronology's columns, in their order: short, as the table is narrow; each names the figure its total adds up to. */
export const COLUMN_FIELDS: readonly CountField[] = ["participants", "countries", "organisations", "delegations", "women"];

/** The chronology's column labels (`figures.columns.<field>`). */
export function columnLabels(language: Language = english()): Readonly<Record<CountField, string>> {
  return Object.fromEntries(COLUMN_FIELDS.map((field) => [field, language.t(`figures.columns.${field}`)])) as Record<CountField, string>;
}

/** One key figure as printed: its label, its value, and the part of the events it is from. */
export interface KeyFigure {
  readonly id: FigureId;
  readonly label: string;
  readonly value: string;
  readonly coverage?: string;
}

/** A column of the chronology: a figure that some held event states, with its total. */
export interface FigureColumn {
  readonly field: CountField;
  readonly label: string;
  readonly total: FigureTotal;
}

export interface Figures {
  /** Events held, each once however many strands it appears under. */
  readonly events: number;
  readonly planned: number;
  readonly cancelled: number;
  /** Held events by type, in the order of event-types.yaml; types without events left out. */
  readonly byType: readonly { readonly type: EventType; readonly count: number }[];
  /** Held events by the strand that reports them in full, in report order; `joint` of them are shared with other strands. */
  readonly byStrand: readonly { readonly strand: Strand; readonly count: number; readonly joint: number }[];
  readonly participants: FigureTotal;
  /** Delegations of states, summed over the events: a state at three meetings counts three times. */
  readonly countries: FigureTotal;
  /** The distinct states that the events name, over the events that name them. */
  readonly states: DistinctTotal;
  /** Delegations of organisations, summed over the events. */
  readonly organisations: FigureTotal;
  /** The distinct organisations that the events name, over the events that name them. */
  readonly organisationsPresent: DistinctTotal;
  /** Combined delegations of states and organisations, where a source gives only that; never part of countries or organisations. */
  readonly delegations: FigureTotal;
  readonly women: FigureTotal;
  /** Women as a share of participants, over the events that state both exactly; undefined when none does. */
  readonly womenShare?: number;
  readonly trainings: number;
  /** The participants of the trainings, over the trainings. */
  readonly trainees: FigureTotal;
  /** The words of each figure, for the parts that name one outside the key figures (Annex B). */
  readonly labels: Readonly<Record<FigureId, string>>;
  /** The key figures in the order printed, each that the year's events give. */
  readonly key: readonly KeyFigure[];
  /** The chronology's figure columns: those that a held event states, in the order of COLUMN_FIELDS. */
  readonly columns: readonly FigureColumn[];
  /** Some column's total is from only some of the activities: the chronology says from how many of each. */
  readonly columnsPartial: boolean;
  /** Held events by the month they began, each month of the report's span; `counts` follow `byType`. */
  readonly byMonth: readonly MonthRow[];
  /** Held events dated only by year, which no month can show. */
  readonly undatedInMonth: number;
}

export interface MonthRow {
  /** `2018-05` */
  readonly key: string;
  /** `May 2018` */
  readonly label: string;
  /** `May` */
  readonly short: string;
  readonly counts: readonly number[];
  readonly total: number;
}

export type CountField = "participants" | "countries" | "organisations" | "delegations" | "women";

/**
 * An event's figure: as written, else, for countries and organisations, the
 * number of states or organisations it names. Every figure of an event, in
 * its entry, the chronology and the totals, is read through this.
 */
export function countOf(event: EventFile, field: CountField): Count | undefined {
  const named = field === "countries" ? event.states : field === "organisations" ? event.participating_organisations : undefined;
  return event[field] ?? (named ? { value: new Set(named).size } : undefined);
}

/**
 * The distinct items that events name (`list`), over the events: exact when
 * every event names them all; at least, when an event names none or fewer
 * than its count says.
 */
function distinct(events: readonly EventFile[], list: (e: EventFile) => readonly string[] | undefined, count: (e: EventFile) => Count | undefined, language: Language): DistinctTotal {
  const items = new Set<string>();
  let reported = 0;
  let complete = true;
  for (const e of events) {
    const named = list(e);
    const stated = count(e);
    if (!named) {
      complete = false;
      continue;
    }
    reported += 1;
    for (const item of named) items.add(item);
    if (stated && (stated.value > new Set(named).size || precisionOf(stated) === "lower bound")) complete = false;
  }
  const total: Total = { value: items.size, precision: complete ? "exact" : "at least", atLeast: !complete, reported, of: events.length };
  return { ...describeTotal(total, "activities", language), items: [...items].sort((a, b) => a.localeCompare(b, "en")) };
}

export function sumCounts(counts: readonly (Count | undefined)[]): Total {
  let value = 0;
  let reported = 0;
  let atLeast = false;
  let about = false;
  for (const count of counts) {
    if (count === undefined) {
      atLeast = true;
      continue;
    }
    value += count.value;
    reported += 1;
    const precision = precisionOf(count);
    if (precision === "lower bound") atLeast = true;
    if (precision === "approximate") about = true;
  }
  const precision: TotalPrecision = about ? (atLeast ? "about or more" : "about") : atLeast ? "at least" : "exact";
  return { value, precision, atLeast, reported, of: counts.length };
}

/** Every month from the one of `from` to the one of `to`. */
function monthsOf(from: PartialDate, to: PartialDate, language: Language): { key: string; label: string; short: string }[] {
  const months = [];
  for (let m = firstDay(from).startOf("month"); m <= lastDay(to); m = m.plus({ months: 1 })) {
    months.push({ key: m.toFormat("yyyy-MM"), label: language.monthYear(m.year, m.month), short: language.monthShort(m.year, m.month) });
  }
  return months;
}

export function computeFigures(
  events: readonly EventRecord[],
  reference: { readonly eventTypes: readonly EventType[]; readonly strands: readonly Strand[] },
  span: { readonly from: PartialDate; readonly to: PartialDate },
  language: Language = english(),
): Figures {
  const labels = figureLabels(language);
  const describe = <T extends Total>(total: T, over: Over = "activities") => describeTotal(total, over, language);
  const held = events.filter((e) => (e.status ?? "held") === "held");
  const sum = (list: readonly EventRecord[], field: CountField) => sumCounts(list.map((e) => countOf(e, field)));
  const trainingTypes = new Set(reference.eventTypes.filter((t) => t.training).map((t) => t.id));
  const trainings = held.filter((e) => trainingTypes.has(e.type));

  const exact = held.filter((e) => e.women && e.participants && !e.women.qualifier && !e.participants.qualifier);
  const exactParticipants = exact.reduce((n, e) => n + e.participants!.value, 0);
  const exactWomen = exact.reduce((n, e) => n + e.women!.value, 0);
  const womenShare = exactParticipants > 0 ? exactWomen / exactParticipants : undefined;

  const byType = reference.eventTypes
    .map((type) => ({ type, count: held.filter((e) => e.type === type.id).length }))
    .filter((row) => row.count > 0);
  const monthKey = (e: EventRecord) => (e.date.precision === "year" ? undefined : firstDay(e.date).toFormat("yyyy-MM"));
  const byMonth = monthsOf(span.from, span.to, language).map((month) => {
    const inMonth = held.filter((e) => monthKey(e) === month.key);
    const counts = byType.map((row) => inMonth.filter((e) => e.type === row.type.id).length);
    return { ...month, counts, total: inMonth.length };
  });

  const totals = {
    participants: describe(sum(held, "participants")),
    countries: describe(sum(held, "countries")),
    organisations: describe(sum(held, "organisations")),
    // Over the events that give it: the others give countries and organisations instead, so it is not "at least" for
    // them; but it is from only those events, and says so.
    delegations: describe({ ...sumCounts(held.flatMap((e) => (e.delegations ? [e.delegations] : []))), of: held.length }),
    women: describe(sum(held, "women")),
  };
  const states = distinct(held, (e) => e.states, (e) => e.countries, language);
  const organisationsPresent = distinct(held, (e) => e.participating_organisations, (e) => e.organisations, language);
  const trainees = describe(sum(trainings, "participants"), "trainings");
  const womenCoverage = womenShare === undefined ? undefined : describe({ ...totals.women, reported: exact.length }).coverage;
  const percent = womenShare === undefined ? undefined : language.t("figures.percent", { n: Math.round(womenShare * 100) });

  const shown = (id: KeyFigure["id"], total: FigureTotal): KeyFigure[] =>
    total.reported > 0 ? [{ id, label: labels[id], value: total.valueText, ...(total.coverage ? { coverage: total.coverage } : {}) }] : [];
  const key: KeyFigure[] = [
    { id: "events", label: labels.events, value: language.number(held.length) },
    ...shown("participants", totals.participants),
    ...shown("states", states),
    ...shown("countries", totals.countries),
    ...shown("organisationsPresent", organisationsPresent),
    ...shown("organisations", totals.organisations),
    ...shown("delegations", totals.delegations),
    ...(trainings.length > 0 ? [{ id: "trainings" as const, label: labels.trainings, value: language.number(trainings.length) }] : []),
    // Said even when no training stated its trainees: a reader must not take the silence for none.
    ...(trainings.length > 0 ? [{ id: "trainees" as const, label: labels.trainees, value: trainees.valueText, ...(trainees.coverage ? { coverage: trainees.coverage } : {}) }] : []),
    ...(percent ? [{ id: "women" as const, label: labels.women, value: percent, ...(womenCoverage ? { coverage: womenCoverage } : {}) }] : []),
  ];

  const columnLabel = columnLabels(language);
  const columns = COLUMN_FIELDS
    .filter((field) => totals[field].reported > 0)
    .map((field) => ({ field, label: columnLabel[field], total: totals[field] }));

  return {
    events: held.length,
    planned: events.filter((e) => e.status === "planned").length,
    cancelled: events.filter((e) => e.status === "cancelled").length,
    byType,
    byStrand: reference.strands
      .map((strand) => {
        const lead = held.filter((e) => e.strands[0] === strand.id);
        return { strand, count: lead.length, joint: lead.filter((e) => e.strands.length > 1).length };
      })
      .filter((row) => row.count > 0),
    ...totals,
    states,
    organisationsPresent,
    ...(womenShare !== undefined ? { womenShare } : {}),
    trainings: trainings.length,
    trainees,
    labels,
    key,
    columns,
    columnsPartial: columns.some((c) => c.total.coverage !== undefined),
    byMonth,
    undatedInMonth: held.filter((e) => monthKey(e) === undefined).length,
  };
}

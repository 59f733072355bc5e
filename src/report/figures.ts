/**
 * The key figures of a report, computed once from its events: the page "The
 * year at a glance", the PDF and the annex all read them from here.
 */
import { formatNumber, precisionOf, type Count } from "../format/counts.ts";
import { firstDay, lastDay, type PartialDate } from "../format/dates.ts";
import type { EventRecord } from "../data/load.ts";
import type { EventType, Strand } from "../data/schema.ts";

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
}

/** `97`, `at least 97`, `about 97`, `about 97 or more`. */
export function formatTotal(total: Total): string {
  const number = formatNumber(total.value);
  switch (total.precision) {
    case "exact": return number;
    case "at least": return `at least ${number}`;
    case "about": return `about ${number}`;
    case "about or more": return `about ${number} or more`;
  }
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
  readonly participants: Total;
  readonly countries: Total;
  readonly organisations: Total;
  /** Combined delegations of states and organisations, where a source gives only that; never part of countries or organisations. */
  readonly delegations: Total;
  readonly women: Total;
  /** Women as a share of participants, over the events that state both exactly; undefined when none does. */
  readonly womenShare?: number;
  readonly trainings: number;
  readonly trainees: Total;
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

type CountField = "participants" | "countries" | "organisations" | "delegations" | "women";

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
  return { value, precision, atLeast, reported };
}

/** Every month from the one of `from` to the one of `to`. */
function monthsOf(from: PartialDate, to: PartialDate): { key: string; label: string; short: string }[] {
  const months = [];
  for (let m = firstDay(from).startOf("month"); m <= lastDay(to); m = m.plus({ months: 1 })) {
    months.push({ key: m.toFormat("yyyy-MM"), label: m.toFormat("LLLL yyyy"), short: m.toFormat("LLL") });
  }
  return months;
}

export function computeFigures(
  events: readonly EventRecord[],
  reference: { readonly eventTypes: readonly EventType[]; readonly strands: readonly Strand[] },
  span: { readonly from: PartialDate; readonly to: PartialDate },
): Figures {
  const held = events.filter((e) => (e.status ?? "held") === "held");
  const sum = (list: readonly EventRecord[], field: CountField) => sumCounts(list.map((e) => e[field]));
  const trainingTypes = new Set(reference.eventTypes.filter((t) => t.training).map((t) => t.id));
  const trainings = held.filter((e) => trainingTypes.has(e.type));

  const exact = held.filter((e) => e.women && e.participants && !e.women.qualifier && !e.participants.qualifier);
  const exactParticipants = exact.reduce((n, e) => n + e.participants!.value, 0);
  const exactWomen = exact.reduce((n, e) => n + e.women!.value, 0);

  const byType = reference.eventTypes
    .map((type) => ({ type, count: held.filter((e) => e.type === type.id).length }))
    .filter((row) => row.count > 0);
  const monthKey = (e: EventRecord) => (e.date.precision === "year" ? undefined : firstDay(e.date).toFormat("yyyy-MM"));
  const byMonth = monthsOf(span.from, span.to).map((month) => {
    const inMonth = held.filter((e) => monthKey(e) === month.key);
    const counts = byType.map((row) => inMonth.filter((e) => e.type === row.type.id).length);
    return { ...month, counts, total: inMonth.length };
  });

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
    participants: sum(held, "participants"),
    countries: sum(held, "countries"),
    organisations: sum(held, "organisations"),
    // Over the events that give it: the others give countries and organisations instead, and are not missing it.
    delegations: sumCounts(held.flatMap((e) => (e.delegations ? [e.delegations] : []))),
    women: sum(held, "women"),
    ...(exactParticipants > 0 ? { womenShare: exactWomen / exactParticipants } : {}),
    trainings: trainings.length,
    trainees: sum(trainings, "participants"),
    byMonth,
    undatedInMonth: held.filter((e) => monthKey(e) === undefined).length,
  };
}

/**
 * The key figures of a report, computed once from its events: the page "The
 * year at a glance", the PDF and the annex all read them from here.
 */
import type { Count } from "../format/counts.ts";
import type { EventRecord } from "../data/load.ts";
import type { EventType, Strand } from "../data/schema.ts";

/** A sum of figures; `atLeast` when some events gave no figure or a qualified one. */
export interface Total {
  readonly value: number;
  readonly atLeast: boolean;
  /** How many of the summed events stated the figure at all. */
  readonly reported: number;
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
  readonly women: Total;
  /** Women as a share of participants, over the events that state both exactly; undefined when none does. */
  readonly womenShare?: number;
  readonly trainings: number;
  readonly trainees: Total;
}

type CountField = "participants" | "countries" | "organisations" | "women";

export function sumCounts(counts: readonly (Count | undefined)[]): Total {
  let value = 0;
  let reported = 0;
  let atLeast = false;
  for (const count of counts) {
    if (count === undefined) {
      atLeast = true;
      continue;
    }
    value += count.value;
    reported += 1;
    if (count.qualifier !== undefined) atLeast = true;
  }
  return { value, atLeast, reported };
}

export function computeFigures(
  events: readonly EventRecord[],
  reference: { readonly eventTypes: readonly EventType[]; readonly strands: readonly Strand[] },
): Figures {
  const held = events.filter((e) => (e.status ?? "held") === "held");
  const sum = (list: readonly EventRecord[], field: CountField) => sumCounts(list.map((e) => e[field]));
  const trainingTypes = new Set(reference.eventTypes.filter((t) => t.training).map((t) => t.id));
  const trainings = held.filter((e) => trainingTypes.has(e.type));

  const exact = held.filter((e) => e.women && e.participants && !e.women.qualifier && !e.participants.qualifier);
  const exactParticipants = exact.reduce((n, e) => n + e.participants!.value, 0);
  const exactWomen = exact.reduce((n, e) => n + e.women!.value, 0);

  return {
    events: held.length,
    planned: events.filter((e) => e.status === "planned").length,
    cancelled: events.filter((e) => e.status === "cancelled").length,
    byType: reference.eventTypes
      .map((type) => ({ type, count: held.filter((e) => e.type === type.id).length }))
      .filter((row) => row.count > 0),
    byStrand: reference.strands
      .map((strand) => {
        const lead = held.filter((e) => e.strands[0] === strand.id);
        return { strand, count: lead.length, joint: lead.filter((e) => e.strands.length > 1).length };
      })
      .filter((row) => row.count > 0),
    participants: sum(held, "participants"),
    countries: sum(held, "countries"),
    organisations: sum(held, "organisations"),
    women: sum(held, "women"),
    ...(exactParticipants > 0 ? { womenShare: exactWomen / exactParticipants } : {}),
    trainings: trainings.length,
    trainees: sum(trainings, "participants"),
  };
}

/** The pages that gather events across years: one per strand, type, country and topic. */
import type { DataSet } from "../data/load.ts";
import type { Lookups } from "./lookups.ts";
import { hubUrl, reportUrl } from "./urls.ts";
import type { EventView, GoalView, HubIndexView, HubKind, HubView } from "./views.ts";

interface HubEntry {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly goal?: GoalView;
  readonly match: (e: EventView) => boolean;
}

/** Each kind of hub: its index page's title, and the entries it has. */
const HUB_KINDS: readonly { kind: HubKind; title: string; singular: string; keepEmpty?: boolean; entries(data: DataSet, events: readonly EventView[], refs: Lookups): HubEntry[] }[] = [
  {
    kind: "strands", title: "Strands", singular: "strand",
    entries: (data) => data.strands.map((s) => ({ id: s.id, title: s.title, description: s.description, match: (e) => e.strands.some((x) => x.id === s.id) })),
  },
  {
    kind: "types", title: "Types of activity", singular: "type",
    entries: (data) => data.eventTypes.map((t) => ({ id: t.id, title: t.plural, match: (e) => e.type.id === t.id })),
  },
  {
    kind: "countries", title: "Countries", singular: "country",
    // The countries where events took place, by name.
    entries: (_data, events, refs) => [...new Set(events.flatMap((e) => (e.place ? [e.place.country.code] : [])))]
      .map((code) => ({ id: code, title: refs.country(code).name, match: (e: EventView) => e.place?.country.code === code }))
      .sort((a, b) => a.title.localeCompare(b.title, "en")),
  },
  {
    kind: "topics", title: "Topics", singular: "topic",
    entries: (data) => data.topics.map((t) => ({ id: t.id, title: t.label, match: (e) => e.topics.some((x) => x.id === t.id) })),
  },
  {
    // Every goal has a page, one with no activity yet included: that is itself news for a meeting reviewing progress.
    kind: "goals", title: "Priority goals", singular: "goal", keepEmpty: true,
    entries: (_data, _events, refs) => [...refs.goals.values()].map((goal) => ({
      id: goal.id,
      title: goal.title,
      goal,
      match: (e: EventView) => e.goals.some((g) => g.id === goal.id),
    })),
  },
];

/** The events by report year, each year linked to its report when `reports` (the years built) hold it. */
function countByYear(events: readonly EventView[], reports: ReadonlySet<number>): HubView["byYear"] {
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.reportYear, (counts.get(e.reportYear) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => b - a).map(([year, count]) => ({ year, count, ...(reports.has(year) ? { url: reportUrl(year) } : {}) }));
}

/** Every kind's index with its hubs; a hub without events has no page. `reports` are the years whose reports the build makes. */
export function hubIndexes(data: DataSet, events: readonly EventView[], refs: Lookups, reports: ReadonlySet<number>): HubIndexView[] {
  return HUB_KINDS.map(({ kind, title, singular, keepEmpty, entries }) => ({
    kind, title, singular, url: `/${kind}/`,
    hubs: entries(data, events, refs).flatMap(({ id, title: hubTitle, description, goal, match }): HubView[] => {
      const own = events.filter(match);
      if (own.length === 0 && !keepEmpty) return [];
      return [{ kind, kindTitle: title, id, title: hubTitle, url: hubUrl(kind, id), description, ...(goal ? { goal } : {}), events: [...own].reverse(), byYear: countByYear(own, reports) }];
    }),
  }));
}

/** The pages that gather events across years: one per strand, type, country and topic. */
import type { DataSet } from "../data/load.ts";
import type { Language } from "../format/language.ts";
import type { Lookups } from "./lookups.ts";
import type { HubKind } from "./urls.ts";
import type { EventView, GoalView, HubIndexView, HubView } from "./views.ts";

interface HubEntry {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly goal?: GoalView;
  readonly match: (e: EventView) => boolean;
}

/** Each kind of hub, and the entries it has; its index page's title and its singular are `hubs.<kind>.title` and `.singular` in the catalogue. */
const HUB_KINDS: readonly { kind: HubKind; keepEmpty?: boolean; entries: (data: DataSet, events: readonly EventView[], refs: Lookups, reports: ReadonlySet<number>) => HubEntry[] }[] = [
  {
    kind: "strands",
    entries: (data) => data.strands.map((s) => ({ id: s.id, title: s.title, description: s.description, match: (e) => e.strands.some((x) => x.id === s.id) })),
  },
  {
    kind: "types",
    entries: (data) => data.eventTypes.map((t) => ({ id: t.id, title: t.plural, match: (e) => e.type.id === t.id })),
  },
  {
    kind: "countries",
    // The countries where events took place, by name.
    entries: (_data, events, refs) => [...new Set(events.flatMap((e) => (e.place ? [e.place.country.code] : [])))]
      .map((code) => ({ id: code, title: refs.country(code).name, match: (e: EventView) => e.place?.country.code === code }))
      .sort((a, b) => a.title.localeCompare(b.title, refs.lang)),
  },
  {
    kind: "topics",
    entries: (data) => data.topics.map((t) => ({ id: t.id, title: t.label, match: (e) => e.topics.some((x) => x.id === t.id) })),
  },
  {
    // Every goal has a page, one with no activity yet included: that is itself news for a meeting reviewing progress.
    kind: "goals", keepEmpty: true,
    // In a further language, the goals of the frameworks in force in its reports: those its editions translate.
    entries: (data, _events, refs, reports) => [...refs.goals.values()].filter((goal) => {
      if (data.lang === "en") return true;
      const framework = data.frameworks.find((f) => f.id === goal.framework.id);
      return framework !== undefined && [...reports].some((year) => year >= framework.from && year <= framework.to);
    }).map((goal) => ({
      id: goal.id,
      title: goal.title,
      goal,
      match: (e: EventView) => e.goals.some((g) => g.id === goal.id),
    })),
  },
];

/** The events by report year, each year linked to its report when `reports` (the years built) hold it. */
function countByYear(events: readonly EventView[], reports: ReadonlySet<number>, refs: Lookups): HubView["byYear"] {
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.reportYear, (counts.get(e.reportYear) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => b - a).map(([year, count]) => ({ year, count, ...(reports.has(year) ? { url: refs.urls.report(year) } : {}) }));
}

/** Every kind's index with its hubs; a hub without events has no page. `reports` are the years whose reports the build makes. */
export function hubIndexes(data: DataSet, events: readonly EventView[], refs: Lookups, reports: ReadonlySet<number>, language: Language): HubIndexView[] {
  return HUB_KINDS.map(({ kind, keepEmpty, entries }) => {
    const title = language.t(`hubs.${kind}.title`);
    return {
    lang: language.lang, kind, title, singular: language.t(`hubs.${kind}.singular`), url: refs.urls.hubIndex(kind),
    hubs: entries(data, events, refs, reports).flatMap(({ id, title: hubTitle, description, goal, match }): HubView[] => {
      const own = events.filter(match);
      if (own.length === 0 && !keepEmpty) return [];
      return [{ lang: language.lang, kind, kindTitle: title, kindUrl: refs.urls.hubIndex(kind), id, title: hubTitle, url: refs.urls.hub(kind, id), description, ...(goal ? { goal } : {}), events: [...own].reverse(), byYear: countByYear(own, reports, refs) }];
    }),
    };
  });
}

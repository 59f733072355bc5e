/** Each event as the report prints it: dateline, figures and links resolved. */
import type { EventRecord } from "../data/load.ts";
import { formatCount } from "../format/counts.ts";
import { formatDateRange } from "../format/dates.ts";
import type { Lookups } from "./lookups.ts";
import { anchorOf, eventUrl, reportUrl } from "./urls.ts";
import type { EventView, FigureView } from "./views.ts";

const COUNT_WORDS: Record<FigureView["field"], [string, string]> = {
  participants: ["participant", "participants"],
  countries: ["country", "countries"],
  organisations: ["organisation", "organisations"],
  women: ["woman", "women"],
};

function figuresOf(event: EventRecord): FigureView[] {
  return (Object.keys(COUNT_WORDS) as FigureView["field"][]).flatMap((field) => {
    const count = event[field];
    if (!count) return [];
    const [one, many] = COUNT_WORDS[field];
    return [{ field, count, text: `${formatCount(count)} ${count.value === 1 && !count.qualifier ? one : many}` }];
  });
}

function eventView(e: EventRecord, refs: Lookups): EventView {
  const where = refs.place(e.place);
  const dateText = formatDateRange(e.date, e.end);
  const location = e.online ? (where ? `${where.name} (online)` : "Online") : where!.name;
  const figures = figuresOf(e);
  return {
    id: e.id,
    anchor: anchorOf("event", e.id),
    url: eventUrl(e.reportYear, e.id),
    title: e.title,
    type: refs.types.get(e.type)!,
    date: e.date,
    end: e.end,
    dateText,
    location,
    dateline: `${location}, ${dateText}`,
    place: where,
    online: e.online ?? false,
    strands: e.strands.map((s) => refs.strands.get(s)!),
    figures,
    counts: Object.fromEntries(figures.map((f) => [f.field, formatCount(f.count)])),
    partners: e.partners ?? [],
    topics: (e.topics ?? []).map((t) => refs.topics.get(t)!),
    summary: e.summary,
    body: e.body,
    sources: e.sources ?? [],
    status: e.status ?? "held",
    reportYear: e.reportYear,
    reportUrl: reportUrl(e.reportYear),
  };
}

/** The events, in the order given (time order), each linked to its neighbours. */
export function eventViews(records: readonly EventRecord[], refs: Lookups): EventView[] {
  const views = records.map((e) => eventView(e, refs));
  const neighbour = (e: EventView | undefined) => e && { label: e.title, url: e.url, dateline: e.dateline };
  return views.map((e, i) => ({ ...e, previous: neighbour(views[i - 1]), next: neighbour(views[i + 1]) }));
}

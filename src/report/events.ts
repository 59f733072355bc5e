/** Each event as the report prints it: dateline, figures and links resolved. */
import type { EventRecord } from "../data/editions.ts";
import { qualifierKey, type Language } from "../format/language.ts";
import { goalLine } from "./goals.ts";
import type { Lookups } from "./lookups.ts";
import { countOf } from "./figures.ts";
import { anchorOf } from "./urls.ts";
import type { DocumentView, EventReportLink, EventView, FigureView } from "./views.ts";
import type { DocumentFile } from "../data/contract/schema.ts";

/** The figures an entry states, in the order it states them; each has its message `event.figures.<field>`. */
const FIGURE_FIELDS: readonly FigureView["field"][] = ["participants", "countries", "organisations", "delegations", "women"];

/** `English, Russian` */
export const languageList = (versions: DocumentView["versions"], language: Language): string => versions.map((v) => v.name).join(`${language.t("punctuation.comma")} `);

/** A document as the report lists it, in the report's language (`words`): its kind, and the names of its languages. */
function documentView(d: DocumentFile, words: Language, titleLang: string | undefined): DocumentView {
  const versions = Object.entries(d.versions).map(([language, link]) => ({
    language,
    name: words.languageName(language) ?? language,
    // A file under documents/ is published at the same path.
    ...(link?.url ? { url: link.url } : link?.file ? { url: `/${link.file}` } : {}),
  }));
  const adopted = d.adopted ?? false;
  return {
    title: d.title, kind: d.kind, kindLabel: words.t(`documents.kinds.${d.kind}`), adopted,
    ...(d.adopted_by ? { adoptedBy: d.adopted_by } : {}),
    // Who adopted it only as the data says: no qualifier is invented where it says none.
    ...(adopted ? { adoptedText: d.adopted_by ? words.t("documents.adoptedBy", { by: d.adopted_by }) : words.t("documents.adopted") } : {}),
    versions, languages: languageList(versions, words),
    ...(titleLang ? { titleLang } : {}),
  };
}

function figuresOf(event: EventRecord, language: Language): FigureView[] {
  return FIGURE_FIELDS.flatMap((field) => {
    const count = countOf(event, field);
    if (!count) return [];
    // The qualifier itself, as the catalogue's count.qualified selects it: a language may agree the noun with it.
    const values = { qualified: count.qualifier === undefined ? "no" : qualifierKey(count.qualifier), count: language.count(count), n: count.value };
    return [{ field, count, text: language.t(`event.figures.${field}`, values) }];
  });
}

/** Where each event is shown, by the report model (model.ts). */
export interface EventPlaces {
  /** The report that shows the event, if one does in this build. */
  reportOf(e: EventRecord): EventReportLink | undefined;
  /** Whether this build makes the event's page. */
  hasPage(e: EventRecord): boolean;
}

function eventView(e: EventRecord, refs: Lookups, places: EventPlaces, language: Language): EventView {
  const report = places.reportOf(e);
  const where = refs.place(e.place);
  const dateText = language.dateRange(e.date, e.end);
  const location = e.online ? (where ? language.t("event.location.online", { place: where.name }) : language.t("event.location.onlineOnly")) : where!.name;
  const figures = figuresOf(e, language);
  const goals = refs.goalsOf(e.goals ?? []);
  // The event's texts English stands in for: by field, and each document's title by its place in the list.
  const group = `event:${e.id}`;
  const english = refs.standIns(group);
  const documentTexts = refs.standIns(group, (p) => (p[0] === "documents" ? 3 : 1));
  return {
    lang: language.lang,
    id: e.id,
    anchor: anchorOf("event", e.id),
    url: refs.urls.event(e.reportYear, e.id),
    title: e.title,
    type: refs.types.get(e.type)!,
    date: e.date,
    end: e.end,
    dateText,
    location,
    dateline: language.t("event.dateline", { place: location, date: dateText }),
    place: where,
    online: e.online ?? false,
    strands: e.strands.map((s) => refs.strands.get(s)!),
    figures,
    counts: Object.fromEntries(figures.map((f) => [f.field, language.count(f.count)])),
    partners: e.partners ?? [],
    states: (e.states ?? []).map((code) => ({ code, name: refs.country(code).name })).sort((a, b) => a.name.localeCompare(b.name, language.lang)),
    organisationsPresent: e.participating_organisations ?? [],
    topics: (e.topics ?? []).map((t) => refs.topics.get(t)!),
    summary: e.summary,
    body: e.body,
    outcomes: e.outcomes,
    host: e.host,
    chairs: e.chairs ?? [],
    goals,
    goalLine: goalLine(goals, language),
    documents: (e.documents ?? []).map((d, i) => documentView(d, language, documentTexts[`documents.${i}.title`])),
    sources: e.sources ?? [],
    status: e.status ?? "held",
    reportYear: e.reportYear,
    ...(report ? { report } : {}),
    hasPage: places.hasPage(e),
    draft: refs.draft(e.reportYear),
    ...(refs.translation(e.reportYear) ? { translation: refs.translation(e.reportYear) } : {}),
    english,
    untranslated: Object.keys(english).length > 0,
  };
}

/** The events, in the order given (time order), each linked to its neighbours. */
export function eventViews(records: readonly EventRecord[], refs: Lookups, places: EventPlaces, language: Language): EventView[] {
  const views = records.map((e) => eventView(e, refs, places, language));
  const neighbour = (e: EventView | undefined) => e && { label: e.title, url: e.url, dateline: e.dateline };
  return views.map((e, i) => ({ ...e, previous: neighbour(views[i - 1]), next: neighbour(views[i + 1]) }));
}

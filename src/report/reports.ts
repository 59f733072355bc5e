/** Each report year as the report prints it: its chapters and parts, figures, imprint and the sentences it says about itself. */
import type { EventRecord } from "../data/editions.ts";
import type { DataSet } from "../data/load.ts";
export { outlookYear, reportSpan, type ReportSpan } from "../data/editions.ts";
import { entryOf } from "../data/lookup.ts";
import { frameworksInForce } from "../data/rules/frameworks.ts";
import type { Edition, Framework } from "../data/contract/schema.ts";
import { outlookYear, reportSpan, type ReportSpan } from "../data/editions.ts";
import type { PartialDate } from "../format/dates.ts";
import type { Language } from "../format/language.ts";
import type { MessageValues } from "../format/messages.ts";
import { countryName } from "../data/countries.ts";
import { abbreviationsUsed, printedTexts } from "./abbreviations.ts";
import { computeFigures } from "./figures.ts";
import { supersededReleases, versionedPdfName } from "./corrigenda.ts";
import type { Lookups } from "./lookups.ts";
import { reportParts } from "./parts.ts";
import { anchorOf } from "./urls.ts";
import type { ChapterView, EditionView, EventView, GoalsProgressView, MeetingView, PlaceView, ReportView } from "./views.ts";

/** What every report of a site shares. */
export interface ReportContext {
  readonly data: DataSet;
  readonly refs: Lookups;
  /** The records behind the events, by id (for the figures, which count what was written). */
  readonly records: ReadonlyMap<string, EventRecord>;
  /** `Budapest Process Secretariat` */
  readonly secretariatName: string;
  /** The planned events of every year, in time order, for the outlooks. */
  readonly planned: readonly EventView[];
  /** The period of every report of the data (not only those built), for the outlooks. */
  readonly spans: readonly ReportSpan[];
  readonly language: Language;
}

/**
 * What the sentences about a meeting are made of: whether it is numbered, its number, place and date. Each
 * language's catalogue makes the meeting's name of them in the form its sentence needs ("presented to the 15th
 * Senior Officials Meeting"; in Russian the case the verb asks for).
 */
function meetingValues(meeting: MeetingView | undefined): MessageValues {
  return meeting
    ? { meeting: "yes", numbered: meeting.number === undefined ? "no" : "yes", number: meeting.number ?? 0, place: meeting.place, date: meeting.dateText }
    : { meeting: "no", numbered: "no", number: 0, place: "", date: "" };
}

function meetingView(som: NonNullable<Edition["som"]>, refs: Lookups, language: Language): MeetingView {
  const numbered = { numbered: som.number === undefined ? "no" : "yes", number: som.number ?? 0 };
  const ordinal = som.number === undefined ? undefined : language.t("meeting.ordinal", { number: som.number });
  const name = language.t("meeting.name", numbered);
  const place = refs.place(som.place)!.name;
  const dateText = language.date(som.date);
  return { number: som.number, ordinal, name, place, placeId: som.place, dateText, iso: som.date.iso, text: language.t("meeting.text", { ...numbered, place, date: dateText }) };
}

function editionView(edition: Edition, refs: Lookups, language: Language): EditionView {
  return {
    chair: edition.chair,
    coChair: edition.co_chair,
    foreword: edition.foreword,
    signatories: edition.signatories ?? [],
    summary: edition.summary,
    outlook: edition.outlook,
    draft: edition.status === "draft",
    som: edition.som && meetingView(edition.som, refs, language),
  };
}

/**
 * One chapter per strand with events or with the year's texts for it, in the
 * strands' order: its own events in full, joint ones as cross-references,
 * the edition's introduction and highlights.
 */
function chaptersOf(events: readonly EventView[], data: DataSet, refs: Lookups, edition: Edition | undefined): ChapterView[] {
  return data.strands
    .map((strand) => {
      const texts = entryOf(edition?.strands, strand.id);
      return {
        strand: refs.strands.get(strand.id)!,
        events: events.filter((e) => e.strands[0]!.id === strand.id),
        crossReferences: events.filter((e) => e.strands.slice(1).some((s) => s.id === strand.id)),
        ...(texts?.introduction ? { introduction: texts.introduction } : {}),
        ...(texts?.highlights ? { highlights: texts.highlights } : {}),
      };
    })
    .filter((c) => c.events.length + c.crossReferences.length > 0 || c.introduction !== undefined || c.highlights !== undefined)
    .map((c, i) => ({ ...c, number: i + 1, anchor: anchorOf("strand", c.strand.id) }));
}

/** For each framework in force in the years `from` to `to`: each goal with the held activities that served it, and the table of goals by chapter. */
export function goalsProgress(events: readonly EventView[], chapters: readonly ChapterView[], numbers: Readonly<Record<string, string>>, frameworks: readonly Framework[], refs: Lookups, years: { from: number; to: number }): GoalsProgressView[] {
  const held = events.filter((e) => e.status === "held");
  return frameworksInForce(frameworks, years.from, years.to).map((framework) => {
    const goals = framework.goals.map((g) => refs.goals.get(g.id)!);
    const serves = (e: EventView, goalId: string) => e.goals.some((g) => g.id === goalId);
    const inChapter = (e: EventView, chapter: ChapterView) => e.strands[0]!.id === chapter.strand.id;
    const rows = goals.map((goal) => {
      const counts = chapters.map((c) => held.filter((e) => inChapter(e, c) && serves(e, goal.id)).length);
      return { goal, counts, total: held.filter((e) => serves(e, goal.id)).length };
    });
    const servesAny = (e: EventView) => goals.some((g) => serves(e, g.id));
    return {
      framework: goals[0]!.framework,
      goals: goals.map((goal) => ({
        goal,
        activities: held.filter((e) => serves(e, goal.id)).map((event) => ({ event, number: numbers[event.id]! })),
      })),
      byStrand: {
        strands: chapters.map((c) => ({ id: c.strand.id, title: c.strand.title, shortTitle: c.strand.short_title ?? c.strand.title, number: c.number })),
        rows,
        served: chapters.map((c) => held.filter((e) => inChapter(e, c) && servesAny(e)).length),
        servedTotal: held.filter(servesAny).length,
      },
    };
  });
}

/** What the outlook of the report of `year` lists: the planned activities after its period and before the next report's, in time order. */
export function outlookEvents(planned: readonly EventView[], year: number, spans: readonly ReportSpan[]): EventView[] {
  return planned.filter((e) => outlookYear(e.date, spans) === year);
}

function placesOf(events: readonly EventView[]): { place: PlaceView; events: EventView[] }[] {
  const placed = new Map<string, { place: PlaceView; events: EventView[] }>();
  for (const e of events) {
    if (!e.place) continue;
    const entry = placed.get(e.place.id) ?? { place: e.place, events: [] };
    entry.events.push(e);
    placed.set(e.place.id, entry);
  }
  return [...placed.values()];
}

/** The edition's texts English stands in for, by field: a strand's texts by strand, the signatories and corrigenda as one. */
function englishStandIns(refs: Lookups, year: number): Record<string, string> {
  return Object.fromEntries(Object.entries(refs.standIns(`edition:${year}`, (p) => (p[2] === "strands" ? 5 : 3)))
    .map(([at, lang]) => [at.split(".").slice(2).join("."), lang]));
}

/** Countries by code, with their names in the data's language, in the alphabetical order of the report's. */
function countriesByName(codes: readonly string[], data: DataSet, language: Language): { code: string; name: string }[] {
  return codes
    .map((code) => ({ code, name: countryName(code, data.countries, data.lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, language.lang));
}

/** The documents adopted at the held activities, each with its activity and that activity's number in the report. */
function documentsAdoptedAt(events: readonly EventView[], numbers: Readonly<Record<string, string>>): ReportView["documentsAdopted"] {
  return events
    .filter((e) => e.status === "held")
    .flatMap((event) => event.documents.filter((d) => d.adopted).map((document) => ({ document, event, number: numbers[event.id]! })));
}

/** What the imprint says: the report's `imprint` of report.yaml, else the words of the Secretariat's imprint in the report's language. */
function imprintView(
  data: DataSet,
  language: Language,
  facts: { secretariatName: string; about: MessageValues; title: string; published: PartialDate | undefined; publishedText: string | undefined; reference: string | undefined },
): ReportView["imprint"] {
  const { secretariatName, about, title, published, publishedText, reference } = facts;
  const imprint = data.report.imprint ?? {};
  const organisation = data.report.organisation;
  return {
    publisher: imprint.publisher ?? data.report.secretariat,
    address: imprint.address,
    copyright: language.t("imprint.copyright", { holder: imprint.copyright ?? data.report.secretariat, year: published ? String(published.year) : "none" }),
    disclaimer: imprint.disclaimer ?? language.t("imprint.disclaimer", { secretariat: secretariatName, organisation }),
    editor: imprint.editor ?? language.t("imprint.editor", { secretariat: secretariatName }),
    funding: imprint.funding,
    citation: language.t("imprint.citation", { ...about, secretariat: secretariatName, year: published ? String(published.year) : "none", title, reference: reference ?? "none" }),
    published: published || reference
      ? language.t("imprint.published", { which: published && reference ? "both" : published ? "date" : "reference", date: publishedText ?? "", reference: reference ?? "" })
      : undefined,
  };
}

export function reportView(year: number, own: readonly EventView[], context: ReportContext): ReportView {
  const { data, refs, secretariatName, language } = context;
  const organisation = data.report.organisation;
  const edition = entryOf(data.report.editions, String(year));
  const editionShown = edition && editionView(edition, refs, language);
  const meeting = editionShown?.som;
  const urls = refs.urls;
  const pdfName = urls.pdfName(year);
  const translation = refs.translation(year);
  const english = englishStandIns(refs, year);
  const span = reportSpan(year, edition);
  const periodText = edition?.period && language.dateRange(edition.period.from, edition.period.to);
  const states = edition?.participating_states ?? data.report.participating_states ?? [];
  const chapters = chaptersOf(own, data, refs, edition);
  const numbers = Object.fromEntries(chapters.flatMap((c) => c.events.map((e, i) => [e.id, `${c.number}.${i + 1}`])));
  // Never guessed: a report whose edition names neither is not dated (the check warns).
  const published = edition?.published ?? edition?.som?.date;
  const publishedText = published && language.date(published);
  const reference = edition?.reference;
  const title = language.t("report.title", { title: data.report.title, year: String(year) });
  const draftTitle = editionShown?.draft ? "report.draftTitle" : translation === "draft" ? "translation.draftTitle" : undefined;
  const about = meetingValues(meeting);
  const progress = goalsProgress(own, chapters, numbers, data.frameworks, refs, { from: span.from.year, to: span.to.year });
  const outlook = outlookEvents(context.planned, year, context.spans);
  const figures = computeFigures(own.map((e) => context.records.get(e.id)!), data, span, language);
  const fullTitle = language.t("report.fullTitle", { organisation, title });
  const view: Omit<ReportView, "abbreviations"> = {
    lang: language.lang,
    year,
    title,
    fullTitle,
    documentTitle: draftTitle ? language.t(draftTitle, { title: fullTitle }) : fullTitle,
    url: urls.report(year),
    printUrl: `${urls.report(year)}print/`,
    pdfName,
    pdfUrl: `${urls.report(year)}${pdfName}`,
    edition: editionShown,
    periodText,
    events: own,
    chapters,
    numbers,
    parts: reportParts({
      hasForeword: Boolean(edition?.foreword),
      hasSummary: Boolean(edition?.summary),
      hasGoals: progress.length > 0,
      hasOutlook: Boolean(edition?.outlook) || outlook.length > 0,
      chapters,
      numbers,
      language,
    }),
    draft: editionShown?.draft ?? false,
    ...(translation ? { translation } : {}),
    english,
    untranslatedSite: translation === "draft" && Object.keys(refs.standIns("site")).length > 0,
    goalsProgress: progress,
    outlookEvents: outlook,
    documentsAdopted: documentsAdoptedAt(own, numbers),
    presentedTo: meeting && language.t("report.presentedTo", about),
    preparedBy: language.t("report.preparedBy", { ...about, secretariat: secretariatName }),
    subject: language.t("report.subject", { ...about, organisation, period: periodText ?? String(year) }),
    figures,
    places: placesOf(own),
    onlineEvents: own.filter((e) => e.online && !e.place),
    participatingStates: countriesByName(states, data, language),
    participatingOrganisations: [...(edition?.participating_organisations ?? data.report.participating_organisations ?? [])],
    ...(published ? { publication: { iso: published.iso, ...(published.precision === "day" ? { day: published.iso } : {}), dateText: publishedText!, year: published.year } } : {}),
    ...(reference ? { reference } : {}),
    statesPresent: countriesByName(figures.states.items, data, language),
    organisationsPresent: figures.organisationsPresent.items,
    corrections: (edition?.corrigenda ?? []).map((c) => language.t("imprint.corrected", { date: language.date(c.date), note: c.note })),
    // Each language's own releases: its PDFs that went out, each kept at its dated address beside its current PDF.
    earlierVersions: supersededReleases(edition, language.lang).map((release) => ({
      url: `${urls.report(year)}${versionedPdfName(pdfName, release)}`,
      iso: release.date.iso,
      dateText: language.date(release.date),
    })),
    imprint: imprintView(data, language, { secretariatName, about, title, published, publishedText, reference }),
  };
  // Annex D: what the report prints, made from the words of everything else it prints.
  return { ...view, abbreviations: abbreviationsUsed(data.report.abbreviations, printedTexts(view, organisation, edition, context.records)) };
}

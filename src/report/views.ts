/** The report as templates see it: the types of the model built in model.ts. */
import type { DOCUMENT_KINDS, EventType, Strand, Topic } from "../data/contract/schema.ts";
import type { Count } from "../format/counts.ts";
import type { PartialDate } from "../format/dates.ts";
import type { Figures } from "./figures.ts";
import type { Language } from "../format/language.ts";
import type { HubKind, SiteUrls } from "./urls.ts";

/**
 * In a language other than English, the texts of an event or an edition that English stands in for (a draft
 * translation lacks them), each as `"en"`, the language it is shown in, by its field (`title`, `summary`, `chairs`;
 * for an edition `foreword`, `strands.<id>.introduction`…): what the templates mark with `lang` and a note.
 */
export type StandIns = Readonly<Record<string, string>>;

/** A report or page in a language other than English: whether its translation is final, or a draft that says so. */
export type TranslationStatus = "draft" | "final";

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface PlaceView {
  /** `place`: a place of places.yaml; `country`: a country named by its code, for an activity known only by its country. */
  readonly kind: "place" | "country";
  /** The place's id, or the country's code. */
  readonly id: string;
  /** `Sarajevo`; for a country, its name (`Pakistan`). */
  readonly name: string;
  readonly localName?: string;
  readonly country: { readonly code: string; readonly name: string; readonly url: string };
  /** A place's coordinates, when places.yaml gives them; never a country's. */
  readonly lat?: number;
  readonly lon?: number;
}

export interface FigureView {
  readonly field: "participants" | "countries" | "organisations" | "delegations" | "women";
  readonly count: Count;
  /** `over 75 participants` */
  readonly text: string;
}

/** A priority goal of a framework, as a report names it. */
export interface GoalView {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  /** `Priority Goal 1` */
  readonly label: string;
  readonly url: string;
  readonly framework: {
    readonly id: string;
    readonly title: string;
    readonly shortTitle: string;
    /** `2019–2024`: the years in force. */
    readonly years: string;
    /** The years to print after the title, when the title does not name them already. */
    readonly yearsAfterTitle?: string;
    /** The title with its years once: `Istanbul Ministerial Declaration (2013–2018)`, `… a five-year plan 2019–2024`. */
    readonly name: string;
  };
}

/** The line that ends an activity's entry: the goals it served, in short. */
export interface GoalLineView {
  /** `Serving Priority Goals 1, 2 and 5 of the Istanbul Commitments and Call for Action 2019–2024.` */
  readonly text: string;
  /** The same words in pieces; a piece with a goal names that goal (its number, or `Priority Goal 4` alone), for a link to it. */
  readonly pieces: readonly { readonly text: string; readonly goal?: GoalView }[];
}

/** A document of a meeting, with the languages it exists in. */
export interface DocumentView {
  readonly title: string;
  readonly kind: (typeof DOCUMENT_KINDS)[number];
  /** `Conclusions`, `Call for Action` */
  readonly kindLabel: string;
  readonly adopted: boolean;
  /** Who adopted it, as written: `close to 40 participating states`. */
  readonly adoptedBy?: string;
  /** `adopted by close to 40 participating states`, or `adopted` where the data does not say by whom; none when not adopted. */
  readonly adoptedText?: string;
  /** In the order written; `url` is absent when the text exists in that language without a link. */
  readonly versions: readonly { readonly language: string; readonly name: string; readonly url?: string }[];
  /** `English, Russian` */
  readonly languages: string;
  /** The language its title is shown in, when English stands in for its translation. */
  readonly titleLang?: string;
}

/** Where a report shows an event. */
export interface EventReportLink {
  readonly year: number;
  /** The report's page. */
  readonly url: string;
  /** The event's entry in it, or the outlook that lists it. */
  readonly entryUrl: string;
  /** Listed in the outlook, not reported in full. */
  readonly outlook: boolean;
}

export interface EventView {
  /** The language of its words: the page's. */
  readonly lang: string;
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
  /** The states that the event names as present, by name. */
  readonly states: readonly { readonly code: string; readonly name: string }[];
  /** The organisations that the event names as present, as written. */
  readonly organisationsPresent: readonly string[];
  readonly topics: readonly (Topic & { readonly url: string })[];
  readonly summary: string;
  readonly body?: string;
  /** Markdown: what came of the meeting. */
  readonly outcomes?: string;
  readonly host?: string;
  readonly chairs: readonly string[];
  /** By framework (in the order of frameworks.yaml), then by number. */
  readonly goals: readonly GoalView[];
  /** `Serving Priority Goals 1 and 5 of …`, when it served any. */
  readonly goalLine?: GoalLineView;
  readonly documents: readonly DocumentView[];
  readonly sources: readonly string[];
  readonly status: "held" | "planned" | "cancelled";
  /** The report year it belongs to (its address is under it), whether or not that year has a report. */
  readonly reportYear: number;
  /**
   * The report that shows it, when this build makes one: its own, at its entry,
   * or, for an activity planned in a year without a report, the outlook of the
   * report before it.
   */
  readonly report?: EventReportLink;
  /** This build makes its page: a one-year build lists in its outlook planned activities whose pages it does not make. */
  readonly hasPage: boolean;
  /** Its report is a draft: its page says so and is not indexed. */
  readonly draft: boolean;
  /** In a language other than English, whether its report's translation is final or a draft. */
  readonly translation?: TranslationStatus;
  /** Its texts that English stands in for, by field. */
  readonly english: StandIns;
  /** English stands in for some of its texts: its entry and its page say so. */
  readonly untranslated: boolean;
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
  /** Markdown: the year's introduction to the chapter, and its undated initiatives. */
  readonly introduction?: string;
  readonly highlights?: string;
}

/** Progress against the priority goals of a framework in force in the report's period. */
export interface GoalsProgressView {
  readonly framework: GoalView["framework"];
  readonly goals: readonly {
    readonly goal: GoalView;
    /** The activities held that served it, in time order, each with its section number (`3.1`). */
    readonly activities: readonly { readonly event: EventView; readonly number: string }[];
  }[];
  /** Activities by goal and strand: `counts` follow the report's chapters; a goal with none is a row of zeros (printed as dashes). */
  readonly byStrand: {
    /** The table's columns: `shortTitle` heads each (the strand's short title, else its title). */
    readonly strands: readonly { readonly id: string; readonly title: string; readonly shortTitle: string; readonly number: number }[];
    readonly rows: readonly { readonly goal: GoalView; readonly counts: readonly number[]; readonly total: number }[];
    /** Activities that served at least one goal, by strand (an activity with two goals counts once). */
    readonly served: readonly number[];
    readonly servedTotal: number;
  };
}

/** The Senior Officials Meeting a report is presented to. */
export interface MeetingView {
  readonly number?: number;
  /** `15th` */
  readonly ordinal?: string;
  /** `15th Senior Officials Meeting`, `Senior Officials Meeting` */
  readonly name: string;
  /** `Antalya` */
  readonly place: string;
  readonly placeId: string;
  /** `15 December 2017` */
  readonly dateText: string;
  readonly iso: string;
  /** `the 15th Senior Officials Meeting, Antalya, 15 December 2017`: the phrase every sentence about it is made of. */
  readonly text: string;
}

export interface EditionView {
  readonly chair?: string;
  readonly coChair?: string;
  readonly foreword?: string;
  readonly signatories: readonly { readonly name: string; readonly title?: string; readonly organisation?: string }[];
  /** Markdown: the year in brief. */
  readonly summary?: string;
  /** Markdown: what comes next. */
  readonly outlook?: string;
  readonly draft: boolean;
  /** The Senior Officials Meeting the report is presented to. */
  readonly som?: MeetingView;
}

/** What a part of a report is; each kind has its own partial in templates/_includes/parts/. */
export type PartKind =
  | "cover" | "imprint" | "contents" | "foreword" | "summary" | "glance" | "goals" | "chapter" | "outlook"
  | "chronology" | "participants" | "documents" | "abbreviations";

/**
 * One part of a report, in the order the report prints them. The PDF's named
 * pages and running headers, its contents and bookmarks, the year page's
 * contents and both bodies are all made from this one list.
 */
export interface ReportPart {
  readonly kind: PartKind;
  /** The element id of the part's section: what the contents and the bookmarks point to. */
  readonly id: string;
  /** `1`, `Annex A`; none for the front matter. */
  readonly number?: string;
  readonly title: string;
  /** The running header of its own pages in the PDF (`Contents`); the parts that flow on the report's page have the report's title there, and the cover and the imprint none. */
  readonly header?: string;
  /** The named page of the print style sheet that its pages use. */
  readonly page: string;
  /** Listed in the contents (the cover, the imprint and the contents itself are not). */
  readonly listed: boolean;
  /** Part of the year's web page too (the cover and the imprint belong to the PDF only). */
  readonly web: boolean;
  /** Its paragraphs are the report's own statements, numbered when the report numbers paragraphs (not the front matter). */
  readonly numbered: boolean;
  /** The numbered entries under it in the PDF's contents: a chapter's events. */
  readonly sections: readonly { readonly id: string; readonly number: string; readonly title: string; readonly titleLang?: string }[];
  /** The chapter it prints, for a chapter. */
  readonly chapter?: ChapterView;
}

/** An abbreviation of report.yaml and what it stands for: Annex D. */
export interface AbbreviationView {
  readonly abbreviation: string;
  readonly meaning: string;
}

export interface ReportView {
  /** The language its words are in (`en`), which the templates print it in. */
  readonly lang: string;
  readonly year: number;
  /** `Annual Activity Report 2018` */
  readonly title: string;
  /** `Budapest Process: Annual Activity Report 2018` */
  readonly fullTitle: string;
  /** The PDF's title: the full title, `DRAFT: ` before it for a draft. */
  readonly documentTitle: string;
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
  /** The states that the year's held activities name, by name: the distinct states of the key figures. */
  readonly statesPresent: readonly { readonly code: string; readonly name: string }[];
  /** The organisations that the year's held activities name, as written, sorted. */
  readonly organisationsPresent: readonly string[];
  /** `3.1`: the section number of each event, in the chapter that reports it in full. */
  readonly numbers: Readonly<Record<string, string>>;
  /** Its parts, in the order they are printed. */
  readonly parts: readonly ReportPart[];
  /** A draft prints DRAFT on every page, and its web pages say so and are not indexed. */
  readonly draft: boolean;
  /** In a language other than English, whether the translation is final or a draft (which its cover and pages say). */
  readonly translation?: TranslationStatus;
  /** The edition's texts that English stands in for, by field (`foreword`, `strands.<id>.introduction`, `signatories`…). */
  readonly english: StandIns;
  /** English stands in for some of the site's own texts (strands, places, types…): a draft translation says so once, on its page and cover. */
  readonly untranslatedSite: boolean;
  /** One for each framework in force in the report's period. */
  readonly goalsProgress: readonly GoalsProgressView[];
  /** The planned activities after the report's period and before the next report's, in date order. */
  readonly outlookEvents: readonly EventView[];
  /** The documents the period's activities adopted, in time order. */
  readonly documentsAdopted: readonly { readonly document: DocumentView; readonly event: EventView; readonly number: string }[];
  /** `Presented to the 15th Senior Officials Meeting, Antalya, 15 December 2017.`, when the edition names the meeting. */
  readonly presentedTo?: string;
  /** The cover's line: `Prepared by the Budapest Process Secretariat for the 15th Senior Officials Meeting, …` */
  readonly preparedBy: string;
  /** The PDF's subject: what the report is for. */
  readonly subject: string;
  /**
   * When the report is published (its edition's `published`, else the date of its
   * Senior Officials Meeting): its copyright year, and its metadata date when known
   * to the day. Undefined when neither is written: the report is then not dated.
   */
  readonly publication?: { readonly iso: string; readonly day?: string; readonly dateText: string; readonly year: number };
  /** The report's document symbol, `BP/SOM/2019/1`. */
  readonly reference?: string;
  /** Annex D: the abbreviations of report.yaml that the report prints, in alphabetical order. */
  readonly abbreviations: readonly AbbreviationView[];
  /** `Corrected version of 15 January 2020: …`, one per corrigendum, oldest first: in the imprint and on the year page. */
  readonly corrections: readonly string[];
  /** The released PDFs that a later correction superseded, oldest first, each at its dated address beside the current PDF. */
  readonly earlierVersions: readonly { readonly url: string; readonly iso: string; readonly dateText: string }[];
  readonly imprint: {
    readonly publisher: string;
    readonly address?: string;
    readonly copyright: string;
    readonly disclaimer: string;
    readonly editor: string;
    /** The funding line the donors' projects must print, beside their logos. */
    readonly funding?: string;
    readonly citation: string;
    /** `Published 1 October 2019 as document BP/SOM/2019/1.`; undefined when the report has neither a date nor a reference. */
    readonly published?: string;
  };
}


export interface HubView {
  /** The language of its words: the page's. */
  readonly lang: string;
  readonly kind: HubKind;
  /** `Strands`, `Countries`…: the title of the hub's index page. */
  readonly kindTitle: string;
  /** The address of that index page. */
  readonly kindUrl: string;
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly description?: string;
  /** For a goal: the framework that sets it, and its number there. */
  readonly goal?: GoalView;
  /** Newest first. */
  readonly events: readonly EventView[];
  /** `url` is the report of that year, when this build makes one. */
  readonly byYear: readonly { readonly year: number; readonly count: number; readonly url?: string }[];
}

export interface HubIndexView {
  /** The language of its words: the page's. */
  readonly lang: string;
  readonly kind: HubKind;
  /** `Strands`, `Countries`… */
  readonly title: string;
  /** `strand`, `country`… */
  readonly singular: string;
  readonly url: string;
  readonly hubs: readonly HubView[];
}

export interface SiteModel {
  /** The language of every word of the model, and the templates' language when they print it. */
  readonly lang: string;
  /** That language's messages and formats, for the pages' data (the templates use the `t` filter with `lang`). */
  readonly language: Language;
  /** The addresses of the language's pages: English at the root, another language under `/<lang>/`. */
  readonly urls: SiteUrls;
  readonly organisation: string;
  /** Who runs the Secretariat: `International Centre for Migration Policy Development (ICMPD)` */
  readonly secretariat: string;
  /** `Budapest Process Secretariat`: the author of the reports. */
  readonly secretariatName: string;
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
  /** Every abbreviation of report.yaml; each report's Annex D lists those it uses. */
  readonly abbreviations: readonly AbbreviationView[];
  /** Number the report's paragraphs so that decisions can cite them. */
  readonly paragraphNumbers: boolean;
  /** The reference lists, in their files' order. */
  readonly strands: readonly (Strand & { readonly url: string })[];
  readonly eventTypes: readonly (EventType & { readonly url: string })[];
  readonly topics: readonly (Topic & { readonly url: string })[];
  readonly frameworks: readonly GoalsProgressView["framework"][];
}

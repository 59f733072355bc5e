/**
 * The parts of a report, in the order it prints them: one list from which the
 * PDF's named pages and running headers, its contents and bookmarks, and the
 * year page's contents and body are all made. A new part is one entry here and
 * one partial in templates/_includes/parts/.
 */
import type { Language } from "../format/language.ts";
import type { ChapterView, PartKind, ReportPart } from "./views.ts";

/** What a report is made of, for its parts. */
export interface PartsInput {
  readonly hasForeword: boolean;
  /** The edition's year in brief. */
  readonly hasSummary: boolean;
  /** A framework is in force in the report's period. */
  readonly hasGoals: boolean;
  /** An outlook text, or planned activities after the period. */
  readonly hasOutlook: boolean;
  readonly chapters: readonly ChapterView[];
  readonly numbers: Readonly<Record<string, string>>;
  readonly language: Language;
}

type Front = Omit<ReportPart, "sections" | "chapter" | "number">;

// The front matter comes first and is not numbered; numbered parts follow it (the templates rely on that order).

/**
 * The named page of everything after the contents. The parts flow on it, one
 * after another, so that a year of few activities does not leave pages nearly
 * empty: a change of named page would force a new page, and Chromium cannot
 * carry a chapter's title into the running header without one (it has no
 * string-set), so the header names the report instead.
 */
export const FLOW_PAGE = "report";

/** Annexes in their order; each gets the next letter. Each part's title is `parts.<kind>` in the catalogue. */
const ANNEXES: readonly PartKind[] = ["chronology", "participants", "documents", "abbreviations"];

/** The outlook's element id: the address of a planned activity in the report before it. */
export const OUTLOOK_ID = "outlook";

const annexLetter = (index: number) => String.fromCharCode("A".charCodeAt(0) + index);

export function reportParts(input: PartsInput): ReportPart[] {
  const title = (kind: PartKind) => input.language.t(`parts.${kind}`);
  const front: Front[] = [
    { kind: "cover", id: "cover", title: title("cover"), page: "cover", listed: false, web: false, numbered: false },
    { kind: "imprint", id: "imprint", title: title("imprint"), page: "imprint", listed: false, web: false, numbered: false },
    { kind: "contents", id: "contents", title: title("contents"), header: title("contents"), page: "front-contents", listed: false, web: true, numbered: false },
    // The foreword is the signatories' letter, not the report's own statement: numbering starts after it.
    ...(input.hasForeword ? [{ kind: "foreword" as const, id: "foreword", title: title("foreword"), page: FLOW_PAGE, listed: true, web: true, numbered: false }] : []),
    ...(input.hasSummary ? [{ kind: "summary" as const, id: "in-brief", title: title("summary"), page: FLOW_PAGE, listed: true, web: true, numbered: true }] : []),
    { kind: "glance", id: "at-a-glance", title: title("glance"), page: FLOW_PAGE, listed: true, web: true, numbered: true },
    ...(input.hasGoals ? [{ kind: "goals" as const, id: "priority-goals", title: title("goals"), page: FLOW_PAGE, listed: true, web: true, numbered: true }] : []),
  ];
  return [
    ...front.map((p) => ({ ...p, sections: [] })),
    ...input.chapters.map((chapter) => ({
      kind: "chapter" as const,
      id: chapter.anchor,
      number: String(chapter.number),
      title: chapter.strand.title,
      page: FLOW_PAGE,
      listed: true,
      web: true,
      numbered: true,
      sections: chapter.events.map((e) => ({ id: e.anchor, number: input.numbers[e.id]!, title: e.title, ...(e.english.title ? { titleLang: e.english.title } : {}) })),
      chapter,
    })),
    ...(input.hasOutlook ? [{ kind: "outlook" as const, id: OUTLOOK_ID, title: title("outlook"), page: FLOW_PAGE, listed: true, web: true, numbered: true, sections: [] }] : []),
    ...ANNEXES.map((kind, i) => {
      const number = input.language.t("parts.annex", { letter: annexLetter(i) });
      return {
        kind,
        id: `annex-${annexLetter(i).toLowerCase()}`,
        number,
        title: title(kind),
        page: FLOW_PAGE,
        listed: true,
        web: true,
        numbered: true,
        sections: [],
      };
    }),
  ];
}

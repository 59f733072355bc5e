/**
 * The parts of a report, in the order it prints them: one list from which the
 * PDF's named pages and running headers, its contents and bookmarks, and the
 * year page's contents and body are all made. A new part is one entry here and
 * one partial in templates/_includes/parts/.
 */
import type { ChapterView, PartKind, ReportPart } from "./views.ts";

/** What a report is made of, for its parts. */
export interface PartsInput {
  readonly hasForeword: boolean;
  readonly chapters: readonly ChapterView[];
  readonly numbers: Readonly<Record<string, string>>;
}

type Front = Omit<ReportPart, "sections" | "chapter" | "number">;

// The front matter comes first and is not numbered; numbered parts follow it (the templates rely on that order).

/** Annexes in their order; each gets the next letter. */
const ANNEXES: readonly { kind: PartKind; title: string }[] = [
  { kind: "chronology", title: "Chronology of activities" },
  { kind: "participants", title: "Participating states and organisations" },
  { kind: "abbreviations", title: "Abbreviations" },
];

const annexLetter = (index: number) => String.fromCharCode("A".charCodeAt(0) + index);

export function reportParts(input: PartsInput): ReportPart[] {
  const front: Front[] = [
    { kind: "cover", id: "cover", title: "Cover", page: "cover", listed: false, web: false, numbered: false },
    { kind: "imprint", id: "imprint", title: "Imprint", page: "imprint", listed: false, web: false, numbered: false },
    { kind: "contents", id: "contents", title: "Contents", header: "Contents", page: "front-contents", listed: false, web: true, numbered: false },
    ...(input.hasForeword ? [{ kind: "foreword" as const, id: "foreword", title: "Foreword", header: "Foreword", page: "front-foreword", listed: true, web: true, numbered: true }] : []),
    { kind: "glance", id: "at-a-glance", title: "The year at a glance", header: "The year at a glance", page: "front-glance", listed: true, web: true, numbered: true },
  ];
  return [
    ...front.map((p) => ({ ...p, sections: [] })),
    ...input.chapters.map((chapter) => ({
      kind: "chapter" as const,
      id: chapter.anchor,
      number: String(chapter.number),
      title: chapter.strand.title,
      header: `${chapter.number} ${chapter.strand.title}`,
      page: `chapter-${chapter.number}`,
      listed: true,
      web: true,
      numbered: true,
      sections: chapter.events.map((e) => ({ id: e.anchor, number: input.numbers[e.id]!, title: e.title })),
      chapter,
    })),
    ...ANNEXES.map((annex, i) => {
      const number = `Annex ${annexLetter(i)}`;
      return {
        kind: annex.kind,
        id: `annex-${annexLetter(i).toLowerCase()}`,
        number,
        title: annex.title,
        header: `${number} · ${annex.title}`,
        page: `annex-${annexLetter(i).toLowerCase()}`,
        listed: true,
        web: true,
        numbered: true,
        sections: [],
      };
    }),
  ];
}

/**
 * Annex D lists the abbreviations a report uses, as it prints them: in its
 * own texts, titles and tables, not in report.yaml's list alone. An
 * abbreviation counts as used where it stands as a word of its own (`SOM`,
 * `MRCs`), in the same letters: `Som` or `SOMALIA` do not use `SOM`.
 */
import type { Diagnostic } from "../data/diagnostics.ts";
import type { EventRecord } from "../data/editions.ts";
import type { DataSet } from "../data/load.ts";
import { reportFileWarning } from "../data/rules/report-rules.ts";
import type { Edition, ReportFile } from "../data/contract/schema.ts";
import { markdownWords } from "../format/markdown.ts";
import { listSeparator } from "../format/text.ts";
import type { AbbreviationView, EventView, ReportView, SiteModel } from "./views.ts";

/** The texts of one event's entry in the report: its dateline, title, facts, texts, documents and goals, and its first photo's caption. */
function eventTexts(e: EventView, record: EventRecord | undefined): string[] {
  const photo = record?.photos?.[0];
  return [
    e.dateline, e.title, e.type.label, e.type.plural, ...e.figures.map((f) => f.text), e.host ?? "", ...e.chairs, ...e.partners,
    markdownWords(e.summary), markdownWords(e.outcomes),
    ...e.documents.flatMap((d) => [d.kindLabel, d.title, d.adoptedText ?? "", d.languages]),
    e.goalLine?.text ?? "", photo?.caption ?? "", photo?.credit ?? "",
  ];
}

/**
 * Every text that a report prints but Annex D: the cover and imprint (its corrections too), the front matter, the figures and
 * goals, the chapters, the outlook and the other annexes. `organisation` heads the cover; the edition's
 * cover photo prints its caption and credit; `records` hold the events' photos.
 */
export function printedTexts(report: Omit<ReportView, "abbreviations">, organisation: string, edition: Edition | undefined, records: ReadonlyMap<string, EventRecord>): string[] {
  const e = report.edition;
  const chapters = report.chapters.flatMap((c) => [
    c.strand.title,
    markdownWords(c.introduction ?? c.strand.description), markdownWords(c.highlights),
    ...c.crossReferences.flatMap((x) => [x.dateline, x.title, x.strands[0]!.title]),
  ]);
  return [
    organisation, report.title, report.fullTitle, report.periodText ?? "", report.preparedBy, report.presentedTo ?? "", report.reference ?? "",
    edition?.cover_photo?.caption ?? "", edition?.cover_photo?.credit ?? "",
    ...Object.entries(report.imprint).map(([key, text]) => (key === "disclaimer" ? markdownWords(text) : text ?? "")),
    ...report.corrections,
    ...report.parts.flatMap((p) => [p.title, ...p.sections.map((s) => s.title)]),
    e?.chair ?? "", e?.coChair ?? "", markdownWords(e?.foreword), ...(e?.signatories ?? []).flatMap((s) => [s.name, s.title ?? "", s.organisation ?? ""]),
    markdownWords(e?.summary), markdownWords(e?.outlook),
    ...report.figures.byType.flatMap((row) => [row.type.label, row.type.plural]),
    ...report.figures.byStrand.map((row) => row.strand.title),
    ...report.goalsProgress.flatMap((p) => [
      p.framework.name, ...p.goals.flatMap((g) => [g.goal.label, g.goal.title]),
      ...p.byStrand.strands.flatMap((s) => [s.title, s.shortTitle]),
    ]),
    ...chapters,
    ...report.events.flatMap((event) => eventTexts(event, records.get(event.id))),
    ...report.outlookEvents.flatMap((x) => [x.dateline, x.title]),
    ...report.participatingStates.map((s) => s.name), ...report.participatingOrganisations,
  ].filter(Boolean);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `abbreviation` stands in `text` as a word of its own, or with a plural s (`MRCs`). */
export function usesAbbreviation(text: string, abbreviation: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escape(abbreviation)}s?(?![\\p{L}\\p{N}_])`, "u").test(text);
}

const WORD = /[\p{L}\p{N}_]+/gu;
const ONE_WORD = /^[\p{L}\p{N}_]+$/u;

/**
 * The texts searched for abbreviations, read once into their words: an abbreviation that is one word
 * stands in them exactly when it, or it with a plural s, is one of the words (usesAbbreviation's match
 * is a whole word); any other (`Kosovo*`) is searched for in the text.
 */
class Searched {
  private readonly words = new Set<string>();
  private text = "";

  add(text: string): void {
    for (const [word] of text.matchAll(WORD)) this.words.add(word);
    this.text += `\n${text}`;
  }

  uses(abbreviation: string): boolean {
    if (ONE_WORD.test(abbreviation)) return this.words.has(abbreviation) || this.words.has(`${abbreviation}s`);
    return usesAbbreviation(this.text, abbreviation);
  }
}

/**
 * The abbreviations of report.yaml that `texts` use, in alphabetical order; and those
 * that the meaning of one of them uses (Annex D prints it too).
 */
export function abbreviationsUsed(abbreviations: ReportFile["abbreviations"], texts: readonly string[]): AbbreviationView[] {
  const all = Object.entries(abbreviations ?? {}).map(([abbreviation, meaning]) => ({ abbreviation, meaning }));
  const used = new Set<AbbreviationView>();
  const searched = new Searched();
  for (const text of texts) searched.add(text);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of all) {
      if (!used.has(entry) && searched.uses(entry.abbreviation)) {
        used.add(entry);
        searched.add(entry.meaning);
        grew = true;
      }
    }
  }
  return all.filter((entry) => used.has(entry)).sort((a, b) => a.abbreviation.localeCompare(b.abbreviation, "en"));
}

/** The abbreviations of report.yaml that none of `reports` uses: no Annex D lists them. */
export function unusedAbbreviations(abbreviations: ReportFile["abbreviations"], reports: readonly Pick<ReportView, "abbreviations">[]): string[] {
  return Object.keys(abbreviations ?? {}).filter((abbreviation) => !reports.some((r) => r.abbreviations.some((a) => a.abbreviation === abbreviation)));
}

/**
 * A warning at each abbreviation of report.yaml that none of the site's reports uses (in a one-year
 * build, that year's), saying which reports leave it out of their Annex D. One that some report
 * uses is not warned of: the list serves every year, and each Annex D takes what its report uses.
 */
export function abbreviationWarnings(data: Pick<DataSet, "dir" | "report">, site: Pick<SiteModel, "reports">): Diagnostic[] {
  if (site.reports.length === 0) return [];
  const years = site.reports.map((r) => r.year).sort((a, b) => a - b);
  const reports = years.length === 1
    ? `the report of ${years[0]} does not use it, so its Annex D leaves it out`
    : `none of the reports of ${years.map((y, i) => `${listSeparator(i, years.length)}${y}`).join("")} uses it, so no Annex D lists it`;
  return unusedAbbreviations(data.report.abbreviations, site.reports).map((abbreviation) =>
    reportFileWarning(data.dir, ["abbreviations", abbreviation], `abbreviation "${abbreviation}": ${reports}; write it where the text means it, or remove it`, "key", { kind: "unused-abbreviation" }));
}

/** The questions `new` asks in a terminal for the values not given as options. */
import path from "node:path";
import { STRAND_KINDS } from "../data/contract/schema.ts";
import { displayPath } from "../data/diagnostics.ts";
import { REFERENCE_FILES } from "../data/load.ts";
import { validData } from "./new-entries.ts";

/** A question for an id that lists the valid ones, or the first `shown` of them and where the rest are. */
export function choicePrompt(question: string, ids: readonly string[], listedIn: string, shown = 12): string {
  if (ids.length === 0) return `${question} (${listedIn} lists none yet)`;
  if (ids.length <= shown) return `${question}, one of: ${ids.join(", ")}`;
  return `${question}, e.g. ${ids.slice(0, shown).join(", ")} (${ids.length - shown} more in ${listedIn})`;
}

export interface EventChoices {
  readonly places: readonly string[];
  readonly types: readonly string[];
  readonly strands: readonly string[];
  /** Where each list is, as the editor finds it. */
  readonly files: { readonly places: string; readonly types: string; readonly strands: string };
}

/** The questions `new event` asks for values not given, each id question listing the valid ids when they are known. */
export function eventQuestions(choices?: EventChoices): [key: string, question: string][] {
  const choice = (question: string, ids: readonly string[] | undefined, file: string | undefined, plain: string) =>
    ids && file ? choicePrompt(question, ids, file) : `${question} (${plain})`;
  return [
    ["date", "Date (YYYY-MM-DD)"],
    ["place", `${choice("Place id", choices?.places, choices?.files.places, `from ${REFERENCE_FILES.places}`)}; or a country code (e.g. PK) when no city is known`],
    ["type", choice("Type id", choices?.types, choices?.files.types, `from ${REFERENCE_FILES.eventTypes}`)],
    ["strands", choice("Strand ids, separated by commas (the first reports it in full)", choices?.strands, choices?.files.strands, `from ${REFERENCE_FILES.strands}`)],
    ["title", "Title"],
    ["summary", "Summary, a few sentences"],
  ];
}

/** The questions of `new strand`, `new type` and `new framework` for values not given. */
export const QUESTIONS = {
  strand: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. silk-routes-working-group)"],
    ["title", "Title, the chapter's heading"],
    ["kind", choicePrompt("Kind", STRAND_KINDS, "docs/data.md")],
  ],
  type: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. working-group-meeting)"],
    ["label", "Name in the singular (e.g. Working group meeting)"],
    ["plural", "Name in the plural (e.g. Working group meetings)"],
  ],
  framework: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. call-for-action-2019)"],
    ["title", "Full title"],
    ["short-title", "Short title, for lists and messages"],
    ["adopted", "Adopted on (YYYY-MM-DD, or YYYY-MM)"],
    ["from", "First year in force (YYYY)"],
    ["to", "Last year in force (YYYY)"],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** The question for each of a new framework's goals, asked until one is left empty. */
export const goalQuestion = (n: number) => `Title of priority goal ${n}${n > 1 ? " (leave empty when there are no more)" : ""}`;

/** The ids an event may use, read from the data folder (which must be valid). */
export async function eventChoices(dir: string): Promise<EventChoices> {
  const data = await validData(dir);
  return {
    places: Object.keys(data.places).sort(),
    types: data.eventTypes.map((t) => t.id),
    strands: data.strands.map((s) => s.id),
    files: {
      places: displayPath(path.join(dir, REFERENCE_FILES.places)),
      types: displayPath(path.join(dir, REFERENCE_FILES.eventTypes)),
      strands: displayPath(path.join(dir, REFERENCE_FILES.strands)),
    },
  };
}

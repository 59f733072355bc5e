/**
 * How a report names priority goals: `Priority Goal 4`, and the line that
 * ends an activity's entry, `Serving Priority Goals 1, 2 and 5 of the Call
 * for Action 2019–2024.` (full titles belong in the section on the goals).
 */
import type { Language } from "../format/language.ts";
import type { GoalLineView, GoalView } from "./views.ts";

/** `Priority Goal 4` */
export const goalLabel = (number: number, language: Language): string => language.t("goals.label", { number });

/** Private-use characters around a goal's index: a place in a message where a goal is named, for a link to it. */
const token = (i: number) => `\uE000${i}\uE001`;

/**
 * The goals an activity served as one sentence, by framework (in the order of frameworks.yaml) and
 * by number, whatever order they were written in: `goals` must come sorted so (Lookups.goalsOf).
 * In pieces too, each goal's number its own, for the web page to link each to its goal.
 */
export function goalLine(goals: readonly GoalView[], language: Language): GoalLineView | undefined {
  if (goals.length === 0) return undefined;
  const groups: GoalView[][] = [];
  for (const goal of goals) {
    const last = groups.at(-1);
    if (last && last[0]!.framework.id === goal.framework.id) last.push(goal);
    else groups.push([goal]);
  }
  // The messages are formatted with a token where each goal is named; the sentence is then cut at the tokens.
  const named: { text: string; goal: GoalView }[] = [];
  const name = (goal: GoalView, text: string) => token(named.push({ text, goal }) - 1);
  const phrases = groups.map((group) => {
    const framework = group[0]!.framework.shortTitle;
    return group.length === 1
      ? language.t("goals.line.one", { goal: name(group[0]!, group[0]!.label), framework })
      : language.t("goals.line.many", { goals: language.list(group.map((goal) => name(goal, String(goal.number)))), framework });
  });
  const sentence = language.t("goals.line.sentence", { goals: phrases.join(`${language.t("punctuation.semicolon")} `) });
  const pieces = sentence
    .split(/(\uE000\d+\uE001)/)
    .filter((piece) => piece !== "")
    .map((piece) => {
      const goal = /^\uE000(\d+)\uE001$/.exec(piece);
      return goal ? named[Number(goal[1])]! : { text: piece };
    });
  return { text: pieces.map((p) => p.text).join(""), pieces };
}

/**
 * How a report names priority goals: `Priority Goal 4`, and the line that
 * ends an activity's entry, `Serving Priority Goals 1, 2 and 5 of the Call
 * for Action 2019–2024.` (full titles belong in the section on the goals).
 */
import { listSeparator } from "../format/text.ts";
import type { GoalLineView, GoalView } from "./views.ts";

export const GOAL_WORDS = { one: "Priority Goal", many: "Priority Goals", serving: "Serving" } as const;

/** `Priority Goal 4` */
export const goalLabel = (number: number): string => `${GOAL_WORDS.one} ${number}`;

/**
 * The goals an activity served as one sentence, by framework (in the order of frameworks.yaml) and
 * by number, whatever order they were written in: `goals` must come sorted so (Lookups.goalsOf).
 * In pieces too, each goal's number its own, for the web page to link each to its goal.
 */
export function goalLine(goals: readonly GoalView[]): GoalLineView | undefined {
  if (goals.length === 0) return undefined;
  const groups: GoalView[][] = [];
  for (const goal of goals) {
    const last = groups.at(-1);
    if (last && last[0]!.framework.id === goal.framework.id) last.push(goal);
    else groups.push([goal]);
  }
  const pieces: { text: string; goal?: GoalView }[] = [{ text: `${GOAL_WORDS.serving} ` }];
  groups.forEach((group, i) => {
    if (i > 0) pieces.push({ text: "; " });
    if (group.length === 1) {
      pieces.push({ text: group[0]!.label, goal: group[0]! });
    } else {
      pieces.push({ text: `${GOAL_WORDS.many} ` });
      group.forEach((goal, j) => {
        const separator = listSeparator(j, group.length);
        if (separator) pieces.push({ text: separator });
        pieces.push({ text: String(goal.number), goal });
      });
    }
    pieces.push({ text: ` of the ${group[0]!.framework.shortTitle}` });
  });
  pieces.push({ text: "." });
  // Neighbouring plain pieces as one.
  const merged = pieces.reduce<{ text: string; goal?: GoalView }[]>((out, piece) => {
    const last = out.at(-1);
    if (last && !last.goal && !piece.goal) out[out.length - 1] = { text: last.text + piece.text };
    else out.push(piece);
    return out;
  }, []);
  return { text: merged.map((p) => p.text).join(""), pieces: merged };
}

/**
 * The frameworks of frameworks.yaml and their priority goals: what they
 * define, their own consistency, and the goals that events name.
 */
import type { PartialDate } from "../../format/dates.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { OPTIONAL_FILES, type WrittenFile } from "../read.ts";
import { unknownId } from "./references.ts";
import { suggest } from "./suggest.ts";
import type { Framework, Goal } from "../contract/schema.ts";
import type { YamlSource } from "../source/yaml-source.ts";

/** A goal with the framework that sets it. */
export interface GoalEntry {
  readonly goal: Goal;
  readonly framework: Framework;
}

/** Every goal of the valid frameworks, by id (the first, when an id is used twice). */
export function goalIndex(frameworks: readonly Framework[] | undefined): ReadonlyMap<string, GoalEntry> {
  const index = new Map<string, GoalEntry>();
  for (const framework of frameworks ?? []) for (const goal of framework.goals) if (!index.has(goal.id)) index.set(goal.id, { goal, framework });
  return index;
}

/** `2019–2024`, `2013`: the years a framework is in force. */
export const yearsInForce = (f: Pick<Framework, "from" | "to">): string => (f.from === f.to ? String(f.from) : `${f.from}–${f.to}`);

/**
 * Whether a framework's title already names its years in force ("… a five-year plan 2019–2024", "2019-2024",
 * "2019–24"; the one year of a framework in force for one), so that they are not printed after it again.
 */
export function titleCarriesYears(f: Pick<Framework, "title" | "from" | "to">): boolean {
  const pattern = f.from === f.to
    ? new RegExp(`(?<!\\d)${f.from}(?!\\d)`)
    : new RegExp(`(?<!\\d)${f.from}\\s*(?:[-‐‑–—]|to)\\s*(?:${f.to}|${String(f.to).slice(2)})(?!\\d)`);
  return pattern.test(f.title);
}

/** The frameworks in force in some year from `from` to `to`, in the order of the file. */
export function frameworksInForce(frameworks: readonly Framework[], from: number, to: number = from): Framework[] {
  return frameworks.filter((f) => f.from <= to && from <= f.to);
}

/**
 * frameworks.yaml against itself: ids used once across all frameworks and
 * goals (an event names a goal by id alone), goal numbers once within a
 * framework, and years in force that run forward from no earlier than the
 * year of adoption.
 */
export function frameworkProblems(file: WrittenFile<readonly Framework[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const source = file.source;
  if (!source) return out;
  const ids = new Map<string, string>();
  const claim = (id: string, what: string, at: (string | number)[]) => {
    const earlier = ids.get(id);
    if (earlier) out.push(source.diagnostic(at, `id "${id}" is already the id of ${earlier}; every framework and goal needs an id of its own`));
    else ids.set(id, what);
  };
  (file.value ?? []).forEach((framework, i) => {
    claim(framework.id, `the framework "${framework.short_title}"`, [i, "id"]);
    if (framework.to < framework.from) out.push(source.diagnostic([i, "to"], `to ${framework.to} is before from ${framework.from}`));
    if (framework.from < framework.adopted.year) {
      out.push(source.diagnostic([i, "from"], `from ${framework.from} is before the year it was adopted (${framework.adopted.year}); a framework is in force from its adoption on`));
    }
    const numbers = new Set<number>();
    framework.goals.forEach((goal, j) => {
      claim(goal.id, `goal ${goal.number} of "${framework.short_title}"`, [i, "goals", j, "id"]);
      if (numbers.has(goal.number)) out.push(source.diagnostic([i, "goals", j, "number"], `"${framework.short_title}" already has a goal ${goal.number}`));
      numbers.add(goal.number);
    });
  });
  return out;
}

/** `1`, `goal 1`, `Priority Goal 1`: a goal written by its number; that number. */
export function goalNumber(typed: string): number | undefined {
  const match = /^(?:(?:priority\s+)?goal\s*)?(\d{1,2})$/i.exec(typed.trim());
  return match ? Number(match[1]) : undefined;
}

/** A goal's title reduced to its words, to compare with what an editor typed. */
const words = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** The frameworks in force on `date`, or all of them when the date is not known. */
const inForceOn = (frameworks: readonly Framework[], date: PartialDate | undefined) => (date ? frameworksInForce(frameworks, date.year) : [...frameworks]);

/** `Priority Goal 2 of "Istanbul Commitments and Call for Action 2019–2024"` */
const goalName = (e: GoalEntry) => `Priority Goal ${e.goal.number} of "${e.framework.short_title}"`;

/** The goals of the frameworks in force on `date` (all of them without a date) whose number is `number`. */
function goalsNumbered(frameworks: readonly Framework[], date: PartialDate | undefined, number: number): GoalEntry[] {
  return inForceOn(frameworks, date).flatMap((framework) => framework.goals.filter((g) => g.number === number).map((goal) => ({ goal, framework })));
}

/**
 * The goal whose title `typed` is, or nearly is: of a framework in force on
 * `date` before any other, as several frameworks have goals of the same title.
 */
function goalTitled(frameworks: readonly Framework[], date: PartialDate | undefined, typed: string): GoalEntry | undefined {
  const wanted = words(typed);
  if (wanted === "") return undefined;
  const current = inForceOn(frameworks, date);
  const entries = [...current, ...frameworks.filter((f) => !current.includes(f))].flatMap((framework) => framework.goals.map((goal) => ({ goal, framework })));
  const exact = entries.find((e) => words(e.goal.title) === wanted);
  if (exact) return exact;
  const near = suggest(wanted, entries.map((e) => words(e.goal.title)));
  if (near !== undefined) return entries.find((e) => words(e.goal.title) === near);
  // Part of a title, or a title with more around it: only when it points at one goal of the frameworks in force.
  const partial = entries.filter((e) => current.includes(e.framework) && wanted.includes(" ") && (words(e.goal.title).includes(wanted) || wanted.includes(words(e.goal.title))));
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * The message for a goal written by its number: which goal that number is in
 * the frameworks in force on the event's date, and the list to write instead
 * (`resolved`, when every number there names one goal).
 */
function numberedGoalMessage(typed: string, number: number, date: PartialDate | undefined, frameworks: readonly Framework[], resolved: readonly string[] | undefined): string {
  const lead = `goal ${typed} is a number: name each goal by its id, as frameworks number their goals differently`;
  const when = date ? `on the event's date, ${date.iso}` : "";
  const current = inForceOn(frameworks, date);
  if (current.length === 0) return `${lead}; no framework of ${OPTIONAL_FILES.frameworks} was in force in ${date!.year}`;
  const found = goalsNumbered(frameworks, date, number);
  const write = resolved ? `; write goals: [${resolved.join(", ")}]` : "";
  if (found.length === 1) return `${lead}. ${when ? `${when[0]!.toUpperCase()}${when.slice(1)}, ` : ""}${goalName(found[0]!)} is "${found[0]!.goal.id}"${write}`;
  if (found.length > 1) return `${lead}. ${date ? `In ${date.year}` : "In frameworks.yaml"}, Priority Goal ${number} is ${found.map((e) => `"${e.goal.id}" (of "${e.framework.short_title}")`).join(" or ")}; write the one meant`;
  return `${lead}. ${current.map((f) => `"${f.short_title}"`).join(" and ")}${when ? `, in force ${when},` : ""} ${current.length === 1 ? "has" : "have"} no Priority Goal ${number}; its goals are ${current.flatMap((f) => f.goals.map((g) => `${g.number} "${g.id}"`)).join(", ")}`;
}

/**
 * The goals an event names: each must be a goal of frameworks.yaml, listed
 * once. A goal written by its number is named by the id it has in the
 * framework in force on the event's date; one written by its title, by the id
 * of the goal of that title; another unknown id gets the nearest. A goal
 * whose framework is not in force on the event's date is a warning naming the
 * framework that is.
 */
export function eventGoalProblems(source: YamlSource, goals: readonly string[], date: PartialDate | undefined, frameworks: WrittenFile<readonly Framework[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A frameworks.yaml that cannot be read has its own error; goals are not held against it.
  if (frameworks.value === undefined) return out;
  const index = goalIndex(frameworks.value);
  // The list as it should be written, when each goal written by its number is one goal on the event's date.
  const rewritten = goals.map((id) => {
    const number = index.has(id) ? undefined : goalNumber(id);
    if (number === undefined) return id;
    const found = goalsNumbered(frameworks.value!, date, number);
    return found.length === 1 ? found[0]!.goal.id : undefined;
  });
  const resolved = rewritten.every((id) => id !== undefined) ? rewritten : undefined;
  goals.forEach((id, i) => {
    if (goals.indexOf(id) < i) {
      out.push(source.diagnostic(["goals", i], `goal "${id}" is listed twice`));
      return;
    }
    const entry = index.get(id);
    if (!entry) {
      const number = goalNumber(id);
      const titled = number === undefined ? goalTitled(frameworks.value!, date, id) : undefined;
      const message = index.size === 0
        ? `unknown goal "${id}": the data folder has no ${OPTIONAL_FILES.frameworks}, which lists the frameworks and their goals (see docs/data.md)`
        : number !== undefined ? numberedGoalMessage(id, number, date, frameworks.value!, resolved)
        : titled ? `unknown goal "${id}": that is the title of ${goalName(titled)}; write its id, "${titled.goal.id}"`
        : unknownId("goal", id, index.keys(), OPTIONAL_FILES.frameworks);
      out.push(source.diagnostic(["goals", i], message));
      return;
    }
    if (!date) return;
    const { framework } = entry;
    if (date.year < framework.from || date.year > framework.to) {
      const current = frameworksInForce(frameworks.value!, date.year);
      const instead = current.length
        ? `; in ${date.year} ${current.map((f) => `"${f.short_title}" (goals ${f.goals.map((g) => g.id).join(", ")})`).join(" and ")} ${current.length === 1 ? "was" : "were"} in force`
        : `; no framework of ${OPTIONAL_FILES.frameworks} was in force in ${date.year}`;
      out.push(source.diagnostic(["goals", i], `goal "${id}" is of "${framework.short_title}", in force ${yearsInForce(framework)}, not on the event's date ${date.iso}${instead}`, { severity: "warning" }));
    }
  });
  return out;
}

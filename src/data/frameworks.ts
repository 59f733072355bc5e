/**
 * The frameworks of frameworks.yaml and their priority goals: what they
 * define, their own consistency, and the goals that events name.
 */
import type { PartialDate } from "../format/dates.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { OPTIONAL_FILES, type WrittenFile } from "./read.ts";
import { unknownId } from "./references.ts";
import type { Framework, Goal } from "./schema.ts";
import type { YamlSource } from "./yaml-source.ts";

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

/**
 * The goals an event names: each must be a goal of frameworks.yaml (with a
 * did-you-mean), listed once; and a goal whose framework is not in force on
 * the event's date is a warning naming the framework that is.
 */
export function eventGoalProblems(source: YamlSource, goals: readonly string[], date: PartialDate | undefined, frameworks: WrittenFile<readonly Framework[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A frameworks.yaml that cannot be read has its own error; goals are not held against it.
  if (frameworks.value === undefined) return out;
  const index = goalIndex(frameworks.value);
  goals.forEach((id, i) => {
    if (goals.indexOf(id) < i) {
      out.push(source.diagnostic(["goals", i], `goal "${id}" is listed twice`));
      return;
    }
    const entry = index.get(id);
    if (!entry) {
      const message = index.size === 0
        ? `unknown goal "${id}": the data folder has no ${OPTIONAL_FILES.frameworks}, which lists the frameworks and their goals (see docs/data.md)`
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

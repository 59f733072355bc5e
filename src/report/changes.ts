/**
 * What a build changed, for the editor who made it: each year's key figures,
 * and the events and figures that differ from the last build of the same
 * output folder, so that a typo fix is seen not to move a total.
 */
import type { DataSet } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import { formatNumber } from "../format/counts.ts";
import { formatTotal, type Total } from "./figures.ts";
import type { SiteModel } from "./model.ts";

export const MANIFEST_VERSION = 1;

/** Kept in the output folder's marker file, to compare the next build with. */
export interface Manifest {
  readonly version: number;
  /** Each event's fields as written, by id. */
  readonly events: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Each year's key figures as printed, by year and figure. */
  readonly figures: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const total = (t: Total) => (t.reported === 0 ? "not reported" : formatTotal(t));

export function manifestOf(data: DataSet, site: SiteModel): Manifest {
  const built = new Set(site.events.map((e) => e.id));
  const events = Object.fromEntries(
    data.events
      .filter((e) => built.has(e.id))
      .map(({ id, file: _file, ...fields }) => [id, JSON.parse(JSON.stringify(fields)) as Record<string, unknown>]),
  );
  const figures = Object.fromEntries(site.reports.map((r) => [String(r.year), {
    "activities held": formatNumber(r.figures.events),
    participants: total(r.figures.participants),
    "country delegations": total(r.figures.countries),
    "organisation delegations": total(r.figures.organisations),
    trainings: formatNumber(r.figures.trainings),
    trainees: total(r.figures.trainees),
  }]));
  return { version: MANIFEST_VERSION, events, figures };
}

/** Reads a manifest from a marker file's text; undefined when it holds none (a first build, or another version). */
export function readManifest(text: string | undefined): Manifest | undefined {
  try {
    const parsed = JSON.parse(text ?? "") as Manifest;
    return parsed.version === MANIFEST_VERSION ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Lines for the editor: each year's figures, then what changed since `previous`. */
export function describeChanges(previous: Manifest | undefined, current: Manifest): string[] {
  const lines: string[] = [];
  for (const [year, figures] of Object.entries(current.figures).sort(([a], [b]) => Number(b) - Number(a))) {
    lines.push(`${year}: ${Object.entries(figures).filter(([, v]) => v !== "not reported" && v !== "0").map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
  if (!previous) {
    lines.push("This is the first build of this output folder, so there is nothing to compare with.");
    return lines;
  }
  const ids = new Set([...Object.keys(previous.events), ...Object.keys(current.events)]);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const id of [...ids].sort()) {
    // Event ids are file names: "constructor" must not find Object's.
    const before = entryOf(previous.events, id);
    const after = entryOf(current.events, id);
    if (!before) added.push(id);
    else if (!after) removed.push(id);
    else {
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (fields.length > 0) changed.push(`${id} (${fields.join(", ")})`);
    }
  }
  const moved: string[] = [];
  for (const [year, figures] of Object.entries(current.figures)) {
    for (const [name, value] of Object.entries(figures)) {
      const old = previous.figures[year]?.[name];
      if (old !== undefined && old !== value) moved.push(`${year} ${name}: ${old} → ${value}`);
    }
  }
  if (added.length + removed.length + changed.length + moved.length === 0) {
    lines.push("Since the last build: no event and no figure changed.");
    return lines;
  }
  lines.push("Since the last build:");
  if (added.length) lines.push(`  added: ${added.join(", ")}`);
  if (removed.length) lines.push(`  removed: ${removed.join(", ")}`);
  if (changed.length) lines.push(`  changed: ${changed.join("; ")}`);
  lines.push(moved.length ? `  figures that moved: ${moved.join("; ")}` : "  no key figure moved");
  return lines;
}

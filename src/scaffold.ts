/**
 * `activity-report new event|place|year`: writes a new data entry that
 * validates, from flags or answers, with every optional field shown as a
 * comment. Never overwrites; when the result does not validate, the files are
 * put back as they were.
 */
import { readFile, stat, writeFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { isMap, parseDocument } from "yaml";
import type { Diagnostic } from "./data/diagnostics.ts";
import { loadDataOrThrow, REFERENCE_FILES, type DataSet } from "./data/load.ts";
import { didYouMean } from "./data/suggest.ts";
import { parsePartialDate } from "./format/dates.ts";
import { slugify } from "./report/model.ts";

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScaffoldError";
  }
}

const validData = async (dir: string): Promise<DataSet> => (await loadDataOrThrow(dir)).data;

/** Writes `files`, then validates the data folder; on errors every file is restored and the errors are thrown. */
async function writeChecked(dir: string, files: Record<string, string>, mustBeNew: string[] = []): Promise<readonly Diagnostic[]> {
  for (const file of mustBeNew) {
    if (await stat(file).then(() => true, () => false)) throw new ScaffoldError(`${file} exists already; nothing was written`);
  }
  const before = new Map<string, string | undefined>();
  for (const file of Object.keys(files)) before.set(file, await readFile(file, "utf8").catch(() => undefined));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  try {
    return (await loadDataOrThrow(dir)).diagnostics;
  } catch (error) {
    for (const [file, content] of before) {
      if (content === undefined) await rm(file, { force: true });
      else await writeFile(file, content);
    }
    throw error;
  }
}

function known(kind: string, value: string, ids: Iterable<string>, file: string): void {
  const list = [...ids];
  if (!list.includes(value)) throw new ScaffoldError(`unknown ${kind} "${value}"${didYouMean(value, list) || ` (${file} lists ${list.join(", ")})`}`);
}

const yamlText = (value: string) => JSON.stringify(value);

export interface NewEvent {
  readonly date: string;
  readonly place: string;
  readonly type: string;
  readonly strands: readonly string[];
  readonly title: string;
  readonly summary: string;
}

/** The event file's text: the given fields, and every other field as a comment to fill in. */
export function eventYaml(e: NewEvent): string {
  const summary = e.summary.trim().split("\n").map((l) => `  ${l}`).join("\n");
  return `# One event. Every field is described in docs/data.md; remove the # to use a field.
title: ${yamlText(e.title)}
type: ${e.type}
date: ${e.date}
# end: ${e.date}            # the last day, when the event lasted longer
place: ${e.place}
# online: true              # for a virtual meeting; place is then its host, if any
strands: [${e.strands.join(", ")}]
# participants: 60          # a whole number, or "over 75", "about 50", "at least 12"
# countries: 20
# organisations: 5
# women: 25
# partners: [Name of a partner organisation]
# topics: [topic-id]        # ids from topics.yaml
summary: |
${summary}
# body: |
#   A longer account, in Markdown.
# report_year: ${e.date.slice(0, 4)}      # only when another year's report covers the event
# status: held              # held, planned or cancelled
# sources:
#   - https://www.example.org/news/the-meeting
`;
}

export async function newEvent(dir: string, e: NewEvent): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  const date = parsePartialDate(e.date);
  if (!date.ok) throw new ScaffoldError(`date ${date.message}`);
  known("place", e.place, Object.keys(data.places), REFERENCE_FILES.places);
  known("type", e.type, data.eventTypes.map((t) => t.id), REFERENCE_FILES.eventTypes);
  if (e.strands.length === 0) throw new ScaffoldError("give at least one strand");
  for (const strand of e.strands) known("strand", strand, data.strands.map((s) => s.id), REFERENCE_FILES.strands);
  if (!e.title.trim()) throw new ScaffoldError("give a title");
  if (!e.summary.trim()) throw new ScaffoldError("give a summary of a few sentences");
  const words = slugify(e.title).split("-").filter((w) => !["the", "of", "and", "for", "on", "in", "a"].includes(w)).slice(0, 5).join("-");
  const id = `${date.value.iso}-${e.place}-${words}`.replace(/-+$/, "");
  const file = path.join(dir, "events", String(date.value.year), `${id}.yaml`);
  const warnings = await writeChecked(dir, { [file]: eventYaml(e) }, [file]);
  return { file, warnings };
}

export interface NewPlace {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat?: number;
  readonly lon?: number;
}

export async function newPlace(dir: string, p: NewPlace): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  if (p.id in data.places) throw new ScaffoldError(`place "${p.id}" exists already in ${REFERENCE_FILES.places}; nothing was written`);
  const file = path.join(dir, REFERENCE_FILES.places);
  const doc = parseDocument(await readFile(file, "utf8"));
  doc.set(p.id, { name: p.name, country: p.country, ...(p.lat !== undefined ? { lat: p.lat } : {}), ...(p.lon !== undefined ? { lon: p.lon } : {}) });
  const warnings = await writeChecked(dir, { [file]: String(doc) });
  return { file, warnings };
}

export interface NewYear {
  readonly year: number;
  readonly chair?: string;
  readonly coChair?: string;
  readonly som?: { readonly place: string; readonly date: string; readonly number?: number };
}

export async function newYear(dir: string, y: NewYear): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  if (String(y.year) in (data.report.editions ?? {})) throw new ScaffoldError(`${REFERENCE_FILES.report} has an edition for ${y.year} already; nothing was written`);
  if (y.som) {
    known("place", y.som.place, Object.keys(data.places), REFERENCE_FILES.places);
    const date = parsePartialDate(y.som.date);
    if (!date.ok) throw new ScaffoldError(`SOM date ${date.message}`);
  }
  const file = path.join(dir, REFERENCE_FILES.report);
  const doc = parseDocument(await readFile(file, "utf8"));
  if (!isMap(doc.get("editions"))) doc.set("editions", doc.createNode({}));
  doc.setIn(["editions", y.year], doc.createNode({
    ...(y.chair ? { chair: y.chair } : {}),
    ...(y.coChair ? { co_chair: y.coChair } : {}),
    ...(y.som ? { som: { ...(y.som.number !== undefined ? { number: y.som.number } : {}), place: y.som.place, date: y.som.date } } : {}),
  }));
  const warnings = await writeChecked(dir, { [file]: String(doc) });
  return { file, warnings };
}

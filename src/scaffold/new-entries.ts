/**
 * `activity-report new event|place|year|strand|type|framework`: writes a new data entry that validates, from
 * options or answers, with every optional field of an event shown as a comment. Never overwrites.
 *
 * An entry for places.yaml or report.yaml is inserted as new lines into the file's own text (yaml-insert.ts), and
 * the written file is read back (read-back.ts). When the result does not validate, the files are put back as they
 * were and the problems are reported against the options that were given.
 */
import path from "node:path";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { fieldsOf } from "../data/contract/fields.ts";
import { DATA_FILE_KINDS, schemaLine, termsOf, type Terms } from "../data/contract/json-schema.ts";
import { editionSchema, eventTypeSchema, ID_PATTERN, strandSchema } from "../data/contract/schema.ts";
import { countryName } from "../data/countries.ts";
import { DataError, type Diagnostic } from "../data/diagnostics.ts";
import { loadData, OPTIONAL_FILES, REFERENCE_FILES, type DataSet } from "../data/load.ts";
import { defines, entryOf } from "../data/lookup.ts";
import { emptyFileMessage, missingFileMessage } from "../data/read.ts";
import { isKnownCountry, placeIsCountry, unknownCountryPlace, unknownPlace } from "../data/rules/references.ts";
import { didYouMean } from "../data/rules/suggest.ts";
import { parsePartialDate } from "../format/dates.ts";
import { slugify } from "../format/text.ts";
import { ScaffoldError, type Edit, type Given } from "./edits.ts";
import { eventId, MAX_EVENT_ID, MAX_GIVEN_ID, titlePhrases } from "./ids.ts";
import { EVENT_KIND, eventYaml, offeredFields, type NewEvent } from "./offered-fields.ts";
import { readBack, rejection, shown } from "./read-back.ts";
import { insertEntry, insertItem, type Inserted } from "./yaml-insert.ts";

/** The ids the data folder defines, for the examples of the fields offered. */
const termsOfData = (data: DataSet): Terms => termsOf(data);

const HAS_ERRORS = "Nothing was written: the data folder has errors already; fix the errors above, then run the command again.";

/** The data before `new` adds to it: with errors, nothing is written, and the command says so. */
export async function validData(dir: string): Promise<DataSet> {
  const loaded = await loadData(dir);
  if (!loaded.data) throw new DataError(loaded.diagnostics, HAS_ERRORS);
  return loaded.data;
}

/**
 * The data before `new` adds to the reference file `file`, which may be empty
 * or missing (`new` then writes its first entry): undefined when that is the
 * data folder's only error, since nothing else can be known then.
 */
async function dataBefore(dir: string, file: string): Promise<DataSet | undefined> {
  const loaded = await loadData(dir);
  if (loaded.data) return loaded.data;
  const name = path.basename(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  const fresh = (d: Diagnostic) => path.resolve(d.file) === path.resolve(file) && (d.message === emptyFileMessage(name) || d.message === missingFileMessage(name));
  if (errors.length > 0 && errors.every(fresh)) return undefined;
  throw new DataError(loaded.diagnostics, HAS_ERRORS);
}

/** A reference file's text before `new` adds to it; undefined for one that is missing, which `new` then writes. */
const textBefore = (file: string): Promise<string | undefined> =>
  readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });

/** A new reference file: the line that names its schema, then `body`'s lines; `added` is where they are. */
function newFile(file: string, dir: string, body: Inserted): Inserted {
  const kind = DATA_FILE_KINDS.find((k) => k.files.includes(path.basename(file)))!;
  const head = `${schemaLine(file, dir, kind)}\n`;
  return { text: head + body.text, added: [head.length + body.added[0], head.length + body.added[1]] };
}

/** Adds `item` to the list of the reference file `file` (written when missing), checked as writeChecked checks. */
async function addItem(dir: string, file: string, index: number, item: Record<string, unknown>, comments: readonly string[], what: string, given: readonly Given[]) {
  const before = await textBefore(file);
  const inserted = before === undefined ? newFile(file, dir, insertItem(file, "", item, comments)) : insertItem(file, before, item, comments);
  const warnings = await writeChecked(dir, [{ file, ...(before !== undefined ? { before } : {}), ...inserted, entry: [index], what, given }]);
  return { file, warnings };
}

/**
 * Writes the edits, reads each file back, then validates the data folder; on
 * any problem every file is put back as it was (byte for byte) and the problems
 * are thrown in terms of the options.
 */
async function writeChecked(dir: string, edits: readonly Edit[]): Promise<readonly Diagnostic[]> {
  for (const edit of edits) {
    if (edit.before === undefined && (await stat(edit.file).then(() => true, () => false))) {
      throw new ScaffoldError(`${edit.file} exists already; nothing was written`);
    }
    const problems = readBack(edit);
    if (problems.length > 0) throw new ScaffoldError([...problems, "nothing was written"].join("\n"));
  }
  const before = new Map<string, Buffer | undefined>();
  const made: string[] = [];
  try {
    for (const edit of edits) {
      const content = await readFile(edit.file).catch(() => undefined);
      if (edit.before !== undefined && content?.toString("utf8") !== edit.before) {
        throw new ScaffoldError(`${edit.file} changed while new was running; nothing was written`);
      }
      const dirMade = await mkdir(path.dirname(edit.file), { recursive: true });
      if (dirMade) made.push(dirMade);
      // A new file is created, never overwritten, even by one that appeared a moment ago.
      await writeFile(edit.file, edit.text, { flag: edit.before === undefined ? "wx" : "w" });
      before.set(edit.file, content);
    }
    // What is on disk is what was checked: read back once more, as the build will read it.
    for (const edit of edits) {
      const problems = readBack({ ...edit, text: await readFile(edit.file, "utf8") });
      if (problems.length > 0) throw new ScaffoldError([...problems, "nothing was written"].join("\n"));
    }
    const result = await loadData(dir);
    if (!result.data) throw rejection(result.diagnostics, edits);
    return result.diagnostics;
  } catch (error) {
    for (const [file, content] of before) {
      if (content === undefined) await rm(file, { force: true });
      else await writeFile(file, content);
    }
    for (const folder of made.reverse()) await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function known(kind: string, value: string, ids: Iterable<string>, file: string): void {
  const list = [...ids];
  if (!list.includes(value)) throw new ScaffoldError(`unknown ${kind} "${value}"${didYouMean(value, list) || ` (${file} lists ${list.join(", ")})`}`);
}

const normalisedTitle = (title: string) => title.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

export async function newEvent(dir: string, e: NewEvent): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  const date = parsePartialDate(e.date);
  if (!date.ok) throw new ScaffoldError(`date ${date.message}`);
  // A place in capitals names a country (an activity known only by its country): the file is named by the country's name.
  const country = placeIsCountry(e.place) ? e.place : undefined;
  if (country) {
    if (!isKnownCountry(country, data.countries)) throw new ScaffoldError(unknownCountryPlace(country));
  } else if (!defines(data.places, e.place)) throw new ScaffoldError(unknownPlace(e.place, data.places, data.countries));
  known("type", e.type, data.eventTypes.map((t) => t.id), REFERENCE_FILES.eventTypes);
  if (e.strands.length === 0) throw new ScaffoldError("give at least one strand");
  for (const strand of e.strands) known("strand", strand, data.strands.map((s) => s.id), REFERENCE_FILES.strands);
  if (!e.title.trim()) throw new ScaffoldError("give a title");
  if (!e.summary.trim()) throw new ScaffoldError("give a summary of a few sentences");
  const event = { ...e, date: date.value.iso };
  const place = entryOf(data.places, e.place);
  const countryNamed = country && countryName(country, data.countries);
  const id = e.id ?? (countryNamed
    ? eventId(event.date, countryNamed, e.title, [data.report.organisation])
    : eventId(event.date, e.place, e.title, [data.report.organisation, ...(place ? [place.name, ...(place.local_name ? [place.local_name] : [])] : [])]));
  if (e.id !== undefined) {
    if (!ID_PATTERN.test(id)) {
      const slug = slugify(id);
      throw new ScaffoldError(`--id ${shown(id)} must be an id in lower case letters, digits and hyphens${slug && slug !== id ? `, such as "${slug}"` : ""}; it becomes the event's file name and web address`);
    }
    if (id.length > MAX_GIVEN_ID) throw new ScaffoldError(`--id ${shown(id)} is ${id.length} characters long; an event's id is at most ${MAX_GIVEN_ID}, and ${MAX_EVENT_ID} reads well in a web address`);
  }
  const namesake = data.events.find((x) => x.id === id);
  if (namesake) throw new ScaffoldError(`${path.relative(dir, namesake.file)} has the id "${id}" already; ${e.id === undefined ? "give the new event another with --id" : "give another"}; nothing was written`);
  const file = path.join(dir, "events", String(date.value.year), `${id}.yaml`);
  if (await stat(file).then(() => true, () => false)) throw new ScaffoldError(`${file} exists already; nothing was written`);
  // Validation would place this error in the other file, and name the new one, which is then gone.
  const twin = data.events.find((x) => x.date.iso === date.value.iso && x.place === e.place && normalisedTitle(x.title) === normalisedTitle(e.title));
  if (twin) throw new ScaffoldError(`${path.relative(dir, twin.file)} has the same date, place and title already; nothing was written`);
  // The goals offered are those of a framework in force in the event's year, where one is.
  const inForce = data.frameworks.find((f) => f.from <= date.value.year && date.value.year <= f.to);
  const examples = inForce ? { goals: [inForce.goals[0]!.id] } : {};
  const text = eventYaml(event, { terms: termsOfData(data), examples, schemaLine: schemaLine(file, dir, EVENT_KIND) });
  const given: Given[] = [
    { option: "--title", typed: e.title, path: ["title"], value: e.title },
    { option: "--type", typed: e.type, path: ["type"], value: e.type },
    { option: "--date", typed: e.date, path: ["date"], value: event.date },
    { option: "--place", typed: e.place, path: ["place"], value: e.place },
    { option: "--strands", typed: e.strands.join(","), path: ["strands"], value: [...e.strands] },
    { option: "--summary", typed: e.summary, path: ["summary"], value: e.summary },
  ];
  const warnings = await writeChecked(dir, [{ file, text, added: [0, text.length], entry: [], what: `the new event ${path.basename(file)}`, given }]);
  return { file, warnings };
}

export interface NewPlace {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat?: number;
  readonly lon?: number;
  /** The coordinates as typed, for messages. */
  readonly typed?: { readonly lat?: string; readonly lon?: string };
}

export async function newPlace(dir: string, p: NewPlace): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, REFERENCE_FILES.places);
  const data = await dataBefore(dir, file);
  if (data && defines(data.places, p.id)) throw new ScaffoldError(`place "${p.id}" exists already in ${REFERENCE_FILES.places}; nothing was written`);
  const before = await textBefore(file);
  const place = { name: p.name, country: p.country, ...(p.lat !== undefined ? { lat: p.lat } : {}), ...(p.lon !== undefined ? { lon: p.lon } : {}) };
  const inserted = before === undefined ? newFile(file, dir, insertEntry(file, "", [], p.id, place)) : insertEntry(file, before, [], p.id, place);
  const given: Given[] = [
    { option: "--id", typed: p.id, path: [p.id], value: p.id, key: true },
    { option: "--name", typed: p.name, path: [p.id, "name"], value: p.name },
    { option: "--country", typed: p.country, path: [p.id, "country"], value: p.country },
    ...(p.lat !== undefined ? [{ option: "--lat", typed: p.typed?.lat ?? String(p.lat), path: [p.id, "lat"], value: p.lat }] : []),
    ...(p.lon !== undefined ? [{ option: "--lon", typed: p.typed?.lon ?? String(p.lon), path: [p.id, "lon"], value: p.lon }] : []),
  ];
  const warnings = await writeChecked(dir, [{ file, ...(before !== undefined ? { before } : {}), ...inserted, entry: [p.id], what: `the new place "${p.id}"`, given }]);
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
  let somDate: string | undefined;
  if (y.som) {
    known("place", y.som.place, Object.keys(data.places), REFERENCE_FILES.places);
    const date = parsePartialDate(y.som.date);
    if (!date.ok) throw new ScaffoldError(`SOM date ${date.message}`);
    somDate = date.value.iso;
  }
  const file = path.join(dir, REFERENCE_FILES.report);
  const before = await readFile(file, "utf8");
  const written = {
    ...(y.chair !== undefined ? { chair: y.chair } : {}),
    ...(y.coChair !== undefined ? { co_chair: y.coChair } : {}),
    ...(y.som ? { som: { ...(y.som.number !== undefined ? { number: y.som.number } : {}), place: y.som.place, date: somDate } } : {}),
  };
  // An edition needs a field before the others can be written under it: with none given, it is a draft, which it is until its report is final.
  const edition: Record<string, unknown> = Object.keys(written).length > 0 ? written : { status: "draft" };
  const comments = offeredFields(fieldsOf(editionSchema), new Set(Object.keys(edition)), { terms: termsOfData(data) });
  const { text, added } = insertEntry(file, before, ["editions"], y.year, edition, true, comments);
  const at = ["editions", y.year];
  const given: Given[] = [
    { option: "--year", typed: String(y.year), path: at, value: y.year, key: true },
    ...(y.chair !== undefined ? [{ option: "--chair", typed: y.chair, path: [...at, "chair"], value: y.chair }] : []),
    ...(y.coChair !== undefined ? [{ option: "--co-chair", typed: y.coChair, path: [...at, "co_chair"], value: y.coChair }] : []),
    ...(y.som ? [
      { option: "--som-place", typed: y.som.place, path: [...at, "som", "place"], value: y.som.place },
      { option: "--som-date", typed: y.som.date, path: [...at, "som", "date"], value: somDate },
      ...(y.som.number !== undefined ? [{ option: "--som-number", typed: String(y.som.number), path: [...at, "som", "number"], value: y.som.number }] : []),
    ] : []),
  ];
  const warnings = await writeChecked(dir, [{ file, before, text, added, entry: at, what: `the new edition ${y.year}`, given }]);
  return { file, warnings };
}

export interface NewStrand {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly shortTitle?: string;
}

/** Adds a strand at the end of strands.yaml, its other fields offered as comments. */
export async function newStrand(dir: string, s: NewStrand): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, REFERENCE_FILES.strands);
  const strands = (await dataBefore(dir, file))?.strands ?? [];
  if (strands.some((x) => x.id === s.id)) throw new ScaffoldError(`strand "${s.id}" exists already in ${REFERENCE_FILES.strands}; nothing was written`);
  const strand = { id: s.id, title: s.title, ...(s.shortTitle !== undefined ? { short_title: s.shortTitle } : {}), kind: s.kind };
  const at = strands.length;
  return addItem(dir, file, at, strand, offeredFields(fieldsOf(strandSchema), new Set(Object.keys(strand)), { terms: {} }), `the new strand "${s.id}"`, [
    { option: "--id", typed: s.id, path: [at, "id"], value: s.id },
    { option: "--title", typed: s.title, path: [at, "title"], value: s.title },
    ...(s.shortTitle !== undefined ? [{ option: "--short-title", typed: s.shortTitle, path: [at, "short_title"], value: s.shortTitle }] : []),
    { option: "--kind", typed: s.kind, path: [at, "kind"], value: s.kind },
  ]);
}

export interface NewType {
  readonly id: string;
  readonly label: string;
  readonly plural: string;
  /** Events of the type are trainings. */
  readonly training?: boolean;
}

/** Adds an event type at the end of event-types.yaml. */
export async function newType(dir: string, t: NewType): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, REFERENCE_FILES.eventTypes);
  const types = (await dataBefore(dir, file))?.eventTypes ?? [];
  if (types.some((x) => x.id === t.id)) throw new ScaffoldError(`type "${t.id}" exists already in ${REFERENCE_FILES.eventTypes}; nothing was written`);
  const type = { id: t.id, label: t.label, plural: t.plural, ...(t.training ? { training: true } : {}) };
  const at = types.length;
  return addItem(dir, file, at, type, offeredFields(fieldsOf(eventTypeSchema), new Set(Object.keys(type)), { terms: {} }), `the new type "${t.id}"`, [
    { option: "--id", typed: t.id, path: [at, "id"], value: t.id },
    { option: "--label", typed: t.label, path: [at, "label"], value: t.label },
    { option: "--plural", typed: t.plural, path: [at, "plural"], value: t.plural },
    ...(t.training ? [{ option: "--training", typed: "true", path: [at, "training"], value: true }] : []),
  ]);
}

export interface NewFramework {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly adopted: string;
  readonly from: number;
  readonly to: number;
  /** The titles of its priority goals, in their order: numbered from 1. */
  readonly goals: readonly string[];
}

/** The longest id `new framework` makes for a goal. */
const MAX_GOAL_ID = 60;

/** A goal's id: the framework's, then the phrases of the goal's title that carry its meaning, whole and in order. */
export function goalId(framework: string, title: string): string {
  let id = framework;
  for (const phrase of titlePhrases(title)) {
    const longer = `${id}-${phrase.join("-")}`;
    if (longer.length > MAX_GOAL_ID) break;
    id = longer;
  }
  return id;
}

/** Adds a framework with its priority goals at the end of frameworks.yaml, which is written when missing. */
export async function newFramework(dir: string, f: NewFramework): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, OPTIONAL_FILES.frameworks);
  const frameworks = (await dataBefore(dir, file))?.frameworks ?? [];
  if (frameworks.some((x) => x.id === f.id)) throw new ScaffoldError(`framework "${f.id}" exists already in ${OPTIONAL_FILES.frameworks}; nothing was written`);
  if (f.goals.length === 0) throw new ScaffoldError("give the framework's priority goals, each with --goal TITLE");
  const adopted = parsePartialDate(f.adopted);
  if (!adopted.ok) throw new ScaffoldError(`--adopted ${adopted.message}`);
  const goals = f.goals.map((title, i) => ({ id: goalId(f.id, title), number: i + 1, title }));
  const taken = new Set(frameworks.flatMap((x) => x.goals.map((g) => g.id)));
  for (const [i, goal] of goals.entries()) {
    if (taken.has(goal.id)) throw new ScaffoldError(`--goal ${shown(f.goals[i]!)} would have the id "${goal.id}", which another goal has already; give the goal a title that tells it apart`);
    taken.add(goal.id);
  }
  const framework = { id: f.id, title: f.title, short_title: f.shortTitle, adopted: adopted.value.iso, from: f.from, to: f.to, goals };
  const at = frameworks.length;
  return addItem(dir, file, at, framework, [], `the new framework "${f.id}"`, [
    { option: "--id", typed: f.id, path: [at, "id"], value: f.id },
    { option: "--title", typed: f.title, path: [at, "title"], value: f.title },
    { option: "--short-title", typed: f.shortTitle, path: [at, "short_title"], value: f.shortTitle },
    { option: "--adopted", typed: f.adopted, path: [at, "adopted"], value: adopted.value.iso },
    { option: "--from", typed: String(f.from), path: [at, "from"], value: f.from },
    { option: "--to", typed: String(f.to), path: [at, "to"], value: f.to },
    ...goals.map((g, i) => ({ option: "--goal", typed: g.title, path: [at, "goals", i, "title"], value: g.title })),
  ]);
}

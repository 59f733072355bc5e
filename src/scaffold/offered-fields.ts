/** A new event's file: the fields given, and the others offered as comments, made from the contract (data/contract/fields.ts). */
import { fieldsOf, type Field } from "../data/contract/fields.ts";
import { DATA_FILE_KINDS, type Terms } from "../data/contract/json-schema.ts";
import { eventSchema, type Vocabulary } from "../data/contract/schema.ts";
import { yamlPair } from "./yaml-values.ts";

export interface NewEvent {
  readonly date: string;
  readonly place: string;
  readonly type: string;
  readonly strands: readonly string[];
  readonly title: string;
  readonly summary: string;
  /** The file name without .yaml, the event's permanent id; made from the date, place and title when not given. */
  readonly id?: string;
}

// ---------------------------------------------------------------------------------------------
// The fields not given, offered as comments: made from the contract (data/fields.ts).

/** A line of YAML as an offered field reads once its `# ` is removed, and what the field is, as a comment after it. */
interface Line {
  readonly text: string;
  readonly note?: string;
}

/** What the offered fields' examples are made of: the data folder's ids, and examples of the moment (the event's own date). */
export interface Offer {
  readonly terms: Terms;
  readonly examples?: Readonly<Record<string, unknown>>;
}

/** An example id of each kind, when the data folder has none yet. */
const PLACEHOLDER: Readonly<Record<Vocabulary, string>> = {
  places: "place-id", strands: "strand-id", types: "type-id", topics: "topic-id", goals: "goal-id", countries: "TR",
};

const firstId = (to: Vocabulary, offer: Offer) => offer.terms[to]?.[0]?.id ?? PLACEHOLDER[to];

function exampleOf(field: Field, offer: Offer): unknown {
  if (offer.examples && Object.hasOwn(offer.examples, field.name)) return offer.examples[field.name];
  if (field.example !== undefined) return field.example;
  if (field.reference) return field.holds === "list" ? [firstId(field.reference, offer)] : firstId(field.reference, offer);
  if (field.values) return field.values[0];
  return field.boolean ? true : "…";
}

/** The description, and the values a field of a fixed list may take where the description does not name them all. */
function noteOf(field: Field): string {
  const values = field.values && !field.values.every((v) => field.description.includes(v)) ? ` (${field.values.join(", ")})` : "";
  return `${field.description}${values}`;
}

/** `key: value` on one line (lists in brackets), or `key:` for an empty value. */
const pairLine = (key: string, value: unknown) => (value === null ? `${key}:` : yamlPair(key, value, { flow: true }).trimEnd());

const indented = (lines: readonly Line[], by: string): Line[] => lines.map((l) => ({ ...l, text: `${by}${l.text}` }));

/** Whether a field is offered: one that is no longer read, or read only in an older form, is not. */
const isOffered = (field: Field) => !field.retired && !field.deprecated && !field.readOnly;

/** The lines of a field filled in with its example, and those of the fields inside it. */
function fieldLines(field: Field, offer: Offer): Line[] {
  const head = { text: `${field.name}:`, note: noteOf(field) };
  const inner = (fields: readonly Field[]) => fields.filter(isOffered).flatMap((f) => fieldLines(f, { terms: offer.terms }));
  switch (field.holds) {
    case "object":
      return [head, ...indented(inner(field.fields!), "  ")];
    case "objects":
      return [head, ...indented(inner(field.fields!), "    ").map((l, i) => (i === 0 ? { ...l, text: `  - ${l.text.slice(4)}` } : l))];
    case "mapping": {
      const example = exampleOf(field, offer);
      if (field.fields) {
        const key = field.reference ? firstId(field.reference, offer) : "key";
        return [head, { text: `  ${key}:` }, ...indented(inner(field.fields), "    ")];
      }
      const entries = example !== null && typeof example === "object" ? Object.entries(example) : [["key", "value"]];
      return [head, ...entries.map(([k, v]) => ({ text: `  ${pairLine(String(k), v)}` }))];
    }
    default: {
      const example = exampleOf(field, offer);
      if (field.markdown) return [{ text: `${field.name}: |`, note: head.note }, ...(typeof example === "string" ? example : "…").split("\n").map((l) => ({ text: `  ${l}` }))];
      return [{ text: pairLine(field.name, example), note: head.note }];
    }
  }
}

/** Where the notes begin, so that they line up. */
const NOTE_COLUMN = 32;

/** The fields as comments at `indent`: removing a line's `# ` gives the YAML of the field, each with what it is. */
function commentLines(lines: readonly Line[], indent: number): string[] {
  return lines.map(({ text, note }) => {
    const line = `${" ".repeat(indent)}# ${text}`;
    return note ? `${line.padEnd(Math.max(NOTE_COLUMN + indent, line.length + 2))}# ${note}` : line;
  });
}

/** Every field of `fields` that is not given, as comments at `indent`. */
export function offeredFields(fields: readonly Field[], given: ReadonlySet<string>, offer: Offer, indent = 0): string[] {
  return commentLines(fields.filter((f) => isOffered(f) && !given.has(f.name)).flatMap((f) => fieldLines(f, offer)), indent);
}

export const EVENT_KIND = DATA_FILE_KINDS.find((k) => k.schemaFile === "event.schema.json")!;

/**
 * The event file's text: the line that names its JSON Schema, the given
 * fields, and every other field of the contract as a comment to fill in,
 * each in the contract's order.
 */
export function eventYaml(e: NewEvent, offer: Offer & { readonly schemaLine?: string } = { terms: {} }): string {
  // Only in comments, so only a date that is one: anything else must not reach the text unwritten by yaml.
  const sample = /^\d{4}(?:-\d{2}){0,2}$/.test(e.date) ? e.date : "2018-05-07";
  const given: Record<string, string> = {
    title: yamlPair("title", e.title),
    type: yamlPair("type", e.type),
    date: yamlPair("date", e.date),
    place: yamlPair("place", e.place),
    strands: yamlPair("strands", [...e.strands], { flow: true }),
    summary: yamlPair("summary", e.summary, { block: true }),
  };
  const examples = { end: sample, report_year: Number(sample.slice(0, 4)), ...offer.examples };
  const lines = fieldsOf(eventSchema).flatMap((field) =>
    Object.hasOwn(given, field.name) ? [given[field.name]!.replace(/\n$/, "")] : offeredFields([field], new Set(), { ...offer, examples }));
  return [
    ...(offer.schemaLine ? [offer.schemaLine] : []),
    "# One event. Every field is described in docs/data.md; remove the # before a field to use it.",
    ...lines,
  ].join("\n") + "\n";
}

/**
 * What the editor edits, made from a data file's value by its contract
 * (schema.ts), and back. Decap CMS edits objects, lists and values with
 * fields it names in advance; the data files also hold mappings whose keys
 * the editors write (places by id, editions by year, versions by language)
 * and files that are a list or a mapping as a whole. In the editor a mapping
 * is a list of entries, each with its key as a field (`key`), and a whole
 * file that is not an object is the one field `entries` of one. A list
 * written as its single item (`chairs: Türkiye`) is a list of one.
 */
import type * as z from "zod";
import { objectShape, unwrap } from "../../data/contract/fields.ts";
import { formOf } from "../../data/contract/schema.ts";

type AnySchema = z.core.$ZodType;

/** The field that holds a mapping entry's key. */
export const KEY = "key";
/** The field that holds a mapping entry's value, when that is not a set of fields. */
export const VALUE = "value";
/** The one field of a file that is a list or a mapping as a whole. */
export const ENTRIES = "entries";

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Whether the file as a whole is a list or a mapping, shown as the field `entries`. */
export function wrapsWhole(schema: AnySchema): boolean {
  const inner = unwrap(schema);
  const type = (inner._zod.def as { type: string }).type;
  return formOf(inner)?.kind === "mapping" || type === "array";
}

/** The value as the editor edits it. A value of another shape than the contract's is left as it is, for check to name. */
export function toView(schema: AnySchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "mapping") {
    if (!isRecord(value)) return value;
    const fields = objectShape(form.value) !== undefined;
    return Object.entries(value).map(([key, entry]) =>
      fields && isRecord(entry) ? { [KEY]: key, ...(toView(form.value, entry) as object) } : { [KEY]: key, [VALUE]: toView(form.value, entry) },
    );
  }
  if (form?.kind === "list") return (Array.isArray(value) ? value : [value]).map((item) => toView(form.item, item));
  const def = inner._zod.def as { type: string; element?: AnySchema };
  if (def.type === "array") return Array.isArray(value) ? value.map((item) => toView(def.element!, item)) : value;
  const shape = objectShape(inner);
  if (shape && isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? toView(shape[k], v) : v]));
  return value;
}

/** A data file's value as the editor edits it. */
export function fileToView(schema: AnySchema, value: unknown): unknown {
  return wrapsWhole(schema) ? { [ENTRIES]: toView(schema, value ?? undefined) ?? [] } : toView(schema, value);
}

/** The value the editor edited, in the form of the data file. */
export function fromView(schema: AnySchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "mapping") {
    if (!Array.isArray(value)) return value;
    const fields = objectShape(form.value) !== undefined;
    const out = Object.create(null) as Record<string, unknown>;
    for (const entry of value) {
      if (!isRecord(entry) || entry[KEY] === undefined || entry[KEY] === null || entry[KEY] === "") continue;
      const { [KEY]: key, ...rest } = entry;
      out[typeof key === "string" ? key : JSON.stringify(key)] = fields ? fromView(form.value, rest) : fromView(form.value, rest[VALUE]);
    }
    return out;
  }
  if (form?.kind === "list") return Array.isArray(value) ? value.map((item) => fromView(form.item, item)) : value;
  const def = inner._zod.def as { type: string; element?: AnySchema };
  if (def.type === "array") return Array.isArray(value) ? value.map((item) => fromView(def.element!, item)) : value;
  const shape = objectShape(inner);
  if (shape && isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? fromView(shape[k], v) : v]));
  return value;
}

/** A data file's value from what the editor edited. */
export function viewToFile(schema: AnySchema, value: unknown): unknown {
  return wrapsWhole(schema) ? fromView(schema, isRecord(value) ? value[ENTRIES] : undefined) : fromView(schema, value);
}

/** A place in a data file, or in the form: the keys and list positions from the top. */
export type FieldPath = readonly (string | number)[];

/**
 * Where a place of the data file (`editions`, `2018`, `chair`) is in the form
 * (`editions`, 2, `chair`: the third entry of the list the mapping is shown
 * as), given the file's value. `atKey`: the place is a mapping's key itself
 * (a year, a language), which the form shows as the entry's field `key`. What
 * the form does not show (a field the contract does not know) ends the path
 * at the form's nearest field.
 */
export function viewPath(schema: AnySchema, value: unknown, path: FieldPath, atKey = false): FieldPath {
  const out: (string | number)[] = wrapsWhole(schema) ? [ENTRIES] : [];
  let at: AnySchema | undefined = schema;
  let here: unknown = value;
  for (let i = 0; i < path.length && at; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    const inner = unwrap(at);
    const form = formOf(inner);
    if (form?.kind === "mapping") {
      if (!isRecord(here)) break;
      const index = Object.keys(here).indexOf(String(step));
      if (index < 0) break;
      out.push(index);
      const fields = objectShape(form.value) !== undefined;
      if (last && atKey) out.push(KEY);
      else if (!fields) out.push(VALUE);
      here = here[String(step)];
      at = form.value;
      continue;
    }
    if (form?.kind === "list") {
      // A list written as its one item is the whole list in the form, which holds it as its first item.
      if (!Array.isArray(here)) {
        out.push(0);
        at = form.item;
        i--;
        continue;
      }
      if (typeof step !== "number") break;
      out.push(step);
      here = here[step];
      at = form.item;
      continue;
    }
    const def = inner._zod.def as { type: string; element?: AnySchema };
    if (def.type === "array") {
      if (typeof step !== "number" || !Array.isArray(here)) break;
      out.push(step);
      here = here[step];
      at = def.element;
      continue;
    }
    const shape = objectShape(inner);
    if (!shape || typeof step !== "string" || !shape[step]) break;
    out.push(step);
    here = isRecord(here) ? here[step] : undefined;
    at = shape[step];
  }
  return out;
}

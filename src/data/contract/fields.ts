/**
 * The fields of the contract (schema.ts) as a tree: each with its name, its
 * one-line description, an example, whether it is required, and what it holds.
 * `new` writes its files from it (every optional field offered as a comment),
 * and the test of docs/data.md's field tables reads it.
 */
import * as z from "zod";
import { formOf, type Vocabulary } from "./schema.ts";

type AnySchema = z.core.$ZodType;

export interface Field {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** No longer read: check refuses it and says where it goes. Never offered. */
  readonly retired: boolean;
  /** Still read, in an older form that another field replaces: never offered. */
  readonly deprecated: boolean;
  /** Written by a command, not by hand (`readOnly` in the JSON Schemas): never offered. */
  readonly readOnly?: boolean;
  /** What the field holds: one value (or a list of values), a set of fields, a list of sets of fields, or a mapping of keys to values. */
  readonly holds: "value" | "list" | "object" | "objects" | "mapping";
  /** The contract's example of a value, if it gives one. */
  readonly example?: unknown;
  /** The values it may take, for a field of a fixed list. */
  readonly values?: readonly string[];
  readonly markdown: boolean;
  /** true or false. */
  readonly boolean: boolean;
  /** The kind of id it refers to, for a reference (or a list of references, or a mapping keyed by them). */
  readonly reference?: Vocabulary;
  /** The fields of its sets of fields: of the object, of each item, of each entry of the mapping. */
  readonly fields?: readonly Field[];
}

const metaOf = (schema: AnySchema) => z.globalRegistry.get(schema as z.ZodType);

/** The schema inside optional and default wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let def = s._zod.def as { type: string; innerType?: AnySchema }; def.type === "optional" || def.type === "default"; def = s._zod.def as typeof def) s = def.innerType!;
  return s;
}

/** The first description or example met from the field's outer schema inwards (`.describe()` may sit on any wrapper). */
function annotation<K extends "description" | "examples" | "deprecated" | "readOnly">(schema: AnySchema, key: K): z.GlobalMeta[K] | undefined {
  for (let s: AnySchema | undefined = schema; s; ) {
    const found = metaOf(s)?.[key];
    if (found !== undefined) return found;
    const def = s._zod.def as { type: string; innerType?: AnySchema };
    s = def.type === "optional" || def.type === "default" ? def.innerType : s._zod.parent;
  }
  return undefined;
}

export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema> };
  return def.type === "object" ? def.shape : undefined;
}

/** The fields of an object schema, in the contract's order. */
export function fieldsOf(schema: AnySchema): Field[] {
  const shape = objectShape(schema);
  if (!shape) throw new Error("not an object schema");
  return Object.entries(shape).map(([name, field]) => fieldOf(name, field));
}

function fieldOf(name: string, schema: AnySchema): Field {
  const inner = unwrap(schema);
  const form = formOf(inner);
  const examples = annotation(schema, "examples");
  const base = {
    name,
    description: annotation(schema, "description") ?? "",
    required: unwrap(schema) === schema,
    retired: form?.kind === "retired",
    deprecated: annotation(schema, "deprecated") === true,
    ...(annotation(schema, "readOnly") === true ? { readOnly: true } : {}),
    markdown: form?.kind === "markdown",
    boolean: (inner._zod.def as { type: string }).type === "boolean",
    ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] as unknown } : {}),
  };
  if (form?.kind === "reference") return { ...base, holds: "value", reference: form.to };
  if (form?.kind === "list") {
    const item = formOf(form.item);
    return { ...base, holds: "list", ...(item?.kind === "reference" ? { reference: item.to } : {}) };
  }
  if (form?.kind === "mapping") {
    const key = formOf(form.key);
    const fields = objectShape(form.value) ? fieldsOf(form.value) : undefined;
    return { ...base, holds: "mapping", ...(key?.kind === "reference" ? { reference: key.to } : {}), ...(fields ? { fields } : {}) };
  }
  const def = inner._zod.def as { type: string; element?: AnySchema; entries?: Record<string, string> };
  if (def.type === "object") return { ...base, holds: "object", fields: fieldsOf(inner) };
  if (def.type === "array") return objectShape(def.element!) ? { ...base, holds: "objects", fields: fieldsOf(def.element!) } : { ...base, holds: "list" };
  if (def.type === "enum") return { ...base, holds: "value", values: Object.values(def.entries!) };
  return { ...base, holds: "value" };
}

/** Every field's path in the tree (`som.place`, `documents.versions`), for tests that look for each. */
export function fieldPaths(fields: readonly Field[], prefix = ""): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, ...fieldPaths(f.fields ?? [], `${prefix}${f.name}.`)]);
}

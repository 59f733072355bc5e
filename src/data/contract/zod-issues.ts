/** Turns zod's issues into messages an editor can act on, placed at the offending line. */
import * as z from "zod";
import { COUNTRY_CODE, formOf, ID_PATTERN } from "./schema.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean, didYouMeanCountry } from "../rules/suggest.ts";
import type { PathSegment, TextInValue, YamlSource } from "../source/yaml-source.ts";

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a set of fields (name: value)",
  record: "a set of fields (name: value)",
};

/** What to write in a required field that is missing, where its name alone does not say. */
const MISSING_HINTS: Readonly<Record<string, string>> = {
  alt: ": write what the picture shows, for someone who cannot see it",
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a set of fields";
}

function fieldName(path: readonly PathSegment[]): string {
  const last = path.at(-1);
  if (last === undefined) return "the file";
  if (typeof last === "number") {
    const parent = path.findLast((s) => typeof s === "string");
    return `${parent ?? "item"} entry ${last + 1}`;
  }
  return String(last);
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    // Own properties only: a key such as "constructor" must not find Object's.
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The schema that describes the value at `path`, looking through wrappers. */
function schemaAt(schema: AnySchema | undefined, path: readonly PathSegment[]): AnySchema | undefined {
  let current = schema;
  for (let i = 0; i <= path.length && current; ) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    const form = formOf(current);
    if (form?.kind === "mapping" && i < path.length) { current = form.value; i++; }
    else if (def.type === "optional" || def.type === "nullable" || def.type === "default") current = def.innerType as AnySchema;
    else if (def.type === "pipe") current = (def.out as AnySchema)._zod.def.type === "transform" ? (def.in as AnySchema) : (def.out as AnySchema);
    else if (i === path.length) break;
    else if (def.type === "object") {
      const shape = def.shape as Record<string, AnySchema>;
      const key = String(path[i++]);
      current = Object.hasOwn(shape, key) ? shape[key] : undefined;
    }
    else if (def.type === "array") { current = def.element as AnySchema; i++; }
    else if (def.type === "record") { current = def.valueType as AnySchema; i++; }
    else return undefined;
  }
  return current;
}

function patternMessage(name: string, value: unknown, pattern: string | undefined): string {
  const shown = typeof value === "string" ? ` "${value}"` : "";
  if (pattern === String(ID_PATTERN)) return `${name}${shown} must be an id in lower case letters, digits and hyphens, such as "silk-routes"`;
  if (pattern === String(COUNTRY_CODE)) return `${name}${shown} must be a two-letter country code in capitals, such as "TR"${didYouMeanCountry(value)}`;
  if (pattern === String(/^\d{4}$/)) return `${name}${shown} must be a year written YYYY`;
  if (pattern?.includes("#")) return `${name}${shown} must be a colour written #RRGGBB, such as "#1f4e79"`;
  return `${name}${shown} is not in the expected form`;
}

/**
 * ` did you mean "x"?` (or nothing) for each of the `unknown` fields of an
 * object whose fields are `shape` and whose value, as written, is `written`:
 * a field of that object only, never one of another. The one whose name is
 * closest, among those not written yet before those written; else, when the
 * object lacks one required field and this is its only unknown field not so
 * explained, that one (`languages:` written for a document's `versions:`).
 * One pass over the unknown fields: one compared with every other took hours
 * for a mapping of 50,000.
 */
export function fieldsMeant(unknown: readonly string[], shape: Readonly<Record<string, AnySchema>>, written: unknown): string[] {
  const fields = Object.keys(shape);
  const present = new Set(written !== null && typeof written === "object" ? Object.keys(written) : []);
  const free = fields.filter((f) => !present.has(f));
  const close = unknown.map((k) => didYouMean(k, free) || didYouMean(k, fields));
  const missing = free.filter((f) => shape[f]!._zod.optout !== "optional");
  const unclaimed = close.filter((hint) => hint === "").length;
  const fallback = missing.length === 1 && unclaimed === 1 ? `, did you mean "${missing[0]}"?` : "";
  return close.map((hint) => hint || fallback);
}

export function issuesToDiagnostics(source: YamlSource, schema: AnySchema, issues: readonly Issue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const name = fieldName(path);
    const value = valueAt(source.value, path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const shape = (schemaAt(schema, path)?._zod.def as { shape?: Record<string, AnySchema> } | undefined)?.shape ?? {};
        const meant = fieldsMeant(issue.keys, shape, value);
        issue.keys.forEach((key, i) => out.push(source.diagnostic([...path, key], `unknown field "${key}"${meant[i]}`, { part: "key" })));
        break;
      }
      case "invalid_type": {
        if (path.length === 0) {
          const message = value === null || value === undefined ? "the file is empty" : `the file must hold ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
          out.push(source.diagnostic(path, message));
        } else if (value === undefined || value === null) {
          out.push(source.diagnostic(path, `missing required field "${name}"${Object.hasOwn(MISSING_HINTS, name) ? MISSING_HINTS[name] : ""}`));
        } else {
          out.push(source.diagnostic(path, `${name} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`));
        }
        break;
      }
      case "invalid_key": {
        const inner = issue.issues[0] as { code?: string; pattern?: string; message?: string } | undefined;
        const message = inner?.code === "custom" ? `key "${String(path.at(-1))}" ${inner.message}` : patternMessage("key", path.at(-1), inner?.pattern);
        out.push(source.diagnostic(path, message, { part: "key" }));
        break;
      }
      case "invalid_format":
        out.push(source.diagnostic(path, patternMessage(name, value, "pattern" in issue ? String(issue.pattern) : undefined)));
        break;
      case "invalid_value": {
        const options = issue.values.map(String);
        const hint = typeof value === "string" ? didYouMean(value, options) : "";
        out.push(source.diagnostic(path, `${name} must be one of ${options.join(", ")}, not ${describeValue(value)}${hint}`));
        break;
      }
      case "too_small":
        out.push(source.diagnostic(path,
          issue.origin === "string" ? `${name} must not be empty`
          : issue.origin === "array" ? `${name} must list at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}`
          : `${name} must be at least ${String(issue.minimum)}`));
        break;
      case "too_big":
        out.push(source.diagnostic(path, issue.origin === "string"
          ? `${name} is too long: at most ${String(issue.maximum)} characters, here ${typeof value === "string" ? value.length : "more"}`
          : issue.origin === "array"
          ? `${name} lists too many entries: at most ${String(issue.maximum)}, here ${Array.isArray(value) ? value.length : "more"}`
          : `${name} must be at most ${String(issue.maximum)}`));
        break;
      default: {
        // A custom issue may name the text it is about (`params.find`): placed where that is written in the value, and
        // named by its field, unless its message names it already (`params.named`).
        const find = issue.code === "custom" ? (issue.params?.find as TextInValue | undefined) : undefined;
        const named = issue.code === "custom" && (find === undefined || issue.params?.named === true);
        const message = named ? issue.message : `${name}: ${issue.message}`;
        out.push(source.diagnostic(path, message, { find }));
      }
    }
  }
  return out;
}

const COMPILED = new WeakMap<AnySchema, AnySchema>();

/**
 * `schema` with zod's compiled fast path (z.compile), made on first use: for
 * a schema that thousands of files are checked against. It is derived from
 * the schema, so the contract stays one declaration; a value the fast path
 * does not accept is checked again by the schema itself, so the issues, and
 * the diagnostics made from them, are the same.
 */
export function compiled<S extends AnySchema>(schema: S): S {
  let fast = COMPILED.get(schema);
  if (!fast) COMPILED.set(schema, (fast = z.compile(schema as unknown as z.ZodType) as unknown as AnySchema));
  return fast as S;
}

/**
 * Validates the file's value against `schema`; the parsed value, or
 * diagnostics. `parser` is what checks it: `schema`, or its compiled() clone.
 */
export function parseWith<S extends AnySchema>(source: YamlSource, schema: S, parser: S = schema): { value?: z.output<S>; diagnostics: Diagnostic[] } {
  const result = (parser as unknown as z.ZodType).safeParse(source.value);
  if (result.success) return { value: result.data as z.output<S>, diagnostics: [] };
  return { diagnostics: issuesToDiagnostics(source, schema, result.error.issues) };
}

/**
 * Like parseWith for an object schema, and also returns every field that is
 * valid on its own, so that cross-file checks can still run on a file with
 * other problems: editors see all of a file's errors at once.
 */
export function parseFields<S extends z.ZodObject>(source: YamlSource, schema: S, parser: S = schema): { value?: z.output<S>; fields?: Partial<z.output<S>>; diagnostics: Diagnostic[] } {
  const whole = parseWith(source, schema, parser);
  if (whole.value !== undefined) return { value: whole.value, fields: whole.value, diagnostics: [] };
  if (source.value === null || typeof source.value !== "object" || Array.isArray(source.value)) return { diagnostics: whole.diagnostics };
  return { fields: validFields(schema, source.value), diagnostics: whole.diagnostics };
}

/** The fields of `raw` that are valid on their own against the object `schema` (none when `raw` is not a mapping). */
export function validFields<S extends z.ZodObject>(schema: S, raw: unknown): Partial<z.output<S>> {
  const fields: Record<string, unknown> = {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return fields as Partial<z.output<S>>;
  for (const [key, field] of Object.entries(schema.shape)) {
    const result = (field as z.ZodType).safeParse(Object.hasOwn(raw, key) ? (raw as Record<string, unknown>)[key] : undefined);
    if (result.success && result.data !== undefined) fields[key] = result.data;
  }
  return fields as Partial<z.output<S>>;
}

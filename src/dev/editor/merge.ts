/**
 * A save of the editor written into the file as it is: only the values that
 * changed are written anew, in the file's own order, style and comments; a
 * field the editor does not know is left alone, and a new field goes where
 * the contract puts it among those written. The text of every line that did
 * not change is kept byte for byte (`keepUnchangedLines`): the yaml package
 * writes an untouched value in its own way (a plain text over two lines on
 * one), so only the lines that its writing of the change alters are taken
 * from it.
 */
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import type { z } from "zod";
import { objectShape, unwrap } from "../../data/fields.ts";
import { formOf, type JsonSchema } from "../../data/schema.ts";

type AnySchema = z.core.$ZodType;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Nothing written: an empty text, list or set of fields is a field left out. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmpty);
  return false;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Whether the contract reads a whole number here as such (a count, a year): a text of digits is then written as a number. */
function takesInteger(schema: AnySchema | undefined): boolean {
  if (!schema) return false;
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "json") {
    const json = form.schema as JsonSchema & { anyOf?: JsonSchema[] };
    return json.type === "integer" || (json.anyOf ?? []).some((s) => s.type === "integer");
  }
  const type = (inner._zod.def as { type: string }).type;
  return type === "number";
}

/** The value as it is to be written: a text of digits where a whole number is read (the form's text box gives text). */
function written(value: unknown, schema: AnySchema | undefined, old: unknown): unknown {
  if (typeof value === "string" && /^(?:0|[1-9]\d{0,14})$/.test(value.trim()) && (typeof old === "number" || takesInteger(schema))) return Number(value.trim());
  return value;
}

/** The schema of a mapping's values, of a list's items, of an object's fields. */
function parts(schema: AnySchema | undefined): { kind: "mapping"; value: AnySchema } | { kind: "list"; item: AnySchema } | { kind: "object"; shape: Record<string, AnySchema> } | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "mapping") return { kind: "mapping", value: form.value };
  if (form?.kind === "list") return { kind: "list", item: form.item };
  const def = inner._zod.def as { type: string; element?: AnySchema };
  if (def.type === "array") return { kind: "list", item: def.element! };
  const shape = objectShape(inner);
  return shape ? { kind: "object", shape } : undefined;
}

/** The node for `value` where `node` was: `node` itself, changed in place where it can be (keeping its comments and style). */
function merged(doc: Document, node: unknown, value: unknown, schema: AnySchema | undefined): unknown {
  const old = isScalar(node) || isMap(node) || isSeq(node) ? (node as Node).toJS(doc) : node;
  const shapeOf = parts(schema);
  // A list written as its single item stays so while it has one item.
  if (shapeOf?.kind === "list" && Array.isArray(value) && !Array.isArray(old) && old !== undefined && old !== null) {
    if (value.length === 1 && !Array.isArray(value[0]) && !isRecord(value[0])) return merged(doc, node, value[0], shapeOf.item);
  }
  let target = written(value, schema, old);
  // A block text ends with its line end; the form's text box drops it, which would write `|-`.
  if (isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") && typeof old === "string" && old.endsWith("\n") && typeof target === "string" && target.trim() !== "" && !target.endsWith("\n")) {
    target = `${target}\n`;
  }
  if (equal(old, target)) return node;
  if (target === null || typeof target !== "object") {
    if (isScalar(node)) {
      node.value = target;
      // A block text keeps its style while it is text; a number or a text of one line takes its own.
      if (typeof target !== "string") node.type = undefined;
      return node;
    }
    return doc.createNode(target);
  }
  if (Array.isArray(target)) {
    const item = shapeOf?.kind === "list" ? shapeOf.item : undefined;
    if (!isSeq(node)) return doc.createNode(target);
    const seq = node as YAMLSeq;
    seq.items = target.map((v, i) => merged(doc, seq.items[i], v, item)) as YAMLSeq["items"];
    return seq;
  }
  if (!isMap(node)) return doc.createNode(target);
  mergeMap(doc, node as YAMLMap, target as Record<string, unknown>, shapeOf);
  return node;
}

const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

function mergeMap(doc: Document, map: YAMLMap, value: Record<string, unknown>, shapeOf: ReturnType<typeof parts>): void {
  const shape = shapeOf?.kind === "object" ? shapeOf.shape : undefined;
  const entrySchema = shapeOf?.kind === "mapping" ? shapeOf.value : undefined;
  const order = shape ? Object.keys(shape) : [];
  for (const [key, v] of Object.entries(value)) {
    const fieldSchema = shape ? shape[key] : entrySchema;
    const at = map.items.findIndex((pair) => keyOf(pair) === key);
    // An empty field of a set of fields is a field left out; a mapping's entry may be empty (a version without a link).
    if (shape && isEmpty(v)) {
      if (at >= 0) map.items.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      map.items[at]!.value = merged(doc, map.items[at]!.value, v, fieldSchema);
      continue;
    }
    const pair = new Pair(doc.createNode(key), merged(doc, undefined, v, fieldSchema));
    map.items.splice(insertionPoint(map, key, order, shape !== undefined), 0, pair);
  }
  // What the editor removed: a field it knows, or an entry of a mapping. A field it does not know is not its to remove.
  map.items = map.items.filter((pair) => {
    const key = keyOf(pair);
    if (Object.hasOwn(value, key)) return true;
    return shape ? !Object.hasOwn(shape, key) : false;
  });
}

/** Where a new field goes: after the last field written that comes before it in the contract; a new entry of a mapping, at the end. */
function insertionPoint(map: YAMLMap, key: string, order: readonly string[], ordered: boolean): number {
  if (!ordered) return map.items.length;
  const rank = order.indexOf(key);
  let point = 0;
  map.items.forEach((pair, i) => {
    const r = order.indexOf(keyOf(pair));
    if (r >= 0 && r < rank) point = i + 1;
  });
  return rank < 0 ? map.items.length : point;
}

/** Options of the yaml package's writing that keep a data file's own layout as far as it can. */
function layoutOf(text: string) {
  // A list under a key written without indentation (`strands:\n- a`) is written so again.
  const indentSeq = !/^[ \t]*[^\s#-][^\n]*:[ \t]*\r?\n[ \t]*- /m.test(text) || /^([ \t]*)[^\s#-][^\n]*:[ \t]*\r?\n\1[ \t]+- /m.test(text);
  return { lineWidth: 0, indentSeq, flowCollectionPadding: false } as const;
}

/**
 * The text of `original` with `value` (the whole file's new value) written
 * into it, or undefined when `original` is not one YAML document that can be
 * edited (check names its problem). A value the same as the file's gives the
 * file's text unchanged.
 */
export function mergeIntoText(original: string, value: unknown, schema: AnySchema): string | undefined {
  const doc = parseDocument(original, { keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  const options = layoutOf(original);
  const before = doc.toString(options);
  doc.contents = merged(doc, doc.contents, value, schema) as typeof doc.contents;
  const after = doc.toString(options);
  return after === before ? original : keepUnchangedLines(original, before, after);
}

/** A new file with `value`, its fields in the order given, under `header` (comment lines). */
export function newFileText(value: unknown, header?: string): string {
  const text = new Document(value).toString({ lineWidth: 0, flowCollectionPadding: false });
  return header ? `${header}\n${text}` : text;
}

/** Lines with their ends. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * For each line of `b`, the line of `a` it is matched with in a longest
 * common subsequence (or -1). Lines the two share at the start and end are
 * matched first, so that the table is only as large as the lines between.
 */
export function matchLines(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(b.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) match[start] = start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) match[--endB] = --endA;
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return match;
  // lengths[i][j]: the longest common subsequence of a[start+i..] and b[start+j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[start + i] === b[start + j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[start + i] === b[start + j]) {
      match[start + j] = start + i;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return match;
}

/**
 * `original` with the changes that lead from `before` to `after`, where
 * `before` is the yaml package's writing of `original` unchanged and `after`
 * its writing with the editor's values. Lines kept in all three stand as
 * anchors; between two anchors, the lines of `original` stay where `before`
 * and `after` agree, and the lines of `after` replace them where they differ.
 */
export function keepUnchangedLines(original: string, before: string, after: string): string {
  const crlf = original.includes("\r\n");
  const a = lines(original);
  const b = lines(crlf ? before.replace(/\r?\n/g, "\r\n") : before);
  const c = lines(crlf ? after.replace(/\r?\n/g, "\r\n") : after);
  const bInA = matchLines(a, b);
  const cInB = matchLines(b, c);
  const bInC = new Int32Array(b.length).fill(-1);
  cInB.forEach((bi, ci) => bi >= 0 && (bInC[bi] = ci));
  // Anchors: lines of `before` matched in both; and the ends.
  const anchors: [number, number, number][] = [[-1, -1, -1]];
  for (let bi = 0; bi < b.length; bi++) if (bInA[bi]! >= 0 && bInC[bi]! >= 0) anchors.push([bInA[bi]!, bi, bInC[bi]!]);
  anchors.push([a.length, b.length, c.length]);
  const out: string[] = [];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [a0, b0, c0] = anchors[k]!;
    const [a1, b1, c1] = anchors[k + 1]!;
    if (k > 0) out.push(a[a0]!);
    const unchanged = b1 - b0 === c1 - c0 && b.slice(b0 + 1, b1).every((line, i) => line === c[c0 + 1 + i]);
    out.push(...(unchanged ? a.slice(a0 + 1, a1) : c.slice(c0 + 1, c1)));
  }
  return out.join("");
}

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
import type * as z from "zod";
import { fieldsOf, objectShape, unwrap } from "../../data/contract/fields.ts";
import { formOf, type JsonSchema } from "../../data/contract/schema.ts";

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
function parts(schema: AnySchema | undefined): { kind: "mapping"; value: AnySchema } | { kind: "list"; item: AnySchema } | { kind: "object"; shape: Record<string, AnySchema>; hidden: ReadonlySet<string> } | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "mapping") return { kind: "mapping", value: form.value };
  if (form?.kind === "list") return { kind: "list", item: form.item };
  const def = inner._zod.def as { type: string; element?: AnySchema };
  if (def.type === "array") return { kind: "list", item: def.element! };
  const shape = objectShape(inner);
  // The fields the form does not offer (an older form of a field, config.ts): never removed by a save.
  return shape ? { kind: "object", shape, hidden: new Set(fieldsOf(inner).filter((f) => f.retired || f.deprecated).map((f) => f.name)) } : undefined;
}

/** The node for `value` where `node` was: `node` itself, changed in place where it can be (keeping its comments and style). */
function merged(doc: Document, node: unknown, value: unknown, schema: AnySchema | undefined): unknown {
  const old = isScalar(node) || isMap(node) || isSeq(node) ? (node as Node).toJS(doc) as unknown : node;
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
    const seq = node;
    const olds = seq.items.map((n) => (isScalar(n) || isMap(n) || isSeq(n) ? (n as Node).toJS(doc) as unknown : n));
    const pairs = pairItems(olds, target);
    // The comment above the first item is the list's in the yaml package: it goes with that item, moved or removed.
    if (seq.commentBefore && seq.items.length > 0 && pairs[0] !== 0) {
      const first = seq.items[0] as Node;
      if (pairs.includes(0) && (isScalar(first) || isMap(first) || isSeq(first))) first.commentBefore = seq.commentBefore;
      seq.commentBefore = undefined;
    }
    seq.items = target.map<YAMLSeq["items"][number]>((v, i) => merged(doc, pairs[i] === undefined ? undefined : seq.items[pairs[i]], v, item));
    return seq;
  }
  if (!isMap(node)) return doc.createNode(target);
  mergeMap(doc, node, target as Record<string, unknown>, shapeOf);
  return node;
}

/** A value as the form sends it back, for recognising an item: empty fields left out, numbers as text. */
function normalised(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(normalised);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)).map(([k, v]) => [k, normalised(v)]));
  return value;
}

/**
 * For each item of the new list, the index of the item of the old list whose node it takes (with its
 * comments), or undefined for a new node: an item unchanged keeps its own node wherever it moved, and
 * the items changed take the nodes left over, in order. So removing or moving an item leaves the
 * comments of the others with them.
 */
export function pairItems(olds: readonly unknown[], news: readonly unknown[]): (number | undefined)[] {
  const oldKeys = olds.map((o) => JSON.stringify(normalised(o)));
  const used = new Set<number>();
  const pairs: (number | undefined)[] = news.map((v) => {
    const key = JSON.stringify(normalised(v));
    const at = oldKeys.findIndex((k, j) => !used.has(j) && k === key);
    if (at < 0) return undefined;
    used.add(at);
    return at;
  });
  const left = olds.map((_, j) => j).filter((j) => !used.has(j));
  return pairs.map((p) => p ?? left.shift());
}

const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

function mergeMap(doc: Document, map: YAMLMap, value: Record<string, unknown>, shapeOf: ReturnType<typeof parts>): void {
  const shape = shapeOf?.kind === "object" ? shapeOf.shape : undefined;
  const hidden = shapeOf?.kind === "object" ? shapeOf.hidden : new Set<string>();
  const entrySchema = shapeOf?.kind === "mapping" ? shapeOf.value : undefined;
  const order = shape ? Object.keys(shape) : [];
  // What the editor removed: a field its form offers, or an entry of a mapping. A field it does not offer is not its to remove.
  const gone = (pair: Pair) => {
    const key = keyOf(pair);
    return !Object.hasOwn(value, key) && (shape ? Object.hasOwn(shape, key) && !hidden.has(key) : true);
  };
  const keys = Object.keys(value);
  keys.forEach((key, index) => {
    const v = value[key];
    const fieldSchema = shape ? shape[key] : entrySchema;
    const at = map.items.findIndex((pair) => keyOf(pair) === key);
    // An empty field of a set of fields is a field left out; a mapping's entry may be empty (a version without a link).
    if (shape && isEmpty(v)) {
      if (at >= 0) map.items.splice(at, 1);
      return;
    }
    if (at >= 0) {
      map.items[at]!.value = merged(doc, map.items[at]!.value, v, fieldSchema);
      return;
    }
    const point = shape ? insertionPoint(map, key, order) : entryPoint(map, keys.slice(0, index));
    // A mapping's entry whose key the editor changed (a place's id, an edition's year) stays where it was, with its comments.
    const renamed = !shape ? map.items[point] : undefined;
    if (renamed && gone(renamed)) {
      if (isScalar(renamed.key)) renamed.key.value = key;
      else renamed.key = doc.createNode(key);
      renamed.value = merged(doc, renamed.value, v, fieldSchema);
      return;
    }
    map.items.splice(point, 0, new Pair(doc.createNode(key), merged(doc, undefined, v, fieldSchema)));
  });
  map.items = map.items.filter((pair) => !gone(pair));
}

/** Where a new field goes: after the last field written that comes before it in the contract (a field it does not know, at the end). */
function insertionPoint(map: YAMLMap, key: string, order: readonly string[]): number {
  const rank = order.indexOf(key);
  if (rank < 0) return map.items.length;
  let point = 0;
  map.items.forEach((pair, i) => {
    const r = order.indexOf(keyOf(pair));
    if (r >= 0 && r < rank) point = i + 1;
  });
  return point;
}

/** Where a new entry of a mapping goes: after the entry the editor shows before it, or first when it is first. */
function entryPoint(map: YAMLMap, before: readonly string[]): number {
  for (let i = before.length - 1; i >= 0; i--) {
    const at = map.items.findIndex((pair) => keyOf(pair) === before[i]);
    if (at >= 0) return at + 1;
  }
  return 0;
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

/**
 * The text of `original` after `edit` changed its document (a comment added), every line it did not
 * change kept byte for byte; undefined when `original` is not one YAML document that can be edited.
 */
export function editText(original: string, edit: (doc: Document) => void): string | undefined {
  const doc = parseDocument(original, { keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  const options = layoutOf(original);
  const before = doc.toString(options);
  edit(doc);
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
 * its writing with the editor's values. The lines of `before` found in
 * `original` stand as anchors; between two anchors, the lines of `original`
 * stay where `after` keeps the lines of `before`, and the lines of `after`
 * replace them where it changed them. Where the yaml package wrote a stretch
 * line for line (a comment's spacing, a quote), each line it kept is the
 * original's.
 */
export function keepUnchangedLines(original: string, before: string, after: string): string {
  const crlf = original.includes("\r\n");
  const a = lines(original);
  const b = lines(crlf ? before.replace(/\r?\n/g, "\r\n") : before);
  const c = lines(crlf ? after.replace(/\r?\n/g, "\r\n") : after);
  const bInA = matchLines(a, b);
  const cInB = matchLines(b, c);
  const kept = new Uint8Array(b.length);
  // The lines `after` adds, by the line of `before` they come before (b.length: at the end).
  const added = new Map<number, string[]>();
  let pending: string[] = [];
  cInB.forEach((bi, ci) => {
    if (bi < 0) return void pending.push(c[ci]!);
    kept[bi] = 1;
    if (pending.length > 0) added.set(bi, pending);
    pending = [];
  });
  if (pending.length > 0) added.set(b.length, pending);

  const anchors: [number, number][] = [[-1, -1]];
  bInA.forEach((ai, bi) => ai >= 0 && anchors.push([ai, bi]));
  anchors.push([a.length, b.length]);
  const out: string[] = [];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [a0, b0] = anchors[k]!;
    const [a1, b1] = anchors[k + 1]!;
    const between = Array.from({ length: b1 - b0 - 1 }, (_, i) => b0 + 1 + i);
    const unchanged = between.every((bi) => kept[bi] === 1 && !added.has(bi));
    if (unchanged) out.push(...a.slice(a0 + 1, a1));
    else {
      const lineForLine = a1 - a0 === b1 - b0;
      for (const bi of between) {
        out.push(...(added.get(bi) ?? []));
        if (kept[bi]) out.push(lineForLine ? a[a0 + 1 + (bi - b0 - 1)]! : b[bi]!);
      }
    }
    out.push(...(added.get(b1) ?? []));
    if (b1 < b.length && kept[b1]) out.push(a[a1]!);
  }
  return out.join("");
}

/**
 * Structure-aware mutations of the sample's YAML files. A case is one file
 * of the sample and a few mutations, each described by plain values (which
 * node, what to put there) that fast-check generates; applying them to the
 * parsed file is deterministic, so a seed replays a case exactly. The
 * mutations are what editors and attackers write: values of the wrong type,
 * keys written twice, anchors and aliases, characters that are not text,
 * huge values, missing and unknown fields, wrong ids and impossible dates.
 */
import path from "node:path";
import fc from "fast-check";
import { isAlias, isMap, isScalar, isSeq, parseDocument, Pair, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from "yaml";

/** The sample's files, by their path in the data folder (`events/2019/….yaml`), and what they hold that mutations draw on. */
export interface Sample {
  readonly files: readonly string[];
  readonly texts: ReadonlyMap<string, string>;
  /** Every key written in the sample, and every short lower-case text (mostly ids), to put where they do not belong. */
  readonly keys: readonly string[];
  readonly ids: readonly string[];
}

export function sampleOf(texts: ReadonlyMap<string, string>): Sample {
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const text of texts.values()) {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
          keys.add(key);
          walk(item);
        }
      } else if (typeof value === "string" && /^[a-zA-Z0-9-]{2,60}$/.test(value)) ids.add(value);
    };
    try { walk(parseDocument(text).toJS()); } catch { /* a sample file that is not YAML has no keys to give */ }
  }
  return { files: [...texts.keys()].sort(), texts, keys: [...keys].sort(), ids: [...ids].sort() };
}

// ------------------------------------------------------------------ what mutations put in

/** Characters that are not text, do not show, change direction, or end lines: raw in the file or inside a value. */
export const ODD_CHARACTERS = [
  "\x00", "\x01", "\x07", "\x08", "\x0B", "\x0C", "\x1B", "\x1B[2J", "\x1B]8;;http://evil/\x07", "\x7F", "\x85", "\x9B", "\xA0", "\xAD",
  "\u200B", "\u200D", "\u200E", "\u202E", "\u2066", "\u2028", "\u2029", "\u2060", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
  "\uD800", "\uDC00", "\u0301", "\u0308", "\t", "\r", "\n", "\r\n", "\u3000", "\u{1F3F3}\uFE0F\u200D\u{1F308}", "İ", "ß", "ǅ", "\u0130\u0307",
];

/** Texts that mean something to YAML, Markdown, HTML, Nunjucks, URLs or the shell. */
export const HOSTILE_TEXTS = [
  "", " ", "~", "null", "true", "no", "on", "0x1F", "1e3", ".inf", "-.nan", "0o17", "+1", "1_000",
  "[the 2019 report](/2019/)", "[events](../events/)", "[x](#%E0%A4)", "[x](%)", "[a](javascript:alert(1))", "[d](data:text/html,<b>x</b>)",
  "https://example.org/a%E0%A4", "https://ex%E0ample.org/", "https://example.org/50%", "https://example.org/reports/?q=1#top",
  "[l](http://127.0.0.1:8080/)", "[m](mailto:a@b)", "[e](<>)", "![p](images/sample-portrait.jpg)", "![p](/etc/passwd)", "![p](../../../etc/passwd)",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- open", "]]>", "&amp;&#0;&#x1;", "{{ 7*7 }}", "{% include '/etc/passwd' %}", "{# c #}",
  "${HOME}", "$(rm -rf /)", "`id`", "../../etc/passwd", "C:\\Windows\\", "-rf", "--help", "%PDF-1.7", "node12345678", "(node12345678)",
  "# heading", "- item", "1. item", "| a | b |\n|---|---|\n| 1 | 2 |", "> quote", "```\ncode\n```", "*emph* **strong** _x_", "\\", "'", "\"", "\"'`",
  "a: b", "? x", "&anchor x", "*alias", "!!binary AAAA", "!!js/function 'x'", "---", "...", "%YAML 1.1",
  "Tü\u0308rkiye", "ТÜRKİYE", "istanbuI", "ｉｓｔａｎｂｕｌ", "مؤتمر", "שלום", "漢字", "x".repeat(501), "word ".repeat(200),
];

export const ODD_DATES: readonly (string | number)[] = [
  "2019-02-30", "2019-13-01", "2019-00-10", "2019-02-29", "2020-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "1900-01-01", "1969-12-31",
  "2100-01-01", "2019-02", "2019", 2019, "2019-02-19T10:00:00Z", "2019-02-19 10:00", "19.02.2019", "2019-2-9", 20190219, -1, 0,
  "2019-02-19 ", "２０１９-02-19", "2019‐02‐19", "2019-W08", "+2019-02-19", "-2019-02-19", "2019-02-19/2019-02-20", "1e4",
];

export const ODD_NUMBERS: readonly unknown[] = [
  0, -1, 1.5, -0.5, 1e21, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, Infinity, -Infinity, NaN, "75", "over 75", "75+", "~75", "1,000", "1e3", "0x10",
  -90, 90, 180, -180, 90.0000001, 85, -80.5, 1e-7,
];

/** Names an editor mistypes, and names no schema knows. */
const ODD_KEYS = ["particpants", "Title", "TITLE", "title ", " title", "tit\u200Ble", "summary:", "<<", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "0", "-1", "1e3", "", "null", "~", "x".repeat(300)];

// ------------------------------------------------------------------ the mutations

export type TypeName = "string" | "number" | "bool" | "null" | "list" | "map" | "empty-list" | "empty-map" | "empty-string";

export type Mutation =
  /** Replace a value by one of another type, made from it where possible (a text's digits as a number, a value as a one-item list). */
  | { readonly kind: "swap-type"; readonly at: number; readonly to: TypeName }
  /** Write a key of a mapping a second time: the same, in quotes, as a number or text, or differing only in what hardly shows. */
  | { readonly kind: "duplicate-key"; readonly at: number; readonly style: "same" | "double" | "single" | "number" | "trailing-space" | "nfd" | "upper"; readonly sameValue: boolean }
  /** Anchor one value and put an alias of it in place of another. */
  | { readonly kind: "alias"; readonly from: number; readonly to: number }
  /** A list of many aliases of one value (a text, a list or a mapping). */
  | { readonly kind: "alias-bomb"; readonly at: number; readonly count: number; readonly length: number; readonly of: "text" | "list" | "map" }
  /** `<<: *anchor` into a mapping. */
  | { readonly kind: "merge"; readonly from: number; readonly to: number }
  /** Characters put inside a text value, or into a key. */
  | { readonly kind: "characters"; readonly at: number; readonly chars: string; readonly where: number; readonly key: boolean }
  /** Characters put anywhere into the file's text: raw, not escaped. */
  | { readonly kind: "raw-characters"; readonly offset: number; readonly chars: string }
  /** A huge text, number, list, mapping or nesting in place of a value. */
  | { readonly kind: "huge"; readonly at: number; readonly what: "text" | "number" | "list" | "map" | "nesting" | "line"; readonly size: number }
  /** Remove an entry of a mapping (a required field, maybe) or of a list. */
  | { readonly kind: "delete"; readonly at: number }
  /** Add a field no schema knows, or a known one where it does not belong. */
  | { readonly kind: "unknown-key"; readonly at: number; readonly key: string; readonly value: unknown }
  /** Put an id of the sample where another id (or any text) is, or a near miss of it. */
  | { readonly kind: "wrong-id"; readonly at: number; readonly id: number; readonly twist: "as-is" | "typo" | "upper" | "space" | "cyrillic" | "slash" | "dots" }
  /** A date or number out of range, or not one at all. */
  | { readonly kind: "odd-value"; readonly at: number; readonly value: unknown }
  /** A text that means something to YAML, Markdown, HTML, Nunjucks or URLs, in place of a text. */
  | { readonly kind: "hostile-text"; readonly at: number; readonly text: string }
  /** Copy a value from one place of the file to another. */
  | { readonly kind: "copy"; readonly from: number; readonly to: number }
  /** Write a text in another style: quoted, single-quoted, literal or folded block. */
  | { readonly kind: "restyle"; readonly at: number; readonly style: "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED" }
  /** The whole file: other line ends, a byte-order mark, cut short, a second document, a tag. */
  | { readonly kind: "file"; readonly what: "crlf" | "cr" | "bom" | "truncate" | "second-document" | "tag" | "empty" | "comment-only" | "tabs"; readonly offset: number };

export interface FuzzCase {
  /** The mutated file, by its path in the data folder. */
  readonly file: string;
  readonly mutations: readonly Mutation[];
  /** Also write the mutated event under another name (an event written twice, in another year's folder). */
  readonly copyAs?: string;
}

const nat = fc.nat({ max: 1_000_000 });
/** Sizes spread over orders of magnitude: 10 to about 2 million. */
const size = fc.integer({ min: 10, max: 63 }).map((e) => Math.round(2 ** (e / 3)));
const oddCharacters = fc.oneof(
  fc.constantFrom(...ODD_CHARACTERS),
  fc.array(fc.constantFrom(...ODD_CHARACTERS), { minLength: 2, maxLength: 4 }).map((a) => a.join("")),
  fc.string({ unit: "binary", minLength: 1, maxLength: 4 }),
);
const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXTS), fc.constantFrom(...ODD_NUMBERS), fc.constantFrom(...ODD_DATES),
  fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
);
const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));

export function mutationArbitrary(sample: Sample): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("swap-type" as const), at: nat, to: fc.constantFrom<TypeName>("string", "number", "bool", "null", "list", "map", "empty-list", "empty-map", "empty-string") }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("duplicate-key" as const), at: nat, style: fc.constantFrom("same", "double", "single", "number", "trailing-space", "nfd", "upper") as fc.Arbitrary<"same">, sameValue: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("alias" as const), from: nat, to: nat }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("alias-bomb" as const), at: nat, count: size, length: fc.integer({ min: 1, max: 2000 }), of: fc.constantFrom("text", "list", "map") as fc.Arbitrary<"text"> }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("merge" as const), from: nat, to: nat }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("characters" as const), at: nat, chars: oddCharacters, where: nat, key: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("raw-characters" as const), offset: nat, chars: oddCharacters }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("huge" as const), at: nat, what: fc.constantFrom("text", "number", "list", "map", "nesting", "line") as fc.Arbitrary<"text">, size }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: nat }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("unknown-key" as const), at: nat, key: fc.oneof(fc.constantFrom(...sample.keys), fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 })), value: anyValue }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("wrong-id" as const), at: nat, id: nat, twist: fc.constantFrom("as-is", "as-is", "typo", "upper", "space", "cyrillic", "slash", "dots") as fc.Arbitrary<"as-is"> }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("odd-value" as const), at: nat, value: fc.oneof(fc.constantFrom(...ODD_DATES), fc.constantFrom(...ODD_NUMBERS)) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("hostile-text" as const), at: nat, text: fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), fc.array(fc.constantFrom(...HOSTILE_TEXTS), { minLength: 2, maxLength: 4 }).map((a) => a.join(" "))) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("copy" as const), from: nat, to: nat }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("restyle" as const), at: nat, style: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED") as fc.Arbitrary<"PLAIN"> }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("file" as const), what: fc.constantFrom("crlf", "cr", "bom", "truncate", "second-document", "tag", "empty", "comment-only", "tabs") as fc.Arbitrary<"crlf">, offset: nat }) },
  );
}

export function caseArbitrary(sample: Sample): fc.Arbitrary<FuzzCase> {
  return fc.record({
    file: fc.constantFrom(...sample.files),
    mutations: fc.array(mutationArbitrary(sample), { minLength: 1, maxLength: 3 }),
    // One case in eight also writes the event under another name.
    copy: fc.oneof(
      { weight: 7, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("2016", "2017", "2018", "2019", "2020"), fc.constantFrom("copy", "2019-02-19-istanbul-ministerial-conference", "x"), fc.constantFrom(".yaml", ".yml")) },
    ),
  }).map(({ file, mutations, copy }) => ({
    file,
    mutations,
    ...(copy && file.startsWith("events/") ? { copyAs: `events/${copy[0]}/${copy[1] === "copy" ? path.basename(file, ".yaml") : copy[1]}${copy[2]}` } : {}),
  }));
}

// ------------------------------------------------------------------ applying them

type Parent = YAMLMap | YAMLSeq;
/** A value in the document, and where it sits: the collection that holds it and its key or index there. */
interface Place {
  readonly node: Node;
  readonly parent?: Parent;
  readonly key?: unknown;
}

/** Every value of the document (its root, each entry's value, each list item), in document order. */
function placesOf(doc: Document): Place[] {
  const places: Place[] = [];
  const walk = (node: unknown, parent?: Parent, key?: unknown, depth = 0): void => {
    if (!node || typeof node !== "object" || depth > 200) return;
    places.push({ node: node as Node, ...(parent ? { parent, key } : {}) });
    if (isMap(node)) for (const pair of node.items) walk(pair.value, node, pair.key, depth + 1);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, node, i, depth + 1));
  };
  walk(doc.contents);
  return places;
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** Puts `node` in place of the value at `place` (the root when it has no parent). */
function replace(doc: Document, place: Place, node: Node): void {
  if (!place.parent) doc.contents = node;
  else if (isMap(place.parent)) {
    const pair = place.parent.items.find((p) => p.key === place.key);
    if (pair) pair.value = node;
  } else place.parent.items[place.key as number] = node;
}

/** The plain value of a node, aliases resolved; undefined for one the YAML library cannot resolve. */
function plain(doc: Document, node: Node): unknown {
  try {
    return node.toJS(doc, { maxAliasCount: -1 });
  } catch {
    return undefined;
  }
}

/** A value of the type `to`, made from `value` where that makes sense. */
function retyped(value: unknown, to: TypeName): unknown {
  const text = typeof value === "string" ? value : value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" ? String(value) : "";
  switch (to) {
    case "string": return typeof value === "object" && value !== null ? (Array.isArray(value) ? value.join(", ") : text) : text || "x";
    case "number": {
      const digits = /-?\d+(\.\d+)?/.exec(text)?.[0];
      return digits !== undefined ? Number(digits) : text.length;
    }
    case "bool": return !value;
    case "null": return null;
    case "list": return Array.isArray(value) ? [value] : value !== null && typeof value === "object" ? Object.values(value) : [value];
    case "map": return Array.isArray(value) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : value !== null && typeof value === "object" ? { value } : { [text || "key"]: value };
    case "empty-list": return [];
    case "empty-map": return {};
    case "empty-string": return "";
  }
}

function twisted(id: string, twist: Extract<Mutation, { kind: "wrong-id" }>["twist"]): string {
  switch (twist) {
    case "as-is": return id;
    case "typo": return id.length > 2 ? id.slice(0, 1) + id.slice(2) : `${id}x`;
    case "upper": return id.toUpperCase();
    case "space": return ` ${id} `;
    case "cyrillic": return id.replace(/a/, "а").replace(/e/, "е").replace(/i/, "і");
    case "slash": return `../${id}`;
    case "dots": return `${id}.`;
  }
}

/** A key written as `style` that the build may read as the same key as `key`. */
function twinKey(key: Scalar, style: Extract<Mutation, { kind: "duplicate-key" }>["style"]): Scalar {
  const text = String(key.value);
  const twin = new Scalar<unknown>(key.value);
  switch (style) {
    case "same": break;
    case "double": twin.value = text; twin.type = Scalar.QUOTE_DOUBLE; break;
    case "single": twin.value = text; twin.type = Scalar.QUOTE_SINGLE; break;
    case "number": twin.value = /^\d+$/.test(text) ? (typeof key.value === "number" ? text : Number(text)) : text; if (typeof twin.value === "string") twin.type = Scalar.QUOTE_DOUBLE; break;
    case "trailing-space": twin.value = `${text} `; twin.type = Scalar.QUOTE_DOUBLE; break;
    case "nfd": twin.value = text.normalize("NFD") === text ? `${text}\u0301` : text.normalize("NFD"); break;
    case "upper": twin.value = text.toUpperCase(); break;
  }
  return twin;
}

/**
 * A value written as YAML text, for the values too big or too deep for the YAML library to build and write
 * quickly (hundreds of thousands of aliases, thousands of levels): a placeholder in the document, replaced
 * by the text once the document is written.
 */
function written(doc: Document, text: string): Node {
  const placeholders = (PLACEHOLDERS.get(doc) ?? new Map<string, string>());
  PLACEHOLDERS.set(doc, placeholders);
  const token = `fuzz-placeholder-${placeholders.size}`;
  placeholders.set(token, text);
  return doc.createNode(token);
}

const PLACEHOLDERS = new WeakMap<Document, Map<string, string>>();

/** Applies one mutation to the parsed document; `text` mutations of the whole file return the new text instead. */
function applyToDocument(doc: Document, m: Mutation, sample: Sample): void {
  const places = placesOf(doc);
  const scalars = places.filter((p) => isScalar(p.node));
  const texts = scalars.filter((p) => typeof (p.node as Scalar).value === "string");
  const maps = places.filter((p) => isMap(p.node) && p.node.items.length > 0) as (Place & { node: YAMLMap })[];
  const inside = places.filter((p) => p.parent);
  switch (m.kind) {
    case "swap-type": {
      const place = pick(places, m.at);
      if (place) replace(doc, place, doc.createNode(retyped(plain(doc, place.node), m.to)));
      return;
    }
    case "duplicate-key": {
      const map = pick(maps, m.at);
      if (!map) return;
      const pair = pick(map.node.items, m.at >> 4)!;
      if (!isScalar(pair.key)) return;
      const value = m.sameValue ? doc.createNode(plain(doc, pair.value as Node)) : doc.createNode(retyped(plain(doc, pair.value as Node), "string"));
      // Straight into the items: YAMLMap.set would replace the entry rather than write the key twice.
      map.node.items.splice(map.node.items.indexOf(pair) + 1, 0, new Pair(twinKey(pair.key, m.style), value));
      return;
    }
    case "alias": case "merge": case "copy": {
      const from = pick(places, m.from);
      const to = pick(m.kind === "merge" ? maps : inside, m.to);
      if (!from || !to || from === to) return;
      if (m.kind === "copy") return replace(doc, to, doc.createNode(plain(doc, from.node)));
      if (isAlias(from.node)) return;
      // An alias of a value that holds its own alias would be a cycle: the YAML library refuses it, as it should.
      const anchor = from.node.anchor ?? `a${m.from % 1000}`;
      from.node.anchor = anchor;
      const alias = doc.createAlias(from.node, anchor);
      if (m.kind === "alias") replace(doc, to, alias);
      else (to.node as YAMLMap).items.push(new Pair(new Scalar("<<"), alias));
      return;
    }
    case "alias-bomb": {
      const place = pick(inside, m.at);
      if (!place) return;
      const count = Math.min(m.count, 300_000);
      const base = m.of === "text" ? `"${"t".repeat(m.length)}"`
        : m.of === "list" ? `[${Array.from({ length: Math.min(m.length, 50) }, (_, i) => `item ${i}`).join(", ")}]`
        : `{a: "${"x".repeat(m.length)}"}`;
      replace(doc, place, written(doc, `[&bomb ${base}${", *bomb".repeat(count - 1)}]`));
      return;
    }
    case "characters": {
      if (m.key) {
        const map = pick(maps, m.at);
        const pair = map && pick(map.node.items, m.where);
        if (pair && isScalar(pair.key)) {
          const key = String(pair.key.value);
          const at = m.where % (key.length + 1);
          pair.key = new Scalar(key.slice(0, at) + m.chars + key.slice(at));
        }
        return;
      }
      const place = pick(texts, m.at);
      if (!place) return;
      const value = String((place.node as Scalar).value);
      const at = m.where % (value.length + 1);
      (place.node as Scalar).value = value.slice(0, at) + m.chars + value.slice(at);
      return;
    }
    case "huge": {
      const place = pick(inside, m.at);
      if (!place) return;
      const n = m.size;
      if (m.what === "text" || m.what === "line" || m.what === "number") {
        const value = m.what === "text" ? "word ".repeat(Math.ceil(n / 5)).slice(0, n)
          : m.what === "line" ? "x".repeat(n)
          : n > 1000 ? Number("9".repeat(Math.min(n, 400))) : 10 ** n;
        replace(doc, place, doc.createNode(value));
        return;
      }
      const many = (count: number, item: (i: number) => string) => Array.from({ length: count }, (_, i) => item(i)).join(", ");
      replace(doc, place, written(doc, m.what === "list" ? `[${many(Math.min(n, 200_000), (i) => (i % 2 ? `item-${i}` : String(i)))}]`
        : m.what === "map" ? `{${many(Math.min(n, 50_000), (i) => `key-${i}: ${i}`)}}`
        : `${"[".repeat(Math.min(n, 3000))}deep${"]".repeat(Math.min(n, 3000))}`));
      return;
    }
    case "delete": {
      const place = pick(inside, m.at);
      if (!place?.parent) return;
      if (isMap(place.parent)) place.parent.items = place.parent.items.filter((p) => p.key !== place.key);
      else place.parent.items.splice(place.key as number, 1);
      return;
    }
    case "unknown-key": {
      const map = pick(maps, m.at);
      if (map) map.node.items.push(new Pair(new Scalar(m.key), doc.createNode(m.value)));
      return;
    }
    case "wrong-id": {
      const place = pick(texts.length > 0 ? texts : inside, m.at);
      const id = pick(sample.ids, m.id);
      if (place && id !== undefined) replace(doc, place, doc.createNode(twisted(id, m.twist)));
      return;
    }
    case "odd-value": {
      // Dates and numbers go where dates and numbers are.
      const fitting = scalars.filter((p) => typeof (p.node as Scalar).value === "number" || /^\d{4}(-\d\d){0,2}$/.test(String((p.node as Scalar).value)) || typeof p.key === "number");
      const place = pick(fitting.length > 0 ? fitting : scalars, m.at);
      if (place) replace(doc, place, doc.createNode(m.value));
      return;
    }
    case "hostile-text": {
      const place = pick(texts, m.at);
      if (place) (place.node as Scalar).value = m.text;
      return;
    }
    case "restyle": {
      const place = pick(texts, m.at);
      if (place) (place.node as Scalar).type = Scalar[m.style];
      return;
    }
    case "raw-characters": case "file":
      return;
  }
}

/** Mutations of the file's text itself, after the document has been written. */
function applyToText(text: string, m: Mutation): string {
  if (m.kind === "raw-characters") {
    const at = m.offset % (text.length + 1);
    return text.slice(0, at) + m.chars + text.slice(at);
  }
  if (m.kind !== "file") return text;
  switch (m.what) {
    case "crlf": return text.replace(/\r?\n/g, "\r\n");
    case "cr": return text.replace(/\r?\n/g, "\r");
    case "bom": return `\uFEFF${text}`;
    case "truncate": return text.slice(0, m.offset % (text.length + 1));
    case "second-document": return `${text}---\n${text}`;
    case "tag": return `--- !!set\n${text}`;
    case "empty": return "";
    case "comment-only": return "# nothing here yet\n";
    case "tabs": return text.replace(/^( {2})+/gm, (spaces) => "\t".repeat(spaces.length / 2));
  }
}

/** The text of `file` after the mutations, in order (those of the text itself last). Mutations that find nothing to act on leave the file as it is. */
export function mutate(text: string, mutations: readonly Mutation[], sample: Sample): string {
  let current = text;
  // The file's text last: a raw character may leave it no longer YAML, and then no mutation of its structure applies.
  const textual = (m: Mutation) => m.kind === "raw-characters" || m.kind === "file";
  for (const m of [...mutations.filter((m) => !textual(m)), ...mutations.filter(textual)]) {
    if (m.kind === "raw-characters" || m.kind === "file") {
      current = applyToText(current, m);
      continue;
    }
    // A file made huge by an earlier mutation is huge enough: parsing it again would take long.
    if (current.length > 256 * 1024) continue;
    const doc = parseDocument(current, { uniqueKeys: false });
    // A file that no longer parses (a raw character made it invalid) is mutated as text only.
    if (doc.errors.length > 0) continue;
    try {
      applyToDocument(doc, m, sample);
      let next = doc.toString({ lineWidth: 0 });
      for (const [token, text] of PLACEHOLDERS.get(doc) ?? []) next = next.replace(token, () => text);
      current = next;
    } catch {
      // A mutation the YAML library cannot make or write: leave it out.
    }
  }
  return current;
}

/** The files a case writes into the copy of the data folder, by their path there. */
export function caseFiles(fuzzCase: FuzzCase, sample: Sample): Map<string, string> {
  const original = sample.texts.get(fuzzCase.file)!;
  const mutated = mutate(original, fuzzCase.mutations, sample);
  const files = new Map([[fuzzCase.file, mutated]]);
  if (fuzzCase.copyAs && fuzzCase.copyAs !== fuzzCase.file) files.set(fuzzCase.copyAs, mutated);
  return files;
}

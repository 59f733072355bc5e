/**
 * The words the report prints, one catalogue per language, in ICU
 * MessageFormat (intl-messageformat): plurals and selects as translators'
 * tools know them. A catalogue is a YAML file of nested mappings whose leaves
 * are messages; a message's key is its path, `site.search.label`. English is
 * the reference: every key the report asks for is in it. Another language may
 * lack keys (they are reported, by key, and fall back to English) but has no
 * keys of its own, and each of its messages takes the placeholders of the
 * English one.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import jsYaml from "js-yaml";
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";

/** Where a message is written: 1-based line and column of its key. */
export interface MessagePosition {
  readonly line: number;
  readonly col: number;
}

export interface CatalogueMessage extends MessagePosition {
  readonly text: string;
  /** The message parsed, once: what formats it, and tells its placeholders; undefined when it does not parse. */
  readonly ast?: readonly MessageFormatElement[];
}

export interface Catalogue {
  /** The language tag, from the file's name (`ru.yaml` → `ru`). */
  readonly lang: string;
  /** The file it was read from, as a diagnostic names it. */
  readonly file: string;
  readonly messages: ReadonlyMap<string, CatalogueMessage>;
  /** Where each mapping of keys begins (`site.search`, and `` for the whole file): where a missing key would go. */
  readonly groups: ReadonlyMap<string, MessagePosition>;
}

/** A mistake in a catalogue, at its place in the file. */
export interface CatalogueProblem extends MessagePosition {
  readonly file: string;
  readonly key?: string;
  readonly message: string;
}

/** The locale tag messages are formatted in: Latin digits in every language, as the report's other figures (locale.ts). */
export const messageLocale = (lang: string): string => (lang === "en" ? "en-GB" : `${lang}-u-nu-latn`);

const KEY_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The quick read of a catalogue with nothing to place: js-yaml, which is fast and gives no positions, each message
 * parsed. Undefined at the first thing that is not a key, a message that parses or a mapping: the full read finds
 * and places it.
 */
function quickRead(text: string): Map<string, { text: string; ast: MessageFormatElement[] }> | undefined {
  let value: unknown;
  try {
    value = jsYaml.load(text);
  } catch {
    return undefined;
  }
  if (!isMapping(value)) return undefined;
  const messages = new Map<string, { text: string; ast: MessageFormatElement[] }>();
  const walk = (mapping: Record<string, unknown>, prefix: string): boolean =>
    Object.entries(mapping).every(([name, item]) => {
      if (!KEY_NAME.test(name)) return false;
      const key = prefix ? `${prefix}.${name}` : name;
      if (isMapping(item)) return walk(item, key);
      if (typeof item !== "string") return false;
      const { ast } = parseMessage(item);
      if (ast) messages.set(key, { text: item, ast });
      return ast !== undefined;
    });
  return walk(value, "") ? messages : undefined;
}

/**
 * Reads a catalogue's YAML: each leaf a message; what is not a mapping or a string is a problem at its place. A
 * catalogue without problems is read quickly, and its places worked out only when a diagnostic asks for one.
 */
export function parseCatalogue(text: string, file: string, lang: string): { catalogue: Catalogue; problems: CatalogueProblem[] } {
  const quick = quickRead(text);
  if (!quick) return fullRead(text, file, lang);
  let full: Catalogue | undefined;
  const placed = () => (full ??= fullRead(text, file, lang).catalogue);
  const messages = new Map<string, CatalogueMessage>();
  for (const [key, { text: message, ast }] of quick) {
    messages.set(key, {
      text: message,
      ast,
      get line() { return placed().messages.get(key)!.line; },
      get col() { return placed().messages.get(key)!.col; },
    });
  }
  return { catalogue: { lang, file, messages, get groups() { return placed().groups; } }, problems: [] };
}

/** The read with the `yaml` library, which places every key and every problem. */
function fullRead(text: string, file: string, lang: string): { catalogue: Catalogue; problems: CatalogueProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: CatalogueProblem[] = [];
  const at = (offset: number | undefined): MessagePosition => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, col: pos.col };
  };
  for (const error of doc.errors) problems.push({ file, ...at(error.pos[0]), message: error.message.split("\n")[0]! });
  const messages = new Map<string, CatalogueMessage>();
  const groups = new Map<string, MessagePosition>();
  const walk = (node: YamlNode | null, prefix: string, where: MessagePosition) => {
    if (!isMap(node)) {
      problems.push({ file, ...where, ...(prefix ? { key: prefix } : {}), message: prefix ? `${prefix} must be a message or a mapping of keys` : "a catalogue must be a mapping of keys" });
      return;
    }
    groups.set(prefix, where);
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode;
      const name = isScalar(keyNode) ? String(keyNode.value) : "";
      const pos = at(keyNode?.range?.[0]);
      if (!KEY_NAME.test(name)) {
        problems.push({ file, ...pos, message: `"${name}" is not a key: letters, digits, "_" and "-", starting with a letter` });
        continue;
      }
      const key = prefix ? `${prefix}.${name}` : name;
      const value = pair.value as YamlNode | null;
      if (isScalar(value) && typeof value.value === "string") {
        const parsed = parseMessage(value.value);
        messages.set(key, { text: value.value, ...pos, ...(parsed.ast ? { ast: parsed.ast } : {}) });
        if (parsed.error) problems.push({ file, ...pos, key, message: `${key}: ${parsed.error}` });
      } else if (isMap(value)) {
        walk(value, key, pos);
      } else {
        problems.push({ file, ...pos, key, message: `${key} must be a message (text) or a mapping of keys` });
      }
    }
  };
  if (doc.contents !== null || text.trim() !== "") walk(doc.contents as YamlNode | null, "", { line: 1, col: 1 });
  else groups.set("", { line: 1, col: 1 });
  return { catalogue: { lang, file, messages, groups }, problems };
}

/**
 * A message parsed as ICU MessageFormat (the parser intl-messageformat uses, called once per message: building a
 * formatter for each would cost check a millisecond a message), or why it does not parse. Tags are text.
 */
function parseMessage(text: string): { ast?: MessageFormatElement[]; error?: string } {
  try {
    return { ast: parse(text, { ignoreTag: true, requiresOtherClause: true }) };
  } catch (error) {
    return { error: `is not ICU MessageFormat (${(error as Error).message.split("\n")[0]})` };
  }
}

/** The names a message's placeholders take (`{year}`, `{n, plural, …}`), inside plurals and selects too. */
export function placeholdersOf(message: string | readonly MessageFormatElement[]): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type !== TYPE.literal && el.type !== TYPE.pound) names.add(el.value);
      if ("options" in el) for (const option of Object.values(el.options)) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  const ast = typeof message === "string" ? parseMessage(message).ast : message;
  if (!ast) throw new Error(`not ICU MessageFormat: ${String(message)}`);
  walk(ast);
  return names;
}

/** What a translation's catalogue lacks or holds beyond the reference, and the messages whose placeholders differ. */
export interface CatalogueComparison {
  /** Keys of the reference that the translation lacks, in the reference's order. */
  readonly missing: readonly string[];
  /** Keys the reference does not have: misspelt, or left over from a message since removed. */
  readonly unknown: readonly string[];
  /** Messages whose placeholders are not those of the reference's. */
  readonly placeholders: readonly { readonly key: string; readonly expected: readonly string[]; readonly found: readonly string[] }[];
}

export function compareCatalogues(reference: Catalogue, translation: Catalogue): CatalogueComparison {
  const missing = [...reference.messages.keys()].filter((key) => !translation.messages.has(key));
  const unknown = [...translation.messages.keys()].filter((key) => !reference.messages.has(key));
  const placeholders = [];
  for (const [key, message] of translation.messages) {
    const source = reference.messages.get(key);
    if (!source) continue;
    // A message that does not parse is reported as such.
    if (!source.ast || !message.ast) continue;
    const expected = [...placeholdersOf(source.ast)].sort();
    const found = [...placeholdersOf(message.ast)].sort();
    if (expected.join() !== found.join()) placeholders.push({ key, expected, found });
  }
  return { missing, unknown, placeholders };
}

/** Problems of a translation against the reference, each at its place: missing keys at the mapping they belong in. */
export function translationProblems(reference: Catalogue, translation: Catalogue): CatalogueProblem[] {
  const { missing, unknown, placeholders } = compareCatalogues(reference, translation);
  const groupOf = (key: string): MessagePosition => {
    for (let prefix = key; prefix.includes("."); ) {
      prefix = prefix.slice(0, prefix.lastIndexOf("."));
      const found = translation.groups.get(prefix);
      if (found) return found;
    }
    return translation.groups.get("") ?? { line: 1, col: 1 };
  };
  const names = (list: readonly string[]) => (list.length ? list.map((n) => `{${n}}`).join(", ") : "none");
  return [
    ...missing.map((key) => {
      const source = reference.messages.get(key)!;
      return { file: translation.file, ...groupOf(key), key, message: `${key} has no ${translation.lang} text; English is printed instead (${reference.file}:${source.line}:${source.col})` };
    }),
    ...unknown.map((key) => ({ file: translation.file, ...translation.messages.get(key)!, key, message: `${key} is not a key of the ${reference.lang} catalogue (${reference.file}); check its spelling or remove it` })),
    ...placeholders.map((p) => ({ file: translation.file, ...translation.messages.get(p.key)!, key: p.key, message: `${p.key} takes ${names(p.found)}, but the ${reference.lang} message takes ${names(p.expected)}` })),
  ];
}

/** Values a message is formatted with. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** The messages of one language, each compiled once; a key it lacks is taken from the fallback (English). */
export interface Messages {
  readonly lang: string;
  /** The message of `key`, formatted with `values`; a key that no catalogue holds throws: it is a mistake in the code. */
  t(key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

export function compileMessages(catalogue: Catalogue, fallback?: Messages): Messages {
  const compiled = new Map<string, IntlMessageFormat>();
  // Most messages take no value (headings, labels): each is formatted once.
  const plain = new Map<string, string>();
  const locale = messageLocale(catalogue.lang);
  const formatOf = (key: string) => {
    let found = compiled.get(key);
    if (!found) {
      const message = catalogue.messages.get(key);
      if (!message) return undefined;
      // The parsed message, not its text: it is parsed once, when its catalogue is read.
      found = new IntlMessageFormat(message.ast ? [...message.ast] : message.text, locale, undefined, { ignoreTag: true });
      compiled.set(key, found);
    }
    return found;
  };
  return {
    lang: catalogue.lang,
    has: (key) => catalogue.messages.has(key) || (fallback?.has(key) ?? false),
    t(key, values) {
      if (values === undefined) {
        const known = plain.get(key);
        if (known !== undefined) return known;
      }
      const format = formatOf(key);
      if (!format) {
        if (fallback) return fallback.t(key, values);
        throw new Error(`no message "${key}" in the ${catalogue.lang} catalogue (${catalogue.file})`);
      }
      const result = format.format(values as Record<string, string | number> | undefined);
      if (typeof result !== "string") throw new Error(`the message "${key}" of ${catalogue.file} did not format to text`);
      // A value that ends with an abbreviation's full stop ("30 апреля 2018 г.") before the message's own full stop
      // gives one, as typesetters write it; an ellipsis of three is left alone.
      const text = result.replace(/(?<!\.)\.\.(?!\.)/g, ".");
      if (values === undefined) plain.set(key, text);
      return text;
    },
  };
}

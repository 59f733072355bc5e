/**
 * YAML values as editors write them, written by the yaml package (never pasted into hand-made text, where a line
 * break or a `#` would end them), and read back by both YAML readers of the build.
 */
import { isDeepStrictEqual } from "node:util";
import jsyaml from "js-yaml";
import { Document, isScalar, isSeq, parseDocument, visit, type Node, type Pair, type YAMLMap } from "yaml";
import type { Segment } from "./edits.ts";

/** Written without folding long lines, and lists as `[a, b]`, as editors write them. */
export const STYLE = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Both readers of the build: js-yaml for most files, the yaml package for those with a problem to place. */
export const READERS: readonly ((text: string) => unknown)[] = [
  (text) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }),
  (text) => {
    const doc = parseDocument(text, { uniqueKeys: true });
    const [error] = doc.errors;
    if (error) throw error;
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  },
];

/**
 * A whole file's YAML for `value`, as editors write it: a list of plain values
 * on one line (`[a, b]`), everything else in blocks, and text that the
 * contract reads as Markdown (`markdown`: field names) as a literal block.
 */
export function yamlText(value: unknown, markdown: ReadonlySet<string> = new Set()): string {
  const doc = new Document(value);
  visit(doc, {
    Seq: (_, node) => {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Pair: (_, pair) => {
      if (isScalar(pair.key) && markdown.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === "string") pair.value.type = "BLOCK_LITERAL";
    },
  });
  return doc.toString(STYLE);
}

/** Whether `text` reads as `expected` to both YAML readers of the build. */
export const readsAs = (text: string, expected: unknown) =>
  READERS.every((read) => {
    try {
      return isDeepStrictEqual(read(text), expected);
    } catch {
      return false;
    }
  });

/**
 * `key: value` as the yaml package writes it, ending with a line break: a list
 * of ids on one line when `flow`; text as a block (`|`), which editors extend
 * with paragraphs, when `block` and the block reads back as the same text.
 */
export function yamlPair(key: Segment, value: unknown, options: { flow?: boolean; block?: boolean; indent?: number } = {}): string {
  const write = (block: boolean) => {
    const doc = new Document(new Map([[key, value]]));
    const pair = (doc.contents as YAMLMap).items[0] as Pair<Node, Node>;
    if (options.flow && isSeq(pair.value)) pair.value.flow = true;
    if (block && isScalar(pair.value)) pair.value.type = "BLOCK_LITERAL";
    return doc.toString({ ...STYLE, indent: options.indent ?? 2 });
  };
  if (options.block && typeof value === "string") {
    const text = write(true);
    if (readsAs(text, { [String(key)]: value })) return text;
  }
  return write(false);
}

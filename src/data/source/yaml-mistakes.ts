/**
 * The YAML mistakes editors make most, recognised from the line a syntax
 * error is reported on, and said as what to do: the parser's own words
 * ("Nested mappings are not allowed in compact mappings") describe its state,
 * not the mistake.
 */

export interface Explained {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** `key: value` on one line, maybe as a list entry; the value as written. */
const KEY_VALUE = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(\s+)(.*)$/;
/** `key:value`: no space after the colon (not `http://…`). */
const NO_SPACE_AFTER_COLON = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s:/][^]*)$/;
/** `-entry`: a list entry without the space after the dash (not `---`). */
const NO_SPACE_AFTER_DASH = /^(\s*)-([^\s-][^]*)$/;

/** The key a duplicate-key error points at: plain or in quotes, up to its colon. */
const DUPLICATE_KEY = /^(?:\?\s*)?("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#,[\]{}][^:#,[\]{}]*?)\s*:/;

/** The value without a trailing comment (` # …`). */
const withoutComment = (value: string) => value.replace(/\s+#.*$/, "").trimEnd();

/** `"text"`, or `'text'` when the text holds double quotes: what to write for a text in quotes. */
function quoted(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * What to do about the syntax error `message` reported at `line`:`col`
 * (1-based) of a file whose line is `text`; undefined when the mistake is
 * not one of the common ones.
 */
export function explainMistake(text: string, line: number, col: number, message: string): Explained | undefined {
  if (/^Map keys must be unique/.test(message)) {
    const key = DUPLICATE_KEY.exec(text.slice(col - 1))?.[1];
    const which = key ? `the key ${key}` : "this key";
    return { line, col, message: `${which} is written a second time in this mapping, where the build would keep only the last: remove one (2019 and "2019" are the same key)` };
  }
  const tab = /^[ ]*\t/.exec(text);
  if (tab || /\btab/i.test(message)) {
    const at = tab ? tab[0].length : text.indexOf("\t", col - 1) + 1 || col;
    return { line, col: at, message: `a tab character at ${line}:${at}: use spaces for indentation` };
  }
  if (/Missing closing (["'])quote/.test(message)) {
    const quote = /Missing closing (["'])quote/.exec(message)![1]!;
    return { line, col, message: `the quote ${quote} that opens this text is never closed: end the text with ${quote} too (YAML syntax error: ${message})` };
  }
  const dash = NO_SPACE_AFTER_DASH.exec(text);
  if (dash) {
    const entry = withoutComment(dash[2]!);
    return { line, col: dash[1]!.length + 1, message: `put a space after the dash in \`-${entry}\`, as in \`- ${entry}\`` };
  }
  const noSpace = NO_SPACE_AFTER_COLON.exec(text);
  if (noSpace) {
    const [, indent, key, value] = noSpace;
    return { line, col: indent!.length + 1, message: `put a space after the colon in \`${key}:${withoutComment(value!)}\`, as in \`${key}: ${withoutComment(value!)}\`` };
  }
  const pair = KEY_VALUE.exec(text);
  if (pair) {
    const [, indent, key, space, written] = pair;
    const value = withoutComment(written!);
    const valueCol = indent!.length + key!.length + 1 + space!.length + 1;
    if (/^[^"'[{|>&*!%@`]/.test(value) && /:(\s|$)/.test(value)) {
      return { line, col: valueCol, message: `put the ${key} in quotes because it contains a colon: ${key}: ${quoted(value)}` };
    }
    const inner = /^"(.*)"$/.exec(value)?.[1];
    if (inner?.includes('"') && !inner.includes("'")) {
      return { line, col: valueCol, message: `the ${key} has double quotes inside its quotes: put it in single quotes: ${key}: '${inner}'` };
    }
  }
  return undefined;
}

/**
 * Drops the errors that only follow from a recognised mistake: the parser
 * goes on reporting around it (a tab gives two errors on its line, and one on
 * the line before). Errors not within a line of a recognised one stay.
 */
export function withoutConsequences<T extends { line: number; explained: boolean; message: string }>(errors: readonly T[]): T[] {
  // By line, so that thousands of errors are sorted in one pass, not each against every other.
  const mistakeLines = new Set(errors.filter((e) => e.explained).map((e) => e.line));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (!e.explained) return !(mistakeLines.has(e.line - 1) || mistakeLines.has(e.line) || mistakeLines.has(e.line + 1));
    const key = `${e.line}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

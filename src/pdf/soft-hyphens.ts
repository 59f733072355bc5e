/**
 * The text of the soft hyphens of the prose (src/format/hyphens.ts), as readers copy it from the PDF.
 * Chromium draws each soft hyphen as an invisible glyph in `/Span <</ActualText <feff00ad>>> BDC … EMC`,
 * and where it broke a line at one, the hyphen it shows there as a text object of its own right after.
 * Viewers that read ActualText (poppler's, Acrobat) would copy a soft hyphen within every word that has
 * one, and a search in the copy would miss the word. So a soft hyphen within a line is given no text,
 * and where a line breaks at one, it keeps its U+00AD and the hyphen shown there is given none: the line
 * ends in a soft hyphen, as tagged PDF tells a word hyphenated at a line's end (readers join it to the
 * next line's start). Only ActualText is written; what the page shows and its MCIDs stay as they were.
 */
import { opCode, scanOperators } from "./artifacts.ts";

const BDC = opCode("BDC");
const EMC = opCode("EMC");
const BMC = opCode("BMC");
const BT = opCode("BT");
const ET = opCode("ET");
const TJ = opCode("Tj");
const TM = opCode("Tm");

/** What Chromium writes for a soft hyphen: a span whose ActualText is U+00AD alone. */
const SOFT_HYPHEN_SPAN = /^\/Span\s*<<\s*\/ActualText\s*<\s*feff\s*00ad\s*>\s*>>\s*BDC$/i;
/** A string of one glyph of a two-byte font: the hyphen that Chromium shows where it broke a line. */
const ONE_GLYPH = /^<\s*[0-9a-f]{4}\s*>\s*Tj$/i;
/** Operators that set how text is drawn, or where, and paint nothing: they may stand between the span and the hyphen. */
const STATE = new Set(["Tf", "Tm", "Td", "TD", "T*", "Tc", "Tw", "Tz", "TL", "Ts", "Tr", "gs", "cs", "CS", "sc", "SC", "scn", "SCN", "g", "G", "rg", "RG", "k", "K", "q", "Q", "cm"].map(opCode));

const NO_TEXT = "<feff>";

/**
 * The content stream `bytes` with its soft hyphens' text as readers should copy it (above); `undefined`
 * when it draws none.
 */
export function softHyphenText(bytes: Uint8Array): Uint8Array | undefined {
  const ops: { code: number; start: number; end: number }[] = [];
  scanOperators(bytes, (code, start, end) => ops.push({ code, start, end }));
  const text = (i: number) => Buffer.from(bytes.subarray(ops[i]!.start, ops[i]!.end)).toString("latin1");
  const edits: { from: number; to: number; text: string }[] = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i]!.code !== BDC) continue;
    if (!SOFT_HYPHEN_SPAN.test(text(i))) {
      // A ligature drawn across a soft hyphen (`ft` of `fif·teen`, the `·` a soft hyphen) has it in its ActualText, with the letters: they alone are its text.
      const ligature = /(\/ActualText\s*<\s*feff)((?:[0-9a-f]{4})+)\s*>/i.exec(text(i));
      const units = ligature?.[2]!.match(/.{4}/g) ?? [];
      if (!units.some((unit) => unit.toLowerCase() === "00ad")) continue;
      const at = ops[i]!.start + ligature!.index + ligature![1]!.length;
      edits.push({ from: at, to: at + ligature![2]!.length, text: units.filter((unit) => unit.toLowerCase() !== "00ad").join("") });
      continue;
    }
    // Its end: marked content nests.
    let end = i + 1;
    for (let depth = 1; end < ops.length; end++) {
      const code = ops[end]!.code;
      if (code === BDC || code === BMC) depth++;
      else if (code === EMC && --depth === 0) break;
    }
    if (end >= ops.length) break;
    const hyphen = lineBreakHyphen(ops, end + 1, text);
    if (hyphen === undefined) {
      // Within a line: no text.
      const actual = /<\s*feff\s*00ad\s*>/i.exec(text(i))!;
      const at = ops[i]!.start + actual.index;
      edits.push({ from: at, to: at + actual[0].length, text: NO_TEXT });
    } else {
      edits.push({ from: ops[hyphen]!.start, to: ops[hyphen]!.start, text: `/Span <</ActualText ${NO_TEXT}>> BDC\n` });
      edits.push({ from: ops[hyphen]!.end, to: ops[hyphen]!.end, text: "\nEMC" });
    }
    i = end;
  }
  if (edits.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const edit of edits) {
    parts.push(bytes.subarray(from, edit.from), Buffer.from(edit.text, "latin1"));
    from = edit.to;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** The baseline that a `Tm` sets (its last operand), or undefined for another operator. */
function baseline(ops: readonly { code: number }[], i: number, text: (i: number) => string): string | undefined {
  return ops[i]?.code === TM ? text(i).trim().split(/\s+/).at(-2) : undefined;
}

/**
 * The index of the hyphen shown where a line breaks at the soft hyphen whose span ends before operator
 * `from`: the one glyph painted by a text object of its own that follows the span's (`ET BT … Tm <glyph>
 * Tj ET`, with nothing but the drawing state set between), after which the text goes on on another line
 * (or ends). Undefined for a soft hyphen within a line: the text goes on in the same text object, or on the
 * same line, as where a text of two fonts switches to the other for a syllable of one letter (`участ·ву·ю·щих`,
 * the soft hyphens in the Latin face, the Cyrillic letters in the Cyrillic one).
 */
function lineBreakHyphen(ops: readonly { code: number }[], from: number, text: (i: number) => string): number | undefined {
  let i = from;
  if (ops[i]?.code !== ET || ops[i + 1]?.code !== BT) return undefined;
  i += 2;
  let line: string | undefined;
  for (; i < ops.length && STATE.has(ops[i]!.code); i++) line = baseline(ops, i, text) ?? line;
  const hyphen = i;
  if (line === undefined || ops[hyphen]?.code !== TJ || !ONE_GLYPH.test(text(hyphen)) || ops[hyphen + 1]?.code !== ET) return undefined;
  // The next text's line: another one than the hyphen's, or none.
  for (i = hyphen + 2; i < ops.length; i++) {
    const next = baseline(ops, i, text);
    if (next !== undefined) return next === line ? undefined : hyphen;
    if (ops[i]!.code === TJ) return undefined;
  }
  return hyphen;
}

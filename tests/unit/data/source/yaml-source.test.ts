/**
 * characterProblems walks a file's value only when its text may hold a
 * character it looks for (maySuspect): a file whose text holds none of them,
 * no backslash (which starts every escape) and no "!" (which starts a tag)
 * has none in any key or text, however YAML reads it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../../src/data/diagnostics.ts";
import { characterProblems, createSource, maySuspect, type YamlSource } from "../../../../src/data/source/yaml-source.ts";

/** characterProblems without its shortcut: the same file, with a text that makes it walk the value. */
function walked(source: YamlSource): Diagnostic[] {
  return characterProblems({ file: source.file, text: "\\", value: source.value, at: source.at.bind(source), diagnostic: source.diagnostic.bind(source) });
}

// Pieces of YAML that change how text is read: quotes, folding, block scalars, anchors and merges, tags, combining marks, other line and space characters.
const pieces = ["a", "b: ", "- ", ": ", "\n", "\r\n", "\t", "  ", "'", "''", '"', "|", "|-", ">", ">+", "#", "[", "]", "{", "}", ", ", "? ", "&x ", "*x", "<<: *x", "!!str ", "!!binary ", "!<tag:yaml.org,2002:binary> ", "%TAG ! tag:yaml.org,2002:\n--- ", "%YAML 1.2\n", "---\n", "...\n",
  "e\u0301", "u\u0308", "\u00A0", "\u2028", "\u2029", "\u3000", "\u212B", "\uFB01", "\u2126", "\u{1F600}", "A\u030A", "\u1100\u1161", "~", "null", "0x1F", "1e3"];
const plainText = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: "grapheme", maxLength: 3 })), { maxLength: 25 }).map((p) => p.join(""));
const escapes = ["\\x01", "\\u200B", "\\N", "\\e", "\\0", "\\a", "\\_", "\\L", "\\P", "\\uFEFF", "\\uD800", "\\U0001F600", "\\x85", "\\t"];
const escapedText = fc.tuple(plainText, fc.constantFrom(...escapes), plainText).map(([a, e, b]) => `${a}"${e}"${b}`);

describe("maySuspect", () => {
  it("is true for every file in whose keys or texts characterProblems finds something", () => {
    fc.assert(
      fc.property(fc.oneof(plainText, escapedText, fc.string({ unit: "binary", maxLength: 40 })), (text) => {
        const { source } = createSource("f.yaml", text);
        const found = walked(source);
        expect(characterProblems(source)).toEqual(found);
        if (found.length > 0) expect(maySuspect(source.text)).toBe(true);
      }),
      { numRuns: 20_000, examples: [['a: "\\x01"'], ['a: "\\N"'], ["a: \u200B"], ["\uFEFF\uFEFFa: 1"], ["? \"\\e\"\n: 1"], ["!!binary 0x1Fb: a"]] },
    );
  });

  it("lets characterProblems find escapes and raw characters alike", () => {
    const problems = (text: string) => characterProblems(createSource("f.yaml", text).source).map((d) => `${d.line}:${d.col}: ${d.message.slice(0, 40)}`);
    expect(problems('title: "a\\x01"\n')).toEqual(["1:8: title contains the control character U+0"]);
    expect(problems("title: a\u200Bb\n")).toEqual(["1:8: title contains an invisible or direction"]);
    expect(problems("title: plain\n")).toEqual([]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cssString } from "../../../src/format/css.ts";

/** What a CSS parser reads from the string token, for the forms cssString writes. */
function read(token: string): string {
  return token.slice(1, -1).replace(/\\([0-9a-f]{1,6}) /g, (_all, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** Only letters, digits, spaces and escapes between the quotes: nothing CSS or HTML could read otherwise. */
const INERT = /^"(?:[\p{L}\p{N} ]|\\[0-9a-f]{1,6} )*"$/u;

describe("cssString", () => {
  it("escapes every character CSS treats specially, the form feed among them", () => {
    const attack = "Strand\f}} .disclaimer{display:none} .cover::after{content:'x'} \"quoted\" back\\slash </style><script>";
    const token = cssString(attack);
    expect(token).toMatch(INERT);
    expect(read(token)).toBe(attack.replace("\f", " "));
  });

  it("keeps letters of every script and the report's own punctuation as the reader sees them", () => {
    expect(read(cssString("Budapest Process · Annual Activity Report 2018"))).toBe("Budapest Process · Annual Activity Report 2018");
    expect(cssString("Türkiye İstanbul Хабаровск")).toBe('"Türkiye İstanbul Хабаровск"');
    expect(cssString("a·b")).toBe('"a\\b7 b"');
    expect(cssString("a · b")).toBe('"a \\b7  b"');
  });

  it("turns line breaks and tabs into spaces and drops other control characters", () => {
    expect(read(cssString("one\ntwo\r\nthree\tfour\u0085five\u0001six\u0000seven\u007f"))).toBe("one two  three four fivesixseven");
  });

  it("writes an inert token that reads back as its text, for any text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme-composite" }), fc.string({ unit: "binary" }), (a, b) => {
      const text = a + b;
      const token = cssString(text);
      expect(token).toMatch(INERT);
      expect(read(token)).toBe(text.replace(/[\t\n\v\f\r\u0085]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, ""));
    }));
  });
});

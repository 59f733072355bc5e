/** The soft hyphens' text in a page's content, as Chromium writes them (the streams below are cut from a printed report). */
import { describe, expect, it } from "vitest";
import { contentOperators } from "../../../src/pdf/artifacts.ts";
import { softHyphenText } from "../../../src/pdf/soft-hyphens.ts";

const bytes = (text: string) => Buffer.from(text, "latin1");
const rewrite = (text: string) => {
  const out = softHyphenText(bytes(text));
  return out === undefined ? undefined : Buffer.from(out).toString("latin1");
};

/** `organ·isa·tion` within a line: the soft hyphen an invisible glyph (a space's, no advance) marked with its ActualText. */
const WITHIN = "/P <</MCID 3 >>BDC\nBT\n/F10 14 Tf\n1 0 0 -1 37.78 6653 Tm\n<0015> Tj\n6.24 0 Td <002a> Tj\n/Span<</ActualText <feff00ad> >> BDC\n8.1059723 0 Td <0001> Tj\nEMC\n0 0 Td <0025> Tj\n4.24 0 Td <0020> Tj\nET\nEMC\n";
/** `coun·` at a line's end: the span ends the line's text object, and the hyphen shown is one glyph in a text object of its own. */
const AT_BREAK = "/P <</MCID 4 >>BDC\nBT\n/F10 14 Tf\n1 0 0 -1 37.78 2878 Tm\n<002a> Tj\n8.03 0 Td <0030> Tj\n/Span<</ActualText <feff00ad> >> BDC\n9.0019531 0 Td <0001> Tj\nEMC\nET\nBT\n/F10 14 Tf\n1 0 0 -1 605.89063 2878 Tm\n<00b2> Tj\nET\nBT\n/F10 14 Tf\n1 0 0 -1 0 2898 Tm\n<002f> Tj\n5.02 0 Td <002d> Tj\nET\nEMC\n";

describe("softHyphenText", () => {
  it("gives a soft hyphen within a line no text, and changes nothing else", () => {
    expect(rewrite(WITHIN)).toBe(WITHIN.replace("<feff00ad>", "<feff>"));
  });

  it("keeps the soft hyphen where a line breaks at it, and gives the hyphen shown there no text of its own", () => {
    expect(rewrite(AT_BREAK)).toBe(AT_BREAK.replace("<00b2> Tj\n", "/Span <</ActualText <feff>>> BDC\n<00b2> Tj\nEMC\n"));
  });

  it("takes the soft hyphen out of a ligature's text drawn across one, keeping its letters", () => {
    const ligature = "BT\n/Span<</ActualText <feff006600ad0074> >> BDC\n217.1 0 Td <0082> Tj\nEMC\nET\n";
    expect(rewrite(ligature)).toBe(ligature.replace("<feff006600ad0074>", "<feff00660074>"));
  });

  it("leaves a page without soft hyphens, and other ActualText, as they are", () => {
    expect(rewrite("/P <</MCID 0>> BDC BT (Body) Tj ET EMC")).toBeUndefined();
    expect(rewrite("BT /Span<</ActualText <feff2019> >> BDC <0107> Tj EMC ET")).toBeUndefined();
  });

  it("takes a text object of more than one glyph after a span for the line going on: the soft hyphen is within it", () => {
    const on = AT_BREAK.replace("<00b2> Tj", "<00b2> Tj\n3.2 0 Td <0001> Tj");
    expect(rewrite(on)).toBe(on.replace("<feff00ad>", "<feff>"));
  });

  it("takes a one-letter syllable between two soft hyphens, set in a font of its own on the same line, for the line going on", () => {
    // участ·ву·ю·щих: the soft hyphens' invisible glyphs in the Latin face (F10), the Cyrillic letters in the Cyrillic one (F13).
    const shy = (x: number) => `BT\n/Span<</ActualText <feff00ad> >> BDC\n/F10 14 Tf\n1 0 0 -1 37.78 6935 Tm\n${x} 0 Td <0001> Tj\nEMC\nET\n`;
    const letters = (x: number, glyphs: string) => `BT\n/F13 14 Tf\n1 0 0 -1 ${x} 6935 Tm\n${glyphs} Tj\nET\n`;
    const stream = `/P <</MCID 7 >>BDC\n${letters(37.78, "<0070>")}${shy(305)}${letters(305.1, "<0086>")}${shy(315)}${letters(315.1, "<007400750076>")}EMC\n`;
    expect(rewrite(stream)).toBe(stream.replaceAll("<feff00ad>", "<feff>"));
    // Where the line does break after such a letter, it is the hyphen's: the next text is on the next line.
    const broken = `/P <</MCID 7 >>BDC\n${letters(37.78, "<0070>")}${shy(305)}${letters(305.1, "<00b2>")}${letters(37.78, "<007400750076>").replace("6935", "6955")}EMC\n`;
    expect(rewrite(broken)).toBe(broken.replace("<00b2> Tj", "/Span <</ActualText <feff>>> BDC\n<00b2> Tj\nEMC"));
  });

  it("keeps marked content nested, within each text object", () => {
    for (const out of [rewrite(WITHIN)!, rewrite(AT_BREAK)!, rewrite(WITHIN + AT_BREAK)!]) {
      let depth = 0;
      let textDepth: number | undefined;
      for (const op of contentOperators(bytes(out))) {
        if (op.name === "BDC" || op.name === "BMC") depth++;
        if (op.name === "EMC") depth--;
        if (op.name === "BT") textDepth = depth;
        if (op.name === "ET") expect(depth).toBe(textDepth);
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
  });
});

/** The labels' glyph widths are those of the fonts the PDF draws with, read from their files: no width comes from another font. */
import { describe, expect, it } from "vitest";
import { ADVANCE_RUNS } from "../../../src/pictures/glyph-widths.ts";
import { advanceRuns, fallbackAdvances, labelFontAdvances } from "../../helpers/glyph-widths.ts";

const table = new Map(ADVANCE_RUNS.flatMap(([first, widths]) => widths.map((width, i) => [first + i, width] as const)));

describe("the labels' glyph widths", () => {
  it("are read from the report's font files (else: npx tsx tests/helpers/glyph-widths.ts)", () => {
    const own = labelFontAdvances();
    // Latin and latin-ext: the letters of the participating states' place names.
    expect(own.size).toBeGreaterThan(700);
    expect(ADVANCE_RUNS.map(([first, widths]) => [first, [...widths]])).toEqual(advanceRuns(new Map([...own, ...fallbackAdvances()])));
  });

  it("hold none for a character of the subsets' ranges that no file of the report's fonts can draw", () => {
    // ȏ, ȯ, ȱ: in latin-ext's unicode-range, not in its file, and their marks in none (the table held 602, DejaVu Sans Mono's, for each).
    for (const code of [0x20f, 0x22f, 0x231]) expect(table.has(code), code.toString(16)).toBe(false);
    // ȫ and ȭ the PDF draws as o with two marks, from the font's latin file: as wide as o.
    expect([table.get(0x22b), table.get(0x22d)]).toEqual([table.get(0x6f), table.get(0x6f)]);
    expect(table.get(0x15e)).toBe(534);
    // A space the font has no glyph for is drawn as its fraction of an em (HarfBuzz): the en space, half an em.
    expect(table.get(0x2002)).toBe(500);
  });
});

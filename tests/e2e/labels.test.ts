/** The labels' widths against the font as Chromium lays it out: a label's plate must hold its text. */
import { describe, expect, it } from "vitest";
import { PLATE_PADDING, textWidth } from "../../src/pictures/labels.ts";
import { ADVANCE_RUNS } from "../../src/pictures/glyph-widths.ts";
import { advanceRuns, measureAdvances, measureTexts, publishedCodePoints } from "../helpers/glyph-widths.ts";

describe("the labels' glyph widths", () => {
  it("are the published font's, character for character (else: npx tsx tests/helpers/glyph-widths.ts)", async () => {
    const measured = await measureAdvances(publishedCodePoints());
    // Latin and latin-ext: the letters of the participating states' place names.
    expect(measured.size).toBeGreaterThan(900);
    expect(advanceRuns(measured)).toEqual(ADVANCE_RUNS.map(([first, widths]) => [first, [...widths]]));
  });

  it("hold each label as Chromium writes it, kerning included, and not by much more", async () => {
    const labels = [
      "Istanbul (2)", "Ankara, 20–21 Sept", "Erbil, 24 May", "Antalya, 15 Dec", "Hewlêr", "Koç", "Türkiye", "Łódź", "Şanlıurfa",
      "Tiflis", "rwrwrw ewew", "AVAWAY To Ty Yo", "Vienna, 7–8 May", "Islamabad (3)", "Dushanbe", "Bishkek", "Tashkent", "Kabul…",
    ];
    const chromium = await measureTexts(labels, 12);
    for (const [i, label] of labels.entries()) {
      const ours = textWidth(label, 12);
      // Kerning widens a few pairs ("rw" by a fiftieth of an em): the plate's padding on each side takes that up.
      expect(chromium[i]!, label).toBeLessThanOrEqual(ours + PLATE_PADDING);
      expect(chromium[i]!, label).toBeGreaterThan(ours * 0.95);
    }
  });
});

/** The labels' widths against the font as Chromium lays it out: a label's plate must hold its text. */
import { describe, expect, it } from "vitest";
import { PLATE_PADDING, textWidth } from "../../src/pictures/labels.ts";
import { ADVANCE_RUNS } from "../../src/pictures/glyph-widths.ts";
import { measureAdvances, measureTexts, publishedCodePoints } from "../helpers/glyph-widths.ts";

describe("the labels' glyph widths", () => {
  it("are Chromium's for each character the PDF draws, and hold the box it draws for any other, on any machine", async () => {
    // Every character of the subsets' ranges and of the table, as the printing browser draws it with the report's fonts alone.
    const points = [...new Set([...publishedCodePoints(), ...ADVANCE_RUNS.flatMap(([first, widths]) => widths.map((_, i) => first + i))])];
    const measured = await measureAdvances(points);
    const table = new Map(ADVANCE_RUNS.flatMap(([first, widths]) => widths.map((width, i) => [first + i, width] as const)));
    expect(points.length).toBeGreaterThan(900);
    const differ: string[] = [];
    for (const point of points) {
      const chromium = measured.get(point)!;
      const ours = textWidth(String.fromCodePoint(point), 1000);
      // In the table, the width is the one the fonts draw, within a thousandth of an em (a space's fraction of an em is rounded,
      // and an i takes its dotless form under a mark); else the plate holds the box.
      if (table.has(point) ? Math.abs(chromium - ours) > 1 : chromium > ours) differ.push(`U+${point.toString(16)}: Chromium ${chromium}, ours ${ours}`);
    }
    expect(differ).toEqual([]);
  });

  it("hold each label as Chromium writes it, kerning included, and not by much more", async () => {
    const labels = [
      "Istanbul (2)", "Ankara, 20–21 Sept", "Erbil, 24 May", "Antalya, 15 Dec", "Hewlêr", "Koç", "Türkiye", "Łódź", "Şanlıurfa",
      "Tiflis", "rwrwrw ewew", "AVAWAY To Ty Yo", "Vienna, 7–8 May", "Islamabad (3)", "Dushanbe", "Bishkek", "Tashkent", "Kabul…",
      // As the Russian report labels them, and Kazakh names in cyrillic-ext.
      "Анкара, 20–21 сент.", "Стамбул, 16 мая", "Анталья, 15\u00A0дек.", "Тбилиси", "Ташкент", "ГУГУ ТуТу Уа", "Қазақстан", "Өскемен",
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

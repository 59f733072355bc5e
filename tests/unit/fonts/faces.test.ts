import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { faceMetrics, faceOf, reportFaces, SANS, SERIF, SUBSETS, unicodeRanges } from "../../../src/fonts/faces.ts";

describe("the report's faces", () => {
  it("are the serif and the sans in the weights the styles use, each with a file of each published subset", () => {
    expect(reportFaces().map((f) => `${f.family} ${f.weight} ${f.style}`)).toEqual([
      `${SERIF} 400 normal`, `${SERIF} 400 italic`, `${SERIF} 600 normal`, `${SERIF} 700 normal`,
      `${SANS} 400 normal`, `${SANS} 600 normal`, `${SANS} 700 normal`,
    ]);
    for (const face of reportFaces()) {
      expect(face.files.map((f) => f.subset).sort()).toEqual([...SUBSETS].sort());
      for (const file of face.files) {
        expect(existsSync(file.woff2) && existsSync(file.woff), file.woff2).toBe(true);
        expect(file.rule).toContain(`font-family: '${face.family}'`);
      }
    }
  });

  it("draw the characters of their files' character maps within each file's unicode-range, and a box for the rest", () => {
    const { advances, notdef } = faceMetrics(faceOf(SANS));
    expect(advances.get(0x41)).toBe(543);
    expect(advances.get(0x15f)).toBe(419);
    // In latin-ext's unicode-range, but not in its file: ȏ and ȫ would be drawn by another font, or as a box.
    expect(advances.has(0x20f)).toBe(false);
    expect(advances.has(0x22b)).toBe(false);
    expect(advances.has(0x416)).toBe(false);
    expect(notdef).toBe(653);
    // The serif has fewer of the rarer letters than the sans (Ĳ).
    expect(faceMetrics(faceOf(SERIF)).advances.has(0x132)).toBe(false);
    expect(advances.has(0x132)).toBe(true);
  });

  it("read a unicode-range as CSS writes it", () => {
    expect(unicodeRanges("U+0000-00FF, U+0131,U+2000-206F")).toEqual([[0, 0xff], [0x131, 0x131], [0x2000, 0x206f]]);
  });
});

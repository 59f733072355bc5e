import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARABIC, ARABIC_SUBSETS, arabicFaceFor, faceMetrics, faceOf, matchingWeight, printedAdvances, reportCharacters, reportFaces, SANS, SERIF, SUBSETS, unicodeRanges } from "../../../src/fonts/faces.ts";

describe("the report's faces", () => {
  it("are the serif, the sans and the Arabic face in the weights the styles use, each with a file of each of its published subsets", () => {
    expect(reportFaces().map((f) => `${f.family} ${f.weight} ${f.style}`)).toEqual([
      `${SERIF} 400 normal`, `${SERIF} 400 italic`, `${SERIF} 600 normal`, `${SERIF} 700 normal`,
      `${SANS} 400 normal`, `${SANS} 600 normal`, `${SANS} 700 normal`,
      `${ARABIC} 400 normal`, `${ARABIC} 700 normal`,
    ]);
    for (const face of reportFaces()) {
      expect(face.subsets).toEqual(face.family === ARABIC ? ARABIC_SUBSETS : SUBSETS);
      expect(face.files.map((f) => f.subset).sort()).toEqual([...face.subsets].sort());
      // Each subset's file is its own: the cyrillic file is not cyrillic-ext's.
      for (const file of face.files) expect(file.rule).toContain(`-${file.subset}-${face.weight}-${face.style}`);
      for (const file of face.files) {
        expect(existsSync(file.woff2) && existsSync(file.woff), file.woff2).toBe(true);
        expect(file.rule).toContain(`font-family: '${face.family}'`);
      }
    }
  });

  it("draw the characters of their files' character maps within each file's unicode-range, as published", () => {
    const { advances, notdef } = faceMetrics(faceOf(SANS));
    expect(advances.get(0x41)).toBe(543);
    expect(advances.get(0x15f)).toBe(419);
    // In latin-ext's unicode-range, but not in its file: ȏ and ȫ would be drawn by another font, or as a box.
    expect(advances.has(0x20f)).toBe(false);
    expect(advances.has(0x22b)).toBe(false);
    // Ж, of the cyrillic subset; Қ, of cyrillic-ext; not თ, of Georgian, which no file has.
    expect(advances.get(0x416)).toBe(830);
    expect(advances.get(0x49a)).toBe(628);
    expect(advances.has(0x10d7)).toBe(false);
    expect(notdef).toBe(653);
    // The serif has fewer of the rarer letters than the sans (Ĳ).
    expect(faceMetrics(faceOf(SERIF)).advances.has(0x132)).toBe(false);
    expect(advances.has(0x132)).toBe(true);
  });

  it("say what the PDF draws for text in a face: the face, else its latin file taken whole, else another file's glyph", () => {
    const sans = printedAdvances(faceOf(SANS));
    // ȫ: o and two marks, all in the latin file.
    expect(sans.get(0x22b)).toBe(542);
    // ₿: the regular serif's glyph.
    expect(sans.get(0x20bf)).toBe(518);
    // ȏ (o with an inverted breve, which no file has) and თ: the box.
    expect(sans.has(0x20f)).toBe(false);
    expect(sans.has(0x10d7)).toBe(false);
    const all = reportCharacters();
    // Ĳ: the serif lacks it; the printing browser takes the sans's.
    expect(all.has(0x132)).toBe(true);
    expect(all.has(0x20f) || all.has(0x10d7) || all.has(0x10e0)).toBe(false);
    for (let code = 0x20; code < 0x7f; code++) expect(all.has(code), code.toString(16)).toBe(true);
    for (let code = 0xa0; code <= 0xff; code++) expect(all.has(code), code.toString(16)).toBe(true);
    // Russian, Ukrainian and Belarusian letters, the numero sign, and the narrow no-break space of Russian numbers and dates (drawn blank from the space).
    for (let code = 0x400; code <= 0x45f; code++) expect(all.has(code), code.toString(16)).toBe(true);
    for (const code of [0x490, 0x491, 0x2116, 0x202f]) expect(all.has(code), code.toString(16)).toBe(true);
    // The Arabic letters (ا to ي), the Arabic comma, semicolon and question mark, and the Persian and Urdu letters (پ, گ, ی, ے).
    for (let code = 0x627; code <= 0x64a; code++) expect(all.has(code), code.toString(16)).toBe(true);
    for (const code of [0x60c, 0x61b, 0x61f, 0x67e, 0x6af, 0x6cc, 0x6d2]) expect(all.has(code), code.toString(16)).toBe(true);
    // The sans prints ع by the Arabic face's file, as the Arabic face draws it.
    expect(sans.get(0x639)).toBe(faceMetrics(faceOf(ARABIC)).advances.get(0x639));
  });

  it("draw Arabic script in the Arabic face alone: its file is for Arabic, and the serif and sans have none", () => {
    const arabic = faceOf(ARABIC, 700);
    expect(arabic.files.map((f) => f.subset)).toEqual(["arabic"]);
    const covers = (face: typeof arabic, code: number) => face.files.some((f) => f.ranges.some(([a, b]) => code >= a && code <= b));
    // ب, the Arabic comma, a presentation form: the Arabic face's; A, Ж and the digits: not.
    expect([0x628, 0x60c, 0xfe8f].map((code) => covers(arabic, code))).toEqual([true, true, true]);
    expect([0x41, 0x416, 0x30, 0x39].map((code) => covers(arabic, code))).toEqual([false, false, false, false]);
    for (const face of reportFaces().filter((f) => f.family !== ARABIC)) expect([0x628, 0x60c].some((code) => covers(face, code))).toBe(false);
    expect(faceMetrics(arabic).advances.get(0x628)).toBeGreaterThan(0);
  });

  it("draw the semibold's Arabic in the Arabic face's bold, as the browser matches weights", () => {
    expect([400, 600, 700].map((weight) => arabicFaceFor(weight).weight)).toEqual([400, 700, 700]);
    expect(printedAdvances(faceOf(SANS, 600)).get(0x628)).toBe(faceMetrics(faceOf(ARABIC, 700)).advances.get(0x628));
    // CSS Fonts 4, 5.2: above 500 heavier first, below 400 lighter first, 400 and 500 up to 500 first, then lighter.
    expect([600, 300, 400, 450, 500].map((w) => matchingWeight([100, 500, 700], w))).toEqual([700, 100, 500, 500, 500]);
    expect([600, 300, 400].map((w) => matchingWeight([200, 900], w))).toEqual([900, 200, 200]);
  });

  it("publish Latin and Cyrillic, each subset for its own characters", () => {
    expect(SUBSETS).toEqual(["latin", "latin-ext", "cyrillic", "cyrillic-ext"]);
    const serif = faceOf(SERIF, 400, "italic");
    const covers = (subset: string, code: number) => serif.files.find((f) => f.subset === subset)!.ranges.some(([a, b]) => code >= a && code <= b);
    // А and я in cyrillic, Қ in cyrillic-ext, A in latin: each in its file's unicode-range and no other's.
    expect(["latin", "latin-ext", "cyrillic", "cyrillic-ext"].map((s) => [covers(s, 0x410), covers(s, 0x44f), covers(s, 0x49a), covers(s, 0x41)])).toEqual([
      [false, false, false, true], [false, false, false, false], [true, true, false, false], [false, false, true, false],
    ]);
    expect(faceMetrics(serif).advances.get(0x44f)).toBeGreaterThan(0);
  });

  it("read a unicode-range as CSS writes it", () => {
    expect(unicodeRanges("U+0000-00FF, U+0131,U+2000-206F")).toEqual([[0, 0xff], [0x131, 0x131], [0x2000, 0x206f]]);
  });
});

import { describe, expect, it } from "vitest";
import { GLYPH_WIDTH, inside, intersects, labelSize, PLATE_PADDING, placeLabels, segmentCrosses, textWidth, touchesDot, type Size } from "../../../src/pictures/labels.ts";
import { problems } from "../../helpers/pictures.ts";

const FRAME: Size = { width: 640, height: 400 };
const size = (text: string) => labelSize(text, 12);

describe("labelSize", () => {
  it("is the text's width in the labels' font, from its glyphs' advances, with the plate's padding", () => {
    // Source Sans 3 Regular: V 515, i 246, e 496, n 547, a 504 thousandths of an em (tests/e2e/pictures.test.ts measures them in Chromium).
    expect(textWidth("Vienna", 1000)).toBe(515 + 246 + 496 + 547 + 547 + 504);
    expect(size("Vienna").width).toBeCloseTo((12 * (515 + 246 + 496 + 547 + 547 + 504)) / 1000 + 2 * PLATE_PADDING, 6);
    expect(size("Vienna").height).toBe(12 * 1.25 + 2 * PLATE_PADDING);
    expect(size("Vienna (3)").width).toBeGreaterThan(size("Vienna").width);
    // A letter with a diacritic is one character, and in this font as wide as the letter without it.
    expect(size("İstanbul").width).toBe(size("Istanbul").width);
    expect(size("Koç").width).toBe(size("Koc").width);
  });

  it("counts a character that none of the report's fonts has as the box the PDF prints, 0.6 em, wider than a reader's fallback font draws it", () => {
    expect(GLYPH_WIDTH).toBe(0.6);
    expect(textWidth("თბილისი", 10)).toBeCloseTo(7 * 6, 6);
    // ȯ is in the subset's range but in no file: no width from another font (the table held 0.602 em, DejaVu Sans Mono's).
    expect(textWidth("ȯ", 1000)).toBe(600);
    expect(textWidth("", 10)).toBe(0);
  });

  it("sizes Cyrillic as the font draws it, letter by letter: Т б и л и с и", () => {
    expect(textWidth("Тбилиси", 1000)).toBe(536 + 544 + 565 + 531 + 565 + 456 + 565);
    // Қ and ұ, of cyrillic-ext: Kazakh names too.
    expect(textWidth("Қ", 1000)).toBe(628);
    expect(textWidth("ұ", 1000)).toBe(467);
  });

  it("counts what is not drawn as nothing: a soft hyphen, a joiner", () => {
    expect(textWidth("Ko\u00ADç\u200D", 1000)).toBe(textWidth("Koç", 1000));
  });
});

describe("placeLabels", () => {
  it("writes a lone label to the right of its dot, at the dot's height", () => {
    const [label] = placeLabels([{ x: 100, y: 100, r: 5 }], [size("Vienna")], FRAME);
    expect(label!.anchor).toBe("start");
    expect(label!.box.x).toBeGreaterThan(105);
    expect(label!.box.y).toBeLessThan(100);
    expect(label!.box.y + label!.box.height).toBeGreaterThan(100);
    expect(label!.leader).toBeUndefined();
    expect(label!.fits).toBe(true);
  });

  it("writes a label to the left of a dot near the right edge, ending at the dot", () => {
    const [label] = placeLabels([{ x: 620, y: 200, r: 5 }], [size("Dhaka")], FRAME);
    expect(label!.anchor).toBe("end");
    expect(label!.box.x + label!.box.width).toBeLessThan(615);
    expect(inside(label!.box, FRAME)).toBe(true);
  });

  it("moves a label below a dot at the top corner when neither side has room", () => {
    const dots = [{ x: 30, y: 6, r: 5 }];
    const [label] = placeLabels(dots, [{ width: 600, height: 18 }], FRAME);
    expect(problems(dots, [label!], FRAME)).toEqual([]);
    expect(label!.box.y).toBeGreaterThan(6);
  });

  it("keeps the labels of neighbouring dots off each other and off the dots", () => {
    // Two dots on a line, closer than a label is wide: the second label cannot go to the right of its dot as the first did.
    const dots = [{ x: 200, y: 200, r: 5 }, { x: 230, y: 200, r: 5 }, { x: 215, y: 215, r: 5 }];
    const labels = placeLabels(dots, ["Istanbul (3)", "Ankara", "Antalya"].map(size), FRAME, [3, 1, 1]);
    expect(problems(dots, labels, FRAME)).toEqual([]);
    expect(new Set(labels.map((l) => `${l.box.x},${l.box.y}`)).size).toBe(3);
  });

  it("lets the dot with most events choose first", () => {
    // One above the other: whichever goes first takes the place to the right; the other must go elsewhere.
    const dots = [{ x: 300, y: 200, r: 5 }, { x: 300, y: 212, r: 7 }];
    const sizes = [size("Budapest"), size("Vienna (3)")];
    const light = placeLabels(dots, sizes, FRAME, [1, 3]);
    const heavy = placeLabels(dots, sizes, FRAME, [3, 1]);
    expect([light[0]!.anchor === "start", light[1]!.anchor === "start"]).toEqual([false, true]);
    expect([heavy[0]!.anchor === "start", heavy[1]!.anchor === "start"]).toEqual([true, false]);
    // Ties keep the given order: the first dot claims the first place.
    expect(placeLabels(dots, sizes, FRAME)).toEqual(placeLabels(dots, sizes, FRAME, [2, 2]));
  });

  it("pushes a label out with a leader line when every place next to its dot is taken", () => {
    // A tight cluster: eight dots around a ninth leave it no free place beside it, but gaps to draw a leader through.
    const centre = { x: 320, y: 200, r: 5 };
    const ring = Array.from({ length: 8 }, (_, i) => {
      const angle = ((i + 0.5) * Math.PI) / 4;
      return { x: 320 + 24 * Math.cos(angle), y: 200 + 24 * Math.sin(angle), r: 5 };
    });
    const dots = [centre, ...ring];
    const labels = placeLabels(dots, dots.map((_, i) => size(`Place ${i}`)), FRAME, [9, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(problems(dots, labels, FRAME)).toEqual([]);
    expect(labels.every((l) => l.fits)).toBe(true);
    const leader = labels[0]!.leader!;
    expect(leader).toBeDefined();
    // The leader starts at the edge of the centre dot and ends on the label's box.
    expect(Math.hypot(leader.x1 - 320, leader.y1 - 200)).toBeCloseTo(5.75, 1);
    const box = labels[0]!.box;
    expect(leader.x2).toBeGreaterThanOrEqual(box.x - 1e-9);
    expect(leader.x2).toBeLessThanOrEqual(box.x + box.width + 1e-9);
    expect(leader.y2).toBeGreaterThanOrEqual(box.y - 1e-9);
    expect(leader.y2).toBeLessThanOrEqual(box.y + box.height + 1e-9);
  });

  it("says when no place was free, rather than overlap silently", () => {
    // A frame barely larger than the label, with the dot in the middle of it.
    const frame = { width: 60, height: 24 };
    const [label] = placeLabels([{ x: 30, y: 12, r: 5 }], [size("Islamabad")], frame);
    expect(label!.fits).toBe(false);
  });

  it("gives the same places for the same dots", () => {
    const dots = [{ x: 200, y: 200, r: 5 }, { x: 215, y: 205, r: 5 }, { x: 205, y: 220, r: 7 }];
    const sizes = ["Islamabad", "Lahore", "Tehran (2)"].map(size);
    expect(placeLabels(dots, sizes, FRAME, [1, 1, 2])).toEqual(placeLabels(dots, sizes, FRAME, [1, 1, 2]));
  });
});

describe("the geometry", () => {
  const box = { x: 10, y: 10, width: 20, height: 10 };
  it("tells boxes that overlap from boxes that only come near", () => {
    expect(intersects(box, { x: 29, y: 19, width: 5, height: 5 })).toBe(true);
    expect(intersects(box, { x: 31, y: 10, width: 5, height: 5 })).toBe(false);
    expect(intersects(box, { x: 31, y: 10, width: 5, height: 5 }, 2)).toBe(true);
  });
  it("tells a dot at a box's corner from one that touches it", () => {
    expect(touchesDot(box, { x: 33, y: 23, r: 4 })).toBe(false);
    expect(touchesDot(box, { x: 32, y: 22, r: 3 })).toBe(true);
    expect(touchesDot(box, { x: 20, y: 15, r: 1 })).toBe(true);
  });
  it("tells a segment through a box from one that passes by", () => {
    expect(segmentCrosses(0, 15, 40, 15, box)).toBe(true);
    expect(segmentCrosses(0, 0, 40, 5, box)).toBe(false);
    expect(segmentCrosses(0, 0, 9, 9, box)).toBe(false);
    expect(segmentCrosses(0, 0, 12, 12, box)).toBe(true);
  });
});

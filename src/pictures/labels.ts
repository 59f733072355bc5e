/**
 * Where to write the labels of dots so that none covers another label, a dot
 * or the edge of the picture: a greedy search over positions around each dot,
 * then further out with a leader line. Pure geometry in SVG units.
 */
import { BOX_ADVANCE } from "../fonts/box-font.ts";
import { NOT_DRAWN } from "../fonts/faces.ts";
import { ADVANCE_RUNS } from "./glyph-widths.ts";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Dot {
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Placement {
  /** The space the label takes, its plate included. */
  readonly box: Box;
  /** Where the text is written: `x` with `anchor` (text-anchor), `y` its baseline. */
  readonly x: number;
  readonly y: number;
  readonly anchor: "start" | "middle" | "end";
  /** From the edge of the dot to the label, when the label had to move away from its dot. */
  readonly leader?: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
  /** False when no position was free and the least crowded one was taken. */
  readonly fits: boolean;
}

/**
 * The width of a character that none of the report's fonts has, in em: the PDF prints it as a box
 * of this width (src/fonts/box-font.ts); a web reader's browser draws it in a font of the reader's,
 * whose glyphs average about half an em, so that such a label's plate errs wide there.
 */
export const GLYPH_WIDTH = BOX_ADVANCE / 1000;
/** The plate drawn behind label text reaches this far beyond it on each side. */
export const PLATE_PADDING = 2;

/** Advance widths in thousandths of an em, by code point. */
const ADVANCES = new Map(ADVANCE_RUNS.flatMap(([first, widths]) => widths.map((width, i) => [first + i, width] as const)));

/**
 * The width of `text` at `fontSize` in the labels' font, from its glyphs' advance widths
 * (read from the font file, glyph-widths.ts). Kerning is left out: it narrows most pairs and widens a few
 * by at most a fiftieth of an em (`rw`), which the plate's padding takes up.
 */
export function textWidth(text: string, fontSize: number): number {
  let thousandths = 0;
  for (const char of text) thousandths += ADVANCES.get(char.codePointAt(0)!) ?? (NOT_DRAWN.test(char) ? 0 : GLYPH_WIDTH * 1000);
  return (thousandths * fontSize) / 1000;
}

/** The box a one-line label of `text` takes at `fontSize`, its plate included. */
export function labelSize(text: string, fontSize: number): Size {
  return { width: textWidth(text, fontSize) + 2 * PLATE_PADDING, height: fontSize * 1.25 + 2 * PLATE_PADDING };
}

/** Distance between a dot's edge and its label. */
const GAP = 3;
/** Labels and dots keep this much apart, so that plates do not touch. */
const CLEARANCE = 1;
/** The white outline of a dot (stroke-width 1.5) widens it. */
const DOT_STROKE = 0.75;
/** How far out labels are pushed, in steps of half a label's height, when no place next to the dot is free. */
const PUSH_STEPS = 12;

export function intersects(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

export function inside(box: Box, frame: Size): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= frame.width && box.y + box.height <= frame.height;
}

/** Whether a box comes within `margin` of a dot (a circle). */
export function touchesDot(box: Box, dot: Dot, margin = 0): boolean {
  const nx = Math.max(box.x, Math.min(dot.x, box.x + box.width));
  const ny = Math.max(box.y, Math.min(dot.y, box.y + box.height));
  const reach = dot.r + margin;
  return (dot.x - nx) ** 2 + (dot.y - ny) ** 2 < reach * reach;
}

/** Whether the segment from (x1, y1) to (x2, y2) passes through a box (Liang–Barsky clipping). */
export function segmentCrosses(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x1 - box.x],
    [dx, box.x + box.width - x1],
    [-dy, y1 - box.y],
    [dy, box.y + box.height - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Whether a segment comes within a dot (the distance from its centre to the segment is below the radius). */
function segmentTouchesDot(x1: number, y1: number, x2: number, y2: number, dot: Dot): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((dot.x - x1) * dx + (dot.y - y1) * dy) / length));
  return (dot.x - x1 - t * dx) ** 2 + (dot.y - y1 - t * dy) ** 2 < dot.r * dot.r;
}

/** The eight places next to a dot, in order of preference: right, left, above, below, then the diagonals. */
const NEXT_TO: readonly number[] = [0, 180, 270, 90, 315, 45, 225, 135];
/** Further out, sixteen directions, so that a label can reach a gap between neighbours. */
const FURTHER: readonly number[] = [...NEXT_TO, 337.5, 22.5, 202.5, 157.5, 292.5, 67.5, 247.5, 112.5];

/**
 * The candidate box at `distance` from the dot's centre at `degrees` (0 is to
 * the right, 90 below): the side or corner of the box that faces the dot
 * touches that point, so that right and left labels are centred on the dot's
 * height and diagonal ones meet it with a corner.
 */
function candidate(dot: Dot, size: Size, degrees: number, distance: number): Omit<Placement, "fits"> {
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  const px = dot.x + cos * distance;
  const py = dot.y + sin * distance;
  const side = (v: number) => (v > 0.2 ? 1 : v < -0.2 ? -1 : 0);
  const [h, v] = [side(cos), side(sin)];
  const x = h > 0 ? px : h < 0 ? px - size.width : px - size.width / 2;
  const y = v > 0 ? py : v < 0 ? py - size.height : py - size.height / 2;
  const box = { x, y, width: size.width, height: size.height };
  const anchor = h > 0 ? "start" : h < 0 ? "end" : "middle";
  const textX = anchor === "start" ? x + PLATE_PADDING : anchor === "end" ? x + size.width - PLATE_PADDING : x + size.width / 2;
  // The baseline sits so that capitals and descenders stay within the box.
  const baseline = y + PLATE_PADDING + (size.height - 2 * PLATE_PADDING) * 0.78;
  if (distance <= dot.r + GAP + 0.01) return { box, x: textX, y: baseline, anchor };
  // The leader runs from the dot's edge towards the nearest point of the label.
  const nx = Math.max(box.x, Math.min(dot.x, box.x + box.width));
  const ny = Math.max(box.y, Math.min(dot.y, box.y + box.height));
  const length = Math.hypot(nx - dot.x, ny - dot.y) || 1;
  const leader = { x1: dot.x + ((nx - dot.x) / length) * dot.r, y1: dot.y + ((ny - dot.y) / length) * dot.r, x2: nx, y2: ny };
  return { box, x: textX, y: baseline, anchor, leader };
}

/** How many times the labels that found no place are moved to the front and all are placed again. */
const ROUNDS = 4;

/**
 * A place for each dot's label, in the order of `dots`. Labels are placed
 * greedily, most important first (`weights`, higher first; ties keep the
 * given order, so the same input gives the same picture). A label takes the
 * first of its candidate positions that lies inside the frame and touches no
 * dot, no label placed before it and no leader line; when none next to its
 * dot is free, it moves outward in steps with a leader line. When some label
 * found no free place, those labels go first in another round, as a label
 * placed early may have taken the only place a later one had. Only when no
 * round places them all does a label take its least crowded position, with
 * `fits: false`, so that the caller can widen the frame.
 */
export function placeLabels(dots: readonly Dot[], sizes: readonly Size[], frame: Size, weights: readonly number[] = []): Placement[] {
  let order = dots.map((_, i) => i).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  let best: Placement[] | undefined;
  let bestMisfits = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const result = greedy(dots, sizes, frame, order);
    const misfits = order.filter((i) => !result[i]!.fits);
    if (misfits.length < bestMisfits) [best, bestMisfits] = [result, misfits.length];
    if (misfits.length === 0) break;
    order = [...misfits, ...order.filter((i) => result[i]!.fits)];
  }
  return best!;
}

/** One greedy pass over the labels in `order`. */
function greedy(dots: readonly Dot[], sizes: readonly Size[], frame: Size, order: readonly number[]): Placement[] {
  const obstacles = dots.map((d) => ({ ...d, r: d.r + DOT_STROKE }));
  const placed: Box[] = [];
  const leaders: NonNullable<Placement["leader"]>[] = [];
  const result = new Array<Placement>(dots.length);

  const crowding = (option: Omit<Placement, "fits">, own: number): number => {
    let cost = inside(option.box, frame) ? 0 : 1000;
    for (const box of placed) if (intersects(option.box, box, CLEARANCE)) cost += 10;
    obstacles.forEach((dot) => {
      if (touchesDot(option.box, dot, CLEARANCE)) cost += 10;
    });
    for (const l of leaders) if (segmentCrosses(l.x1, l.y1, l.x2, l.y2, option.box)) cost += 5;
    const leader = option.leader;
    if (leader) {
      for (const box of placed) if (segmentCrosses(leader.x1, leader.y1, leader.x2, leader.y2, box)) cost += 5;
      obstacles.forEach((dot, j) => {
        if (j !== own && segmentTouchesDot(leader.x1, leader.y1, leader.x2, leader.y2, dot)) cost += 5;
      });
    }
    return cost;
  };

  for (const i of order) {
    const dot = obstacles[i]!;
    const size = sizes[i]!;
    let best: { option: Omit<Placement, "fits">; cost: number } | undefined;
    search: for (let step = 0; step <= PUSH_STEPS; step++) {
      const distance = dot.r + GAP + (step * size.height) / 2;
      for (const direction of step === 0 ? NEXT_TO : FURTHER) {
        const option = candidate(dot, size, direction, distance);
        const cost = crowding(option, i);
        if (!best || cost < best.cost) best = { option, cost };
        if (cost === 0) break search;
      }
    }
    const chosen = best!.option;
    result[i] = { ...chosen, fits: best!.cost === 0 };
    placed.push(chosen.box);
    if (chosen.leader) leaders.push(chosen.leader);
  }
  return result;
}

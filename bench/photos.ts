/**
 * Stand-ins for camera photos, for the benchmark's year of events with a photo each: the
 * sample's flat meeting scene (bench/lib/scene.ts) with the clutter of a meeting room in
 * front of it (papers, cups, name plates, window frames), under uneven light, with texture
 * at every scale and a little sensor grain, saved as a camera saves it (3,000 to 4,000
 * pixels on the long side, JPEG quality 90, 1.5 to 4 MB). What matters is that they
 * compress like photos: flat colours compress far too well (a page's photo would weigh
 * nothing), white noise far too badly. Natural scenes have about the same contrast at
 * every scale (a 1/f spectrum), so the texture is a sum of octaves of smoothed noise of
 * equal strength; the finest two are weaker, as a lens and demosaicing soften them.
 *
 * The same seed and index give the same bytes (on the same sharp and libvips); another
 * index gives another picture, so that no two events share a file or a cached copy.
 */
import sharp from "sharp";
import { rng } from "./lib/random.ts";
import { scene, type SceneColours } from "./lib/scene.ts";

/** Part of the key of the stand-ins kept between runs: change it whenever the pictures drawn here change. */
export const STAND_IN_VERSION = 1;

export interface StandInPhoto {
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
}

/** Shapes of a camera's photo: mostly landscape 4:3 and 3:2, now and then portrait. */
const FRAMES: readonly (readonly [number, number])[] = [[4000, 3000], [3600, 2400], [4000, 3000], [3840, 2560], [3000, 4000], [4000, 2667]];

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((c) => Math.round(Math.max(0, Math.min(255, c))).toString(16).padStart(2, "0")).join("")}`;

/** A fast source of noise: each 32-bit draw gives two samples, each the sum of two uniform bytes (triangular, -1 to 1). */
function noise(next: () => number, length: number, amplitude: number): Float32Array {
  const out = new Float32Array(length);
  const scale = amplitude / 255;
  for (let i = 0; i < length; i += 2) {
    const bits = (next() * 4294967296) >>> 0;
    out[i] = ((bits & 0xff) + ((bits >>> 8) & 0xff) - 255) * scale;
    if (i + 1 < length) out[i + 1] = (((bits >>> 16) & 0xff) + (bits >>> 24) - 255) * scale;
  }
  return out;
}

/** `field` (w × h) enlarged to `tw` × `th`, bilinear, pixel centres aligned. */
function enlarge(field: Float32Array, w: number, h: number, tw: number, th: number): Float32Array {
  const out = new Float32Array(tw * th);
  const xs = new Int32Array(tw);
  const fx = new Float32Array(tw);
  for (let x = 0; x < tw; x++) {
    const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / tw - 0.5));
    xs[x] = Math.min(w - 2, Math.floor(sx));
    fx[x] = sx - xs[x]!;
  }
  for (let y = 0; y < th; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / th - 0.5));
    const y0 = Math.min(h - 2, Math.floor(sy));
    const fy = sy - y0;
    const r0 = y0 * w;
    const r1 = r0 + w;
    const o = y * tw;
    for (let x = 0; x < tw; x++) {
      const i = xs[x]!;
      const a = field[r0 + i]! + (field[r0 + i + 1]! - field[r0 + i]!) * fx[x]!;
      const b = field[r1 + i]! + (field[r1 + i + 1]! - field[r1 + i]!) * fx[x]!;
      out[o + x] = a + (b - a) * fy;
    }
  }
  return out;
}

/**
 * Fractal noise of `width` × `height`: fresh noise at every level of a pyramid, each level twice the size of the one
 * before; `amplitudes` go from the finest level (single pixels) to the coarsest. Each level's noise is smoothed by
 * the enlargements after it, so level k varies over about 2^k pixels.
 */
function fractal(next: () => number, width: number, height: number, amplitudes: readonly number[]): Float32Array {
  const sizes: [number, number][] = [[width, height]];
  for (let k = 1; k < amplitudes.length; k++) {
    const [w, h] = sizes[k - 1]!;
    sizes.push([Math.max(2, Math.ceil(w / 2)), Math.max(2, Math.ceil(h / 2))]);
  }
  let [w, h] = sizes[amplitudes.length - 1]!;
  let field = noise(next, w * h, amplitudes[amplitudes.length - 1]!);
  for (let k = amplitudes.length - 2; k >= 0; k--) {
    const [tw, th] = sizes[k]!;
    field = enlarge(field, w, h, tw, th);
    const fresh = noise(next, tw * th, amplitudes[k]!);
    for (let i = 0; i < field.length; i++) field[i] = field[i]! + fresh[i]!;
    [w, h] = [tw, th];
  }
  return field;
}

/** The things on and behind a meeting table: name plates, papers, cups, window frames, in greys and muted colours. */
function clutter(next: () => number, width: number, height: number): string {
  const shapes: string[] = [];
  const grey = () => {
    const v = 40 + next() * 190;
    return hex(v + (next() - 0.5) * 40, v + (next() - 0.5) * 40, v + (next() - 0.5) * 40);
  };
  // Window frames and panels on the back wall.
  for (let i = 0; i < 14; i++) {
    const x = next() * width;
    shapes.push(`<rect x="${Math.round(x)}" y="${Math.round(height * 0.08)}" width="${Math.round(width * (0.004 + next() * 0.01))}" height="${Math.round(height * (0.1 + next() * 0.5))}" fill="${grey()}"/>`);
  }
  for (let i = 0; i < 6; i++) {
    shapes.push(`<rect x="${Math.round(next() * width)}" y="${Math.round(height * (0.1 + next() * 0.15))}" width="${Math.round(width * (0.05 + next() * 0.15))}" height="${Math.round(height * (0.05 + next() * 0.12))}" fill="${grey()}" opacity="0.7"/>`);
  }
  // Papers, name plates, laptops, cups and bottles on the table.
  for (let i = 0; i < 60; i++) {
    const x = Math.round(next() * width);
    const y = Math.round(height * (0.66 + next() * 0.3));
    const kind = next();
    if (kind < 0.5) shapes.push(`<rect x="${x}" y="${y}" width="${Math.round(width * (0.01 + next() * 0.05))}" height="${Math.round(height * (0.008 + next() * 0.03))}" fill="${grey()}" transform="rotate(${Math.round((next() - 0.5) * 30)} ${x} ${y})"/>`);
    else if (kind < 0.8) shapes.push(`<ellipse cx="${x}" cy="${y}" rx="${Math.round(width * (0.004 + next() * 0.01))}" ry="${Math.round(height * (0.003 + next() * 0.008))}" fill="${grey()}"/>`);
    else shapes.push(`<rect x="${x}" y="${y - Math.round(height * 0.08)}" width="${Math.round(width * 0.006)}" height="${Math.round(height * (0.04 + next() * 0.05))}" rx="${Math.round(width * 0.002)}" fill="${grey()}"/>`);
  }
  // Lines: cables, the table's edge, the seams of the wall.
  for (let i = 0; i < 40; i++) {
    shapes.push(`<line x1="${Math.round(next() * width)}" y1="${Math.round(next() * height)}" x2="${Math.round(next() * width)}" y2="${Math.round(next() * height)}" stroke="${grey()}" stroke-width="${Math.round(1 + next() * 6)}" opacity="0.6"/>`);
  }
  return shapes.join("");
}

/**
 * The meeting scene (bench/lib/scene.ts) in `colours` with `label` under "SAMPLE PICTURE", `width` × `height`,
 * as a camera takes it: with the room's clutter, softened, under uneven light, with texture at every scale and
 * grain. Raw RGB pixels; `next` is the source of randomness, so the same `next` gives the same pixels.
 */
export async function photographed(next: () => number, width: number, height: number, colours: SceneColours, label: string): Promise<Buffer> {
  const base = await sharp(scene(width, height, colours, label, clutter(next, width, height))).removeAlpha().blur(0.8).raw().toBuffer();
  // Brightness: texture of every size, from the light across the room and the walls' panels to the weave of cloth
  // and the sensor's grain; from the finest level (1 pixel) to the coarsest (about 2,000).
  const light = fractal(next, width, height, [6, 8, 11, 15, 15, 15, 15, 15, 15, 16, 20, 24]);
  // Colour casts of the light: large and faint, a few cells enlarged per channel.
  const tints = [0, 1, 2].map(() => enlarge(noise(next, 4 * 3, 24), 4, 3, width, height));
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0, p = 0; i < light.length; i++, p += 3) {
    const l = light[i]!;
    for (let c = 0; c < 3; c++) pixels[p + c] = Math.max(0, Math.min(255, Math.round(base[p + c]! + l + tints[c]![i]!)));
  }
  return pixels;
}

/**
 * The stand-in photo number `index` of the data of `seed`, with `label` written under
 * "SAMPLE PICTURE" (e.g. the event it stands in for). `scale` below 1 draws it smaller than a
 * camera's, in the same shape (a test's data, which needs no photo of a camera's weight).
 */
export async function standInPhoto(seed: number, index: number, label: string, scale = 1): Promise<StandInPhoto> {
  const next = rng((Math.imul(seed, 1_000_003) + Math.imul(index, 7919) + 17) >>> 0);
  const [frameWidth, frameHeight] = FRAMES[Math.floor(next() * FRAMES.length)]!;
  const [width, height] = [Math.round(frameWidth * scale), Math.round(frameHeight * scale)];
  const tone = () => 70 + next() * 140;
  const colours = { sky: hex(tone(), tone() * 0.95, tone() * 0.9), table: hex(tone() * 0.6, tone() * 0.45, tone() * 0.35), people: hex(tone() * 0.4, tone() * 0.42, tone() * 0.5) };
  const pixels = await photographed(next, width, height, colours, label);
  const bytes = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return { width, height, bytes };
}

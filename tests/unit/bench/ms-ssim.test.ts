import { describe, expect, it } from "vitest";
import { msssim } from "@blazediff/ssim/msssim";
import { msSsim, ycbcr } from "../../../bench/lib/ms-ssim.ts";
import { rng } from "../../../bench/lib/random.ts";

/** A grey picture with edges, gradients and texture, like a small photo. */
function picture(w: number, h: number, seed: number): Float32Array {
  const next = rng(seed);
  const plane = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const edge = x > w / 3 && y < (2 * h) / 3 ? 60 : 0;
      plane[y * w + x] = Math.round(40 + (120 * x) / w + edge + 20 * Math.sin(x / 3) * Math.cos(y / 5) + next() * 12);
    }
  }
  return plane;
}

/** `plane` with noise of `amplitude` added, rounded and kept within 0–255, as a decoded copy is. */
function distorted(plane: Float32Array, amplitude: number, seed: number): Float32Array {
  const next = rng(seed);
  return plane.map((v) => Math.max(0, Math.min(255, Math.round(v + (next() - 0.5) * 2 * amplitude))));
}

/** `plane` smoothed across (a 3-tap mean): what a coarse encoder does to fine texture. */
function softened(plane: Float32Array, w: number): Float32Array {
  return plane.map((v, i) => {
    const x = i % w;
    return Math.round((plane[x > 0 ? i - 1 : i]! + v + plane[x < w - 1 ? i + 1 : i]!) / 3);
  });
}

/** A grey plane as RGBA, whose luma is the plane itself. */
const rgba = (plane: Float32Array): Uint8Array => {
  const out = new Uint8Array(plane.length * 4);
  plane.forEach((v, i) => out.set([v, v, v, 255], i * 4));
  return out;
};

describe("msSsim", () => {
  const [w, h] = [256, 200];
  const reference = picture(w, h, 1);

  it("is 1 for the same pixels", () => {
    expect(msSsim(reference, reference.slice(), w, h)).toBeCloseTo(1, 12);
  });

  it("gives what @blazediff/ssim's MS-SSIM gives", () => {
    for (const [copy, label] of [[distorted(reference, 6, 2), "noise"], [distorted(reference, 30, 3), "strong noise"], [softened(reference, w), "softened"]] as const) {
      const theirs = msssim(rgba(reference), rgba(copy), undefined, w, h);
      expect(theirs, label).toBeLessThan(0.999);
      expect(msSsim(reference, copy, w, h), label).toBeCloseTo(theirs, 9);
    }
  });

  it("falls as the copy departs further from the reference", () => {
    const scores = [2, 8, 32].map((amplitude) => msSsim(reference, distorted(reference, amplitude, 4), w, h));
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it("refuses planes of another size than the one given", () => {
    expect(() => msSsim(reference, reference.subarray(1), w, h)).toThrow(/planes of/);
  });
});

describe("ycbcr", () => {
  it("splits RGB into luma and the two colour differences of JPEG's YCbCr", () => {
    const { y, cb, cr } = ycbcr(new Uint8Array([255, 255, 255, 0, 0, 0, 255, 0, 0]), 3);
    expect([...y].map(Math.round)).toEqual([255, 0, 76]);
    expect([...cb].map(Math.round)).toEqual([128, 128, 85]);
    expect([...cr].map(Math.round)).toEqual([128, 128, 256]);
  });

  it("skips the alpha of RGBA", () => {
    const { y } = ycbcr(new Uint8Array([0, 0, 255, 7, 0, 255, 0, 9]), 4);
    expect([...y].map(Math.round)).toEqual([29, 150]);
  });
});

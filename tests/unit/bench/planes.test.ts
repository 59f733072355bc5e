import { describe, expect, it } from "vitest";
import { msssim } from "@blazediff/ssim/msssim";
import { ycbcrPlanes } from "../../../bench/lib/planes.ts";

const pixel = (plane: Uint8Array, i: number) => [...plane.subarray(i * 4, i * 4 + 4)];

describe("ycbcrPlanes", () => {
  it("gives the picture as RGBA for luma, and JPEG's Cb and Cr as grey pictures", () => {
    const { y, cb, cr } = ycbcrPlanes(new Uint8Array([255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255]), 3);
    expect([0, 1, 2, 3].map((i) => pixel(y, i))).toEqual([[255, 255, 255, 255], [0, 0, 0, 255], [255, 0, 0, 255], [0, 0, 255, 255]]);
    // White and black have no colour; red is Cr at its top (kept within 0–255), blue Cb at its top.
    expect([0, 1, 2, 3].map((i) => pixel(cb, i)[0])).toEqual([128, 128, 85, 255]);
    expect([0, 1, 2, 3].map((i) => pixel(cr, i)[0])).toEqual([128, 128, 255, 107]);
    expect(pixel(cr, 2)).toEqual([255, 255, 255, 255]);
  });

  it("ignores the alpha of RGBA", () => {
    const { y, cb } = ycbcrPlanes(new Uint8Array([10, 20, 30, 0, 10, 20, 30, 255]), 4);
    expect(pixel(y, 0)).toEqual(pixel(y, 1));
    expect(pixel(cb, 0)).toEqual(pixel(cb, 1));
  });

  it("lets MS-SSIM see a loss of colour that luma does not show", () => {
    // Stripes of red and green of the same luma, and the same with the colour averaged away.
    const [w, h] = [256, 192];
    const striped = new Uint8Array(w * h * 3);
    const flat = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      const red = (i % w) % 4 < 2;
      striped.set(red ? [200, 60, 100] : [60, 131, 100], i * 3);
      flat.set([130, 96, 100], i * 3);
    }
    const [a, b] = [ycbcrPlanes(striped, 3), ycbcrPlanes(flat, 3)];
    expect(msssim(a.y, b.y, undefined, w, h)).toBeGreaterThan(0.99);
    expect(msssim(a.cr, b.cr, undefined, w, h)).toBeLessThan(0.9);
  });
});

/** The benchmark's stand-ins for camera photos: deterministic, one of its own per index, sized and compressing like a camera's photo. */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { standInPhoto, type StandInPhoto } from "../../../bench/photos.ts";

/** Bits per pixel of a picture's copy `width` pixels wide, as the print copies are encoded (JPEG quality 80, mozjpeg). */
async function printBitsPerPixel(bytes: Buffer, width: number): Promise<number> {
  const copy = await sharp(bytes).resize(width).jpeg({ quality: 80, mozjpeg: true, chromaSubsampling: "4:2:0" }).toBuffer();
  const { width: w, height: h } = await sharp(copy).metadata();
  return (copy.length * 8) / (w! * h!);
}

let first: StandInPhoto;
let again: StandInPhoto;
let other: StandInPhoto;
beforeAll(async () => {
  [first, again, other] = [await standInPhoto(1, 0, "test"), await standInPhoto(1, 0, "test"), await standInPhoto(1, 1, "test")];
}, 120_000);

describe("the stand-in photos", () => {
  it("are the same bytes for the same seed and index, and another picture for another index", () => {
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(other.bytes.equals(first.bytes)).toBe(false);
  });

  it("are as large as a camera's photos: 3,000 to 4,000 pixels on the long side, 1.5 to 4 MB, JPEG", async () => {
    for (const photo of [first, other]) {
      const meta = await sharp(photo.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", photo.width, photo.height]);
      expect(Math.max(photo.width, photo.height)).toBeGreaterThanOrEqual(3000);
      expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(4000);
      expect(photo.bytes.length).toBeGreaterThan(1.5 * 1024 * 1024);
      expect(photo.bytes.length).toBeLessThan(4 * 1024 * 1024);
    }
  });

  it("compress like photos at print size: far worse than flat colours, far better than noise", async () => {
    const { width, height } = first;
    const flat = await sharp({ create: { width, height, channels: 3, background: "#8a7f70" } }).jpeg({ quality: 90 }).toBuffer();
    const noise = await sharp({ create: { width: 886, height: 591, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).jpeg({ quality: 90 }).toBuffer();
    const [photo, flatBpp, noiseBpp] = [await printBitsPerPixel(first.bytes, 886), await printBitsPerPixel(flat, 886), await printBitsPerPixel(noise, 886)];
    expect(flatBpp).toBeLessThan(0.1);
    expect(noiseBpp).toBeGreaterThan(3);
    // Camera photos of meetings, downscaled to print size at quality 80: about 1 to 2 bits per pixel.
    expect(photo).toBeGreaterThan(0.8);
    expect(photo).toBeLessThan(2.5);
  });
});

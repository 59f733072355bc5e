/**
 * A picture's planes of YCbCr (BT.601, full range, as JPEG), each as a grey RGBA picture, for
 * bench/avif.ts: SSIM implementations compare the luma of RGBA pixels, and the luma of a grey
 * pixel is its value, so that each plane can be compared on its own, the colour planes too,
 * where chroma subsampling loses detail that luma does not show.
 */
export interface Planes {
  /** The picture itself, as RGBA: its luma is Y. */
  readonly y: Uint8Array;
  readonly cb: Uint8Array;
  readonly cr: Uint8Array;
}

/** The planes of `pixels`, interleaved 8-bit RGB (`channels` 3) or RGBA (4, the alpha ignored). */
export function ycbcrPlanes(pixels: Uint8Array, channels: 3 | 4): Planes {
  const n = pixels.length / channels;
  const y = new Uint8Array(n * 4);
  const cb = new Uint8Array(n * 4);
  const cr = new Uint8Array(n * 4);
  const grey = (plane: Uint8Array, at: number, value: number) => {
    const v = Math.max(0, Math.min(255, Math.round(value)));
    plane[at] = v;
    plane[at + 1] = v;
    plane[at + 2] = v;
    plane[at + 3] = 255;
  };
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    const r = pixels[p]!;
    const g = pixels[p + 1]!;
    const b = pixels[p + 2]!;
    const at = i * 4;
    y[at] = r;
    y[at + 1] = g;
    y[at + 2] = b;
    y[at + 3] = 255;
    grey(cb, at, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
    grey(cr, at, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
  }
  return { y, cb, cr };
}

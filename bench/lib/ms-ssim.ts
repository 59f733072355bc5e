/**
 * MS-SSIM (Wang, Simoncelli and Bovik, "Multi-scale structural similarity for image quality
 * assessment", 2003) of one plane of pixels, for bench/avif.ts. The same arithmetic as the
 * MS-SSIM of @blazediff/ssim (11-tap Gaussian window of σ 1.5, borders mirrored, five scales
 * with the paper's weights, each halved by a 2-tap mean), which tests/unit/bench/ms-ssim.test.ts
 * checks it against; written again only for speed: that one clamps every tap of every
 * convolution and takes seconds for a photo 1,600 pixels wide, where this takes a tenth of it.
 */

const WINDOW = 11;
const SIGMA = 1.5;
const WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333] as const;
const K1 = 0.01;
const K2 = 0.03;
const PEAK = 255;

function gaussian(size: number, sigma: number): Float32Array {
  const kernel = new Float32Array(size);
  const centre = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const weight = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
    kernel[i] = weight;
    sum += weight;
  }
  for (let i = 0; i < size; i++) kernel[i] = kernel[i]! / sum;
  return kernel;
}

const GAUSSIAN = gaussian(WINDOW, SIGMA);
const HALVING = new Float32Array([0.5, 0.5]);

/** A mirrored index (the edge pixel not repeated), clamped for planes narrower than the window. */
function mirror(i: number, n: number): number {
  const j = i < 0 ? -i : i >= n ? 2 * n - i - 2 : i;
  return Math.max(0, Math.min(n - 1, j));
}

/** `src` (w × h) convolved with `kernel` across and then down, the same size, borders mirrored; `tmp` is scratch of the same size. */
function convolve(src: Float32Array, out: Float32Array, tmp: Float32Array, w: number, h: number, kernel: Float32Array): void {
  const k = kernel.length;
  const half = Math.floor(k / 2);
  // Across: the interior without index arithmetic, the edges mirrored.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const inner = Math.max(half, Math.min(w, w - (k - 1 - half)));
    for (let x = 0; x < w; x++) {
      if (x === half && inner > half) {
        for (; x < inner; x++) {
          let s = 0;
          const start = row + x - half;
          for (let t = 0; t < k; t++) s += src[start + t]! * kernel[t]!;
          tmp[row + x] = s;
        }
        if (x >= w) break;
      }
      let s = 0;
      for (let t = 0; t < k; t++) s += src[row + mirror(x + t - half, w)]! * kernel[t]!;
      tmp[row + x] = s;
    }
  }
  // Down: whole rows at a time, so that the inner loop runs along memory; summed in double precision, as across.
  const sum = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    sum.fill(0);
    for (let t = 0; t < k; t++) {
      const from = mirror(y + t - half, h) * w;
      const weight = kernel[t]!;
      for (let x = 0; x < w; x++) sum[x] = sum[x]! + tmp[from + x]! * weight;
    }
    out.set(sum, y * w);
  }
}

/** Mean SSIM and mean contrast-structure term of two planes at one scale. */
function scale(a: Float32Array, b: Float32Array, w: number, h: number): { ssim: number; cs: number } {
  const n = w * h;
  const c1 = (K1 * PEAK) ** 2;
  const c2 = (K2 * PEAK) ** 2;
  const tmp = new Float32Array(n);
  const muA = new Float32Array(n);
  const muB = new Float32Array(n);
  const sAA = new Float32Array(n);
  const sBB = new Float32Array(n);
  const sAB = new Float32Array(n);
  const product = new Float32Array(n);
  convolve(a, muA, tmp, w, h, GAUSSIAN);
  convolve(b, muB, tmp, w, h, GAUSSIAN);
  for (let i = 0; i < n; i++) product[i] = a[i]! * a[i]!;
  convolve(product, sAA, tmp, w, h, GAUSSIAN);
  for (let i = 0; i < n; i++) product[i] = b[i]! * b[i]!;
  convolve(product, sBB, tmp, w, h, GAUSSIAN);
  for (let i = 0; i < n; i++) product[i] = a[i]! * b[i]!;
  convolve(product, sAB, tmp, w, h, GAUSSIAN);
  let ssim = 0;
  let cs = 0;
  for (let i = 0; i < n; i++) {
    const ma = muA[i]!;
    const mb = muB[i]!;
    const va = sAA[i]! - ma * ma;
    const vb = sBB[i]! - mb * mb;
    const cov = sAB[i]! - ma * mb;
    const structure = (2 * cov + c2) / (va + vb + c2);
    cs += structure;
    ssim += ((2 * ma * mb + c1) / (ma * ma + mb * mb + c1)) * structure;
  }
  return { ssim: ssim / n, cs: cs / n };
}

/** A plane halved in each direction: each pixel the mean of itself and its left, then upper, neighbour (mirrored), every other one kept. */
function halve(src: Float32Array, w: number, h: number): { plane: Float32Array; w: number; h: number } {
  const blurred = new Float32Array(w * h);
  convolve(src, blurred, new Float32Array(w * h), w, h, HALVING);
  const hw = Math.floor(w / 2);
  const hh = Math.floor(h / 2);
  const plane = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++) for (let x = 0; x < hw; x++) plane[y * hw + x] = blurred[2 * y * w + 2 * x]!;
  return { plane, w: hw, h: hh };
}

/**
 * MS-SSIM of plane `b` against the reference `a`, both `w` × `h` values from 0 to 255: 1 for the
 * same pixels, lower the more the structure differs, at five scales from the pixels to a
 * sixteenth of them. Planes under about 180 pixels on a side are too small for five scales.
 */
export function msSsim(a: Float32Array, b: Float32Array, w: number, h: number): number {
  if (a.length !== w * h || b.length !== w * h) throw new Error(`msSsim: planes of ${a.length} and ${b.length} values for ${w} × ${h}`);
  let result = 1;
  let [pa, pb, pw, ph] = [a, b, w, h];
  for (let level = 0; level < WEIGHTS.length; level++) {
    const { ssim, cs } = scale(pa, pb, pw, ph);
    const last = level === WEIGHTS.length - 1;
    result *= (last ? ssim : cs) ** WEIGHTS[level]!;
    if (!last) {
      const ha = halve(pa, pw, ph);
      const hb = halve(pb, pw, ph);
      [pa, pb, pw, ph] = [ha.plane, hb.plane, ha.w, ha.h];
    }
  }
  return result;
}

/** The planes of YCbCr (BT.601, full range, as JPEG) of interleaved 8-bit RGB or RGBA pixels. */
export function ycbcr(pixels: Uint8Array, channels: number): { y: Float32Array; cb: Float32Array; cr: Float32Array } {
  const n = pixels.length / channels;
  const y = new Float32Array(n);
  const cb = new Float32Array(n);
  const cr = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    const r = pixels[p]!;
    const g = pixels[p + 1]!;
    const b = pixels[p + 2]!;
    y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    cb[i] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    cr[i] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  return { y, cb, cr };
}

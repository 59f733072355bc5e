/**
 * What the web copies' encoder settings cost and give: for each candidate setting of AVIF
 * (effort, quality, chroma subsampling) and WebP, the time to encode a photo's copies, their
 * bytes, and how close they stay to the photo they were made from (MS-SSIM of luma and of
 * both colour planes), on the benchmark's camera-like stand-ins (bench/photos.ts). Then, for
 * each encoder effort, the quality that matches the current setting's MS-SSIM, and what it
 * costs in bytes and saves in time there. `npx tsx bench/avif.ts --help`; bench/README.md
 * says how to read it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp, { type AvifOptions, type WebpOptions } from "sharp";
import { PICTURE_INPUT, printedWidthMm, printPixels } from "../src/data/attachments/photo-checks.ts";
import { encodePrint, WEB_AVIF, WEB_JPEG, WEB_WEBP, WEB_WIDTHS } from "../src/pictures/photo-processor.ts";
import { eventPhotoLabel, standInBytes } from "./generate.ts";
import { msssim } from "@blazediff/ssim/msssim";
import { ycbcrPlanes } from "./lib/planes.ts";
import { BENCH_DIR, DATA_ROOT, median, round } from "./lib/util.ts";

/** sharp's own default effort, which the copies are made at unless the options name one. */
const SHARP_EFFORT = { avif: 4, webp: 4 } as const;

interface Candidate {
  readonly format: "avif" | "webp";
  readonly effort: number;
  readonly quality: number;
  /** AVIF only: sharp's default is 4:4:4 (WebP is always 4:2:0). */
  readonly chroma: "4:4:4" | "4:2:0";
}

const nameOf = (c: Candidate): string => `${c.format} effort ${c.effort} q${c.quality}${c.format === "avif" ? ` ${c.chroma}` : ""}`;
const curveOf = (c: Candidate): string => `${c.format} effort ${c.effort}${c.format === "avif" ? ` ${c.chroma}` : ""}`;

/** The settings the build uses now, as src/pictures/photo-processor.ts has them. */
const CURRENT: Record<Candidate["format"], Candidate> = (() => {
  const [avif, webp]: [AvifOptions, WebpOptions] = [WEB_AVIF, WEB_WEBP];
  return {
    avif: { format: "avif", effort: avif.effort ?? SHARP_EFFORT.avif, quality: avif.quality!, chroma: avif.chromaSubsampling === "4:2:0" ? "4:2:0" : "4:4:4" },
    webp: { format: "webp", effort: webp.effort ?? SHARP_EFFORT.webp, quality: webp.quality!, chroma: "4:2:0" },
  };
})();

/** `avif:EFFORT:QUALITY[:420]` or `webp:EFFORT:QUALITY`. */
function parseCandidate(spec: string): Candidate {
  const match = /^(avif|webp):(\d):(\d{1,3})(:420)?$/.exec(spec.trim());
  if (!match) throw new Error(`"${spec}" is not a candidate: write avif:EFFORT:QUALITY[:420] or webp:EFFORT:QUALITY, e.g. avif:3:54`);
  const format = match[1] as Candidate["format"];
  return { format, effort: Number(match[2]), quality: Number(match[3]), chroma: format === "webp" || match[4] ? "4:2:0" : "4:4:4" };
}

const DEFAULT_AVIF = "avif:3:50,avif:3:54,avif:2:54,avif:2:58,avif:3:56:420,avif:3:62:420,avif:2:58:420,avif:2:64:420";
const DEFAULT_WEBP = "webp:4:75,webp:2:75,webp:2:80,webp:0:80";

const HELP = `npx tsx bench/avif.ts [options]

  --photos N         stand-in photos to measure (default 8): those of events 1 to N of the benchmark's data
  --seed N           seed of the stand-ins (default 1, the benchmark's; kept in bench/.data/stand-in-photos)
  --widths LIST      widths of the copies (default ${WEB_WIDTHS.join(",")}, the build's)
  --candidates LIST  settings to compare, e.g. avif:4:50,avif:3:54,avif:3:58:420,webp:2:80
                     (default: ${DEFAULT_AVIF})
  --webp             the WebP candidates instead (${DEFAULT_WEBP})
  --no-quality       time and bytes only, no MS-SSIM (which takes as long as the encoding or longer)
  --label NAME       added to the result's file name: bench/results/<date>-avif-NAME.json

The current settings (${nameOf(CURRENT.avif)}, ${nameOf(CURRENT.webp)}) are always measured: they are the reference.
Writes bench/results/<date>-avif.json (-webp.json with --webp) and prints the tables.`;

interface Sample {
  readonly photo: number;
  readonly width: number;
  readonly bytes: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** MS-SSIM of Y, Cb, Cr against the resized photo. */
  readonly y?: number;
  readonly cb?: number;
  readonly cr?: number;
}

/** Encodes raw RGB pixels as the build does (sRGB profile, sharp's options), timing the encoder alone: wall and CPU (all threads). */
async function encode(raw: { data: Buffer; width: number; height: number }, c: Candidate): Promise<{ bytes: Buffer; wallMs: number; cpuMs: number }> {
  const image = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).withIccProfile("srgb");
  if (c.format === "avif") image.avif({ quality: c.quality, effort: c.effort, chromaSubsampling: c.chroma });
  else image.webp({ quality: c.quality, effort: c.effort });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const bytes = await image.toBuffer();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { bytes, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Combined quality of the three planes, weighted 6:1:1 as video coding's comparisons weigh Y, Cb and Cr. */
const combined = (s: Pick<Sample, "y" | "cb" | "cr">): number => (6 * s.y! + s.cb! + s.cr!) / 8;
/** MS-SSIM as decibels, -10·log10(1 − q): equal steps for equal ratios of what is lost. */
const db = (q: number): number => -10 * Math.log10(Math.max(1e-12, 1 - q));

interface Summary {
  readonly name: string;
  readonly candidate: Candidate;
  /** Per photo: all its widths together. */
  readonly bytesPerPhoto: number;
  readonly wallMsPerPhoto: number;
  readonly cpuMsPerPhoto: number;
  /** Median over the photos of this candidate's time over the reference's for the same photo (the same minutes of the machine). */
  readonly cpuRatio: number;
  readonly wallRatio: number;
  readonly y?: number;
  readonly cb?: number;
  readonly cr?: number;
  readonly combined?: number;
  readonly combinedDb?: number;
  readonly byWidth: readonly { width: number; bytes: number; wallMs: number; y?: number; combined?: number }[];
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function summarize(c: Candidate, samples: readonly Sample[], reference: readonly Sample[], photos: number): Summary {
  const perPhoto = (list: readonly Sample[], key: "wallMs" | "cpuMs", photo: number) => list.filter((s) => s.photo === photo).reduce((a, s) => a + s[key], 0);
  const photoIds = [...new Set(samples.map((s) => s.photo))];
  const ratio = (key: "wallMs" | "cpuMs") => median(photoIds.map((p) => perPhoto(samples, key, p) / perPhoto(reference, key, p)));
  const measured = samples.every((s) => s.y !== undefined);
  const widths = [...new Set(samples.map((s) => s.width))].sort((a, b) => a - b);
  const quality = measured ? { y: mean(samples.map((s) => s.y!)), cb: mean(samples.map((s) => s.cb!)), cr: mean(samples.map((s) => s.cr!)), combined: mean(samples.map(combined)) } : {};
  return {
    name: nameOf(c), candidate: c,
    bytesPerPhoto: samples.reduce((a, s) => a + s.bytes, 0) / photos,
    wallMsPerPhoto: samples.reduce((a, s) => a + s.wallMs, 0) / photos,
    cpuMsPerPhoto: samples.reduce((a, s) => a + s.cpuMs, 0) / photos,
    cpuRatio: ratio("cpuMs"), wallRatio: ratio("wallMs"),
    ...quality, ...(quality.combined !== undefined ? { combinedDb: db(quality.combined) } : {}),
    byWidth: widths.map((width) => {
      const at = samples.filter((s) => s.width === width);
      return { width, bytes: mean(at.map((s) => s.bytes)), wallMs: mean(at.map((s) => s.wallMs)), ...(measured ? { y: mean(at.map((s) => s.y!)), combined: mean(at.map(combined)) } : {}) };
    }),
  };
}

interface EqualQuality {
  readonly curve: string;
  readonly quality: number;
  readonly bytesPerPhoto: number;
  readonly cpuRatio: number;
  readonly wallRatio: number;
  /** Whether the match lies between two measured qualities (else it is extrapolated from the nearest two). */
  readonly within: boolean;
}

/**
 * For a curve (one format, effort and subsampling at several qualities): the quality whose combined MS-SSIM (in dB)
 * equals `target`, interpolated linearly between the two measured qualities around it, with the bytes (log-linear) and
 * the time there.
 */
function atEqualQuality(curve: readonly Summary[], target: number): EqualQuality | undefined {
  const points = [...curve].filter((s) => s.combinedDb !== undefined).sort((a, b) => a.candidate.quality - b.candidate.quality);
  if (points.length < 2) return undefined;
  let i = points.findIndex((p, k) => k > 0 && points[k - 1]!.combinedDb! <= target && target <= p.combinedDb!);
  const within = i > 0;
  if (!within) i = target < points[0]!.combinedDb! ? 1 : points.length - 1;
  const [a, b] = [points[i - 1]!, points[i]!];
  const t = (target - a.combinedDb!) / (b.combinedDb! - a.combinedDb!);
  const lerp = (x: number, y: number) => x + (y - x) * t;
  return {
    curve: curveOf(a.candidate), within,
    quality: round(lerp(a.candidate.quality, b.candidate.quality), 1),
    bytesPerPhoto: Math.exp(lerp(Math.log(a.bytesPerPhoto), Math.log(b.bytesPerPhoto))),
    cpuRatio: lerp(a.cpuRatio, b.cpuRatio), wallRatio: lerp(a.wallRatio, b.wallRatio),
  };
}

const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
const sec = (ms: number) => `${round(ms / 1000, 2)} s`;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${round(x * 100, 1)} %`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      photos: { type: "string", default: "8" }, seed: { type: "string", default: "1" }, widths: { type: "string" },
      candidates: { type: "string" }, label: { type: "string" }, webp: { type: "boolean", default: false }, "no-quality": { type: "boolean", default: false }, help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const photos = Number(values.photos);
  const seed = Number(values.seed);
  const widths = values.widths ? values.widths.split(",").map(Number) : [...WEB_WIDTHS];
  if (!Number.isInteger(photos) || photos < 1 || !Number.isInteger(seed) || widths.some((w) => !Number.isInteger(w) || w < 200)) throw new Error(`bad --photos, --seed or --widths\n\n${HELP}`);
  const quality = !values["no-quality"];
  const listed = (values.candidates ?? (values.webp ? DEFAULT_WEBP : DEFAULT_AVIF)).split(",").map(parseCandidate);
  // The references first, each candidate once.
  const candidates = [CURRENT.avif, CURRENT.webp, ...listed].filter((c, i, all) => all.findIndex((d) => nameOf(d) === nameOf(c)) === i);
  const samples = new Map<string, Sample[]>(candidates.map((c) => [nameOf(c), []]));
  // What else a photo costs the build, for the share of each format: decoding and resizing (the build does it for
  // every copy), the JPEG fallback at each width, the print JPEG.
  const other: { photo: number; decodeMs: number[]; jpegMs: number; printMs: number }[] = [];
  const load = [os.loadavg()];
  const started = performance.now();
  const scratch = path.join(DATA_ROOT, "avif");
  await mkdir(scratch, { recursive: true });
  console.log(`${photos} photos × ${widths.length} widths × ${candidates.length} settings${quality ? ", with MS-SSIM" : ""}; load ${os.loadavg().map((l) => round(l, 1)).join(" ")}`);

  for (let p = 0; p < photos; p++) {
    const original = await standInBytes(seed, p, eventPhotoLabel(p), path.join(DATA_ROOT, "stand-in-photos"));
    const file = path.join(scratch, `photo-${seed}-${p}.jpg`);
    await writeFile(file, original);
    const meta = await sharp(original).metadata();
    const shown = widths.filter((w) => w <= meta.width!);
    const costs = { photo: p, decodeMs: [] as number[], jpegMs: 0, printMs: 0 };
    for (const [k, width] of shown.entries()) {
      // The resized photo, as the encoder gets it in the build: upright, sRGB, `width` wide.
      let at = performance.now();
      const { data, info } = await sharp(file, { ...PICTURE_INPUT, animated: false }).rotate().resize({ width, withoutEnlargement: true }).toColourspace("srgb").removeAlpha().raw().toBuffer({ resolveWithObject: true });
      costs.decodeMs.push(performance.now() - at);
      const raw = { data, width: info.width, height: info.height };
      at = performance.now();
      await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).withIccProfile("srgb").jpeg(WEB_JPEG).toBuffer();
      costs.jpegMs += performance.now() - at;
      const reference = quality ? ycbcrPlanes(data, 3) : undefined;
      // Each photo and width starts the round at another candidate, so that a change of the machine's load spreads over all.
      const offset = (p * shown.length + k) % candidates.length;
      const round_ = [...candidates.slice(offset), ...candidates.slice(0, offset)];
      const made: { c: Candidate; bytes: Buffer; wallMs: number; cpuMs: number }[] = [];
      for (const c of round_) made.push({ c, ...(await encode(raw, c)) });
      for (const { c, bytes, wallMs, cpuMs } of made) {
        let planes = {};
        if (reference) {
          const decoded = await sharp(bytes).toColourspace("srgb").removeAlpha().raw().toBuffer({ resolveWithObject: true });
          if (decoded.info.width !== info.width || decoded.info.height !== info.height) throw new Error(`${nameOf(c)} gave ${decoded.info.width} × ${decoded.info.height} for ${info.width} × ${info.height}`);
          const copy = ycbcrPlanes(decoded.data, decoded.info.channels as 3 | 4);
          const compare = (plane: keyof typeof copy) => msssim(reference[plane], copy[plane], undefined, info.width, info.height);
          planes = { y: compare("y"), cb: compare("cb"), cr: compare("cr") };
        }
        samples.get(nameOf(c))!.push({ photo: p, width, bytes: bytes.length, wallMs, cpuMs, ...planes });
      }
    }
    const printAt = performance.now();
    const widthMm = printedWidthMm("event", meta.width!, meta.height!);
    await encodePrint(file, printPixels(widthMm), widthMm);
    costs.printMs = performance.now() - printAt;
    other.push(costs);
    load.push(os.loadavg());
    console.log(`  photo ${p + 1} of ${photos}: ${meta.width} × ${meta.height}, ${kb(original.length)}; ${sec(performance.now() - started)} so far`);
  }

  const summaries = candidates.map((c) => summarize(c, samples.get(nameOf(c))!, samples.get(nameOf(CURRENT[c.format]))!, photos));
  const byName = new Map(summaries.map((s) => [s.name, s]));

  console.log(`\n| setting | time a photo (wall / CPU) | vs current (run by run) | bytes a photo | vs current | MS-SSIM Y | Cb | Cr | 6:1:1 (dB) |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const s of summaries) {
    const ref = byName.get(nameOf(CURRENT[s.candidate.format]))!;
    const q = s.combined !== undefined ? `${s.y!.toFixed(4)} | ${s.cb!.toFixed(4)} | ${s.cr!.toFixed(4)} | ${s.combined.toFixed(4)} (${s.combinedDb!.toFixed(2)})` : "– | – | – | –";
    console.log(`| ${s.name}${s === ref ? " (current)" : ""} | ${sec(s.wallMsPerPhoto)} / ${sec(s.cpuMsPerPhoto)} | ${round(s.wallRatio, 2)}× / ${round(s.cpuRatio, 2)}× | ${kb(s.bytesPerPhoto)} | ${pct(s.bytesPerPhoto / ref.bytesPerPhoto - 1)} | ${q} |`);
  }

  const equal: (EqualQuality & { format: Candidate["format"]; bytesVsCurrent: number })[] = [];
  if (quality) {
    const curves = new Map<string, Summary[]>();
    for (const s of summaries) curves.set(curveOf(s.candidate), [...(curves.get(curveOf(s.candidate)) ?? []), s]);
    console.log(`\nAt the current setting's quality (its 6:1:1 MS-SSIM), interpolated along each effort's qualities:\n`);
    console.log(`| format, effort | quality | bytes a photo | vs current | time vs current (wall / CPU) |`);
    console.log(`|---|---|---|---|---|`);
    for (const [curve, list] of curves) {
      const format = list[0]!.candidate.format;
      const ref = byName.get(nameOf(CURRENT[format]))!;
      const match = atEqualQuality(list, ref.combinedDb!);
      if (!match) continue;
      equal.push({ ...match, format, bytesVsCurrent: match.bytesPerPhoto / ref.bytesPerPhoto - 1 });
      console.log(`| ${curve} | ${match.quality}${match.within ? "" : " (extrapolated)"} | ${kb(match.bytesPerPhoto)} | ${pct(match.bytesPerPhoto / ref.bytesPerPhoto - 1)} | ${round(match.wallRatio, 2)}× / ${round(match.cpuRatio, 2)}× |`);
    }
  }
  console.log(`\nBy width (a copy's bytes, encoding time${quality ? ", MS-SSIM Y" : ""}):\n`);
  console.log(`| setting | ${widths.join(" | ")} |`);
  console.log(`|---|${widths.map(() => "---").join("|")}|`);
  for (const s of summaries) console.log(`| ${s.name} | ${s.byWidth.map((w) => `${kb(w.bytes)}, ${sec(w.wallMs)}${w.y !== undefined ? `, ${w.y.toFixed(4)}` : ""}`).join(" | ")} |`);

  const decodeMs = mean(other.map((o) => o.decodeMs.reduce((a, b) => a + b, 0)));
  const shares = {
    avifMs: byName.get(nameOf(CURRENT.avif))!.wallMsPerPhoto, webpMs: byName.get(nameOf(CURRENT.webp))!.wallMsPerPhoto,
    jpegMs: mean(other.map((o) => o.jpegMs)), printMs: mean(other.map((o) => o.printMs)),
    // The build decodes and resizes the photo for each copy: AVIF, WebP and JPEG at each width.
    decodeMs: 3 * decodeMs,
  };
  const total = shares.avifMs + shares.webpMs + shares.jpegMs + shares.printMs + shares.decodeMs;
  console.log(`\nA photo's copies with the current settings, one after another (wall): AVIF ${sec(shares.avifMs)} (${round((100 * shares.avifMs) / total)} %), WebP ${sec(shares.webpMs)} (${round((100 * shares.webpMs) / total)} %), JPEG fallback ${sec(shares.jpegMs)} (${round((100 * shares.jpegMs) / total)} %), print JPEG ${sec(shares.printMs)} (${round((100 * shares.printMs) / total)} %), decoding and resizing for each copy ${sec(shares.decodeMs)} (${round((100 * shares.decodeMs) / total)} %)`);
  console.log(`${sec(performance.now() - started)} in all; load ${load[0]!.map((l) => round(l, 1)).join(" ")} at the start, ${load.at(-1)!.map((l) => round(l, 1)).join(" ")} at the end`);

  const out = path.join(BENCH_DIR, "results", `${new Date().toISOString().slice(0, 10)}-${values.webp ? "webp" : "avif"}${values.label ? `-${values.label}` : ""}.json`);
  await writeFile(out, `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, sharp: sharp.versions, cores: os.availableParallelism(), loadAverage: load,
    photos, seed, widths, current: CURRENT, summaries, equalQuality: equal, shares, other, samples: Object.fromEntries(samples),
  }, null, 1)}\n`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

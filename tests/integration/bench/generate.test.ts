import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateData } from "../../../bench/generate.ts";
import { formatDiagnostic } from "../../../src/data/diagnostics.ts";
import { loadData } from "../../../src/data/load.ts";
import { cleanUp, SAMPLE_DATA, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

/** Every file under `dir`, by relative path, with its content. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  // Text files only: the stand-in photos are compared on their own.
  const texts = files.filter((f) => !f.endsWith(".jpg"));
  const contents = await Promise.all(texts.map((f) => readFile(f, "utf8")));
  return new Map(texts.map((f, i) => [path.relative(dir, f), contents[i]!]));
}

describe("the benchmark's data generator", () => {
  const size = { events: 48, years: 3 };

  it("writes the same files for the same seed, other files for another", async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateData(a, { ...size, seed: 7 });
    await generateData(b, { ...size, seed: 7 });
    await generateData(c, { ...size, seed: 8 });
    const [first, second, other] = [await snapshot(a), await snapshot(b), await snapshot(c)];
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, content] of first) expect(second.get(file), file).toBe(content);
    const events = (files: Map<string, string>) => [...files].filter(([f]) => f.startsWith("events")).map(([f, text]) => `${f}\n${text}`).sort();
    expect(events(other)).not.toEqual(events(first));
  });

  it("gives each event a photo of its own and each generated edition a cover photo, changing nothing else, and the data passes the check", async () => {
    const [plainDir, photosDir, cache] = [await tempDir(), await tempDir(), await tempDir()];
    const small = { events: 2, years: 1, seed: 3 };
    // Stand-ins at 0.4 of a camera's size: still sharp enough for the check, a sixth of the pixels to draw
    // (the camera-sized ones are tested in tests/integration/bench/photos.test.ts).
    const photos = { photos: true, pictureCache: cache, photoScale: 0.4 };
    await generateData(plainDir, small);
    const generated = await generateData(photosDir, { ...small, ...photos });
    const [plain, withPhotos] = [await snapshot(plainDir), await snapshot(photosDir)];
    const events = [...plain.keys()].filter((f) => f.startsWith("events"));
    expect(events).toHaveLength(2);
    const files = events.map((f) => {
      // The photos block comes last; without it, the event is the one generated without photos.
      const [before, block] = withPhotos.get(f)!.split(/^photos:\n/m);
      expect(before, f).toBe(plain.get(f));
      expect(block, f).toMatch(/^  - file: images\/[a-z0-9-]+\.jpg\n    alt: .+\n    caption: .+\n    credit: .+\n$/);
      return /file: (\S+)/.exec(block!)![1]!;
    });
    expect(generated.photoFiles.map((p) => p.file).sort()).toEqual([...files, "images/bench-cover-2025.jpg"].sort());
    const bytes = await Promise.all(generated.photoFiles.map((p) => readFile(path.join(photosDir, p.file))));
    for (const p of generated.photoFiles) expect(Math.max(p.width, p.height), p.file).toBeLessThanOrEqual(1600);
    expect(new Set(bytes.map((b) => b.toString("base64"))).size).toBe(3);
    expect(withPhotos.get("report.yaml")).toMatch(/cover_photo:\n\s+file: images\/bench-cover-2025\.jpg/);
    const result = await loadData(photosDir);
    expect(result.diagnostics.map((d) => formatDiagnostic(d, photosDir))).toEqual([]);
    expect(result.data?.events.every((e) => e.photos?.length === 1)).toBe(true);
    // Made once: a second generation takes them from the cache, the same bytes.
    const again = await generateData(await tempDir(), { ...small, ...photos });
    for (const [i, p] of again.photoFiles.entries()) expect(await readFile(path.join(again.dir, p.file))).toEqual(bytes[i]);
  }, 120_000);

  it("publishes every edition in the languages asked for, as drafts, and in English alone otherwise, changing nothing else", async () => {
    const [englishDir, twoDir] = [await tempDir(), await tempDir()];
    await generateData(englishDir, { ...size, seed: 5, lastYear: 2019 });
    await generateData(twoDir, { ...size, seed: 5, lastYear: 2019, languages: ["ru"] });
    const [english, two] = [await snapshot(englishDir), await snapshot(twoDir)];
    expect([...two.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [file, content] of english) if (file !== "report.yaml") expect(two.get(file), file).toBe(content);
    // No translation is copied from the sample: English stands in for every text.
    expect([...english.keys()].filter((f) => /\.[a-z]{2}\.yaml$/.test(f))).toEqual([]);
    const [plain, published] = await Promise.all([loadData(englishDir), loadData(twoDir)]);
    expect(Object.values(plain.data!.report.editions!).map((e) => e.languages)).toEqual([undefined, undefined, undefined]);
    expect(Object.values(published.data!.report.editions!).map((e) => e.languages)).toEqual([{ ru: "draft" }, { ru: "draft" }, { ru: "draft" }]);
    expect(published.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, twoDir))).toEqual([]);
  });

  it("writes data that passes the check, with every event in its year", async () => {
    const dir = await tempDir();
    const generated = await generateData(dir, { ...size, seed: 1, lastYear: 2020 });
    expect(Object.values(generated.perYear).reduce((a, b) => a + b, 0)).toBe(size.events);
    const result = await loadData(dir);
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, dir));
    expect(errors).toEqual([]);
    expect(result.data?.events).toHaveLength(size.events);
    expect(new Set(result.data?.events.map((e) => e.reportYear))).toEqual(new Set([2018, 2019, 2020]));
    // The reference files are the sample's, unchanged.
    for (const name of ["strands.yaml", "event-types.yaml", "topics.yaml", "places.yaml", "countries.yaml"]) {
      expect(await readFile(path.join(dir, name), "utf8")).toBe(await readFile(path.join(SAMPLE_DATA, name), "utf8"));
    }
  });
});

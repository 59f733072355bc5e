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
  const contents = await Promise.all(files.map((f) => readFile(f, "utf8")));
  return new Map(files.map((f, i) => [path.relative(dir, f), contents[i]!]));
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

import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnostic } from "../../src/data/diagnostics.ts";
import { loadData } from "../../src/data/load.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SAMPLE_DATA = path.join(ROOT, "_data");
/** The smallest data folder a report is built from: only the required fields, one event in 2019, no picture. */
export const MINIMAL_DATA = path.join(ROOT, "tests/fixtures/minimal-data");

const made: string[] = [];

/** A fresh temporary folder, removed by `cleanUp`. */
export async function tempDir(prefix = "activity-report-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A copy of the sample data to break on purpose. Its editions in other languages are drafts unless
 * `languages` says "final" (as the sample has them): a test that adds or changes English texts is about
 * English, and a final language would refuse each new text until it is translated (a rule tested on its
 * own). With "none" the copy is in English alone, its translations gone: a build prints the English PDFs only.
 */
export async function sampleCopy({ languages = "draft" }: { languages?: "final" | "draft" | "none" } = {}): Promise<string> {
  const dir = path.join(await tempDir(), "_data");
  await cp(SAMPLE_DATA, dir, { recursive: true });
  if (languages === "final") return dir;
  const file = path.join(dir, "report.yaml");
  const report = await readFile(file, "utf8");
  const changed = languages === "draft"
    ? report.replace(/^ +languages: \{.*\}$/gm, (line) => line.replaceAll(": final", ": draft"))
    : report.replace(/^ +languages: \{.*\}\n/gm, "");
  if (!/^ +languages: \{.*: final.*\}$/m.test(report)) throw new Error("the sample's report.yaml no longer has an edition final in another language");
  await writeFile(file, changed);
  if (languages === "none") {
    for (const name of await readdir(dir, { recursive: true, encoding: "utf8" })) if (/\.[a-z]{2}\.yaml$/.test(name)) await rm(path.join(dir, name));
  }
  return dir;
}

/** A copy of the minimal data folder (MINIMAL_DATA), for tests that need a site to serve but none in particular. */
export async function minimalCopy(): Promise<string> {
  const dir = path.join(await tempDir(), "_data");
  await cp(MINIMAL_DATA, dir, { recursive: true });
  return dir;
}

export async function put(dir: string, relative: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

/** Every diagnostic as `path:line:col: message`, paths relative to the data folder. */
export async function diagnosticsOf(dir: string): Promise<string[]> {
  const result = await loadData(dir);
  return result.diagnostics.map((d) => formatDiagnostic(d, dir));
}

export async function cleanUp(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Every file under `dir` with the hash of its bytes: equal snapshots mean nothing was touched. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return files;
}

/**
 * What is beside an output folder (the folder `dir` holding it), but for the photo cache
 * (photoCacheFor, src/pictures/photo-processor.ts), which a build keeps there on purpose for the next.
 */
export async function besideOutput(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name !== ".activity-report-cache");
}

const cut = (text: string, pattern: RegExp, file: string) => {
  if (!pattern.test(text)) throw new Error(`the sample's ${file} no longer has ${pattern}`);
  return text.replace(pattern, "");
};

/**
 * Takes the sample's stand-in logos, funding line and 2017 cover photo out of the copy `dir`, from report.yaml
 * and from the texts of its translation, for tests that write their own in the same places (a key may not be
 * written twice); returns report.yaml as it is then.
 */
export async function withoutSamplePictures(dir: string): Promise<string> {
  const pictures = [/^(?:# Printed on the cover in this order[^\n]*\n)?logos:\n(?: {2}.*\n)+imprint:\n(?: {2}.*\n)+/m, /^(?: {4}# A stand-in picture[^\n]*\n)? {4}cover_photo:\n(?: {6}.*\n)+/m];
  let english = "";
  for (const name of ["report.yaml", "report.ru.yaml"]) {
    const file = path.join(dir, name);
    const text = pictures.reduce((t, pattern) => cut(t, pattern, name), await readFile(file, "utf8"));
    await writeFile(file, text);
    if (name === "report.yaml") english = text;
  }
  return english;
}

/** The layers of src/ import only downward: data and formats, the model, its outputs, the build, the commands. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.ts";

const SRC = path.join(ROOT, "src");

/** Each module's layer, by its path under src/; a module may import its own layer and those below. */
const LAYERS: readonly [RegExp, number, string][] = [
  [/^(errors|settings)\.ts$|^system\/|^types\//, 0, "foundations"],
  [/^(format|fonts)\//, 1, "formats and fonts"],
  [/^data\//, 2, "data"],
  [/^report\//, 3, "the model"],
  [/^(pictures|eleventy|pdf|assets)\//, 4, "its outputs"],
  [/^(output|search|build|release)\.ts$/, 5, "the build"],
  [/^(dev\/|scaffold\/|schemas\.ts$|init\.ts$|translations\.ts$)/, 6, "the commands' work"],
  [/^cli\.ts$/, 7, "the command line"],
];

function layerOf(file: string): [number, string] {
  const found = LAYERS.find(([pattern]) => pattern.test(file));
  if (!found) throw new Error(`src/${file} belongs to no layer: add it to LAYERS`);
  return [found[1], found[2]];
}

const modules = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => /\.ts$/.test(f)).map((f) => f.split(path.sep).join("/"));

describe("src/", () => {
  it("imports only downward, statically or when a command loads a module", () => {
    const upward: string[] = [];
    for (const file of modules) {
      const [layer] = layerOf(file);
      const text = readFileSync(path.join(SRC, file), "utf8");
      for (const [, target] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]+)"/g)) {
        const imported = path.posix.normalize(path.posix.join(path.posix.dirname(file), target!));
        if (imported.startsWith("..")) continue;
        const [theirs, name] = layerOf(imported);
        if (theirs > layer) upward.push(`src/${file} imports src/${imported} (${name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has every module in a layer", () => {
    for (const file of modules) expect(() => layerOf(file), file).not.toThrow();
  });
});

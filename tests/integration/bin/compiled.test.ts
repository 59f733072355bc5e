/** The compiled command (bin/compiled.js): made once, used while its sources are unchanged, made again when one changes. esbuild runs as a process. */
import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript, without types.
import { cacheOf, compile, freshCompiled } from "../../../bin/compiled.js";
import { cleanUp, put, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

/** A project of two TypeScript modules, one imported when needed, and one that imports a package. */
async function project(): Promise<string> {
  const root = await tempDir();
  await put(root, "package.json", JSON.stringify({ name: "p", type: "module" }));
  await put(root, "src/cli.ts", 'import { greet } from "./greet.ts";\nexport const main = async (): Promise<string> => `${greet("a")} ${(await import("./later.ts")).later}`;\n');
  await put(root, "src/greet.ts", "export const greet = (who: string): string => `hello ${who}`;\n");
  await put(root, "src/later.ts", 'import path from "node:path";\nexport const later: string = path.posix.join("x", "y");\n');
  return root;
}

const run = async (file: string) => ((await import(`${pathToFileURL(file).href}?${Math.random()}`)) as { main: () => Promise<string> }).main();

describe("the compiled command", () => {
  it("is made when missing, used while the sources are as they were, and made again when one changes", async () => {
    const root = await project();
    expect(freshCompiled("src/cli.ts", root)).toBeUndefined();
    const first = await compile("src/cli.ts", root);
    expect(await run(first)).toBe("hello a x/y");
    expect(freshCompiled("src/cli.ts", root)).toBe(first);
    // What is imported only when needed is a file of its own.
    expect((await readdir(path.dirname(first))).filter((f) => f.endsWith(".mjs")).length).toBeGreaterThan(1);

    // A changed source, even one imported only when needed, makes the compiled file stale.
    await writeFile(path.join(root, "src/later.ts"), 'export const later: string = "z";\n');
    await utimes(path.join(root, "src/later.ts"), new Date(), new Date(Date.now() + 5000));
    expect(freshCompiled("src/cli.ts", root)).toBeUndefined();
    const second = await compile("src/cli.ts", root);
    expect(second).not.toBe(first);
    expect(await run(second)).toBe("hello a z");
    expect(freshCompiled("src/cli.ts", root)).toBe(second);
    // The first folder stays for a day, for a command that still runs from it.
    expect((await readdir(cacheOf(root))).sort()).toEqual([path.basename(path.dirname(first)), path.basename(path.dirname(second)), "current.json"].sort());
  });

  it("takes a damaged record, or a compiled file gone, as none", async () => {
    const root = await project();
    const file = await compile("src/cli.ts", root);
    await writeFile(path.join(cacheOf(root), "current.json"), "{");
    expect(freshCompiled("src/cli.ts", root)).toBeUndefined();
    const again = await compile("src/cli.ts", root);
    expect(freshCompiled("src/cli.ts", root)).toBe(again);
    const record = JSON.parse(await readFile(path.join(cacheOf(root), "current.json"), "utf8")) as Record<string, { folder: string }>;
    expect(Object.keys(record)).toEqual(["src/cli.ts"]);
    await writeFile(path.join(cacheOf(root), "current.json"), JSON.stringify({ "src/cli.ts": { ...record["src/cli.ts"], file: "gone.mjs" } }));
    expect(freshCompiled("src/cli.ts", root)).toBeUndefined();
    expect(file).not.toBe(again);
  });
});

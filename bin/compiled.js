// The command compiled into JavaScript, kept in a folder under node_modules/.cache/activity-report and made
// again when a source it was made from has changed. Loading src/ through tsx's loader costs most of a short
// command's time (`check`: two thirds); the compiled files load as plain JavaScript. What a command imports only
// when needed (the printer, Eleventy) is a file of its own, still imported only then. The small pure-JavaScript
// packages that every command reads are compiled in (INLINED), each with only the parts used: zod alone, loaded from
// its files, costs a tenth of a second. The others (native, large, or reading files beside their own) stay outside.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const RECIPE = fileURLToPath(import.meta.url);
const PROJECT = path.dirname(path.dirname(RECIPE));

/** Where the compiled files of the project in `root` are kept, and the record of the current ones. */
export const cacheOf = (root) => path.join(root, "node_modules", ".cache", "activity-report");
const currentOf = (root) => path.join(cacheOf(root), "current.json");

/** A file's size and time of change: what a compiled file was made from, as it was then. */
function stamp(file) {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}

/** The compiled file of `entry` when it was made from the sources as they are now, else undefined. */
export function freshCompiled(entry, root = PROJECT) {
  try {
    const current = JSON.parse(readFileSync(currentOf(root), "utf8"))[entry];
    if (!current || current.recipe !== stamp(RECIPE)) return undefined;
    for (const [file, was] of Object.entries(current.inputs)) if (stamp(path.join(root, file)) !== was) return undefined;
    const compiled = path.join(cacheOf(root), current.folder, current.file);
    statSync(compiled);
    return compiled;
  } catch {
    return undefined;
  }
}

/** Packages compiled into the command, with the packages they import in turn. */
const INLINED = new Set(["zod", "yaml", "js-yaml", "markdown-it", "luxon", "intl-messageformat", "@formatjs/icu-messageformat-parser", "i18n-iso-countries", "saxes", "fastest-levenshtein"]);
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** esbuild: a package stays outside unless INLINED or imported by one that is compiled in. */
const packagesOutside = {
  name: "packages-outside",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
      if (specifier.startsWith("node:")) return { external: true };
      if (INLINED.has(packageName(specifier)) || importer.includes(NODE_MODULES)) return undefined;
      return { external: true };
    });
  },
};

/** A day: a folder replaced longer ago than this is removed (a command still running may yet import from it). */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Compiles `entry` (a path under the project, e.g. src/cli.ts) into a folder of its own under the cache, and
 * names it the current one. Several commands may do so at once: each writes its own folder, and the record of
 * the current ones is replaced whole. Returns the entry's compiled file.
 */
export async function compile(entry, root = PROJECT) {
  const { build } = await import("esbuild");
  const cache = cacheOf(root);
  const current = currentOf(root);
  mkdirSync(cache, { recursive: true });
  const folder = `${path.basename(entry, ".ts")}-${randomBytes(6).toString("hex")}`;
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outdir: path.join(cache, folder),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // A module that src/ imports when needed stays a file of its own: one file would import every package at once.
    splitting: true,
    format: "esm",
    platform: "node",
    // Import attributes (`with { type: "json" }`) are kept from Node 20.10 on.
    target: "node20.12",
    plugins: [packagesOutside],
    // A package compiled in may call require() for Node's own modules.
    banner: { js: 'import { createRequire as __commandRequire } from "node:module"; const require = __commandRequire(import.meta.url);' },
    metafile: true,
    sourcemap: "linked",
    logLevel: "silent",
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    let file = path.relative(root, path.resolve(process.cwd(), input));
    // A package compiled in is known by its package file (its version): one file to look at, not its hundreds.
    const inPackage = /^node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (inPackage) file = path.join("node_modules", inPackage[1], "package.json");
    if (!file.startsWith("..") && !(file in inputs)) inputs[file] = stamp(path.join(root, file));
  }
  let record = {};
  try {
    record = JSON.parse(readFileSync(current, "utf8"));
  } catch {
    // None yet, or unreadable: written anew.
  }
  const file = `${path.basename(entry, ".ts")}.mjs`;
  // The recipe too (this file): a change to it makes every compiled file anew.
  record[entry] = { folder, file, recipe: stamp(RECIPE), inputs };
  const temporary = `${current}.${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, JSON.stringify(record));
  renameSync(temporary, current);
  const kept = new Set(Object.values(record).map((r) => r.folder));
  for (const old of readdirSync(cache)) {
    const at = path.join(cache, old);
    if (old === folder || kept.has(old) || old === "current.json" || old.startsWith("current.json.")) continue;
    try {
      if (Date.now() - statSync(at).mtimeMs > KEEP_MS) rmSync(at, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another command.
    }
  }
  return path.join(cache, folder, file);
}

/**
 * The module of `entry` (a path under the project): its compiled file, made first when missing or stale, or,
 * where no file can be made (a read-only node_modules, no esbuild), the TypeScript itself through tsx.
 */
export async function importCommand(entry) {
  if (process.env.ACTIVITY_REPORT_COMPILED !== "0") {
    let file = freshCompiled(entry);
    try {
      file ??= await compile(entry);
      return await import(pathToFileURL(file).href);
    } catch {
      // Fall through to the sources themselves.
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(path.join(PROJECT, entry)).href);
}

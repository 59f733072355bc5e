/**
 * The search index of the built site, made by Pagefind from the pages marked
 * `data-pagefind-body` (the event pages), one index per language: Pagefind
 * reads each page's language from its `lang`, and its search box on a page
 * searches the index of that page's language. Pagefind runs as its own program,
 * whose exit status says whether it succeeded: its Node API never answers when
 * the program dies (on a full disk, for one), which would leave a build hanging.
 */
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export const SEARCH_DIR = "pagefind";

/** Pagefind's own executable, as its npm package installs it for this platform. */
function pagefindBinary(): string {
  const require = createRequire(import.meta.url);
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const pkg = path.dirname(require.resolve(`@pagefind/${platform}-${process.arch}/package.json`));
  return path.join(pkg, "bin", platform === "windows" ? "pagefind_extended.exe" : "pagefind_extended");
}

/**
 * Indexes the event pages of `siteDir`, those under `eventFolders` (each language's, `/events/`, `/ru/events/`);
 * aborting `signal` stops Pagefind (the build failed meanwhile).
 */
export async function indexSite(siteDir: string, eventFolders: readonly string[], signal?: AbortSignal): Promise<void> {
  // Only event pages are searchable: reading the others (years, hubs) would cost a fifth more for nothing.
  const folders = eventFolders.map((folder) => folder.replace(/^\/|\/$/g, ""));
  // A data folder just started has no event yet, so nothing to search; Pagefind refuses to index nothing.
  const pages = (await Promise.all(folders.map((folder) => readdir(path.join(siteDir, folder), { recursive: true }).catch(() => [])))).flat();
  if (!pages.some((page) => page.endsWith(".html"))) return;
  const glob = `${folders.length === 1 ? folders[0] : `{${folders.join(",")}}`}/**/*.html`;
  const args = ["--site", siteDir, "--glob", glob, "--output-subdir", SEARCH_DIR, "--quiet"];
  const child = spawn(pagefindBinary(), args, { stdio: ["ignore", "ignore", "pipe"], ...(signal ? { signal } : {}) });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => (signal?.aborted ? resolve(null) : reject(error)));
    child.on("close", resolve);
  });
  if (signal?.aborted) return;
  if (code !== 0) {
    const reason = /message: "([^"]+)"/.exec(stderr)?.[1] ?? stderr.trim().split("\n").find((l) => l.trim()) ?? `exit code ${code}`;
    throw new Error(`the search index could not be built: ${reason}`);
  }
}

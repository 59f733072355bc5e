import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every HTML page of a built site, as paths relative to it; the search bundle's own files left out. */
export async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith(`pagefind${path.sep}`))
    .sort();
}

/** The URL path of a page file: `2018/index.html` → `/2018/`. */
export function pageUrl(file: string): string {
  return `/${file.split(path.sep).join("/").replace(/index\.html$/, "")}`;
}

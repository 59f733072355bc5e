/**
 * Self-hosted fonts from @fontsource: only the weights and scripts the report
 * uses are copied, and their @font-face rules are taken from the packages so
 * that the unicode ranges stay right when the packages update.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const FACES = [
  { pkg: "@fontsource/source-serif-4", files: ["400", "400-italic", "600", "700"] },
  { pkg: "@fontsource/source-sans-3", files: ["400", "600", "700"] },
] as const;
/** Latin covers English; latin-ext covers names such as Türkiye, Hewlêr, Koç. */
const SUBSETS = ["latin", "latin-ext"] as const;

export const FONT_DIR = "assets/fonts";

export interface FontAssets {
  /** Absolute source path → path under the output folder. */
  readonly files: Record<string, string>;
  /** @font-face rules with URLs relative to the stylesheet at `assets/fonts.css`. */
  readonly css: string;
}

export function fontAssets(): FontAssets {
  const files: Record<string, string> = {};
  const rules: string[] = [];
  for (const face of FACES) {
    const dir = path.dirname(require.resolve(`${face.pkg}/package.json`));
    for (const variant of face.files) {
      // The per-weight stylesheet carries each subset's unicode-range; keep the blocks of our subsets.
      const blocks = readFileSync(path.join(dir, `${variant}.css`), "utf8").split(/(?=\/\* )/);
      for (const block of blocks) {
        const name = /^\/\* (\S+) \*\//.exec(block)?.[1];
        if (!name || !SUBSETS.some((subset) => name.includes(`-${subset}-`) && !name.includes(`-${subset}-ext-`))) continue;
        rules.push(
          block.replace(/src:[^;]*url\(\.\/files\/([^)]+\.woff2)\)[^;]*;/, (_all, file: string) => {
            files[path.join(dir, "files", file)] = `${FONT_DIR}/${file}`;
            return `src: url(fonts/${file}) format("woff2");`;
          }).trim(),
        );
      }
    }
  }
  return { files, css: `${rules.join("\n\n")}\n` };
}

/**
 * The report's fonts as the site publishes them: the files of the faces and subsets that
 * src/fonts/faces.ts names, and the packages' own @font-face rules for them, so that the unicode
 * ranges stay right when the packages update.
 */
import path from "node:path";
import { ARABIC, reportFaces } from "../fonts/faces.ts";

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
  for (const face of reportFaces()) {
    for (const file of face.files) {
      files[file.woff2] = `${FONT_DIR}/${path.basename(file.woff2)}`;
      // The WOFF2 file only; its WOFF copy serves the printing browser's fontconfig (src/pdf/fonts.ts).
      const rule = file.rule.replace(/src:[^;]*;/, `src: url(fonts/${path.basename(file.woff2)}) format("woff2");`);
      rules.push(rule);
      // Arabic script has no italic: text set in italic draws its Arabic upright, from the same file, where the
      // browser would otherwise slant it.
      if (face.family === ARABIC) rules.push(rule.replace(/\*\/(?=\s*@font-face)/, "(for italic) */").replace(/font-style:\s*normal;/, "font-style: italic;"));
    }
  }
  return { files, css: `${rules.join("\n\n")}\n` };
}

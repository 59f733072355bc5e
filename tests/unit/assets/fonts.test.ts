import path from "node:path";
import { describe, expect, it } from "vitest";
import { FONT_DIR, fontAssets } from "../../../src/assets/fonts.ts";
import { ARABIC, reportFaces } from "../../../src/fonts/faces.ts";

describe("fontAssets", () => {
  it("publishes each face's file of each subset, with a @font-face rule that loads it for its characters alone", () => {
    const { files, css } = fontAssets();
    const published = reportFaces().flatMap((face) => face.files);
    expect(published).toHaveLength(reportFaces().reduce((n, face) => n + face.subsets.length, 0));
    expect(Object.keys(files).sort()).toEqual(published.map((f) => f.woff2).sort());
    for (const file of published) expect(files[file.woff2]).toBe(`${FONT_DIR}/${path.basename(file.woff2)}`);
    const rules = css.split(/(?=\/\* )/).map((r) => r.trim()).filter(Boolean);
    // And the Arabic face's files once more, as its italic.
    expect(rules).toHaveLength(published.length + reportFaces().filter((face) => face.family === ARABIC).length);
    // Only the WOFF2 file, by a path beside the stylesheet.
    expect(css).not.toMatch(/\.woff\)/);
    // Russian text in the italic serif and the semibold sans: the cyrillic files, for the Cyrillic block and the numero sign.
    for (const name of ["source-serif-4-cyrillic-400-italic", "source-sans-3-cyrillic-600-normal"]) {
      const rule = rules.find((r) => r.startsWith(`/* ${name} */`))!;
      expect(rule).toContain(`src: url(fonts/${name}.woff2) format("woff2");`);
      expect(rule).toMatch(/unicode-range: U\+0301,U\+0400-045F,U\+0490-0491,U\+04B0-04B1,U\+2116;/);
    }
    const ext = rules.find((r) => r.startsWith("/* source-sans-3-cyrillic-ext-400-normal */"))!;
    expect(ext).toContain("U+0460-052F");
    // Arabic text in the bold: the Arabic face's file, for Arabic script alone (not for Latin letters or digits).
    const arabic = rules.find((r) => r.startsWith("/* amiri-arabic-700-normal */"))!;
    expect(arabic).toContain("font-family: 'Amiri';");
    expect(arabic).toContain('src: url(fonts/amiri-arabic-700-normal.woff2) format("woff2");');
    expect(arabic).toMatch(/unicode-range: U\+0600-06FF,U\+0750-077F,/);
    // Arabic has no italic: italic text draws it upright, from the same files, not slanted by the browser.
    const italic = rules.find((r) => r.startsWith("/* amiri-arabic-400-normal (for italic) */"))!;
    expect(italic).toContain("font-style: italic;");
    expect(italic).toContain('src: url(fonts/amiri-arabic-400-normal.woff2) format("woff2");');
    // Its regular and bold, each upright and for italic: the package's own italic (Amiri Slanted) is not published.
    expect(rules.filter((r) => r.includes("font-family: 'Amiri'"))).toHaveLength(4);
    expect(css).not.toContain("amiri-arabic-400-italic");
  });
});

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { FALLBACK_SPACES, mappedCharacters, NOT_DRAWN, reportFaces } from "../../../src/fonts/faces.ts";
import { characterMap, sfntTables } from "../../../src/fonts/sfnt.ts";
import { boxFile, printFonts } from "../../../src/pdf/fonts.ts";

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "activity-report-fonts-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("printFonts", () => {
  it("gives the browser a fontconfig of the report's fonts alone, whatever the environment names", async () => {
    const dir = await folder();
    const env = printFonts(dir, { PATH: "/usr/bin", FONTCONFIG_FILE: "/etc/fonts/fonts.conf", FONTCONFIG_PATH: "/etc/fonts", FONTCONFIG_SYSROOT: "/elsewhere" });
    expect(env).toEqual({ PATH: "/usr/bin", FONTCONFIG_FILE: path.join(dir, "fonts.conf") });
    const config = await readFile(env.FONTCONFIG_FILE!, "utf8");
    // One folder of fonts, its own cache, and nothing of the machine's configuration included.
    expect([...config.matchAll(/<dir>([^<]*)<\/dir>/g)].map((m) => m[1])).toEqual([path.join(dir, "fonts")]);
    expect(config).toContain(`<cachedir>${path.join(dir, "font-cache")}</cachedir>`);
    expect(config).not.toMatch(/<include|<dir prefix/);
    // Each published file as TrueType, which Chromium takes from fontconfig (WOFF it does not), and the box font.
    const written = (await readdir(path.join(dir, "fonts"), { recursive: true })).filter((f) => f.endsWith(".ttf")).map((f) => path.basename(f)).sort();
    expect(written).toEqual([...reportFaces().flatMap((face) => face.files.map((f) => path.basename(f.woff).replace(/\.woff$/, ".ttf"))), "box.ttf"].sort());
    // Cyrillic among them, in every weight and style the report sets: Russian text is drawn by the report's faces, never boxed.
    for (const name of ["source-serif-4-cyrillic-400-italic", "source-serif-4-cyrillic-ext-700-normal", "source-sans-3-cyrillic-600-normal", "source-sans-3-cyrillic-ext-400-normal"]) {
      expect(written).toContain(`${name}.ttf`);
    }
    // Arabic in the weights it is published in (the semibold's Arabic is drawn in the bold), named as the styles name it.
    for (const weight of [400, 700]) expect(written).toContain(`amiri-arabic-${weight}-normal.ttf`);
    expect(config).toContain("<string>/amiri/</string></test>\n    <edit name=\"family\" mode=\"assign_replace\"><string>Amiri</string></edit>");
  });
});

describe("boxFile", () => {
  it("boxes every character that no file of the report's fonts has, but what is never drawn and the spaces drawn blank", () => {
    const boxed = characterMap(sfntTables(boxFile()));
    const glyphs = mappedCharacters();
    const expected: number[] = [];
    for (let code = 0x20; code <= 0x10ffff; code++) {
      if ((code < 0xd800 || code > 0xdfff) && !glyphs.has(code) && !FALLBACK_SPACES.has(code) && !NOT_DRAWN.test(String.fromCodePoint(code))) expected.push(code);
    }
    expect(boxed.size).toBe(expected.length);
    expect(expected.every((code) => boxed.get(code) === 1)).toBe(true);
    // თ, ȯ, a character of plane 5; not A, Ş, Ж, Қ, the en space, the no-break spaces, a zero-width joiner, a tag character.
    expect([0x10d7, 0x22f, 0x50000].map((code) => boxed.has(code))).toEqual([true, true, true]);
    expect([0x41, 0x15e, 0x416, 0x49a, 0x2002, 0xa0, 0x202f, 0x200d, 0xe0041].map((code) => boxed.has(code))).toEqual([false, false, false, false, false, false, false, false, false]);
    // Nor Arabic letters and punctuation, which the Arabic face has: ب, ع, the Arabic comma, گ.
    expect([0x628, 0x639, 0x60c, 0x6af].map((code) => boxed.has(code))).toEqual([false, false, false, false]);
  });
});

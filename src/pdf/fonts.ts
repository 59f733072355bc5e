/**
 * The printing browser sees the report's own fonts and no others. Chromium on Linux finds fonts
 * through fontconfig: a character that the print page's fonts lack would otherwise be drawn, and
 * embedded, in whatever font the building machine has, and a page that names no web font would be
 * set in the machine's default one, so the same data would give different PDFs on different
 * machines. The browser is given a fontconfig of its own (FONTCONFIG_FILE) whose only fonts are
 * TrueType copies of the published faces (Chromium takes no WOFF from fontconfig), and a font of a
 * box for every other character: such a character is then drawn by another of the report's faces
 * that has it, or as that box (never as a font's .notdef glyph, which PDF/A and PDF/UA forbid), on
 * every machine.
 * (On macOS and Windows Chromium does not use fontconfig, and the system's fonts stay in reach.)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { boxFont } from "../fonts/box-font.ts";
import { FALLBACK_SPACES, mappedCharacters, NOT_DRAWN, reportFaces, SANS, SERIF } from "../fonts/faces.ts";
import { woffToSfnt } from "../fonts/sfnt.ts";

/** Fontconfig's variables that would point it at other configurations or prefix every path. */
const FONTCONFIG_VARIABLES = ["FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"];

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

let box: Uint8Array | undefined;

/**
 * The box font, for every character that no file of the report's fonts has a glyph for, but what is
 * never drawn and the spaces that the fonts draw blank without a glyph (HarfBuzz, from their space).
 */
export function boxFile(): Uint8Array {
  if (box) return box;
  const glyphs = mappedCharacters();
  const groups: [number, number][] = [];
  const add = (first: number, last: number) => {
    const previous = groups[groups.length - 1];
    if (previous && previous[1] === first - 1) previous[1] = last;
    else groups.push([first, last]);
  };
  for (let code = 0x20; code <= 0x10ffff; code++) {
    if (code === 0xd800) code = 0xe000;
    // Planes 3 to 13 hold no character that the fonts have or that is never drawn: boxed whole, unread.
    if (code === 0x30000) {
      add(0x30000, 0xdffff);
      code = 0xdffff;
      continue;
    }
    if (!glyphs.has(code) && !FALLBACK_SPACES.has(code) && !NOT_DRAWN.test(String.fromCodePoint(code))) add(code, code);
  }
  box = boxFont(groups);
  return box;
}

/** Each family's folder name: a family's files are named in fontconfig by the folder that holds them. */
const folderOf = (family: string) => family.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * Writes the report's fonts and a fontconfig file naming only them into `dir` (which must exist and
 * be the browser's own, as fontconfig writes its cache there), and returns the environment for the
 * browser: `env` without any fontconfig setting of its own, with FONTCONFIG_FILE pointing there.
 */
export function printFonts(dir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const fonts = path.join(dir, "fonts");
  const families = new Set<string>();
  for (const face of reportFaces()) {
    families.add(face.family);
    mkdirSync(path.join(fonts, folderOf(face.family)), { recursive: true });
    for (const file of face.files) {
      writeFileSync(path.join(fonts, folderOf(face.family), path.basename(file.woff).replace(/\.woff$/, ".ttf")), woffToSfnt(readFileSync(file.woff)));
    }
  }
  mkdirSync(path.join(fonts, "box"), { recursive: true });
  writeFileSync(path.join(fonts, "box", "box.ttf"), boxFile());
  const [serif, sans] = [xml(SERIF), xml(SANS)];
  // The packages' files name their family oddly ("Source Sans 3 ExtraLight" for every weight): name it as the CSS does.
  const names = [...families].map((family) => `
  <match target="scan">
    <test name="file" compare="contains"><string>${xml(`/${folderOf(family)}/`)}</string></test>
    <edit name="family" mode="assign_replace"><string>${xml(family)}</string></edit>
  </match>`).join("");
  const config = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Written by activity-report for the printing browser: the report's fonts and no others. -->
<fontconfig>
  <dir>${xml(fonts)}</dir>
  <cachedir>${xml(path.join(dir, "font-cache"))}</cachedir>${names}
  <alias binding="same"><family>serif</family><prefer><family>${serif}</family></prefer></alias>
  <alias binding="same"><family>sans-serif</family><prefer><family>${sans}</family></prefer></alias>
  <alias binding="same"><family>monospace</family><prefer><family>${sans}</family></prefer></alias>
  <alias binding="same"><family>system-ui</family><prefer><family>${sans}</family></prefer></alias>
  <!-- How glyphs are rendered, as Debian sets it, rather than as each machine does. -->
  <match target="pattern">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="lcdfilter" mode="assign"><const>lcddefault</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
`;
  const file = path.join(dir, "fonts.conf");
  writeFileSync(file, config);
  const own = Object.fromEntries(Object.entries(env).filter(([name]) => !FONTCONFIG_VARIABLES.includes(name)));
  return { ...own, FONTCONFIG_FILE: file };
}

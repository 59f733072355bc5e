/** The printing browser's fontconfig as fontconfig's own tools (fc-list, fc-match: processes of their own) read it. */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { BOX_FONT_FAMILY } from "../../../src/fonts/box-font.ts";
import { ARABIC, SANS, SERIF } from "../../../src/fonts/faces.ts";
import { printFonts } from "../../../src/pdf/fonts.ts";

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "activity-report-fonts-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const hasFcList = (() => {
  try {
    execFileSync("fc-list", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("printFonts", () => {
  it.runIf(hasFcList)("names the families as the styles do, and answers every family with one of them", async () => {
    const env = printFonts(await folder(), { PATH: process.env.PATH });
    const fc = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { env, encoding: "utf8" });
    expect(new Set(fc("fc-list", "--format", "%{family}\n").trim().split("\n"))).toEqual(new Set([SERIF, SANS, ARABIC, BOX_FONT_FAMILY]));
    // (A hyphen in fc-match's pattern starts a size: escaped, it is part of the name, as Chromium asks for it.)
    for (const [asked, family] of [["serif", SERIF], ["sans\\-serif", SANS], ["monospace", SANS], ["Arial", SERIF], ["DejaVu Sans", SERIF]] as const) {
      expect(fc("fc-match", "--format", "%{family}", asked), asked).toBe(family);
    }
    expect(fc("fc-match", "--format", "%{weight}", `${SANS}:bold`)).toBe("200");
    // A character that no file of the report's fonts has is the box font's, and only such a character.
    const boxes = (code: number) => fc("fc-list", "--format", "%{family}\n", `:charset=${code.toString(16)}`).trim().split("\n");
    expect(boxes(0x10d7)).toEqual([BOX_FONT_FAMILY]);
    expect(boxes(0x4e2d)).toEqual([BOX_FONT_FAMILY]);
    // Ж and Қ: the report's Cyrillic files, in both families.
    expect(new Set(boxes(0x416))).toEqual(new Set([SERIF, SANS]));
    expect(new Set(boxes(0x49a))).toEqual(new Set([SERIF, SANS]));
    // A Russian page asking for a family gets its Cyrillic file.
    expect(fc("fc-match", "--format", "%{family} %{file}", "serif:lang=ru")).toMatch(new RegExp(`^${SERIF} .*/source-serif-4-cyrillic-400-normal\\.ttf$`));
    expect(new Set(boxes(0x15e))).toEqual(new Set([SERIF, SANS]));
    expect(new Set(boxes(0x132))).toEqual(new Set([SANS]));
    // ب and the Arabic comma: the Arabic face's alone, whatever family a page asks for them in.
    expect(new Set(boxes(0x628))).toEqual(new Set([ARABIC]));
    expect(new Set(boxes(0x60c))).toEqual(new Set([ARABIC]));
    for (const asked of ["serif", "sans\\-serif", "Arial"]) {
      expect(fc("fc-match", "--format", "%{family} %{file}", `${asked}:charset=628`), asked).toMatch(new RegExp(`^${ARABIC} .*/amiri-arabic-400-normal\\.ttf$`));
    }
  });
});

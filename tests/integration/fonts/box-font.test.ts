/** The box font as fontconfig (fc-scan, a process of its own) reads it. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { BOX_FONT_FAMILY, boxFont } from "../../../src/fonts/box-font.ts";

const hasFcScan = (() => {
  try {
    execFileSync("fc-scan", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("boxFont", () => {
  const font = boxFont([[0x400, 0x4ff], [0x4e00, 0x9fff], [0x1f600, 0x1f64f]]);

  it.runIf(hasFcScan)("is read by fontconfig as its family, with the characters given", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "activity-report-box-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, "box.ttf"), font);
    expect(execFileSync("fc-scan", ["--format", "%{family}|%{charset}", path.join(dir, "box.ttf")], { encoding: "utf8" })).toBe(`${BOX_FONT_FAMILY}|400-4ff 4e00-9fff 1f600-1f64f`);
  });
});

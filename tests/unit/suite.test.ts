/** The unit project stays pure and fast: no test file of it starts a process or a browser (those belong to integration or e2e). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.ts";

const UNIT = path.join(ROOT, "tests/unit");

/** What a unit test file may not import: what starts processes, browsers or the command as a process of its own. */
const FORBIDDEN = [/^node:child_process$/, /^child_process$/, /^puppeteer/, /\/helpers\/(cli|dev-server|browser|terminal|checkers|processes)\.ts$/];

describe("the unit tests", () => {
  it("start no process and no browser", () => {
    const files = readdirSync(UNIT, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(UNIT, file), "utf8");
      for (const [, target] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g)) {
        if (FORBIDDEN.some((pattern) => pattern.test(target!))) found.push(`tests/unit/${file} imports ${target}`);
      }
    }
    expect(found).toEqual([]);
  });
});

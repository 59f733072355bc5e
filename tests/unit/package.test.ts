/** What a clean install of the project does: nothing an editor would have to worry about. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.ts";

describe("installing", () => {
  it("declares for every dependency with an install script whether it may run (npm warns about each one it does not know)", () => {
    const out = execFileSync("npm", ["install-scripts", "ls"], { cwd: ROOT, encoding: "utf8" });
    expect(out.trim()).toBe("No packages with unreviewed install scripts.");
  });

  it("states the Node.js versions it is tested on, and runs on this one", () => {
    const { engines } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(engines.node).toBe("^20.12 || ^22 || ^24");
    const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
    expect(major === 20 ? minor >= 12 : [22, 24].includes(major)).toBe(true);
  });
});

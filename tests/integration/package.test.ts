/** What a clean install of the project does: nothing an editor would have to worry about. */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
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

describe("CI (.ci/run)", () => {
  /** What .ci/run would install with `env`, on a machine where dpkg knows no package: its run stops at the first command it needs root for. */
  function packagesInstalled(env: Record<string, string>): { status: number | null; out: string } {
    const bin = mkdtempSync(path.join(tmpdir(), "activity-report-ci-"));
    onTestFinished(() => rmSync(bin, { recursive: true, force: true }));
    const tool = (name: string, body: string) => {
      writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(path.join(bin, name), 0o755);
    };
    tool("dpkg", "exit 1");
    tool("id", "echo 1000");
    tool("sudo", "exit 1");
    const run = spawnSync("bash", [path.join(ROOT, ".ci", "run")], { env: { PATH: `${bin}:${process.env.PATH}`, ...env }, encoding: "utf8" });
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  }

  it("installs the extra fonts that apt's recommended packages bring, with EXTRA_FONTS=1 only", () => {
    const extra = ["fonts-liberation", "fonts-noto-mono", "fonts-urw-base35", "fonts-droid-fallback"];
    const plain = packagesInstalled({}).out.match(/^Installing (.*)$/m)?.[1]?.split(" ") ?? [];
    expect(plain).toContain("fonts-dejavu-core");
    for (const name of extra) expect(plain).not.toContain(name);
    const withFonts = packagesInstalled({ EXTRA_FONTS: "1" }).out.match(/^Installing (.*)$/m)?.[1]?.split(" ") ?? [];
    expect(withFonts).toEqual([...plain, ...extra]);
    expect(packagesInstalled({ EXTRA_FONTS: "yes" })).toEqual({ status: 2, out: 'EXTRA_FONTS must be 0 or 1, not "yes"\n' });
  });
});

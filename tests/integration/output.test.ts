/** The output folder's lock against other processes: a build that runs, one that has ended, an id reused. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { lockOutput, OutputError } from "../../src/output.ts";
import { identityOf } from "../../src/system/processes.ts";
import { cleanUp, tempDir } from "../helpers/data.ts";

afterAll(cleanUp);

async function outputIn(): Promise<{ output: string; lock: string }> {
  const output = path.join(await tempDir(), "site");
  return { output, lock: `${output}.lock` };
}

async function lockWith(content: string) {
  const { output, lock } = await outputIn();
  await writeFile(lock, content);
  const notices: string[] = [];
  const held = await lockOutput(output, "site", (m) => notices.push(m));
  const written = JSON.parse(await readFile(lock, "utf8")) as { pid: number; start: string };
  held.now();
  return { notices, written, left: existsSync(lock), lock };
}

describe("the output folder's lock", () => {
  it("is taken over, with a notice, when it is empty or damaged", async () => {
    for (const content of ["", "{", "null", '{"pid":"x"}', "\u0000\u0000"]) {
      const { notices, written, left, lock } = await lockWith(content);
      expect(notices, JSON.stringify(content)).toEqual([`the lock file ${lock} could not be read (it is empty or damaged); taking it over`]);
      expect(written).toMatchObject({ pid: process.pid, start: identityOf(process.pid).start });
      expect(left).toBe(false);
    }
  });

  it("is taken over when the process it names has ended, or its id now belongs to another process", async () => {
    const other = spawn("sleep", ["60"], { stdio: "ignore" });
    onTestFinished(() => void other.kill("SIGKILL"));
    // A process that runs, but is not the build that wrote the lock: the id was reused.
    const reused = await lockWith(JSON.stringify({ pid: other.pid, start: "another start", started: "2026-01-01T00:00:00.000Z" }));
    expect(reused.notices).toEqual([`a build of site that no longer runs (process ${other.pid}, started 2026-01-01T00:00:00.000Z) left its lock ${reused.lock}; taking it over`]);
    const ended = await lockWith(JSON.stringify({ pid: 2 ** 22 + 1, start: "x", started: "2026-01-01T00:00:00.000Z" }));
    expect(ended.notices[0]).toContain(`(process ${2 ** 22 + 1}, started 2026-01-01T00:00:00.000Z) left its lock`);
  });

  it("refuses while the build that holds it runs, and says what to do", async () => {
    const { output, lock } = await outputIn();
    const other = spawn("sleep", ["60"], { stdio: "ignore" });
    onTestFinished(() => void other.kill("SIGKILL"));
    await writeFile(lock, JSON.stringify({ ...identityOf(other.pid!), started: "2026-01-01T00:00:00.000Z" }));
    const error = await lockOutput(output, "site").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`another build (process ${other.pid}, started 2026-01-01T00:00:00.000Z) is writing to site; wait until it has finished, then build again (if no build is running, delete ${lock})`);
    expect(JSON.parse(await readFile(lock, "utf8"))).toMatchObject({ pid: other.pid });
  });

  it("goes to one of two builds that take over a stale lock at once", async () => {
    const { output, lock } = await outputIn();
    await writeFile(lock, "");
    const results = await Promise.allSettled([lockOutput(output, "site"), lockOutput(output, "site"), lockOutput(output, "site")]);
    // In one process all three have the same identity, so the losers see the winner's lock as their own and refuse.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as Error).message)).toEqual([
      expect.stringContaining("another build"), expect.stringContaining("another build"),
    ]);
    expect(await readdir(path.dirname(output))).toEqual(["site.lock"]);
  });
});

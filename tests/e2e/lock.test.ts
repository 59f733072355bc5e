/** The output folder's lock under real concurrency: builds in processes of their own, racing to take over a stale lock. */
import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, ROOT, tempDir } from "../helpers/data.ts";
import { waitFor } from "../helpers/dev-server.ts";

afterAll(cleanUp);

describe("the output folder's lock, taken over by builds in processes of their own", () => {
  it("goes to exactly one of them, however their steps interleave", async () => {
    const dir = await tempDir();
    const output = path.join(dir, "site");
    const lock = `${output}.lock`;
    const done = path.join(dir, "done");
    const script = path.join(dir, "lock.mts");
    // Each process tries once and says how it went; the winner keeps running (holding the lock) until every one has tried.
    await writeFile(script, `
      import { existsSync } from "node:fs";
      import { lockOutput } from ${JSON.stringify(path.join(ROOT, "src/output.ts"))};
      const won = await lockOutput(${JSON.stringify(output)}, "site").then(() => true, () => false);
      console.log(won ? "won" : "lost");
      while (!existsSync(${JSON.stringify(done)})) await new Promise((resolve) => setTimeout(resolve, 50));
    `);
    for (let round = 0; round < 3; round++) {
      await rm(done, { force: true });
      await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 3, start: "gone", started: "2026-01-01T00:00:00.000Z" }));
      const said: string[] = [];
      const runs = Array.from({ length: 4 }, () => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        child.stdout.on("data", (c: Buffer) => said.push(...c.toString().split("\n").filter(Boolean)));
        child.on("error", reject);
        child.on("close", () => resolve());
      }));
      await waitFor(async () => said.length === 4, 60_000, () => said.join(", "));
      await writeFile(done, "");
      await Promise.all(runs);
      expect(said.filter((r) => r === "won"), `round ${round}: ${said.join(", ")}`).toHaveLength(1);
      expect(said.filter((r) => r === "lost")).toHaveLength(3);
      await rm(lock, { force: true });
    }
  }, 120_000);
});

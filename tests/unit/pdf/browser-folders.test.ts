import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeAbandonedBrowsers } from "../../../src/pdf/browser-folders.ts";
import { identityOf } from "../../../src/system/processes.ts";
import { cleanUp, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

async function folder(dir: string, name: string, owner: string, minutesAgo = 0): Promise<string> {
  const made = path.join(dir, `activity-report-browser-${name}`);
  await mkdir(made);
  await writeFile(path.join(made, "owner.json"), owner);
  const then = new Date(Date.now() - minutesAgo * 60_000);
  await utimes(made, then, then);
  return made;
}

describe("removeAbandonedBrowsers", () => {
  it("removes the folders of builds that no longer run, and those that never said who made them once they are a minute old; keeps the rest", async () => {
    const dir = await tempDir();
    const gone = await folder(dir, "gone", JSON.stringify({ owner: { pid: 2 ** 22 + 5, start: "x" } }));
    const running = await folder(dir, "mine", JSON.stringify({ owner: identityOf(process.pid) }), 10);
    // A full temporary folder left the owner file empty: long ago, and just now (its build may still be writing it).
    const emptyOld = await folder(dir, "empty", "", 5);
    const emptyNew = await folder(dir, "fresh", "");
    const damagedOld = await folder(dir, "damaged", "{\"owner\":", 5);
    const removed = removeAbandonedBrowsers(dir);
    expect(removed.map((r) => r.folder).sort()).toEqual([damagedOld, emptyOld, gone].sort());
    expect(removed.every((r) => r.browser === undefined)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([path.basename(emptyNew), path.basename(running)].sort());
  });
});

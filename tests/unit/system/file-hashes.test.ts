/** Files hashed once: a kept hash trusted while the file is unchanged, none kept of a file that had just changed. */
import { createHash } from "node:crypto";
import { stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HASH_SETTLED_MS, hashFile, limiter, signatureOf, type HashStore } from "../../../src/system/file-hashes.ts";
import { cleanUp, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

const sha = (text: string) => createHash("sha256").update(text).digest("base64url");

/** A store that remembers what it was given. */
function store(kept?: { signature: string; hash: string }): HashStore & { written: { signature: string; hash: string }[] } {
  const written: { signature: string; hash: string }[] = [];
  return { written, read: async () => kept, write: async (k) => void written.push(k) };
}

describe("hashFile", () => {
  it("gives a file just written its hash but nothing to keep, and a settled one its hash to keep, which is then trusted unread", async () => {
    const file = path.join(await tempDir(), "photo.jpg");
    await writeFile(file, "first");
    const fresh = store();
    expect(await hashFile(file, fresh)).toMatchObject({ hash: sha("first"), settled: false });
    expect(fresh.written).toEqual([]);
    const { ctimeMs } = await stat(file);
    while (Date.now() <= ctimeMs + HASH_SETTLED_MS + 50) await new Promise((resolve) => setTimeout(resolve, 100));
    const settled = store();
    const signature = signatureOf(await stat(file));
    expect(await hashFile(file, settled)).toEqual({ signature, hash: sha("first"), settled: true });
    expect(settled.written).toEqual([{ signature, hash: sha("first") }]);
    // A kept hash whose signature matches is the answer (here not the file's, to show that nothing was read).
    expect((await hashFile(file, store({ signature, hash: "kept" }))).hash).toBe("kept");
    // Any write changes the signature, even one that sets the modification time back.
    const { mtime } = await stat(file);
    await writeFile(file, "other");
    await utimes(file, mtime, mtime);
    expect((await hashFile(file, store({ signature, hash: "kept" }))).hash).toBe(sha("other"));
  });
});

describe("limiter", () => {
  it("runs at most n tasks at once, all of them", async () => {
    const limit = limiter(2);
    let running = 0;
    let most = 0;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => limit(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      return i;
    })));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});

/**
 * The live preview restarts when a source file changes. Touching one restarts every preview running on this
 * machine from this project, and makes the commands compile themselves again: the project "e2e-alone" runs
 * this file after every other, by itself.
 */
import { utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, minimalCopy, ROOT } from "../../helpers/data.ts";
import { startPreview, waitFor } from "../../helpers/dev-server.ts";

afterAll(cleanUp);

describe("the live preview", () => {
  it("restarts itself when a source file under src/ changes", async () => {
    // The smallest data folder: no photo to encode, no site of the global setup needed.
    const data = await minimalCopy();
    const preview = await startPreview(["--data", data], path.dirname(data));
    try {
      const now = new Date();
      await utimes(path.join(ROOT, "src/settings.ts"), now, now);
      await waitFor(async () => preview.log().includes("src/settings.ts changed: restarting the preview"), 20_000, preview.log);
      await waitFor(async () => (await fetch(preview.url("/")).then((r) => r.status).catch(() => 0)) === 200, 60_000, preview.log);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });
});

/** Eleventy's rejections that no one awaits yet (a passthrough copy on a full disk) end neither the process nor the build's own error. */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { withEleventyRejections } from "../../../src/eleventy/run.ts";

class EleventyPassthroughCopyError extends Error {}

describe("withEleventyRejections", () => {
  it("lets the write fail of its own error while an Eleventy copy's rejection waits unhandled, as Eleventy 3.1 leaves it", async () => {
    const write = async () => {
      // Eleventy starts the copy, awaits other work, and only then would attach its handler; here it never does.
      const copy = Promise.reject(new EleventyPassthroughCopyError("Having trouble copying: ENOSPC"));
      await sleep(20);
      void copy;
      throw new Error("Having trouble writing to index.html: ENOSPC");
    };
    await expect(withEleventyRejections(write)).rejects.toThrow("Having trouble writing to index.html: ENOSPC");
  });

  it("also after the write has failed: a copy that fails later, which Eleventy never awaits, ends nothing", async () => {
    const write = async () => {
      setTimeout(() => void Promise.reject(new EleventyPassthroughCopyError("Having trouble copying: ENOSPC")), 10);
      throw new Error("Having trouble writing to index.html: ENOSPC");
    };
    await expect(withEleventyRejections(write)).rejects.toThrow("Having trouble writing to index.html: ENOSPC");
    await sleep(50);
  });

  it("gives the write's result when it succeeds", async () => {
    await expect(withEleventyRejections(async () => 42)).resolves.toBe(42);
  });
});

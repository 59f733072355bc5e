import { describe, expect, it } from "vitest";
import { failureMessage } from "../../src/errors.ts";

describe("failureMessage", () => {
  it("names the machine's own error under a library's wrapper", () => {
    const disk = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(failureMessage(new Error("Having trouble copying", { cause: disk }))).toBe("Having trouble copying: ENOSPC: no space left on device, write");
  });

  it("follows Eleventy's originalError as well", () => {
    const disk = new Error("ENOSPC: no space left on device, copyfile 'a' -> 'b'");
    const wrapped = Object.assign(new Error("Having trouble copying"), { originalError: disk });
    expect(failureMessage(wrapped)).toBe("Having trouble copying: ENOSPC: no space left on device, copyfile 'a' -> 'b'");
  });

  it("says each message once, and ends on a loop of causes", () => {
    const inner = new Error("EACCES: permission denied, open '/x'");
    const outer = new Error("EACCES: permission denied, open '/x'", { cause: inner });
    expect(failureMessage(outer)).toBe("EACCES: permission denied, open '/x'");
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(failureMessage(b)).toBe("b: a");
    expect(failureMessage("text thrown")).toBe("text thrown");
    expect(failureMessage(new Error(""))).toBe("unknown error");
  });
});

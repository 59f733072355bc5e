import { spawn } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import { identityOf, isGone, processStart } from "../../../src/system/processes.ts";

function sleeper() {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  onTestFinished(() => void child.kill("SIGKILL"));
  return child;
}

describe("process identity", () => {
  it("tells a running process by its id and start, and a reused id from the process that had it", () => {
    const me = identityOf(process.pid);
    expect(me.start).toMatch(/\S/);
    expect(processStart(process.pid)).toBe(me.start);
    expect(isGone(me)).toBe(false);
    // The same id with another start: the id has been reused by a process that is not the one recorded.
    expect(isGone({ pid: process.pid, start: `${me.start}0` })).toBe(true);
  });

  it("knows a process that has ended as gone", async () => {
    const child = sleeper();
    const recorded = identityOf(child.pid!);
    expect(isGone(recorded)).toBe(false);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(isGone(recorded)).toBe(true);
    expect(processStart(child.pid!)).toBeUndefined();
  });

  it("takes what cannot be a process as gone, and a running id recorded without its start as running", () => {
    expect(isGone(undefined)).toBe(true);
    expect(isGone({ pid: -1 })).toBe(true);
    expect(isGone({ pid: 0 })).toBe(true);
    expect(isGone({ pid: process.pid })).toBe(false);
  });
});

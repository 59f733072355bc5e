import { describe, expect, it } from "vitest";
import { Stops } from "../../../src/system/stops.ts";

/** A Stops whose stops are recorded, not ended by: what the command would have done. */
function recorded() {
  const stopped: string[] = [];
  const stops = new Stops((signal, outcome) => stopped.push(`${signal}: ${outcome ?? "(no task)"}`));
  return { stops, stopped };
}

describe("Stops", () => {
  it("undoes the running task's work and says its outcome; with no task, says none", () => {
    const { stops, stopped } = recorded();
    stops.stop("SIGINT");
    const undone: string[] = [];
    const unregister = stops.onStop((signal) => (undone.push(signal), "the output is unchanged"));
    stops.stop("SIGTERM");
    unregister();
    stops.stop("SIGINT");
    expect(undone).toEqual(["SIGTERM"]);
    expect(stopped).toEqual(["SIGINT: (no task)", "SIGTERM: the output is unchanged", "SIGINT: (no task)"]);
  });

  it("runs every task's undo, the latest first, and says the first outcome given", () => {
    const { stops, stopped } = recorded();
    const undone: string[] = [];
    stops.onStop(() => (undone.push("outer"), "the output is unchanged"));
    stops.onStop(() => (undone.push("inner"), undefined));
    stops.onStop(() => (undone.push("innermost"), "the staging folder is removed"));
    stops.stop("SIGINT");
    expect(undone).toEqual(["innermost", "inner", "outer"]);
    expect(stopped).toEqual(["SIGINT: the staging folder is removed"]);
  });

  it("runs the other undos and still stops when one of them fails", () => {
    const { stops, stopped } = recorded();
    const undone: string[] = [];
    stops.onStop(() => (undone.push("outer"), "the output is unchanged"));
    stops.onStop(() => {
      throw new Error("ENOTEMPTY: directory not empty");
    });
    stops.stop("SIGINT");
    expect(undone).toEqual(["outer"]);
    expect(stopped).toEqual(["SIGINT: the output is unchanged"]);
  });

  it("holds a stop back while held work runs, then stops with the outcome that work left, once", async () => {
    const { stops, stopped } = recorded();
    let outcome = "unchanged";
    stops.onStop(() => outcome);
    const value = await stops.hold(async () => {
      stops.stop("SIGTERM");
      stops.stop("SIGINT");
      expect(stopped).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      outcome = "the new output was already in place";
      return 42;
    });
    expect(value).toBe(42);
    expect(stopped).toEqual(["SIGTERM: the new output was already in place"]);
  });

  it("stops after held work that failed, and the failure still reaches the task", async () => {
    const { stops, stopped } = recorded();
    let outcome = "unchanged";
    stops.onStop(() => outcome);
    const failed = stops.hold(async () => {
      stops.stop("SIGINT");
      outcome = "the swap failed: the output is unchanged";
      throw new Error("disk full");
    });
    await expect(failed).rejects.toThrow("disk full");
    expect(stopped).toEqual(["SIGINT: the swap failed: the output is unchanged"]);
    // Held work without a stop ends as it would.
    await expect(stops.hold(async () => "done")).resolves.toBe("done");
    expect(stopped).toHaveLength(1);
  });
});

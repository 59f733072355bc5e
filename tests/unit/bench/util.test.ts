/** The bench's pairing of two measurements: alternated, so that a drift of the machine weighs on both. */
import { describe, expect, it } from "vitest";
import { alternately } from "../../../bench/lib/util.ts";

describe("alternately", () => {
  it("runs each n times, the first one first in every other pair, and calls each after every pair", async () => {
    const order: string[] = [];
    await alternately(3, async () => void order.push("a"), async () => void order.push("b"), () => order.push("|"));
    expect(order.join("")).toBe("ab|ba|ab|");
  });
});

/** Small pieces of text: a text of one line. */
import { describe, expect, it } from "vitest";
import { oneLine } from "../../../src/format/text.ts";

describe("oneLine", () => {
  it("reads every kind of line end, with the spaces around it, as one space, and leaves other text as it is", () => {
    expect(oneLine("Budapest\rProcess")).toBe("Budapest Process");
    expect(oneLine("Annual \r\n  Activity\nReport\u2028of\u2029the year \r\r\n end")).toBe("Annual Activity Report of the year end");
    expect(oneLine("  a\ttab, spaces  ")).toBe("  a\ttab, spaces  ");
    expect(oneLine("")).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { formatCount, parseCount } from "../../../src/format/counts.ts";

describe("parseCount", () => {
  it.each([
    [60, { value: 60 }],
    ["60", { value: 60 }],
    ["1,200", { value: 1200 }],
    ["over 75", { value: 75, qualifier: "over" }],
    ["Over seventy-five", { value: 75, qualifier: "over" }],
    ["more than 30", { value: 30, qualifier: "more than" }],
    ["more than  thirty", { value: 30, qualifier: "more than" }],
    ["about 50", { value: 50, qualifier: "about" }],
    ["close to 40", { value: 40, qualifier: "close to" }],
    ["at least 12", { value: 12, qualifier: "at least" }],
    ["75+", { value: 75, qualifier: "at least" }],
    ["fifteen", { value: 15 }],
    ["twenty", { value: 20 }],
    [0, { value: 0 }],
  ])("reads %j", (input, expected) => {
    expect(parseCount(input)).toEqual({ ok: true, value: expected });
  });

  it.each([["lots"], ["over"], [-3], [3.5], ["seventy-ten"], ["12 or 13"], [true], ["about -5"]])("rejects %j", (input) => {
    const result = parseCount(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/is not a count: write a whole number or a phrase such as "over 75"/);
  });

  it.each([[1e308], [1_000_001], ["1,000,001"], ["over 2,000,000"], ["5000000+"]])("refuses %j, above 1,000,000", (input) => {
    const shown = typeof input === "number" ? String(input) : `"${input}"`;
    expect(parseCount(input)).toEqual({ ok: false, message: `${shown} is more than 1,000,000, the most a count may be; check the figure` });
  });

  it("reads 1,000,000, the largest count", () => {
    expect(parseCount(1_000_000)).toEqual({ ok: true, value: { value: 1_000_000 } });
    expect(parseCount("about 1,000,000")).toEqual({ ok: true, value: { value: 1_000_000, qualifier: "about" } });
  });

  it("prints a count as a report does", () => {
    expect(formatCount({ value: 75, qualifier: "over" })).toBe("over 75");
    expect(formatCount({ value: 1200 })).toBe("1,200");
  });
});

import { describe, expect, it } from "vitest";
import { findDuplicates, NEAR_DUPLICATE, titleSimilarity, titleWords } from "../../../../src/data/rules/duplicates.ts";

const alike = (a: string, b: string) => titleSimilarity(titleWords(a), titleWords(b));

describe("titleSimilarity", () => {
  it("finds the same meeting written two ways", () => {
    expect(alike("Joint Working Group Meeting in Sarajevo", "Joint Working Group meeting, Sarajevo")).toBe(1);
    expect(alike("Meeting of the Working Groups", "Working group meeting")).toBe(1);
    expect(alike("Regional training on labour migration", "Regional trainng on labour migration")).toBe(1);
    expect(alike("Expert meeting of the Silk Routes Region Working Group", "Meeting of the Silk Routes Region Working Group")).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
  });

  it("tells apart meetings on other subjects, and numbered sessions", () => {
    expect(alike("Expert meeting on return and reintegration", "Expert meeting on labour migration")).toBeLessThan(NEAR_DUPLICATE);
    expect(alike("Thematic meeting on border management", "Thematic meeting on visa policy")).toBeLessThan(NEAR_DUPLICATE);
    expect(alike("Expert meeting on return, session 2", "Expert meeting on return")).toBe(0);
    expect(alike("15th Senior Officials Meeting", "16th Senior Officials Meeting")).toBe(0);
  });
});

describe("findDuplicates", () => {
  it("compares only events of the same date and place, and reports an exact copy once, not again as a near one", () => {
    const entry = (item: string, date: string, place: string | undefined, title: string) => ({ item, date, place, title });
    const result = findDuplicates([
      entry("a", "2018-06-01", "sarajevo", "Joint Working Group Meeting"),
      entry("b", "2018-06-01", "sarajevo", "joint  working group meeting"),
      entry("c", "2018-06-01", "sarajevo", "Joint Working Group meeting, Sarajevo"),
      entry("d", "2018-06-02", "sarajevo", "Joint Working Group Meeting"),
      entry("e", "2018-06-01", undefined, "Joint Working Group Meeting"),
      entry("f", "2018-06-01", "ankara", "Joint Working Group Meeting"),
    ]);
    expect(result.exact).toEqual([["a", "b"]]);
    expect(result.near).toEqual([["a", "c"]]);
  });
});

/**
 * The compiled fast path of a schema (compiled() in zod-issues.ts, zod's
 * z.compile) against the schema itself, on generated events valid and not:
 * the same verdict, the same value, the same issues.
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { eventSchema } from "../../../../src/data/contract/schema.ts";
import { compiled } from "../../../../src/data/contract/zod-issues.ts";

/** Mostly valid values of a field, sometimes another. */
const mostly = <T,>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const any = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1, maxKeys: 2 }));
const goodText = fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== ""), fc.constantFrom(" x ", "x".repeat(500), ` ${"x".repeat(500)} `, "Tu\u0308rkiye", "\u0130stanbul"));
const text = mostly(goodText, fc.oneof(any, fc.constantFrom("", " ", "\n", "x".repeat(501))));
const goodId = fc.oneof(fc.constantFrom("training", "silk-routes", "constructor", "__proto__", " x", "x".repeat(200)), fc.string({ minLength: 1, maxLength: 8 }).filter((t) => t.trim() !== ""));
const id = mostly(goodId, fc.oneof(any, fc.constantFrom("", " ", "x".repeat(201))));
const day = fc.date({ min: new Date("1900-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const date = mostly(fc.oneof(day, day.map((d) => d.slice(0, 7)), fc.integer({ min: 1900, max: 2999 }), fc.constantFrom(" 2018-06-01 ", "1900")),
  fc.oneof(any, fc.constantFrom(2018.5, "2018-02-30", "1899", "2018-13", "3000", "2018-6-1")));
const count = mostly(fc.oneof(fc.nat({ max: 1_000_000 }), fc.constantFrom("over 75", "about 50", "1,200", "seventy-five", "more than 30", "1 000", "some 40")),
  fc.oneof(any, fc.constantFrom(-1, 1.5, 1_000_001, "lots", "", "1,00")));
const list = <T,>(item: fc.Arbitrary<T>) => mostly(fc.oneof(fc.array(item, { maxLength: 4 }), item), fc.oneof(any, fc.constantFrom("-IOM", "- IOM")));
const url = mostly(fc.oneof(fc.webUrl(), fc.constantFrom("https://example.org/", " https://a.b ", "HTTPS://A.B/")), fc.oneof(any, fc.constantFrom("javascript:alert(1)", "ftp://x", "https://", "https:// x")));
const fields = {
  title: text, type: id, date, end: date, place: id, online: mostly(fc.boolean(), any),
  strands: mostly(fc.array(id, { minLength: 1, maxLength: 3 }), list(id)),
  participants: count, countries: count, organisations: count, women: count, partners: list(text), topics: list(id),
  summary: mostly(goodText, fc.constantFrom("x".repeat(20_001), "", 5)), body: mostly(fc.string({ maxLength: 30 }), fc.constantFrom("x".repeat(20_001), 5)),
  report_year: mostly(fc.integer({ min: 1900, max: 2999 }), fc.oneof(any, fc.constantFrom(1899, 3000, 2018.5, "2018"))),
  status: mostly(fc.constantFrom("held", "planned", "cancelled"), fc.oneof(any, fc.constantFrom("done", "Held"))), sources: list(url),
};
const required = { title: fields.title, type: fields.type, date: fields.date, strands: fields.strands, summary: fields.summary };
const unknown = fc.dictionary(fc.constantFrom("particpants", "notes", "__proto__", "constructor"), any, { maxKeys: 1 });
const event = fc.tuple(fc.record(required, { requiredKeys: [] }), fc.record(fields, { requiredKeys: [] }), mostly(fc.constant({}), unknown))
  .map(([a, b, c]) => ({ ...a, ...b, ...(c as object) }));

describe("compiled", () => {
  it("accepts, returns and rejects exactly what the event schema does, with the same issues", () => {
    const fast = compiled(eventSchema);
    expect(fast).not.toBe(eventSchema);
    let valid = 0;
    fc.assert(
      fc.property(event, (input) => {
        const expected = eventSchema.safeParse(input);
        const got = fast.safeParse(input);
        if (expected.success) valid++;
        expect(got.success).toBe(expected.success);
        if (expected.success) expect(isDeepStrictEqual(got.data, expected.data)).toBe(true);
        else expect(got.error?.issues).toEqual(expected.error.issues);
      }),
      { numRuns: 5000 },
    );
    // Both ways are taken often: the fast path on valid events, the fallback on the others.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(4500);
  });

  it("is made once per schema", () => {
    expect(compiled(eventSchema)).toBe(compiled(eventSchema));
  });
});

import { describe, expect, it } from "vitest";
import { encodeLonePercents, escapesProblem, undecodableEscapes } from "../../../src/format/addresses.ts";

describe("undecodableEscapes", () => {
  it("finds each run of escapes that is no UTF-8 text, each time it is written: exactly those decodeURIComponent fails on", () => {
    expect(undecodableEscapes("https://example.org/caf%e9?q=%C3%A4%E0%A4#%FF%FF/%FF%FF")).toEqual(["%e9", "%C3%A4%E0%A4", "%FF%FF", "%FF%FF"]);
    for (const address of ["#%E0%A4", "/a%C3/b", "%ED%A0%80", "%C0%AF"]) {
      expect(undecodableEscapes(address)).not.toEqual([]);
      expect(() => decodeURIComponent(address)).toThrow(URIError);
    }
  });

  it("finds none in whole escapes (of any length), in a % that begins no escape, or without escapes", () => {
    for (const address of ["https://example.org/n%C3%A4%E2%82%AC%F0%9F%98%80", "/50%off", "100%", "%2", "plain"]) expect(undecodableEscapes(address)).toEqual([]);
  });
});

describe("encodeLonePercents", () => {
  it("writes %25 for a % that begins no escape, and keeps the escapes, so that the address decodes", () => {
    expect(encodeLonePercents("https://example.org/50%off/%2/%C3%A4/100%")).toBe("https://example.org/50%25off/%252/%C3%A4/100%25");
    expect(decodeURIComponent(encodeLonePercents("%zz%E2%82%AC%"))).toBe("%zz€%");
  });
});

describe("escapesProblem", () => {
  it("names one escape, or several, and says what to write", () => {
    expect(escapesProblem(["%E0"])).toBe("holds the percent-escape %E0, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)");
    expect(escapesProblem(["%E0", "%FF", "%C3"])).toMatch(/^holds the percent-escapes %E0, %FF and %C3, which are no characters /);
  });
});

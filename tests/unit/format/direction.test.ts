import { describe, expect, it } from "vitest";
import { textDirection } from "../../../src/format/direction.ts";

describe("textDirection", () => {
  it("is right to left for the languages of the scripts so written, by the language's script", () => {
    for (const lang of ["ar", "ar-EG", "fa", "ur", "ps", "ckb", "he", "yi", "dv", "syr", "ug"]) expect(textDirection(lang), lang).toBe("rtl");
  });

  it("is left to right for English, Russian and the other languages of the Budapest Process", () => {
    for (const lang of ["en", "en-GB", "ru", "tr", "hu", "de", "kk", "ky", "tg", "uz", "az", "ka", "hy", "el", "zh", "hi", "bn"]) expect(textDirection(lang), lang).toBe("ltr");
  });

  it("follows a script the tag names over the language's usual one", () => {
    expect([textDirection("az-Arab"), textDirection("uz-Arab"), textDirection("pa-Arab")]).toEqual(["rtl", "rtl", "rtl"]);
    expect([textDirection("ku"), textDirection("ku-Arab"), textDirection("sr-Latn"), textDirection("az-Latn-IR")]).toEqual(["ltr", "rtl", "ltr", "ltr"]);
  });

  it("refuses what is no language tag", () => {
    expect(() => textDirection("arabic script")).toThrow(RangeError);
  });
});

/** Did-you-mean suggestions: ids and fields by spelling, country codes written another way. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alpha2Code, didYouMean, didYouMeanCountry } from "../../../../src/data/rules/suggest.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, SAMPLE_DATA } from "../../../helpers/data.ts";

afterAll(cleanUp);

describe("suggestions", () => {
  it("name the closest known id", () => {
    expect(didYouMean("sarajvo", ["sarajevo", "ankara"])).toBe(', did you mean "sarajevo"?');
    expect(didYouMean("vienna", ["sarajevo", "ankara"])).toBe("");
  });

  it("name the two-letter code of a country written in lower case, as its three-letter or numeric code, or by its name", () => {
    for (const typed of ["BGD", "bgd", "bd", "Bd", "050", "Bangladesh"]) expect(alpha2Code(typed), typed).toBe("BD");
    expect(alpha2Code("AUT")).toBe("AT");
    for (const typed of ["BD", "XX", "XYZ", ""]) expect(alpha2Code(typed), typed).toBeUndefined();
    expect(didYouMeanCountry("BGD")).toBe(', did you mean "BD"?');
    expect(didYouMeanCountry(50)).toBe("");
  });

  it("are part of validation's message for a country code in places.yaml and report.yaml", async () => {
    const data = await sampleCopy();
    const places = (await readFile(path.join(SAMPLE_DATA, "places.yaml"), "utf8")).replace("country: IQ", "country: IRQ").replace("country: BA", "country: ba");
    await put(data, "places.yaml", places);
    const report = (await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8")).replace("[AF, BA, BD,", "[AFG, BA, BD,");
    await put(data, "report.yaml", report);
    expect(await diagnosticsOf(data)).toEqual([
      'places.yaml:4:12: country "ba" must be a two-letter country code in capitals, such as "TR", did you mean "BA"?',
      'places.yaml:25:12: country "IRQ" must be a two-letter country code in capitals, such as "TR", did you mean "IQ"?',
      'report.yaml:8:24: participating_states entry 1 "AFG" must be a two-letter country code in capitals, such as "TR", did you mean "AF"?',
    ]);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { DATA_FILE_KINDS } from "../../../../src/data/contract/json-schema.ts";
import { TRANSLATION_SCHEMAS } from "../../../../src/data/read.ts";
import { translationFileOf, translationOf } from "../../../../src/data/languages/texts.ts";
import { countriesSchema, eventSchema, placesSchema, reportSchema, strandsSchema } from "../../../../src/data/contract/schema.ts";
import { ENTRIES, fileToView, KEY, VALUE, viewToFile, wrapsWhole } from "../../../../src/dev/editor/view.ts";

const SAMPLE = path.resolve(import.meta.dirname, "../../../../_data");

describe("the editor's view of a data file", () => {
  it("gives back every sample file's value as check reads it, its translations' too", () => {
    const events = readdirSync(path.join(SAMPLE, "events"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    const files: [string, z.ZodType][] = [
      ...events.map((f): [string, z.ZodType] => [`events/${f}`, translationOf(f) ? TRANSLATION_SCHEMAS.event : DATA_FILE_KINDS[0]!.schema]),
      ...DATA_FILE_KINDS.slice(1).map((k): [string, z.ZodType] => [k.files[0]!, k.schema]),
      // The sample translates every reference file into Russian.
      ...Object.entries(TRANSLATION_SCHEMAS).filter(([file]) => file !== "event").map(([file, schema]): [string, z.ZodType] => [translationFileOf(file, "ru"), schema]),
    ];
    for (const [file, schema] of files) {
      const value: unknown = parse(readFileSync(path.join(SAMPLE, file), "utf8"));
      const back = viewToFile(schema, structuredClone(fileToView(schema, value)));
      const read = schema.safeParse(value);
      expect(read.success, file).toBe(true);
      // A list written as its one item comes back as a list of one (merge.ts writes it as it was): the same to check.
      expect(schema.parse(back), file).toEqual(read.data);
    }
  });

  it("shows a mapping as a list of entries with their key, and a file that is a mapping as a whole as the field entries", () => {
    expect(wrapsWhole(placesSchema)).toBe(true);
    expect(wrapsWhole(strandsSchema)).toBe(true);
    expect(wrapsWhole(eventSchema)).toBe(false);
    const places = { ankara: { name: "Ankara", country: "TR" }, erbil: { name: "Erbil", country: "IQ" } };
    expect(fileToView(placesSchema, places)).toEqual({ [ENTRIES]: [{ [KEY]: "ankara", name: "Ankara", country: "TR" }, { [KEY]: "erbil", name: "Erbil", country: "IQ" }] });
    // A mapping of values, not of sets of fields: each entry's value is the field `value`.
    expect(fileToView(countriesSchema, { XK: "Kosovo" })).toEqual({ [ENTRIES]: [{ [KEY]: "XK", [VALUE]: "Kosovo" }] });
    const report = { abbreviations: { SOM: "Senior Officials Meeting" }, editions: { 2018: { chair: "Türkiye" } } };
    expect(fileToView(reportSchema, report)).toEqual({ abbreviations: [{ key: "SOM", value: "Senior Officials Meeting" }], editions: [{ key: "2018", chair: "Türkiye" }] });
  });

  it("shows a list written as its one item as a list of one, and writes it back as a list", () => {
    expect(fileToView(eventSchema, { chairs: "Türkiye", strands: "silk-routes-working-group" })).toEqual({ chairs: ["Türkiye"], strands: ["silk-routes-working-group"] });
    expect(viewToFile(eventSchema, { chairs: ["Türkiye"] })).toEqual({ chairs: ["Türkiye"] });
  });

  it("keeps the entries of a mapping in the order of the form, and leaves out an entry without a key", () => {
    const value = viewToFile(placesSchema, { [ENTRIES]: [{ key: "erbil", name: "Erbil" }, { key: "", name: "No id" }, { name: "No key" }, { key: "ankara", name: "Ankara" }] });
    expect(Object.keys(value as object)).toEqual(["erbil", "ankara"]);
  });

  it("leaves a value of another shape than the contract's as it is, for check to name", () => {
    expect(fileToView(placesSchema, "not a mapping")).toEqual({ [ENTRIES]: "not a mapping" });
    expect(fileToView(eventSchema, { photos: "images/x.jpg", title: 3 })).toEqual({ photos: "images/x.jpg", title: 3 });
    expect(viewToFile(reportSchema, { editions: "2018" })).toEqual({ editions: "2018" });
  });

  it("shows an empty or missing file as an empty form", () => {
    expect(fileToView(placesSchema, null)).toEqual({ [ENTRIES]: [] });
    expect(viewToFile(placesSchema, {})).toBeUndefined();
  });
});

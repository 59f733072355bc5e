import { describe, expect, it } from "vitest";
import { definedIds, idsUsedTwice, isKnownCountry, referencesOf, unknownId, unknownPlace, writtenMapping } from "../../../../src/data/rules/references.ts";
import { countriesSchema, placesSchema, strandsSchema } from "../../../../src/data/contract/schema.ts";
import { placed, writtenFile } from "../../../helpers/written.ts";

const strands = (text: string) => writtenFile("strands.yaml", text, strandsSchema);

describe("definedIds", () => {
  it("are the ids of a valid list", () => {
    expect(definedIds(strands("- id: a\n  title: A\n  kind: project\n- id: b\n  title: B\n  kind: thematic\n"))).toEqual(new Set(["a", "b"]));
  });

  it("are read from what was written when the list has other errors, so that references to it are still checked", () => {
    const file = strands("- id: a\n  title: A\n  kind: nope\n- id: 3\n- title: no id\n- id: b\n");
    expect(file.value).toBeUndefined();
    expect(definedIds(file)).toEqual(new Set(["a", "b"]));
  });

  it("are undefined when the file cannot be read, or is not a list: nothing is then held against it", () => {
    expect(definedIds({ file: "strands.yaml" })).toBeUndefined();
    expect(definedIds(strands("a: 1\n"))).toBeUndefined();
    expect(definedIds(strands("- [unclosed\n"))).toBeUndefined();
  });
});

describe("idsUsedTwice", () => {
  it("places an error at each id an entry before it defined", () => {
    const file = strands("- id: a\n  title: A\n  kind: project\n- id: a\n  title: Again\n  kind: project\n- id: a\n  title: Third\n  kind: project\n");
    expect(idsUsedTwice(file, "strand").map(placed)).toEqual(['4:7: strand id "a" is used twice', '7:7: strand id "a" is used twice']);
  });

  it("says nothing about a list with other errors, whose entries have errors of their own", () => {
    expect(idsUsedTwice(strands("- id: a\n- id: a\n"), "strand")).toEqual([]);
  });
});

describe("writtenMapping", () => {
  it("is the valid value, else the mapping as written, else undefined", () => {
    expect(writtenMapping(writtenFile("places.yaml", "x:\n  name: X\n  country: TR\n", placesSchema))).toEqual({ x: { name: "X", country: "TR" } });
    expect(writtenMapping(writtenFile("places.yaml", "x:\n  name: 5\n", placesSchema))).toEqual({ x: { name: 5 } });
    expect(writtenMapping(writtenFile("places.yaml", "- x\n", placesSchema))).toBeUndefined();
    expect(writtenMapping({ file: "places.yaml" })).toBeUndefined();
  });
});

describe("isKnownCountry", () => {
  it("knows ISO 3166-1 codes and those of countries.yaml, and holds nothing against codes when countries.yaml cannot be read", () => {
    expect(isKnownCountry("TR", {})).toBe(true);
    expect(isKnownCountry("QQ", {})).toBe(false);
    expect(isKnownCountry("QQ", { QQ: { name: "Qland" } })).toBe(true);
    expect(isKnownCountry("constructor", {})).toBe(false);
    expect(isKnownCountry("QQ", undefined)).toBe(true);
  });
});

describe("referencesOf", () => {
  it("collects what each reference file defines", () => {
    const references = referencesOf({
      strands: strands("- id: a\n  title: A\n  kind: project\n"),
      eventTypes: { file: "event-types.yaml" },
      topics: { file: "topics.yaml" },
      places: writtenFile("places.yaml", "x:\n  name: X\n  country: TR\n", placesSchema),
      countries: writtenFile("countries.yaml", "XK:\n  name: Kosovo\n", countriesSchema),
    });
    expect(references).toEqual({ strands: new Set(["a"]), eventTypes: undefined, topics: undefined, places: { x: { name: "X", country: "TR" } }, countries: { XK: { name: "Kosovo" } } });
  });
});

describe("unknownId and unknownPlace", () => {
  it("suggest the id meant, or say where the known ones are listed", () => {
    expect(unknownId("topic", "labor-migration", ["labour-migration"], "topics.yaml")).toBe('unknown topic "labor-migration", did you mean "labour-migration"?');
    expect(unknownId("topic", "zzz", ["labour-migration"], "topics.yaml")).toBe('unknown topic "zzz" (topics.yaml lists the known ones)');
  });

  it("find a place by its name, local name or alias, in any case", () => {
    const places = { erbil: { name: "Erbil", country: "IQ", local_name: "Hewlêr", aliases: ["Hawler"] } };
    expect(unknownPlace("hawler", places)).toBe('unknown place "hawler", did you mean "erbil"?');
    expect(unknownPlace("HEWLÊR", places)).toBe('unknown place "HEWLÊR", did you mean "erbil"?');
    expect(unknownPlace("nowhere", places)).toBe('unknown place "nowhere" (places.yaml lists the known ones)');
  });
});

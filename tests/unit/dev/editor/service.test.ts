import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { eventSchema, placesSchema, reportSchema } from "../../../../src/data/schema.ts";
import { filePathOf } from "../../../../src/dev/editor/service.ts";
import { viewPath } from "../../../../src/dev/editor/view.ts";
import type { z } from "zod";

const EVENT = `title: T
type: working-group-meeting
date: 2018-05-07
place: sarajevo
strands: [silk-routes-working-group, nope]
chairs: Türkiye
summary: S
photos:
  - file: images/a.jpg
    alt: A
  - file: images/none.jpg
    caption: c
documents:
  - title: D
    kind: declaration
    versions:
      en: documents/a.pdf
      xx: documents/b.pdf
`;

/** Where the form shows a diagnostic at line:col of `text`, with `message`. */
function formPath(schema: z.ZodType, text: string, line: number, col: number, message = "some problem") {
  const place = filePathOf({ line, col, message }, text);
  return place && viewPath(schema, parse(text), place.path, place.atKey);
}

describe("where the form shows a problem of a save", () => {
  it("places a problem at the value it is about, in nested sets of fields and lists too", () => {
    expect(formPath(eventSchema, EVENT, 1, 8)).toEqual(["title"]);
    expect(formPath(eventSchema, EVENT, 5, 38)).toEqual(["strands", 1]);
    expect(formPath(eventSchema, EVENT, 11, 11)).toEqual(["photos", 1, "file"]);
    // A list written as its one item: the list.
    expect(formPath(eventSchema, EVENT, 6, 9)).toEqual(["chairs"]);
  });

  it("places a missing field at the set of fields it is missing from", () => {
    expect(formPath(eventSchema, EVENT, 11, 5, 'missing required field "alt": write what the picture shows')).toEqual(["photos", 1, "alt"]);
    expect(formPath(eventSchema, EVENT, 1, 1, 'missing required field "end"')).toEqual(["end"]);
    expect(filePathOf({ message: 'missing required field "title"' }, EVENT)).toEqual({ path: ["title"], atKey: false });
  });

  it("places a problem of a mapping's key at the entry's key, and a mapping's entries by their place in the form's list", () => {
    expect(formPath(eventSchema, EVENT, 18, 7)).toEqual(["documents", 0, "versions", 1, "key"]);
    expect(formPath(eventSchema, EVENT, 18, 11)).toEqual(["documents", 0, "versions", 1, "value"]);
    const places = "sarajevo:\n  name: Sarajevo\n  country: BA\nfoo:\n  name: F\n  country: XX\n";
    expect(formPath(placesSchema, places, 6, 12)).toEqual(["entries", 1, "country"]);
    expect(formPath(placesSchema, places, 4, 1, 'missing required field "lat"')).toEqual(["entries", 1, "lat"]);
    expect(formPath(placesSchema, places, 5, 3, 'missing required field "lat"')).toEqual(["entries", 1, "lat"]);
    const report = "organisation: O\neditions:\n  2016:\n    chair: Türkiye\n    co_chair: 5\n";
    expect(formPath(reportSchema, report, 5, 15)).toEqual(["editions", 0, "co_chair"]);
  });

  it("ends the path at the nearest field the form shows", () => {
    const report = "organisation: O\neditions:\n  2016:\n    signatoriez: x\n";
    expect(formPath(reportSchema, report, 4, 5)).toEqual(["editions", 0]);
    expect(formPath(eventSchema, "title: T\nfavourite: x\n", 2, 1)).toEqual([]);
  });
});

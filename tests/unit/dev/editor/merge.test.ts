import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import type * as z from "zod";
import { describe, expect, it } from "vitest";
import { DATA_FILE_KINDS } from "../../../../src/data/contract/json-schema.ts";
import { eventSchema, placesSchema, reportSchema } from "../../../../src/data/contract/schema.ts";
import { keepUnchangedLines, mergeIntoText, newFileText, pairItems } from "../../../../src/dev/editor/merge.ts";
import { fileToView, viewToFile } from "../../../../src/dev/editor/view.ts";

const SAMPLE = path.resolve(import.meta.dirname, "../../../../_data");

/** What the editor sends back for a file it opened and saved without a change: the file's value, through the form's view and YAML. */
const throughEditor = (schema: (typeof DATA_FILE_KINDS)[number]["schema"], text: string) =>
  viewToFile(schema, parse(stringify(fileToView(schema, parse(text)), { lineWidth: 0 })));

/** `text` with the editor's value changed by `change`, merged back into it. */
function edited(text: string, change: (value: Record<string, unknown>) => void, schema: z.ZodType = eventSchema): string {
  const value = throughEditor(schema, text) as Record<string, unknown>;
  change(value);
  const merged = mergeIntoText(text, value, schema);
  if (merged === undefined) throw new Error("not merged");
  return merged;
}

const EVENT = `# yaml-language-server: $schema=../../.schemas/event.schema.json
title: Meeting of the Silk Routes Region Working Group
type: working-group-meeting
date: 2020-03-14
place: ankara   # the city, not the venue
strands: [silk-routes-working-group]
participants: 60
summary: |
  The working group discussed legal pathways
  for labour migration.
# Two photos: the first is the group's.
photos:
  # The group on the steps.
  - file: images/group.jpg
    alt: The delegates on the steps
  # The chair opening the meeting.
  - file: images/chair.jpg
    alt: The chair speaks
`;

describe("mergeIntoText", () => {
  it("gives every sample file back byte for byte when the editor saves it unchanged", () => {
    const files = [
      ...readdirSync(path.join(SAMPLE, "events"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml")).map((f) => `events/${f}`),
      ...DATA_FILE_KINDS.slice(1).map((k) => k.files[0]!),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const kind = file.startsWith("events/") ? DATA_FILE_KINDS[0]! : DATA_FILE_KINDS.find((k) => k.files[0] === file)!;
      const text = readFileSync(path.join(SAMPLE, file), "utf8");
      expect(mergeIntoText(text, throughEditor(kind.schema, text), kind.schema), file).toBe(text);
    }
  });

  it("changes only the lines of the values that changed, keeping every comment (on a changed line, after one space) and the block style", () => {
    const out = edited(EVENT, (v) => {
      v.place = "istanbul";
      v.summary = "The group met in Istanbul.";
    });
    expect(out).toBe(
      EVENT.replace("place: ankara   #", "place: istanbul #").replace("  The working group discussed legal pathways\n  for labour migration.\n", "  The group met in Istanbul.\n"),
    );
  });

  it("writes a new field where the contract puts it, and a count typed in a text box as a number", () => {
    const out = edited(EVENT, (v) => {
      v.end = "2020-03-15";
      v.participants = "75";
      v.online = true;
    });
    const lines = out.split("\n");
    expect(lines.slice(3, 9)).toEqual(["date: 2020-03-14", "end: 2020-03-15", "place: ankara   # the city, not the venue", "online: true", "strands: [silk-routes-working-group]", "participants: 75"]);
  });

  it("removes a field emptied in the form, and only its lines", () => {
    const out = edited(EVENT, (v) => {
      v.participants = "";
    });
    expect(out).toBe(EVENT.replace("participants: 60\n", ""));
  });

  it("keeps the comments of the other items when an item of a list is removed or the items are moved", () => {
    const removed = edited(EVENT, (v) => {
      v.photos = [(v.photos as unknown[])[1]];
    });
    expect(removed).toBe(EVENT.replace("  # The group on the steps.\n  - file: images/group.jpg\n    alt: The delegates on the steps\n", ""));
    const moved = edited(EVENT, (v) => {
      v.photos = [...(v.photos as unknown[])].reverse();
    });
    expect(moved).toContain("photos:\n  # The chair opening the meeting.\n  - file: images/chair.jpg\n    alt: The chair speaks\n  # The group on the steps.\n  - file: images/group.jpg\n");
  });

  it("keeps a field that the form does not offer (an older form of a field) and one the contract does not know", () => {
    const report = "organisation: Budapest Process\nlogo: images/logo.svg # the older form\nfavourite_colour: blue\ntitle: Annual Activity Report\n";
    const out = edited(report, (v) => {
      delete v.logo;
      delete v.favourite_colour;
      v.title = "Annual Report";
    }, reportSchema);
    expect(out).toBe(report.replace("title: Annual Activity Report", "title: Annual Report"));
  });

  it("keeps the file's own order of fields, even where it is not the contract's", () => {
    const text = "summary: First the summary.\ntitle: A meeting\ndate: 2020-03-14\n";
    expect(edited(text, (v) => (v.title = "Another meeting"))).toBe("summary: First the summary.\ntitle: Another meeting\ndate: 2020-03-14\n");
  });

  it("keeps a mapping's entries in place: a renamed entry stays where it was with its comments, a new one goes where the editor shows it", () => {
    const places = "# Places by id.\nsarajevo:\n  name: Sarajevo\n  country: BA\n# The capital.\nankara:\n  name: Ankara\n  country: TR\nerbil:\n  name: Erbil\n  country: IQ\n";
    const renamed = edited(places, () => {}, placesSchema);
    expect(renamed).toBe(places);
    const value = throughEditor(placesSchema, places) as Record<string, unknown>;
    const { ankara, ...rest } = value;
    const entries = Object.entries(rest);
    const out = mergeIntoText(places, Object.fromEntries([entries[0]!, ["ankara-city", ankara], ["tehran", { name: "Tehran", country: "IR" }], entries[1]!]), placesSchema);
    expect(out).toBe("# Places by id.\nsarajevo:\n  name: Sarajevo\n  country: BA\n# The capital.\nankara-city:\n  name: Ankara\n  country: TR\ntehran:\n  name: Tehran\n  country: IR\nerbil:\n  name: Erbil\n  country: IQ\n");
  });

  it("keeps a list written as its one item so while it has one, and writes it as a list when it has more", () => {
    const text = "title: A meeting\nchairs: Türkiye\n";
    expect(edited(text, (v) => (v.title = "B"))).toBe("title: B\nchairs: Türkiye\n");
    expect(edited(text, (v) => (v.chairs = ["Türkiye", "Hungary"]))).toBe("title: A meeting\nchairs:\n  - Türkiye\n  - Hungary\n");
  });

  it("keeps a file's Windows line ends", () => {
    const text = EVENT.replace(/\n/g, "\r\n");
    const out = edited(text, (v) => (v.participants = 61));
    expect(out).toBe(text.replace("participants: 60", "participants: 61"));
  });

  it("refuses a file that is not one YAML document it can edit", () => {
    expect(mergeIntoText("title: [unclosed\n", { title: "x" }, eventSchema)).toBeUndefined();
  });
});

describe("pairItems", () => {
  it("pairs each unchanged item with its old place, and the changed ones with the places left, in order", () => {
    expect(pairItems(["a", "b", "c"], ["c", "a"])).toEqual([2, 0]);
    expect(pairItems([{ file: "x", alt: "" }, { file: "y" }], [{ file: "y" }, { file: "x" }])).toEqual([1, 0]);
    expect(pairItems([1, 2], ["2", "3", "4"])).toEqual([1, 0, undefined]);
  });
});

describe("keepUnchangedLines", () => {
  it("takes from the original the lines the yaml package rewrote without a change", () => {
    const original = "a: one\n  two\nb: 1\n";
    const before = "a: one two\nb: 1\n";
    const after = "a: one two\nb: 2\n";
    expect(keepUnchangedLines(original, before, after)).toBe("a: one\n  two\nb: 2\n");
  });
});

describe("newFileText", () => {
  it("writes a new file's fields in the order given, under its header", () => {
    expect(newFileText({ title: "T", date: "2020-03-14", strands: ["a"] }, "# yaml-language-server: $schema=x")).toBe("# yaml-language-server: $schema=x\ntitle: T\ndate: 2020-03-14\nstrands:\n  - a\n");
  });
});

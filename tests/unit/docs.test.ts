/** The editors' guide (docs/data.md) describes the same fields as the zod contract (src/data/contract/schema.ts). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { eventSchema, photoSchema, strandsSchema } from "../../src/data/contract/schema.ts";
import { ROOT } from "../helpers/data.ts";

/** The fields named in the first column of the first table under `heading`. */
function tableFields(text: string, heading: string): string[] {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start + heading.length + 2).split("\n");
  const first = lines.findIndex((l) => l.startsWith("| Field"));
  const rows = lines.slice(first + 2);
  const table = rows.slice(0, rows.findIndex((l) => !l.startsWith("|")));
  return table.flatMap((row) => [...row.split("|")[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}

const keys = (schema: z.ZodObject) => Object.keys(schema.shape).sort();

describe("docs/data.md", () => {
  it("lists every field of an event, of a strand and of a photo, and no other", async () => {
    const text = await readFile(path.join(ROOT, "docs", "data.md"), "utf8");
    expect(tableFields(text, "## 3. Events").sort()).toEqual(keys(eventSchema));
    // `highlights` is no longer read there: the guide says where it goes instead of listing it.
    expect(tableFields(text, "### strands.yaml").sort()).toEqual(keys(strandsSchema.element).filter((k) => k !== "highlights"));
    expect(tableFields(text, "### Photos").sort()).toEqual(keys(photoSchema));
  });
});

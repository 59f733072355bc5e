import * as z from "zod";
import { describe, expect, it } from "vitest";
import {
  countriesSchema, eventSchema, eventTypesSchema, formOf, frameworksSchema, MARKDOWN_FIELDS, placesSchema, reportSchema, strandsSchema, topicsSchema,
} from "../../../../src/data/contract/schema.ts";

/** The name of each field, in any file, whose schema is that of markdown. */
function markdownFields(schema: z.ZodType, name?: string, found = new Set<string>()): Set<string> {
  const form = formOf(schema);
  if (form?.kind === "markdown") {
    if (name) found.add(name);
    return found;
  }
  if (form?.kind === "mapping") return markdownFields(form.value, name, found);
  if (form?.kind === "list") return markdownFields(form.item, name, found);
  if (schema instanceof z.ZodObject) for (const [key, field] of Object.entries(schema.shape)) markdownFields(field as z.ZodType, key, found);
  else if (schema instanceof z.ZodOptional) markdownFields(schema.unwrap() as z.ZodType, name, found);
  else if (schema instanceof z.ZodArray) markdownFields(schema.element as z.ZodType, name, found);
  else if (schema instanceof z.ZodPipe) {
    markdownFields(schema.in as z.ZodType, name, found);
    markdownFields(schema.out as z.ZodType, name, found);
  }
  return found;
}

describe("MARKDOWN_FIELDS", () => {
  it("names each field that the schemas declare as markdown, and no other", () => {
    const all = new Set<string>();
    for (const schema of [eventSchema, reportSchema, strandsSchema, frameworksSchema, eventTypesSchema, topicsSchema, placesSchema, countriesSchema]) {
      for (const name of markdownFields(schema)) all.add(name);
    }
    expect([...all].sort()).toEqual([...MARKDOWN_FIELDS].sort());
  });
});

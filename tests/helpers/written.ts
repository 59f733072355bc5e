/** Files as the reader gives them to the checks, made from YAML text without the disk. */
import path from "node:path";
import type * as z from "zod";
import type { WrittenEvent, WrittenFile, WrittenMapping } from "../../src/data/read.ts";
import { eventSchema } from "../../src/data/contract/schema.ts";
import { parseFields, parseWith } from "../../src/data/contract/zod-issues.ts";
import { createSource } from "../../src/data/source/yaml-source.ts";

/** A reference file (a list or a mapping) as read from `text`. */
export function writtenFile<S extends z.ZodType>(file: string, text: string, schema: S): WrittenFile<z.output<S>> {
  const { source, diagnostics } = createSource(file, text);
  if (diagnostics.length > 0) return { file, source };
  return { file, source, value: parseWith(source, schema).value };
}

/** A file that is one mapping, as read from `text`, with its fields that are valid on their own. */
export function writtenMapping<S extends z.ZodObject>(file: string, text: string, schema: S): WrittenMapping<z.output<S>> {
  const { source } = createSource(file, text);
  const { value, fields } = parseFields(source, schema);
  return { file, source, value, fields };
}

/** An event file at `file` (e.g. /data/events/2018/x.yaml) as read from `text`. */
export function writtenEvent(file: string, text: string): WrittenEvent {
  return { ...writtenMapping(file, text, eventSchema), id: path.basename(file, ".yaml") };
}

/** `line:col: message`, or `file: message` without a place: what the tests compare. */
export const placed = (d: { file: string; line?: number; col?: number; severity: string; message: string }) =>
  `${d.line === undefined ? d.file : `${d.line}:${d.col}`}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;

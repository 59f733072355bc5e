/** The field tables of docs/data.md say what the contract says: every field in its table, no row for a field it lacks. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fieldsOf, type Field } from "../../../../src/data/contract/fields.ts";
import {
  countrySchema, eventSchema, eventTypeSchema, frameworkSchema, placeSchema, reportSchema, strandSchema, topicSchema,
} from "../../../../src/data/contract/schema.ts";
import { ROOT } from "../../../helpers/data.ts";

interface Row {
  readonly names: readonly string[];
  readonly required: string;
  readonly text: string;
}

/** The tables of each section of the page (a heading and what follows it), their rows by the fields they name. */
function tables(markdown: string): Map<string, Row[][]> {
  const out = new Map<string, Row[][]>();
  let section = "";
  let table: Row[] | undefined;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("#")) section = line.replace(/^#+\s*/, "");
    if (!line.startsWith("|")) {
      table = undefined;
      continue;
    }
    if (!table) out.set(section, [...(out.get(section) ?? []), (table = [])]);
    const cells = line.split(/\s\|\s/);
    const names = [...(cells[0] ?? "").matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    if (names.length > 0) table.push({ names, required: (cells[1] ?? "").trim(), text: line });
  }
  return out;
}

const field = (fields: readonly Field[], name: string) => fields.find((f) => f.name === name)!;

describe("docs/data.md", () => {
  it("has a table for each set of fields of the contract, naming each field, its subfields and whether it is required, and no field the contract lacks", async () => {
    const page = tables(await readFile(path.join(ROOT, "docs", "data.md"), "utf8"));
    const report = fieldsOf(reportSchema);
    const event = fieldsOf(eventSchema);
    // Each table, and the fields of the contract it describes; a set of fields with a table of its own is not listed again in its parent's row.
    const described: [string, number, readonly Field[]][] = [
      ["report.yaml", 0, report],
      ["report.yaml", 1, field(report, "editions").fields!],
      ["strands.yaml", 0, fieldsOf(strandSchema)],
      ["frameworks.yaml", 0, fieldsOf(frameworkSchema)],
      ["event-types.yaml", 0, fieldsOf(eventTypeSchema)],
      ["topics.yaml", 0, fieldsOf(topicSchema)],
      ["places.yaml", 0, fieldsOf(placeSchema)],
      ["countries.yaml", 0, fieldsOf(countrySchema)],
      ["3. Events", 0, event],
      ["Documents", 0, field(event, "documents").fields!],
      ["Photos", 0, field(event, "photos").fields!],
    ];
    const ownTable = new Set<readonly Field[] | undefined>(described.map(([, , fields]) => fields));
    for (const [section, index, fields] of described) {
      const rows = page.get(section)?.[index];
      expect(rows, `a table in "${section}"`).toBeDefined();
      const where = `the table ${index + 1} of "${section}"`;
      const named = rows!.flatMap((r) => r.names);
      const read = fields.filter((f) => !f.retired);
      expect(read.map((f) => f.name).filter((name) => !named.includes(name)), `fields missing from ${where}`).toEqual([]);
      expect(named.filter((name) => !read.some((f) => f.name === name)), `rows of ${where} for fields the contract lacks`).toEqual([]);
      for (const f of read) {
        const row = rows!.find((r) => r.names.includes(f.name))!;
        // "yes, unless online: true" is a rule between fields, which the contract states apart.
        if (!/unless/.test(row.required)) expect(row.required.startsWith("yes"), `${where}: ${f.name} is ${f.required ? "" : "not "}required`).toBe(f.required);
        const own = f.fields && [...ownTable].some((t) => t !== undefined && t.length === f.fields!.length && t.every((x, i) => x.name === f.fields![i]!.name));
        if (f.fields && !own) {
          const sub = f.fields.filter((x) => !x.retired && !row.text.includes(`\`${x.name}\``)).map((x) => x.name);
          expect(sub, `${where}: the row of ${f.name} names its fields`).toEqual([]);
        }
      }
    }
  });
});

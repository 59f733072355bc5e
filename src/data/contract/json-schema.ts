/**
 * The JSON Schemas of the data files (draft-07, which the YAML language
 * server of editors such as VS Code reads), made from the contract in
 * schema.ts: what an editor's completion offers and marks as wrong while
 * typing. zod writes what it can say itself; the contract's forms (schema.ts)
 * say the rest: what our own parsers accept, lists written as one item,
 * mappings, and references, which become the ids of the data folder when they
 * are known, with their names as descriptions.
 */
import path from "node:path";
import * as z from "zod";
import { countryName, isoCountryCodes } from "../countries.ts";
import { OPTIONAL_FILES, REFERENCE_FILES, type ReferenceFiles } from "../read.ts";
import {
  countriesTranslationSchema, eventTranslationSchema, eventTypesTranslationSchema, frameworksTranslationSchema, placesTranslationSchema,
  reportTranslationSchema, strandsTranslationSchema, topicsTranslationSchema,
  countriesSchema, eventSchema, eventTypesSchema, formOf, frameworksSchema, MAX_LIST_ITEMS, placesSchema, reportSchema, strandsSchema, topicsSchema,
  type CountryFile, type EventType, type Form, type Framework, type JsonSchema, type PlaceFile, type Strand, type Topic, type Vocabulary,
} from "./schema.ts";

/** An id that a data file defines, and what it names (its title, label or name). */
export interface Term {
  readonly id: string;
  readonly description: string;
}

/** The ids of the data folder, for each kind of reference that is known. */
export type Terms = Partial<Record<Vocabulary, readonly Term[]>>;

/** The folder, inside the data folder, that `activity-report schema` writes the schemas into. */
export const SCHEMAS_DIR = ".schemas";

/** A kind of data file: the JSON Schema file named after it, and the files it describes (globs relative to the data folder). */
export interface DataFileKind {
  readonly schemaFile: string;
  readonly files: readonly string[];
  readonly title: string;
  readonly description: string;
  readonly schema: z.ZodType;
}

const schemaFileOf = (file: string) => file.replace(/\.yaml$/, ".schema.json");

export const DATA_FILE_KINDS: readonly DataFileKind[] = [
  { schemaFile: "event.schema.json", files: ["events/**/*.yaml", "events/**/*.yml", "events/*.yaml", "events/*.yml"], title: "An event", description: "One activity of the report: one file per event, under events/<year>/", schema: eventSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.report), files: [REFERENCE_FILES.report], title: REFERENCE_FILES.report, description: "The report as a whole, and one edition per report year", schema: reportSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.places), files: [REFERENCE_FILES.places], title: REFERENCE_FILES.places, description: "The places where events take place, under their ids", schema: placesSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.strands), files: [REFERENCE_FILES.strands], title: REFERENCE_FILES.strands, description: "The chapters of the report, in report order", schema: strandsSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.eventTypes), files: [REFERENCE_FILES.eventTypes], title: REFERENCE_FILES.eventTypes, description: "The kinds of activity, in the order of the table of activities by type", schema: eventTypesSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.topics), files: [REFERENCE_FILES.topics], title: REFERENCE_FILES.topics, description: "The topics an event can be tagged with", schema: topicsSchema },
  { schemaFile: schemaFileOf(REFERENCE_FILES.countries), files: [REFERENCE_FILES.countries], title: REFERENCE_FILES.countries, description: "The names the report prints for countries, under their codes; a country not listed has its English name of ISO 3166-1", schema: countriesSchema },
  { schemaFile: schemaFileOf(OPTIONAL_FILES.frameworks), files: [OPTIONAL_FILES.frameworks], title: OPTIONAL_FILES.frameworks, description: "The frameworks and their priority goals", schema: frameworksSchema },
];

/** A translation file's name pattern: its English file's, with a language before `.yaml` (texts.ts). */
const translationsOf = (file: string) => file.replace(/\.yaml$/, ".*.yaml");

/** The kinds of translation files (schema.ts, "Translations"): the texts of a data file in another language. */
export const TRANSLATION_FILE_KINDS: readonly DataFileKind[] = [
  { schemaFile: "event.translation.schema.json", files: ["events/**/*.*.yaml", "events/*.*.yaml"], title: "An event's texts in another language", description: "The texts of the event file of the same name, in the language named before .yaml", schema: eventTranslationSchema },
  ...([
    [REFERENCE_FILES.report, reportTranslationSchema],
    [REFERENCE_FILES.places, placesTranslationSchema],
    [REFERENCE_FILES.strands, strandsTranslationSchema],
    [REFERENCE_FILES.eventTypes, eventTypesTranslationSchema],
    [REFERENCE_FILES.topics, topicsTranslationSchema],
    [REFERENCE_FILES.countries, countriesTranslationSchema],
    [OPTIONAL_FILES.frameworks, frameworksTranslationSchema],
  ] as const).map(([file, schema]): DataFileKind => ({
    schemaFile: file.replace(/\.yaml$/, ".translation.schema.json"),
    files: [translationsOf(file)],
    title: `${file} in another language`,
    description: `The texts of ${file}, in the language named before .yaml`,
    schema,
  })),
];

/**
 * The line that names a data file's JSON Schema, for the YAML language server
 * (`# yaml-language-server: $schema=../../.schemas/event.schema.json`): the
 * path from the file to the schemas in the data folder `dataDir`.
 */
export function schemaLine(file: string, dataDir: string, kind: DataFileKind): string {
  const relative = path.relative(path.dirname(path.resolve(file)), path.resolve(dataDir, SCHEMAS_DIR, kind.schemaFile));
  return `# yaml-language-server: $schema=${relative.split(path.sep).join("/")}`;
}

/** What the reference files define, as far as each could be read. */
export interface Definitions {
  readonly strands?: readonly Strand[];
  readonly eventTypes?: readonly EventType[];
  readonly topics?: readonly Topic[];
  readonly places?: Readonly<Record<string, PlaceFile>>;
  /** countries.yaml; the countries of ISO 3166-1 are known without it, but a code it adds is not. */
  readonly countries?: Readonly<Record<string, CountryFile>>;
  readonly frameworks?: readonly Framework[];
}

/** What the reference files define: those that could be read. */
export function definitionsOf(files: ReferenceFiles): Definitions {
  return {
    strands: files.strands.value, eventTypes: files.eventTypes.value, topics: files.topics.value,
    places: files.places.value, countries: files.countries.value, frameworks: files.frameworks.value,
  };
}

/** The ids each reference file defines, with what they name. */
export function termsOf(d: Definitions): Terms {
  const terms: Record<string, readonly Term[]> = {};
  if (d.strands) terms.strands = d.strands.map((s) => ({ id: s.id, description: s.title }));
  if (d.eventTypes) terms.types = d.eventTypes.map((t) => ({ id: t.id, description: t.label }));
  if (d.topics) terms.topics = d.topics.map((t) => ({ id: t.id, description: t.label }));
  if (d.countries) {
    const countries = d.countries;
    const codes = [...new Set([...isoCountryCodes(), ...Object.keys(countries)])].sort();
    terms.countries = codes.map((code) => ({ id: code, description: countryName(code, countries) }));
  }
  if (d.places) {
    const countries = d.countries ?? {};
    terms.places = Object.entries(d.places).map(([id, p]) => ({ id, description: `${p.name}, ${countryName(p.country, countries)}` }));
  }
  if (d.frameworks) {
    terms.goals = d.frameworks.flatMap((f) => f.goals.map((g) => ({ id: g.id, description: `Priority Goal ${g.number} of the ${f.short_title}: ${g.title}` })));
  }
  return terms;
}

/** The keywords that describe a value rather than constrain it: kept when a form replaces what zod wrote. */
const ANNOTATIONS = new Set(["title", "description", "examples", "default", "deprecated"]);

function replace(json: Record<string, unknown>, by: JsonSchema): void {
  for (const key of Object.keys(json)) if (!ANNOTATIONS.has(key)) delete json[key];
  Object.assign(json, structuredClone(by));
}

/** The ids as an enum, with their names for completion (`enumDescriptions`, read by the YAML language server). */
function enumOf(terms: readonly Term[]): JsonSchema {
  // An empty enum is no schema; nothing can be valid.
  if (terms.length === 0) return { not: {} };
  return { type: "string", enum: terms.map((t) => t.id), enumDescriptions: terms.map((t) => t.description) };
}

/** What a conversion knows and finds: the data folder's ids, and those that the schema refers to (written once, under `definitions`). */
interface Context {
  readonly terms: Terms;
  readonly used: Set<Vocabulary>;
}

/** A reference to the enum of `to`'s ids, written once in the file. */
function idsOf(to: Vocabulary, context: Context): JsonSchema {
  context.used.add(to);
  return { $ref: `#/definitions/${to}` };
}

function referenceJson(form: Extract<Form, { kind: "reference" }>, context: Context): JsonSchema {
  if (!context.terms[form.to]) return form.schema;
  // In an allOf, so that the field's own description stays beside it: draft-07 ignores what is beside a $ref.
  if (!form.orCountry) return { allOf: [idsOf(form.to, context)] };
  const country = context.terms.countries ? idsOf("countries", context) : (form.schema.anyOf as JsonSchema[])[1]!;
  return { anyOf: [idsOf(form.to, context), country] };
}

function mappingJson(form: Extract<Form, { kind: "mapping" }>, context: Context): JsonSchema {
  const value = convert(form.value, context);
  const key = formOf(form.key);
  const known = key?.kind === "reference" ? context.terms[key.to] : undefined;
  if (known) {
    // The ids as properties, so that completion offers them as keys.
    const entry = (t: Term) => ({ ...value, description: typeof value.description === "string" && value.description ? `${t.description}: ${value.description}` : t.description });
    return { type: "object", properties: Object.fromEntries(known.map((t) => [t.id, entry(t)])), additionalProperties: false };
  }
  return { type: "object", propertyNames: keyJson(convert(form.key, context)), additionalProperties: value };
}

/**
 * What a key must be. A YAML key may be read as a number or true (`1:`,
 * `yes:`), which the check reads as its text, and which an editor's YAML tools
 * check as what they read: the form of the text is said for text only.
 */
function keyJson(json: Record<string, unknown>): JsonSchema {
  const { type, ...rest } = json;
  return type === "string" ? rest : json;
}

/** What the contract's form of a schema says in JSON Schema, written over what zod wrote. */
function rewrite(schema: z.core.$ZodType, json: Record<string, unknown>, context: Context): void {
  // zod leaves out the examples of a value that is transformed; they are the editor's, and help.
  const examples = z.globalRegistry.get(schema as z.ZodType)?.examples;
  if (examples !== undefined) json.examples = examples;
  const form = formOf(schema);
  switch (form?.kind) {
    case undefined:
      return;
    case "markdown":
      json.contentMediaType = "text/markdown";
      return;
    case "also":
      Object.assign(json, structuredClone(form.schema));
      return;
    case "json":
      return replace(json, form.schema);
    case "reference":
      return replace(json, referenceJson(form, context));
    case "list": {
      const item = convert(form.item, context);
      return replace(json, { anyOf: [item, { type: "array", items: item, ...(form.min > 0 ? { minItems: form.min } : {}), maxItems: MAX_LIST_ITEMS }] });
    }
    case "mapping":
      return replace(json, mappingJson(form, context));
    case "retired":
      // check refuses it, and says where it belongs now.
      return replace(json, { not: {}, deprecationMessage: form.message });
  }
}

function convert(schema: z.core.$ZodType, context: Context): Record<string, unknown> {
  const json = z.toJSONSchema(schema as z.ZodType, {
    target: "draft-07",
    io: "input",
    unrepresentable: "any",
    override: (ctx) => rewrite(ctx.zodSchema, ctx.jsonSchema as Record<string, unknown>, context),
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The JSON Schema of a kind of data file; the references are enums of `terms` where they are given. */
export function jsonSchemaOf(kind: DataFileKind, terms: Terms = {}): JsonSchema {
  const context: Context = { terms, used: new Set() };
  const json = convert(kind.schema, context);
  const vocabularies = [...context.used].sort();
  const definitions = vocabularies.length ? { definitions: Object.fromEntries(vocabularies.map((v) => [v, enumOf(terms[v]!)])) } : {};
  return { $schema: "http://json-schema.org/draft-07/schema#", title: kind.title, description: kind.description, ...json, ...definitions };
}

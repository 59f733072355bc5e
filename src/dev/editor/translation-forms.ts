/**
 * The translations of report.yaml and the reference files in the editor: for
 * each language the editions are published in, an entry beside each English
 * file ("strands.yaml — Russian"), whose form has a field for each text the
 * English file has, under the name English gives its entry, with the English
 * text as the field's hint. The form is made from the texts of the data
 * (texts.ts, the same list check and `translations export` read), so that a
 * translator finds every text to translate and no id to type.
 *
 * The form holds the translation file's value in the shape Decap edits: a
 * list by position (the signatories, the logos) as a set of fields named by
 * the positions, the language's own abbreviations as a list of entries
 * (view.ts); `toTranslationForm` and `fromTranslationForm` go between the two.
 */
import path from "node:path";
import type * as z from "zod";
import { countryName } from "../../data/countries.ts";
import type { FieldPath } from "./view.ts";
import { TRANSLATION_FILE_KINDS } from "../../data/contract/json-schema.ts";
import type { ReferenceFiles } from "../../data/read.ts";
import type { ReportFile } from "../../data/contract/schema.ts";
import { textUnits, type Texts, type TextUnit } from "../../data/languages/texts.ts";
import { editionLanguages, languageLabel } from "../../data/languages/translations.ts";
import type { PathSegment } from "../../data/source/yaml-source.ts";
import { partOf, TRANSLATED_FROM } from "./i18n.ts";
import { fromView, KEY, toView, VALUE } from "./view.ts";

type AnySchema = z.core.$ZodType;
type CmsField = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The texts of report.yaml and the reference files, as far as each could be read; no events. */
export function siteTexts(dir: string, files: ReferenceFiles): Texts {
  return {
    dir,
    // A report.yaml that cannot be read as a whole gives the texts of the fields that can.
    report: (files.report.value ?? files.report.fields ?? {}) as ReportFile,
    strands: files.strands.value ?? [],
    eventTypes: files.eventTypes.value ?? [],
    topics: files.topics.value ?? [],
    places: files.places.value ?? {},
    countries: files.countries.value ?? {},
    frameworks: files.frameworks.value ?? [],
    events: [],
  };
}

/** A kind of translation file of the data folder's top: the English file's name, and the translation's schema. */
export interface TranslatedFile {
  readonly english: string;
  readonly schema: AnySchema;
}

/** The reference files and report.yaml that have translations, in the order of the editor's files. */
export const TRANSLATED_FILES: readonly TranslatedFile[] = TRANSLATION_FILE_KINDS.filter((k) => !k.files[0]!.includes("/")).map((k) => ({
  english: k.files[0]!.replace(/\.\*\.yaml$/, ".yaml"),
  schema: k.schema,
}));

/** The kind of a translation file named `name` (`strands.ru.yaml`), if it is one of the data folder's top. */
export function translatedFileOf(name: string): (TranslatedFile & { readonly lang: string }) | undefined {
  const match = /^([a-z-]+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$/.exec(name);
  const kind = match && TRANSLATED_FILES.find((k) => k.english === `${match[1]}.yaml`);
  return kind && match ? { ...kind, lang: match[2]! } : undefined;
}

/** The value of a translation file as the form holds it. What it records of the English is not shown. */
export function toTranslationForm(schema: AnySchema, value: unknown): unknown {
  const part = partOf(schema);
  switch (part.kind) {
    case "items":
      return Array.isArray(value) ? Object.fromEntries(value.map((item, i) => [String(i), toTranslationForm(part.item, item)])) : value;
    case "dictionary":
      return isRecord(value) ? toView(schema, value) : value;
    case "fields":
    case "entries": {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (key === TRANSLATED_FROM) continue;
        const field = part.kind === "fields" ? part.shape[key] : part.value;
        out[key] = field ? toTranslationForm(field, item) : item;
      }
      return out;
    }
    default:
      return value;
  }
}

/** The form's value in the shape of the translation file (the texts it shows, for i18n.ts's assignTexts). */
export function fromTranslationForm(schema: AnySchema, value: unknown): unknown {
  const part = partOf(schema);
  switch (part.kind) {
    case "items": {
      if (Array.isArray(value)) return value.map((item) => fromTranslationForm(part.item, item));
      if (!isRecord(value)) return value;
      const out: unknown[] = [];
      for (const [key, item] of Object.entries(value)) if (/^\d+$/.test(key)) out[Number(key)] = fromTranslationForm(part.item, item);
      return out;
    }
    case "dictionary":
      return Array.isArray(value) ? fromView(schema, value) : value;
    case "fields":
    case "entries": {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const field = part.kind === "fields" ? part.shape[key] : part.value;
        out[key] = field ? fromTranslationForm(field, item) : item;
      }
      return out;
    }
    default:
      return value;
  }
}

/** Where a place of a translation file (`editions`, `2019`, `signatories`, 0, `title`) is in its form; what the form does not show ends the path. */
export function translationFormPath(schema: AnySchema, value: unknown, at: readonly PathSegment[]): FieldPath {
  const out: (string | number)[] = [];
  let here: unknown = value;
  let schemaHere: AnySchema | undefined = schema;
  for (const step of at) {
    if (!schemaHere) break;
    const part = partOf(schemaHere);
    if (part.kind === "items" && typeof step === "number") {
      out.push(String(step));
      schemaHere = part.item;
    } else if (part.kind === "dictionary" && isRecord(here)) {
      const index = Object.keys(here).indexOf(String(step));
      if (index >= 0) out.push(index, VALUE);
      break;
    } else if ((part.kind === "fields" || part.kind === "entries") && typeof step === "string" && step !== TRANSLATED_FROM) {
      const field: AnySchema | undefined = part.kind === "fields" ? part.shape[step] : part.value;
      if (!field) break;
      out.push(step);
      schemaHere = field;
    } else break;
    here = isRecord(here) || Array.isArray(here) ? (here as Record<string, unknown>)[String(step)] : undefined;
  }
  return out;
}

/** What a list's items are called, one by one. */
const ITEM_LABELS: Readonly<Record<string, string>> = { logos: "Logo", signatories: "Signatory", corrigenda: "Corrigendum" };

/** The names English gives the ids of the data: strands, frameworks and goals, places, kinds of activity, topics, countries. */
function namesOf(texts: Texts): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of texts.strands) names.set(s.id, s.title);
  for (const f of texts.frameworks) {
    names.set(f.id, f.title);
    for (const g of f.goals) names.set(g.id, g.title);
  }
  for (const [id, p] of Object.entries(texts.places)) names.set(id, p.name);
  for (const t of texts.eventTypes) names.set(t.id, t.label);
  for (const t of texts.topics) names.set(t.id, t.label);
  for (const code of Object.keys(texts.countries)) names.set(code, countryName(code, texts.countries));
  return names;
}

const labelOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");

/** The text of the unit among `units` that names what they are part of: its name, title or label. */
function nameAmong(units: readonly { rest: readonly PathSegment[]; unit: TextUnit }[]): string | undefined {
  return units.find((u) => u.rest.length === 1 && ["name", "title", "label"].includes(String(u.rest[0])))?.unit.text;
}

/** The English text as a field's hint, the Markdown of a longer text as written. */
const englishHint = (unit: TextUnit) => `English${unit.markdown ? " (Markdown)" : ""}: ${unit.text.trim()}`;

/** The form's fields for the texts `units` (their keys from `schema`'s level on, `rest`). */
function fieldsFor(schema: AnySchema, units: readonly { rest: readonly PathSegment[]; unit: TextUnit }[], names: ReadonlyMap<string, string>, parent?: string): CmsField[] {
  const part = partOf(schema);
  const groups = new Map<PathSegment, { rest: readonly PathSegment[]; unit: TextUnit }[]>();
  for (const u of units) {
    const [head, ...rest] = u.rest;
    if (head === undefined) continue;
    groups.set(head, [...(groups.get(head) ?? []), { rest, unit: u.unit }]);
  }
  const fields: CmsField[] = [];
  for (const [segment, group] of groups) {
    const name = String(segment);
    const child = part.kind === "fields" ? part.shape[name] : part.kind === "entries" ? part.value : part.kind === "items" ? part.item : undefined;
    if (!child) continue;
    const childPart = partOf(child);
    if (childPart.kind === "dictionary") {
      const english = group.map((u) => `${String(u.rest[0])}: ${u.unit.text.trim()}`).join("; ");
      fields.push({
        name, label: labelOf(name), widget: "list", required: false, collapsed: false, summary: `{{fields.${KEY}}}`,
        hint: `The ${labelOf(name).toLowerCase()} of this language, each with what it stands for; it may have others than English. English has ${english}`,
        fields: [
          { name: KEY, label: "Abbreviation", widget: "string", required: false },
          { name: VALUE, label: "What it stands for", widget: "string", required: false },
        ],
      });
      continue;
    }
    const leaf = group.length === 1 && group[0]!.rest.length === 0 ? group[0]!.unit : undefined;
    if (leaf) {
      fields.push({ name, label: labelOf(name), widget: leaf.markdown ? "text" : "string", required: false, hint: englishHint(leaf) });
      continue;
    }
    const own = nameAmong(group);
    const label = typeof segment === "number"
      ? `${ITEM_LABELS[parent ?? ""] ?? "Item"} ${segment + 1}${own ? `: ${own}` : ""}`
      : part.kind === "entries" ? (names.get(name) ?? own ?? name) : labelOf(name);
    const texts = group.length;
    const grouping = group.every((u) => u.rest.length > 1);
    fields.push({
      name, label, widget: "object", required: false,
      // An entry of a few texts is open, a larger one (an edition, a framework) closed until opened; a group of entries (the editions) open.
      collapsed: !grouping && texts > 3,
      ...(part.kind === "entries" && !/^\d{4}$/.test(name) ? { hint: `Id: ${name}` } : {}),
      fields: fieldsFor(child, group, names, name),
    });
  }
  return fields;
}

export interface TranslationEntry {
  readonly name: string;
  readonly label: string;
  readonly file: string;
  readonly description: string;
  readonly format: "yaml";
  readonly editor: { readonly preview: false };
  readonly fields: readonly CmsField[];
}

/**
 * The editor's entries of the translations of `file` (report.yaml or a reference file), one per language: the
 * texts of the whole site and of the editions published in the language. None where there is nothing to translate.
 */
export function translationEntries(texts: Texts, file: TranslatedFile, languages: readonly string[], root = ""): TranslationEntry[] {
  const english = path.join(texts.dir, file.english);
  const all = textUnits(texts).filter((u) => u.file === english);
  const names = namesOf(texts);
  const published = editionLanguages(texts.report.editions);
  return languages.flatMap((lang) => {
    const years = published.get(lang);
    // An edition's texts where the edition is published in the language; every entry of a reference file.
    const units = all.filter((u) => u.year === undefined || u.targets[0]![0] !== "report" || years?.has(u.year)).map((unit) => ({ rest: unit.key, unit }));
    if (units.length === 0) return [];
    const fields = fieldsFor(file.schema, units, names);
    const language = languageLabel(lang);
    return {
      name: `${file.english.replace(/\.yaml$/, "")}-${lang}`,
      label: `${file.english} — ${language}`,
      file: `${root}${file.english.replace(/\.yaml$/, `.${lang}.yaml`)}`,
      description: `The ${language} texts of ${file.english}: under each field, the English it translates. What is left empty is printed in English, marked, while the ${language} report is a draft`,
      format: "yaml",
      // The English is under each field: the form has the whole width.
      editor: { preview: false },
      fields,
    };
  });
}

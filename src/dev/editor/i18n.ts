/**
 * The editor in the report's further languages: the texts of a data file in
 * a language are in the translation file beside it (`<id>.ru.yaml` beside
 * `<id>.yaml`, holding the texts only: schema.ts, "Translations").
 *
 * - An event is edited in English and, beside it, in each language the
 *   editions are published in, with Decap CMS's own i18n (`multiple_files`):
 *   Decap names the English file `<id>.en.yaml`, the data folder `<id>.yaml`
 *   (`dataPath`, `editorPath`). Decap edits a translation in the event's form,
 *   its other fields hidden; the write service expands a translation file into
 *   that form (`eventFormOf`: the documents and photos as in English, with the
 *   translated texts) and reduces a save to the texts (`eventTranslationOf`).
 * - A save writes the texts it shows into the translation file as it is
 *   (`assignTexts`): what the form does not show (a translation of a text
 *   English no longer has, what each text was translated from) is kept.
 * - Each text whose translation a save changes is recorded as translated from
 *   the English as it stands (`recordTranslatedFrom`), as `translations import`
 *   does, so that check does not call it stale.
 */
import type * as z from "zod";
import { objectShape, unwrap } from "../../data/contract/fields.ts";
import { formOf, type Edition } from "../../data/contract/schema.ts";
import { fingerprint, valueAt, type TextUnit } from "../../data/languages/texts.ts";
import { editionLanguages } from "../../data/languages/translations.ts";

type AnySchema = z.core.$ZodType;

/** The language the data is written in: the editor's default locale. */
export const ENGLISH = "en";

/** Where a translation file records what its texts were translated from (schema.ts). */
export const TRANSLATED_FROM = "translated_from";

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The further languages the editions are published in, by code: the editor's locales after English. */
export function editorLanguages(editions: Readonly<Record<string, Partial<Edition>>> | undefined): string[] {
  return [...editionLanguages(editions).keys()].filter((lang) => lang !== ENGLISH && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lang)).sort();
}

/** The data folder's name of a file the editor names: Decap's `<id>.en.yaml` is the English file itself, `<id>.yaml`. */
export function dataPath(editorName: string): string {
  return editorName.endsWith(`.${ENGLISH}.yaml`) ? `${editorName.slice(0, -`.${ENGLISH}.yaml`.length)}.yaml` : editorName;
}

/** The editor's name of an English event file, when the events are edited in several languages. */
export function editorPath(file: string): string {
  return file.replace(/\.yaml$/, `.${ENGLISH}.yaml`);
}

/** What a part of a translation file holds, by its schema. */
type Part =
  | { readonly kind: "text" }
  | { readonly kind: "texts" }
  | { readonly kind: "items"; readonly item: AnySchema }
  | { readonly kind: "fields"; readonly shape: Readonly<Record<string, AnySchema>> }
  | { readonly kind: "entries"; readonly value: AnySchema }
  | { readonly kind: "dictionary" };

/** What a schema of a translation file holds: a text, a list of texts, a list of sets of fields, a set of fields, a mapping of ids to sets of fields, or of keys to texts. */
export function partOf(schema: AnySchema): Part {
  const inner = unwrap(schema);
  const form = formOf(inner);
  if (form?.kind === "mapping") return objectShape(form.value) ? { kind: "entries", value: form.value } : { kind: "dictionary" };
  if (form?.kind === "list") return { kind: "texts" };
  const def = inner._zod.def as { type: string; element?: AnySchema };
  if (def.type === "array") return objectShape(def.element!) ? { kind: "items", item: def.element! } : { kind: "texts" };
  const shape = objectShape(inner);
  return shape ? { kind: "fields", shape } : { kind: "text" };
}

/** Nothing written: an empty text, list or set of fields. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(isBlank);
  if (isRecord(value)) return Object.values(value).every(isBlank);
  return false;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** The texts of a translation file's set of fields, by their names (what it records left out). */
const textFields = (shape: Readonly<Record<string, AnySchema>>) => Object.keys(shape).filter((name) => name !== TRANSLATED_FROM);

/**
 * The texts of what the editor saved in a language, in the shape of the
 * translation file: the event's form (as the data file, view.ts) reduced to
 * the fields of `schema` (eventTranslationSchema), every one of them given,
 * empty where the form has none; the documents and photos item by item.
 */
export function translationOf(schema: AnySchema, value: unknown): Record<string, unknown> {
  const part = partOf(schema);
  if (part.kind !== "fields") throw new Error("a translation of a set of fields");
  const source = isRecord(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const name of textFields(part.shape)) {
    const field = partOf(part.shape[name]!);
    const given = source[name];
    if (field.kind === "items") out[name] = asList(given).map((item) => translationOf(field.item, item));
    else if (field.kind === "texts") out[name] = asList(given).map((t) => (typeof t === "string" ? t : ""));
    else out[name] = typeof given === "string" ? given : "";
  }
  return out;
}

/**
 * The form of a translation in the editor: the English file's value with
 * every text of `schema` taken from the translation, none where it has none.
 * Lists of texts and of sets of fields keep the English items (the form
 * hides their other fields, and shows as many items as English has), each
 * with its translation in the English order; an item the translation has
 * beyond them is shown too, with only its texts.
 */
export function formOfTranslation(schema: AnySchema, english: unknown, translation: unknown): Record<string, unknown> {
  const part = partOf(schema);
  if (part.kind !== "fields") throw new Error("a translation of a set of fields");
  const en = isRecord(english) ? english : {};
  const tr = isRecord(translation) ? translation : {};
  const out: Record<string, unknown> = {};
  for (const name of textFields(part.shape)) {
    const field = partOf(part.shape[name]!);
    if (field.kind === "items" || field.kind === "texts") {
      const ens = asList(en[name]);
      const trs = asList(tr[name]);
      const length = Math.max(ens.length, trs.length);
      if (length === 0) continue;
      out[name] = Array.from({ length }, (_, i) => {
        if (field.kind === "texts") return typeof trs[i] === "string" ? trs[i] : "";
        const texts = Object.keys(objectShape(field.item) ?? {});
        const kept = isRecord(ens[i]) ? Object.fromEntries(Object.entries(ens[i]).filter(([k]) => !texts.includes(k))) : {};
        return { ...kept, ...formOfTranslation(field.item, undefined, trs[i]) };
      });
    } else if (tr[name] !== undefined && tr[name] !== null) out[name] = tr[name];
  }
  return out;
}

/**
 * `existing` (a translation file's value) with the texts the form showed
 * (`shown`, in the shape of `schema`) written into it: a text given replaces
 * the file's, an empty one removes it, and what the form did not show is
 * kept. Items of a list are matched by their place; a mapping of texts (the
 * language's own abbreviations) is the form's whole.
 */
export function assignTexts(schema: AnySchema, existing: unknown, shown: unknown): unknown {
  if (shown === undefined) return existing;
  const part = partOf(schema);
  switch (part.kind) {
    case "text":
      return isBlank(shown) ? undefined : shown;
    case "dictionary": {
      if (!isRecord(shown)) return existing;
      const entries = Object.entries(shown).filter(([, v]) => !isBlank(v));
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    case "texts":
    case "items": {
      if (!Array.isArray(shown)) return existing;
      const given: readonly unknown[] = shown;
      const before = asList(existing);
      const out = Array.from({ length: Math.max(before.length, given.length) }, (_, i): unknown =>
        i >= given.length ? before[i] : part.kind === "texts" ? (isBlank(given[i]) ? "" : given[i]) : assignTexts(part.item, before[i], given[i]) ?? {},
      );
      while (out.length > 0 && isBlank(out.at(-1))) out.pop();
      return out.length > 0 ? out : undefined;
    }
    case "fields":
    case "entries": {
      if (!isRecord(shown)) return existing;
      const out: Record<string, unknown> = isRecord(existing) ? { ...existing } : {};
      for (const [key, value] of Object.entries(shown)) {
        const field = part.kind === "fields" ? part.shape[key] : part.value;
        if (!field || key === TRANSLATED_FROM) continue;
        const next = assignTexts(field, out[key], value);
        if (next === undefined) delete out[key];
        else out[key] = next;
      }
      return out;
    }
  }
}

/**
 * Records in `next` (a translation file's value after a save, changed in
 * place) that each text the save changed was translated from its English as
 * it stands (`units`: the English file's texts after the save): the text's
 * fingerprint under `translated_from` of the set of fields that holds it. A
 * translation the save removed takes its record with it.
 */
export function recordTranslatedFrom(next: Record<string, unknown>, before: unknown, units: readonly TextUnit[]): number {
  let recorded = 0;
  for (const unit of units) {
    const now = valueAt(next, unit.key);
    const was = valueAt(before, unit.key);
    const owner = unit.owner.length === 0 ? next : valueAt(next, unit.owner);
    if (!isRecord(owner)) continue;
    const records = owner[TRANSLATED_FROM];
    if (typeof now === "string" && now.trim() !== "") {
      if (typeof was === "string" && was.trim() === now.trim()) continue;
      owner[TRANSLATED_FROM] = { ...(isRecord(records) ? records : {}), [unit.name]: fingerprint(unit.text) };
      recorded++;
    } else if (isRecord(records) && unit.name in records) {
      const { [unit.name]: _gone, ...rest } = records;
      if (Object.keys(rest).length > 0) owner[TRANSLATED_FROM] = rest;
      else delete owner[TRANSLATED_FROM];
    }
  }
  return recorded;
}

/**
 * A translation file's value without what holds nothing: a set of fields or an entry with no text and no
 * record, a list with no item. An empty item before others stays, for the place of those after it.
 */
export function pruned(schema: AnySchema, value: unknown): unknown {
  const part = partOf(schema);
  if (Array.isArray(value) && (part.kind === "items" || part.kind === "texts")) {
    const out = (value as readonly unknown[]).map((item) => (part.kind === "items" ? pruned(part.item, item) ?? {} : item));
    while (out.length > 0 && isBlank(out.at(-1))) out.pop();
    return out.length > 0 ? out : undefined;
  }
  if (isRecord(value) && (part.kind === "fields" || part.kind === "entries")) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const field = part.kind === "fields" ? part.shape[key] : part.value;
      const kept = field && key !== TRANSLATED_FROM ? pruned(field, item) : item;
      if (kept !== undefined && !(isRecord(kept) && Object.keys(kept).length === 0)) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return isBlank(value) ? undefined : value;
}

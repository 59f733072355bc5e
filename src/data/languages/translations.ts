/**
 * The data in the report's further languages: which editions are published in
 * which language, what each translation lacks or translated from an English
 * text that has since changed (check), and the data with its texts in one
 * language (the build), English standing in, and recorded, where a draft
 * edition's text is not yet translated.
 */
import path from "node:path";
import { countryNameIn } from "../countries.ts";
import type { Diagnostic } from "../diagnostics.ts";
import type { WrittenTranslation } from "../read.ts";
import type { Edition } from "../contract/schema.ts";
import { fingerprint, textUnits, valueAt, type Texts, type TextUnit } from "./texts.ts";
import type { PathSegment, YamlSource } from "../source/yaml-source.ts";

/** The texts of each language's translation files, by the English file they translate: `translations.get("ru")?.get(file)`. */
export type Translations = ReadonlyMap<string, ReadonlyMap<string, unknown>>;

export function translationsOf(written: readonly WrittenTranslation[]): Translations {
  const out = new Map<string, Map<string, unknown>>();
  for (const t of written) {
    if (t.value === undefined) continue;
    let files = out.get(t.lang);
    if (!files) out.set(t.lang, (files = new Map<string, unknown>()));
    files.set(t.english, t.value);
  }
  return out;
}

type Editions = Readonly<Record<string, Partial<Edition>>> | undefined;

/** The languages editions are published in besides English, each with its status by report year. */
export function editionLanguages(editions: Editions): Map<string, Map<number, "draft" | "final">> {
  const out = new Map<string, Map<number, "draft" | "final">>();
  for (const [year, edition] of Object.entries(editions ?? {})) {
    for (const [lang, status] of Object.entries(edition.languages ?? {})) {
      let years = out.get(lang);
      if (!years) out.set(lang, (years = new Map<number, "draft" | "final">()));
      years.set(Number(year), status);
    }
  }
  return out;
}

/** A language's name in English, for messages: `Russian`. */
const LANGUAGE_NAMES = new Intl.DisplayNames("en", { type: "language", fallback: "code" });
export const languageLabel = (lang: string): string => LANGUAGE_NAMES.of(lang) ?? lang;

/** Whether a unit is asked of a language: its report is published in it, or it belongs to the whole site, which is. */
function asked(unit: TextUnit, years: ReadonlyMap<number, "draft" | "final">): "draft" | "final" | undefined {
  if (unit.optional) return undefined;
  const statuses = unit.year === undefined ? [...years.values()] : [unit.year, ...(unit.alsoIn ?? [])].map((y) => years.get(y));
  return statuses.includes("final") ? "final" : statuses.includes("draft") ? "draft" : undefined;
}

/** A country's name in `lang` comes from ISO 3166-1 when countries.yaml's English name is not translated: asked only where ISO has none. */
const stoodInFor = (unit: TextUnit, lang: string): boolean => unit.targets[0]![0] === "countries" && countryNameIn(String(unit.targets[0]![1]), lang) !== undefined;

/** The translation of a unit in a language's files, if it gives one. */
export function translationOfUnit(files: ReadonlyMap<string, unknown> | undefined, unit: TextUnit): string | undefined {
  const value = valueAt(files?.get(unit.home), unit.key);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The fingerprint a translation recorded of the English its unit was translated from, if any. */
export function recordedFingerprint(files: ReadonlyMap<string, unknown> | undefined, unit: TextUnit): string | undefined {
  const recorded = valueAt(files?.get(unit.home), [...unit.owner, "translated_from", unit.name]);
  return typeof recorded === "string" ? recorded : undefined;
}

export interface TranslationCheck {
  readonly data: Texts;
  readonly editions: Editions;
  readonly written: readonly WrittenTranslation[];
  /** The languages that have a catalogue of the report's words (the project's and the data folder's). */
  readonly catalogued: ReadonlySet<string>;
  /** The source of an English data file, to place what is said of it. */
  readonly sourceOf: (file: string) => YamlSource | undefined;
  readonly reportSource?: YamlSource;
}

/** What a language lacks in one English file: the texts' paths there, where the first is, and the reports they belong to. */
export interface Lacking {
  readonly lang: string;
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** The texts' paths in the English file, each with the report it belongs to (none: the whole site). */
  readonly texts: readonly { readonly path: string; readonly year?: number }[];
  readonly years: readonly number[];
  /** Whether a final edition asks for them (then check refuses the data), or only drafts do (English stands in, marked). */
  readonly final: boolean;
}

/** Each language's state: the reports published in it, with their status, and what it lacks. */
export interface LanguageState {
  readonly lang: string;
  readonly years: ReadonlyMap<number, "draft" | "final">;
  readonly lacking: readonly Lacking[];
}

/**
 * What the translations lack (errors where a final edition asks for the text; else listed in the languages'
 * states), what they give that English has not, and what they translated from English that has since changed.
 */
export function translationProblems(check: TranslationCheck): { diagnostics: Diagnostic[]; languages: LanguageState[] } {
  const { data, editions, written } = check;
  const out: Diagnostic[] = [];
  const named = editionLanguages(editions);
  out.push(...languageProblems(check, named));
  // The languages the report can be written in: the others are errors already.
  const languages = new Map([...named].filter(([lang]) => lang !== "en" && check.catalogued.has(lang)));
  const units = textUnits(data);
  const translations = translationsOf(written);
  // Each translation file's source, by language and English file: where a stale translation is placed.
  const sources = new Map(written.map((t) => [`${t.lang}\u0000${t.english}`, t.source] as const));
  const show = (file: string) => path.relative(data.dir, file).split(path.sep).join("/");

  // Files that translate no file there is, or in a language no edition is published in.
  const englishFiles = new Set([...units.map((u) => u.file), path.join(data.dir, "report.yaml")]);
  for (const t of written) {
    if (!englishFiles.has(t.english) && t.kind === "event") {
      // A warning: an event deleted by hand leaves its translations, which are then simply not read.
      out.push({ severity: "warning", file: t.file, message: `not read: it translates ${show(t.english)}, which does not exist: name it after the event's file, with .${t.lang} before .yaml, or delete it` });
    } else if (!named.has(t.lang)) {
      out.push({ severity: "warning", file: t.file, message: `not published: no edition names ${languageLabel(t.lang)} (${t.lang}) in its languages in report.yaml (e.g. \`languages: {${t.lang}: draft}\`)` });
    }
  }
  out.push(...unknownEntries(written, units, show));

  // What each language lacks, per English file; what it translated from an English text since changed.
  const states: LanguageState[] = [];
  for (const [lang, years] of languages) {
    const stateLacking: Lacking[] = [];
    states.push({ lang, years, lacking: stateLacking });
    const files = translations.get(lang);
    const lacking = new Map<string, { units: TextUnit[]; final: boolean; years: Set<number> }>();
    for (const unit of units) {
      const status = asked(unit, years);
      if (!status) continue;
      const translated = translationOfUnit(files, unit);
      if (translated === undefined) {
        if (stoodInFor(unit, lang)) continue;
        const entry = lacking.get(unit.file) ?? { units: [], final: false, years: new Set<number>() };
        for (const y of unit.alsoIn ?? []) if (years.has(y)) entry.years.add(y);
        entry.units.push(unit);
        entry.final ||= status === "final";
        if (unit.year !== undefined && years.has(unit.year)) entry.years.add(unit.year);
        lacking.set(unit.file, entry);
        continue;
      }
      const recorded = recordedFingerprint(files, unit);
      if (recorded !== undefined && recorded !== fingerprint(unit.text)) {
        const source = sources.get(`${lang}\u0000${unit.home}`);
        const where = check.sourceOf(unit.file)?.at(unit.at);
        const english = `${show(unit.file)}${where ? `:${where.line}:${where.col}` : ""}`;
        const message = `the English of ${unit.name} (${english}) has changed since it was translated: revise the ${languageLabel(lang)}, then record it as up to date by saving it in the editor, or with \`activity-report translations confirm --lang ${lang}\``;
        out.push(source ? { ...source.diagnostic(unit.key, message, { severity: "warning" }), about: { kind: "stale-translation", year: unit.year } }
          : { severity: "warning", file: unit.file, message, about: { kind: "stale-translation", year: unit.year } });
      }
    }
    for (const [file, { units: missing, final, years: inYears }] of lacking) {
      const first = missing[0]!;
      const names = missing.map((u) => u.key.join("."));
      const listed = names.length > 6 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
      const sorted = [...inYears].sort();
      const scope = sorted.length === 0 ? "the site is" : sorted.length === 1 ? `the ${sorted[0]} report is` : `the ${sorted.slice(0, -1).join(", ")} and ${sorted.at(-1)} reports are`;
      const source = check.sourceOf(file);
      const place = source?.at(first.at);
      // Each text under the first report published in the language that prints it.
      const shownYear = (u: TextUnit) => (u.year === undefined ? undefined : [u.year, ...(u.alsoIn ?? [])].find((y) => years.has(y)));
      stateLacking.push({ lang, file, ...place, texts: missing.map((u) => ({ path: u.key.join("."), ...(shownYear(u) === undefined ? {} : { year: shownYear(u)! }) })), years: [...inYears].sort(), final });
      if (!final) continue;
      const message = `has no ${languageLabel(lang)} translation of ${listed}, and ${scope} final in ${languageLabel(lang)}: write ${names.length > 1 ? "them" : "it"} in ${[...new Set(missing.map((u) => path.basename(u.home).replace(/\.yaml$/, `.${lang}.yaml`)))].join(" and ")}, or make the language draft in report.yaml`;
      out.push(source ? source.diagnostic(first.at, message) : { severity: "error", file, message });
    }
  }
  return { diagnostics: out, languages: states };
}

/** Languages named by editions that the report cannot be written in. */
function languageProblems(check: TranslationCheck, languages: ReadonlyMap<string, ReadonlyMap<number, unknown>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [lang, years] of languages) {
    for (const year of years.keys()) {
      const at = ["editions", String(year), "languages", lang];
      const message = lang === "en"
        ? "English is the report's working language, in which every edition is written: name only the further languages here"
        : !check.catalogued.has(lang)
          ? `there is no ${languageLabel(lang)} catalogue of the report's words: add locales/${lang}.yaml to the data folder, with every message of the English catalogue translated`
          : undefined;
      if (message) out.push(check.reportSource ? check.reportSource.diagnostic(at, message, { part: "key" }) : { severity: "error", file: path.join(check.data.dir, "report.yaml"), message });
    }
  }
  return out;
}

/** Entries and items of translation files that English has not: an id not defined, an item beyond the English list, a text English does not write. */
function unknownEntries(written: readonly WrittenTranslation[], units: readonly TextUnit[], show: (file: string) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keys = new Map<string, Set<string>>();
  for (const unit of units) {
    let set = keys.get(unit.home);
    if (!set) keys.set(unit.home, (set = new Set()));
    for (let i = 1; i <= unit.key.length; i++) set.add(unit.key.slice(0, i).join("\u0000"));
  }
  for (const t of written) {
    const source = t.source;
    const known = keys.get(t.english);
    // A file that translates no file there is, is an error of its own.
    if (!t.value || !source || (!known && t.kind === "event")) continue;
    const walk = (value: unknown, at: PathSegment[]) => {
      if (value === null || typeof value !== "object") return;
      for (const [k, v] of Object.entries(value)) {
        if (k === "translated_from") continue;
        const key = Array.isArray(value) ? Number(k) : k;
        const here = [...at, key];
        // Abbreviations and organisations are dictionaries of the language: an entry English does not use now is no mistake.
        if ((here[0] === "abbreviations" || here[0] === "organisations") && t.kind === "report.yaml") continue;
        if (!known?.has(here.join("\u0000"))) {
          const what = typeof key === "number" ? `item ${key + 1}` : `"${key}"`;
          out.push(source.diagnostic(here, `not printed: ${show(t.english)} has no ${what} here to translate; check it against the English file`, { part: typeof key === "number" ? "value" : "key", severity: "warning" }));
          continue;
        }
        walk(v, here);
      }
    };
    walk(t.value, []);
  }
  return out;
}

/** The data's texts in `lang`, and what of them English stands in for: by `event:<id>`, `edition:<year>` and `site`, the texts' names. */
export interface TranslatedTexts<T extends Texts> {
  readonly data: T;
  readonly untranslated: ReadonlyMap<string, readonly string[]>;
}

/** The group of `untranslated` a unit is in. */
export const untranslatedGroup = (unit: Pick<TextUnit, "event" | "year" | "targets">): string =>
  unit.event !== undefined ? `event:${unit.event}` : unit.year !== undefined && unit.targets[0]![0] === "report" && unit.targets.length === 1 ? `edition:${unit.year}` : "site";

/**
 * `data` with each text in `lang` where its translation gives one, and
 * English, recorded in `untranslated`, where one that is asked lacks it.
 * Countries without a translated name take ISO 3166-1's name in the language.
 */
export function translatedTexts<T extends Texts>(data: T, editions: Editions, translations: Translations, lang: string): TranslatedTexts<T> {
  const years = editionLanguages(editions).get(lang) ?? new Map<number, "draft" | "final">();
  const files = translations.get(lang);
  const copy = copier(data);
  const untranslated = new Map<string, string[]>();
  for (const unit of textUnits(data)) {
    const translated = translationOfUnit(files, unit);
    if (translated !== undefined) {
      for (const target of unit.targets) copy.set(target, translated);
      continue;
    }
    const [part, code] = unit.targets[0]!;
    if (part === "countries") {
      const iso = countryNameIn(String(code), lang);
      if (iso !== undefined) {
        copy.set(unit.targets[0]!, iso);
        continue;
      }
    }
    if (!asked(unit, years)) continue;
    const group = untranslatedGroup(unit);
    untranslated.set(group, [...(untranslated.get(group) ?? []), unit.at.join(".")]);
  }
  // A language has abbreviations of its own besides those it translates (МЦРМП for ICMPD): all are listed where used.
  const own = valueAt(files?.get(path.join(data.dir, "report.yaml")), ["abbreviations"]);
  if (own !== null && typeof own === "object") {
    for (const [abbreviation, meaning] of Object.entries(own)) {
      if (typeof meaning === "string" && meaning.trim() !== "") copy.set(["report", "abbreviations", abbreviation], meaning);
    }
  }
  return { data: copy.result(), untranslated };
}

/** Sets values deep in `data` without changing it: each object on the way is copied once, the rest shared. */
function copier<T extends object>(data: T) {
  const copied = new WeakSet<object>();
  const shallow = (value: object): object => {
    const copy = Array.isArray(value) ? [...(value as unknown[])] : Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value);
    copied.add(copy);
    return copy;
  };
  const root = shallow(data) as Record<PathSegment, unknown>;
  return {
    set(at: readonly PathSegment[], value: unknown) {
      let here = root;
      for (const segment of at.slice(0, -1)) {
        const next = here[segment];
        if (next === null || typeof next !== "object") return;
        const own = copied.has(next) ? next : shallow(next);
        here[segment] = own;
        here = own as Record<PathSegment, unknown>;
      }
      here[at.at(-1)!] = value;
    },
    result: () => root as T,
  };
}

/**
 * What `check` says of each further language: each report with its status and how many of its texts English still
 * stands in for, then where they are (`show` turns a file into the path the editor reads), one line per file.
 */
export function describeLanguages(states: readonly LanguageState[], show: (file: string) => string): string[] {
  const lines: string[] = [];
  for (const { lang, years, lacking } of states) {
    const texts = lacking.flatMap((l) => l.texts);
    const count = (n: number) => `${n} text${n === 1 ? "" : "s"}`;
    const reports = [...years].sort(([a], [b]) => a - b).map(([year, status]) => {
      const missing = texts.filter((t) => t.year === year).length;
      return `${year} ${status}${missing === 0 ? ", complete" : `, ${count(missing)} not yet translated`}`;
    });
    const site = texts.filter((t) => t.year === undefined).length;
    if (site > 0) reports.push(`the whole site, ${count(site)} not yet translated`);
    lines.push(`${languageLabel(lang)} (${lang}): ${reports.join("; ")}${texts.length > 0 ? ". English stands in, marked, for:" : "."}`);
    for (const l of lacking) {
      const paths = l.texts.map((t) => t.path);
      const shown = paths.length > 10 ? `${paths.slice(0, 8).join(", ")} and ${paths.length - 8} more` : paths.join(", ");
      lines.push(`  ${show(l.file)}${l.line === undefined ? "" : `:${l.line}:${l.col}`}: ${shown}`);
    }
  }
  return lines;
}

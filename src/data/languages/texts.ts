/**
 * The data's texts that are translated, each as a unit: where it is written in
 * English (file and path, for line:col), where its translation is written in
 * the sibling file of a language (schema.ts, "Translations"), and the report it
 * belongs to. Completeness, staleness, the translated data, and the files
 * handed to translators are all worked out from this one list.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { PathSegment } from "../source/yaml-source.ts";
import type { EventFile, ReportFile } from "../contract/schema.ts";
import { MARKDOWN_FIELDS } from "../contract/schema.ts";
import { outlookYear, reportSpan, reportYears } from "../editions.ts";
import { entryOf } from "../lookup.ts";

/** The parts of the data whose texts are translated, as the data set holds them. */
export interface Texts {
  readonly dir: string;
  readonly report: ReportFile;
  readonly strands: readonly { readonly id: string; readonly title: string; readonly short_title?: string; readonly description?: string }[];
  readonly eventTypes: readonly { readonly id: string; readonly label: string; readonly plural: string }[];
  readonly topics: readonly { readonly id: string; readonly label: string }[];
  readonly places: Readonly<Record<string, { readonly name: string }>>;
  readonly countries: Readonly<Record<string, { readonly name: string }>>;
  readonly frameworks: readonly { readonly id: string; readonly title: string; readonly short_title: string; readonly from: number; readonly to: number; readonly goals: readonly { readonly id: string; readonly title: string }[] }[];
  readonly events: readonly (EventFile & { readonly id: string; readonly file: string; readonly reportYear: number })[];
}

/** Where a unit's text is in the data set: the part, and the path in it. */
export type Target = readonly [part: "report" | "strands" | "eventTypes" | "topics" | "places" | "countries" | "frameworks" | "events", ...path: PathSegment[]];

export interface TextUnit {
  /** The English file where the text is written (the first of them, for a name written in several), absolute. */
  readonly file: string;
  /** The text's path in that file. */
  readonly at: readonly PathSegment[];
  /** The English file whose translation files hold its translation: `file`, but report.yaml for the organisations' names. */
  readonly home: string;
  /** The text's path in a translation file. */
  readonly key: readonly PathSegment[];
  /** The path, in a translation file, of the mapping whose `translated_from` records this text. */
  readonly owner: readonly PathSegment[];
  /** The text's name in that `translated_from`: its path from the owner, dotted. */
  readonly name: string;
  /** The English text. */
  readonly text: string;
  readonly markdown: boolean;
  /** The report it belongs to; none: the whole site (the reference files, report.yaml's own texts). */
  readonly year?: number;
  /** Other reports that print it: the one whose outlook lists a planned activity, those that name an organisation. */
  readonly alsoIn?: readonly number[];
  /** Printed by no report (an entry no report uses, an abbreviation): translated where given, asked by none. */
  readonly optional?: boolean;
  /** The event it belongs to. */
  readonly event?: string;
  /** Where the text is in the data set; a name written in several places is in each. */
  readonly targets: readonly Target[];
}

/** The sibling of an English data file that holds its texts in `lang`: `report.yaml` → `report.ru.yaml`. */
export const translationFileOf = (file: string, lang: string): string => file.replace(/\.yaml$/, `.${lang}.yaml`);

/** A translation file's name: the English file's name with the language before `.yaml`. */
export const TRANSLATION_NAME = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$/;

/** The English file and language of a translation file, or undefined for a file that is not one. */
export function translationOf(file: string): { english: string; lang: string } | undefined {
  const match = TRANSLATION_NAME.exec(path.basename(file));
  return match ? { english: path.join(path.dirname(file), `${match[1]}.yaml`), lang: match[2]! } : undefined;
}

/** The fingerprint `translated_from` records of an English text (SOURCE_FINGERPRINT). */
export function fingerprint(text: string): string {
  return createHash("sha256").update(text.trim()).digest("base64url").slice(0, 12);
}

const isMarkdown = (at: readonly PathSegment[]) => MARKDOWN_FIELDS.has(String(at.at(-1)));

type Add = (file: string, at: readonly PathSegment[], key: readonly PathSegment[], owner: readonly PathSegment[], text: unknown, target: Target, year?: number, event?: string, alsoIn?: readonly number[], optional?: boolean) => void;

/** A function that adds a unit to `units`, for a text that is written (an empty one is no text to translate). */
function adder(units: TextUnit[]): Add {
  return (file, at, key, owner, text, target, year, event, alsoIn, optional) => {
    if (typeof text !== "string" || text.trim() === "") return;
    const name = key.slice(owner.length).join(".");
    units.push({ file, at, home: file, key, owner, name, text, markdown: isMarkdown(at), year, event, targets: [target], ...(alsoIn?.length ? { alsoIn } : {}), ...(optional ? { optional } : {}) });
  };
}

/** Every text of the data that a translation may give, in the order of the files. */
export function textUnits(data: Texts): TextUnit[] {
  const units: TextUnit[] = [];
  const add = adder(units);
  const file = (name: string) => path.join(data.dir, name);
  const editions = data.report.editions ?? {};
  const spans = reportYears(data.events, editions).map((year) => reportSpan(year, entryOf(editions, String(year))));

  // report.yaml: its own texts, then each edition's.
  const report = file("report.yaml");
  const r = data.report;
  for (const field of ["organisation", "secretariat", "title", "about"] as const) add(report, [field], [field], [], r[field], ["report", field]);
  (r.logos ?? []).forEach((logo, i) => add(report, ["logos", i, "alt"], ["logos", i, "alt"], [], logo.alt, ["report", "logos", i, "alt"]));
  // Abbreviations are translated where the language uses them: no report asks for one (Annex D lists those its text uses).
  for (const [abbreviation, meaning] of Object.entries(r.abbreviations ?? {})) add(report, ["abbreviations", abbreviation], ["abbreviations", abbreviation], [], meaning, ["report", "abbreviations", abbreviation], ...printedIn([]));
  for (const field of ["publisher", "address", "copyright", "disclaimer", "editor", "funding"] as const) {
    add(report, ["imprint", field], ["imprint", field], [], r.imprint?.[field], ["report", "imprint", field]);
  }
  for (const [key, edition] of Object.entries(r.editions ?? {})) {
    const year = Number(key);
    const owner = ["editions", key];
    const at = (...rest: PathSegment[]) => [...owner, ...rest];
    const unit = (rest: PathSegment[], text: unknown) => add(report, at(...rest), at(...rest), owner, text, ["report", ...at(...rest)], year);
    for (const field of ["chair", "co_chair", "foreword", "summary"] as const) unit([field], edition[field]);
    (edition.signatories ?? []).forEach((s, i) => {
      for (const field of ["name", "title", "organisation"] as const) unit(["signatories", i, field], s[field]);
    });
    for (const [strand, texts] of Object.entries(edition.strands ?? {})) {
      unit(["strands", strand, "introduction"], texts.introduction);
      unit(["strands", strand, "highlights"], texts.highlights);
    }
    unit(["outlook"], edition.outlook);
    unit(["cover_photo", "alt"], edition.cover_photo?.alt);
    unit(["cover_photo", "caption"], edition.cover_photo?.caption);
    (edition.corrigenda ?? []).forEach((c, i) => unit(["corrigenda", i, "note"], c.note));
  }

  // The reference files: their entries' texts under their ids, each asked by the reports that print it.
  const use = usage(data);
  const entries = <T extends { id: string }>(name: string, part: Target[0], list: readonly T[], fields: readonly (keyof T & string)[], used: ReadonlyMap<string, ReadonlySet<number>>) => {
    list.forEach((entry, i) => {
      const years = [...(used.get(entry.id) ?? [])].sort((a, b) => a - b);
      for (const field of fields) add(file(name), [i, field], [entry.id, field], [entry.id], entry[field], [part, i, field], ...printedIn(years));
    });
  };
  entries("strands.yaml", "strands", data.strands, ["title", "short_title", "description"], use.strands);
  entries("event-types.yaml", "eventTypes", data.eventTypes, ["label", "plural"], use.types);
  entries("topics.yaml", "topics", data.topics, ["label"], use.topics);
  data.frameworks.forEach((f, i) => {
    // A framework is printed by the reports of the years it is in force (their section on the goals).
    const years = Array.from({ length: Math.max(0, f.to - f.from + 1) }, (_, k) => f.from + k);
    for (const field of ["title", "short_title"] as const) add(file("frameworks.yaml"), [i, field], [f.id, field], [f.id], f[field], ["frameworks", i, field], ...printedIn(years));
    f.goals.forEach((g, j) => add(file("frameworks.yaml"), [i, "goals", j, "title"], [f.id, "goals", g.id, "title"], [f.id], g.title, ["frameworks", i, "goals", j, "title"], ...printedIn(years)));
  });
  for (const [id, place] of Object.entries(data.places)) {
    add(file("places.yaml"), [id, "name"], [id, "name"], [id], place.name, ["places", id, "name"], ...printedIn([...(use.places.get(id) ?? [])].sort((a, b) => a - b)));
  }
  for (const [code, country] of Object.entries(data.countries)) add(file("countries.yaml"), [code, "name"], [code, "name"], [code], country.name, ["countries", code, "name"]);

  // The events, each in its own file.
  data.events.forEach((e, i) => {
    // A planned activity's title is printed in the outlook of the report before it, too.
    const outlook = e.status === "planned" ? outlookYear(e.date, spans) : undefined;
    units.push(...eventTextUnits(e, i, outlook));
  });
  units.push(...organisationUnits(data, file("report.yaml")));
  return units;
}

/** The texts of one event, the `index`th of the data set's events; `outlook`, the report whose outlook prints its title. */
export function eventTextUnits(e: Texts["events"][number], index = 0, outlook?: number): TextUnit[] {
  const units: TextUnit[] = [];
  const add = adder(units);
  const unit = (at: PathSegment[], text: unknown, alsoIn?: readonly number[]) => add(e.file, at, at, [], text, ["events", index, ...at], e.reportYear, e.id, alsoIn);
  unit(["title"], e.title, outlook === undefined || outlook === e.reportYear ? [] : [outlook]);
  for (const field of ["summary", "body", "outcomes", "host"] as const) unit([field], e[field]);
  (e.chairs ?? []).forEach((chair, j) => unit(["chairs", j], chair));
  (e.documents ?? []).forEach((d, j) => {
    unit(["documents", j, "title"], d.title);
    unit(["documents", j, "adopted_by"], d.adopted_by);
  });
  (e.photos ?? []).forEach((p, j) => {
    unit(["photos", j, "alt"], p.alt);
    unit(["photos", j, "caption"], p.caption);
  });
  return units;
}

/** A unit's `year` and `alsoIn` for a text printed by the reports of `years` (ascending); none: printed by no report, asked by none. */
function printedIn(years: readonly number[]): [year: number | undefined, event: undefined, alsoIn: readonly number[] | undefined, optional: boolean] {
  return years.length === 0 ? [undefined, undefined, undefined, true] : [years[0], undefined, years.slice(1), false];
}

/** The report years that use each place, strand, type and topic: by their events, the Senior Officials Meeting and the chapters' texts. */
function usage(data: Texts) {
  const places = new Map<string, Set<number>>();
  const strands = new Map<string, Set<number>>();
  const types = new Map<string, Set<number>>();
  const topics = new Map<string, Set<number>>();
  const note = (map: Map<string, Set<number>>, id: string | undefined, year: number) => {
    if (id !== undefined) map.set(id, (map.get(id) ?? new Set<number>()).add(year));
  };
  for (const e of data.events) {
    note(places, e.place, e.reportYear);
    for (const s of e.strands) note(strands, s, e.reportYear);
    note(types, e.type, e.reportYear);
    for (const t of e.topics ?? []) note(topics, t, e.reportYear);
  }
  for (const [key, edition] of Object.entries(data.report.editions ?? {})) {
    note(places, edition.som?.place, Number(key));
    for (const s of Object.keys(edition.strands ?? {})) note(strands, s, Number(key));
  }
  return { places, strands, types, topics };
}

/**
 * The names of organisations (the participating organisations, report-wide, of an edition or of an event, and the
 * events' partners): each name once, translated once in report.<lang>.yaml under `organisations`, so that it reads
 * the same wherever it is printed and the organisations are counted as in English.
 */
function organisationUnits(data: Texts, report: string): TextUnit[] {
  const found = new Map<string, { file: string; at: PathSegment[]; targets: Target[]; years: Set<number | "site"> }>();
  const note = (name: string, file: string, at: PathSegment[], target: Target, year: number | "site") => {
    const entry = found.get(name) ?? { file, at, targets: [], years: new Set<number | "site">() };
    entry.targets.push(target);
    entry.years.add(year);
    found.set(name, entry);
  };
  (data.report.participating_organisations ?? []).forEach((name, i) => note(name, report, ["participating_organisations", i], ["report", "participating_organisations", i], "site"));
  for (const [key, edition] of Object.entries(data.report.editions ?? {})) {
    (edition.participating_organisations ?? []).forEach((name, i) =>
      note(name, report, ["editions", key, "participating_organisations", i], ["report", "editions", key, "participating_organisations", i], Number(key)));
  }
  data.events.forEach((e, k) => {
    for (const field of ["participating_organisations", "partners"] as const) {
      (e[field] ?? []).forEach((name, i) => note(name, e.file, [field, i], ["events", k, field, i], e.reportYear));
    }
  });
  return [...found].map(([name, { file, at, targets, years }]) => {
    const numbered = [...years].filter((y): y is number => y !== "site").sort((a, b) => a - b);
    const year = years.has("site") ? undefined : numbered[0];
    return {
      file, at, home: report, key: ["organisations", name], owner: [], name: `organisations.${name}`, text: name, markdown: false,
      ...(year === undefined ? {} : { year }), ...(year !== undefined && numbered.length > 1 ? { alsoIn: numbered.slice(1) } : {}), targets,
    };
  });
}

/** The value at `at` in a parsed YAML value, if there is one. */
export function valueAt(value: unknown, at: readonly PathSegment[]): unknown {
  let here = value;
  for (const segment of at) {
    if (here === null || typeof here !== "object") return undefined;
    here = Object.prototype.hasOwnProperty.call(here, segment) ? (here as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return here;
}

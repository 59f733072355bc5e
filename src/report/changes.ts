/**
 * What a build changed, for the editor who made it: each year's key figures,
 * and what differs from the last build of the same output folder in every data
 * file (which file, which field, which reports it changed), so that a typo fix
 * is seen to change only what it should, and not to move a total.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { OPTIONAL_FILES, REFERENCE_FILES, type DataSet } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import type { PictureStamp } from "../data/attachments/images.ts";
import { translationOf } from "../data/languages/texts.ts";
import { languageLabel } from "../data/languages/translations.ts";
import { formatCount, type Count } from "../format/counts.ts";
import { columnLabels, figureLabels, type FigureTotal } from "./figures.ts";
import type { ReportView, SiteModel } from "./model.ts";

export const MANIFEST_VERSION = 4;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Kept in the output folder's marker file, to compare the next build with. */
export interface Manifest {
  readonly version: number;
  /** Every data file's value as read, by its path in the data folder (`places.yaml`, `events/2018/x.yaml`). */
  readonly files: Readonly<Record<string, Json>>;
  /** The report each event file belongs to, by its path. */
  readonly eventYears: Readonly<Record<string, number>>;
  /** A digest of everything each report prints, by year: a report whose digest differs has changed. */
  readonly reports: Readonly<Record<string, string>>;
  /** The same of each further language's reports, by language and year. */
  readonly languageReports?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Each year's key figures as printed, by year and figure. */
  readonly figures: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Every picture of images/ by its path, with what tells a replaced one (pictureStamps). */
  readonly pictures: Readonly<Record<string, PictureStamp>>;
  /** The reports that show each picture (a logo: all of them), by its path. */
  readonly pictureYears: Readonly<Record<string, readonly number[]>>;
}

/** The reports of `site` that show each picture: its events' photos, its cover photo, and the logos, on every report. */
function pictureYearsOf(data: DataSet, site: SiteModel): Record<string, number[]> {
  const years = new Map<string, Set<number>>();
  const add = (file: string, year: number) => years.set(file, (years.get(file) ?? new Set()).add(year));
  const built = new Set(site.reports.map((r) => r.year));
  for (const logo of data.logos) for (const year of built) add(logo.file, year);
  for (const [year, edition] of Object.entries(data.report.editions ?? {})) if (edition?.cover_photo && built.has(Number(year))) add(edition.cover_photo.file, Number(year));
  for (const event of data.events) for (const photo of event.photos ?? []) if (built.has(event.reportYear)) add(photo.file, event.reportYear);
  return Object.fromEntries([...years].map(([file, set]) => [file, [...set].sort((a, b) => b - a)]));
}

const text = (t: FigureTotal) => t.text;
/** A label within a line: "Activities held" reads "activities held". */
const named = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
const toJson = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null)) as Json;
const posix = (p: string) => p.split(path.sep).join("/");

/** Where a list's order is kept once it is a mapping by id. */
const ORDER = "(order)";

/** Lists of entries with ids (strands, types, topics) become mappings by id, so that a change is named by the entry, not its place. */
function byId(list: readonly { id: string }[]): Json {
  return { ...Object.fromEntries(list.map((item) => [item.id, toJson(item)])), [ORDER]: list.map((item) => item.id) };
}

/** What a report prints, but not the links between event pages of different years. */
function digest(report: ReportView, site: SiteModel): string {
  const shared = [site.organisation, site.secretariat, site.title, site.logo, site.paragraphNumbers];
  const text = JSON.stringify([shared, report], (key, value: unknown) => (key === "previous" || key === "next" ? undefined : value));
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}

export function manifestOf(data: DataSet, site: SiteModel, pictures: Readonly<Record<string, PictureStamp>> = {}, languages: readonly SiteModel[] = []): Manifest {
  // An activity planned in a year without a report is told against the report whose outlook lists it.
  const built = new Map(site.events.map((e) => [e.id, e.report?.year ?? e.reportYear]));
  const files: Record<string, Json> = {
    [REFERENCE_FILES.report]: toJson(data.report),
    [REFERENCE_FILES.strands]: byId(data.strands),
    [REFERENCE_FILES.eventTypes]: byId(data.eventTypes),
    [REFERENCE_FILES.topics]: byId(data.topics),
    [REFERENCE_FILES.places]: toJson(data.places),
    [REFERENCE_FILES.countries]: toJson(data.countries),
    // An optional file is in the manifest only when it defines something, so that taking it away reads as removed.
    ...(data.frameworks.length > 0 ? { [OPTIONAL_FILES.frameworks]: byId(data.frameworks) } : {}),
  };
  const eventYears: Record<string, number> = {};
  for (const { id, file, reportYear: _year, ...fields } of data.events) {
    if (!built.has(id)) continue;
    const key = posix(path.relative(data.dir, file));
    files[key] = toJson(fields);
    eventYears[key] = built.get(id)!;
  }
  // The translation files, as written: a change of a translation is a change of what is published in its language.
  const englishKeys = new Set(Object.keys(files));
  for (const [lang, translated] of data.translations) {
    for (const [english, value] of translated) {
      const englishKey = posix(path.relative(data.dir, english));
      if (!englishKeys.has(englishKey)) continue;
      const key = englishKey.replace(/\.yaml$/, `.${lang}.yaml`);
      files[key] = toJson(value);
      if (englishKey in eventYears) eventYears[key] = eventYears[englishKey]!;
    }
  }
  const reports = Object.fromEntries(site.reports.map((r) => [String(r.year), digest(r, site)]));
  // The report's own names for its key figures, and its words for each total, coverage included.
  const FIGURE_LABELS = figureLabels(site.language);
  const COLUMN_LABELS = columnLabels(site.language);
  const figures = Object.fromEntries(site.reports.map(({ year, figures: f }) => [String(year), {
    [named(FIGURE_LABELS.events)]: site.language.number(f.events),
    [named(FIGURE_LABELS.participants)]: text(f.participants),
    [named(FIGURE_LABELS.states)]: text(f.states),
    [named(COLUMN_LABELS.countries)]: text(f.countries),
    [named(FIGURE_LABELS.organisationsPresent)]: text(f.organisationsPresent),
    [named(COLUMN_LABELS.organisations)]: text(f.organisations),
    [named(FIGURE_LABELS.trainings)]: site.language.number(f.trainings),
    [named(FIGURE_LABELS.trainees)]: text(f.trainees),
  }]));
  const languageReports = Object.fromEntries(languages.filter((l) => l.lang !== site.lang).map((l) => [l.lang, Object.fromEntries(l.reports.map((r) => [String(r.year), digest(r, l)]))]));
  return { version: MANIFEST_VERSION, files, eventYears, reports, ...(languages.length > 1 ? { languageReports } : {}), figures, pictures, pictureYears: pictureYearsOf(data, site) };
}

/** The manifest in a marker file's text: undefined for a first build, "older" for one written by an earlier version. */
export function readManifest(text: string | undefined): Manifest | "older" | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Manifest;
    return parsed.version === MANIFEST_VERSION ? parsed : "older";
  } catch {
    return "older";
  }
}

export interface FieldChange {
  /** `dhaka.name`, `editions.2017.foreword`; empty for the whole file. */
  readonly field: string;
  readonly before?: Json;
  readonly after?: Json;
}

/** Every field that differs between two values of a file, deepest first-level paths named with dots. */
export function fieldChanges(before: Json | undefined, after: Json | undefined, at: readonly string[] = []): FieldChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isRecord = (v: Json | undefined): v is { [key: string]: Json } => v !== null && typeof v === "object" && !Array.isArray(v);
  // A date or a count is one value, whatever it is made of.
  const atomic = (v: { [key: string]: Json }) => "iso" in v || "value" in v;
  if (isRecord(before) && isRecord(after) && !atomic(before) && !atomic(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    // Keys are the editors' ids: "constructor" must not find Object's.
    return keys.flatMap((key) => fieldChanges(entryOf(before, key), entryOf(after, key), [...at, key]));
  }
  return [{ field: at.join("."), before, after }];
}

/** A value as the editor wrote it, short: `"Dhaka"`, `2018-05-07`, `over 75`; undefined when it is too long to show. */
function shown(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return "nothing";
  if (typeof value === "string") return value.length <= 60 && !value.includes("\n") ? JSON.stringify(value) : undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (!Array.isArray(value) && typeof value.iso === "string") return value.iso;
  if (!Array.isArray(value) && typeof value.value === "number") return formatCount(value as unknown as Count);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    const text = `[${value.join(", ")}]`;
    return text.length <= 80 ? text : undefined;
  }
  return undefined;
}

function describeField(change: FieldChange): string {
  if (change.field === ORDER) return "the order of the entries";
  const before = shown(change.before);
  const after = shown(change.after);
  return before !== undefined && after !== undefined ? `${change.field} ${before} → ${after}` : change.field;
}

/** The ids of what each report uses from the reference files, to tell which reports a change to one could touch. */
function uses(report: ReportView): Record<string, Set<string>> {
  const events = report.events;
  return {
    [REFERENCE_FILES.places]: new Set([...events.flatMap((e) => (e.place?.kind === "place" ? [e.place.id] : [])), ...(report.edition?.som ? [report.edition.som.placeId] : [])]),
    [REFERENCE_FILES.strands]: new Set(report.chapters.map((c) => c.strand.id)),
    [REFERENCE_FILES.eventTypes]: new Set(events.map((e) => e.type.id)),
    [REFERENCE_FILES.topics]: new Set(events.flatMap((e) => e.topics.map((t) => t.id))),
    [REFERENCE_FILES.countries]: new Set([...events.flatMap((e) => (e.place ? [e.place.country.code] : [])), ...report.participatingStates.map((s) => s.code)]),
    [OPTIONAL_FILES.frameworks]: new Set(report.goalsProgress.map((p) => p.framework.id)),
  };
}

function yearsText(years: readonly number[]): string {
  if (years.length === 0) return "no report changed";
  return `${years.length === 1 ? "report" : "reports"} ${years.join(", ")}`;
}

/** Each year's key figures, latest first: the lines a build begins its account with. */
function figureLines(current: Manifest): string[] {
  return Object.entries(current.figures).sort(([a], [b]) => Number(b) - Number(a)).map(([year, figures]) => {
    // A semicolon between figures: a total's coverage ("at least 90, from 3 of 6 activities") has a comma of its own.
    const stated = Object.entries(figures).filter(([, v]) => v !== "not reported" && v !== "0").map(([k, v]) => `${k} ${v}`);
    return `${year}: ${stated.length > 0 ? stated.join("; ") : "no activity held"}`;
  });
}

/** The reports whose content differs between the builds (or that appeared or went): English's, or a further language's. */
function changedReportsOf(previous: Manifest, current: Manifest, lang?: string): Set<number> {
  const before = lang === undefined ? previous.reports : (previous.languageReports?.[lang] ?? {});
  const after = lang === undefined ? current.reports : (current.languageReports?.[lang] ?? {});
  return new Set(
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((year) => entryOf(before, year) !== entryOf(after, year))
      .map(Number),
  );
}

/** The reports that a change of a file's field (`""`: the whole file) reaches, of those that changed, latest first. */
function reportsReached(previous: Manifest, current: Manifest, englishReports: ReadonlySet<number>, site: SiteModel | undefined) {
  return (file: string, field: string): number[] => {
    // A translation file reaches what its English file does, in its language.
    const translation = translationOf(file);
    const english = translation?.english ?? file;
    const changedReports = translation ? changedReportsOf(previous, current, translation.lang) : englishReports;
    let candidates: number[];
    const years = [entryOf(current.eventYears, file), entryOf(previous.eventYears, file)].filter((y): y is number => y !== undefined);
    if (years.length > 0) {
      candidates = years;
    } else if (english === REFERENCE_FILES.report) {
      const edition = /^editions\.(\d{4})(?:\.|$)/.exec(field);
      candidates = edition ? [Number(edition[1])] : [...changedReports];
    } else if (field === "") {
      // A whole file added or removed: the reports that use any of it now, or, for one removed, those that changed.
      candidates = entryOf(current.files, file) === undefined
        ? [...changedReports]
        : (site?.reports ?? []).filter((r) => (uses(r)[english]?.size ?? 0) > 0).map((r) => r.year);
    } else {
      const id = field.split(".")[0]!;
      candidates = (site?.reports ?? [])
        .filter((r) => id === ORDER || uses(r)[english]?.has(id))
        .map((r) => r.year);
      // A report that no longer exists used it too, if it changed.
      for (const year of changedReports) if (!(String(year) in current.reports)) candidates.push(year);
    }
    return [...new Set(candidates)].filter((y) => changedReports.has(y)).sort((a, b) => b - a);
  };
}

interface FileChanges {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

/** The data files added, removed and changed (field by field), each with the reports it reaches; reference files first. */
function dataFileChanges(previous: Manifest, current: Manifest, reportsOf: (file: string, field: string) => number[], out: FileChanges): void {
  const files = [...new Set([...Object.keys(previous.files), ...Object.keys(current.files)])].sort((a, b) => {
    const ref = (f: string) => (f.includes("/") ? 1 : 0);
    return ref(a) - ref(b) || a.localeCompare(b);
  });
  for (const file of files) {
    const before = entryOf(previous.files, file);
    const after = entryOf(current.files, file);
    const lang = translationOf(file)?.lang;
    const reports = (years: readonly number[]) => `${yearsText(years)}${lang !== undefined && years.length > 0 ? ` in ${languageLabel(lang)}` : ""}`;
    if (before === undefined) out.added.push(`${file} (${reports(reportsOf(file, ""))})`);
    else if (after === undefined) out.removed.push(`${file} (${reports(reportsOf(file, ""))})`);
    else {
      const fields = fieldChanges(before, after);
      if (fields.length === 0) continue;
      const years = [...new Set(fields.flatMap((f) => reportsOf(file, f.field)))].sort((a, b) => b - a);
      out.changed.push(`${file}: ${fields.map(describeField).join("; ")} (${reports(years)})`);
    }
  }
}

/** The pictures added, removed and replaced, told by their digests: a file copied over with the same content is no change. */
function pictureChanges(previous: Manifest, current: Manifest, out: FileChanges): void {
  const previousPictures = previous.pictures ?? {};
  for (const file of [...new Set([...Object.keys(previousPictures), ...Object.keys(current.pictures)])].sort()) {
    const before = entryOf(previousPictures, file);
    const after = entryOf(current.pictures, file);
    const years = [...new Set([...(entryOf(current.pictureYears, file) ?? []), ...(entryOf(previous.pictureYears ?? {}, file) ?? [])])].sort((a, b) => b - a);
    if (!before) out.added.push(`${file} (${yearsText(years)})`);
    else if (!after) out.removed.push(`${file} (${yearsText(years)})`);
    else if (before.digest !== after.digest) out.changed.push(`${file}: the picture was replaced (${yearsText(years)})`);
  }
}

/** The key figures whose value moved: `2019 participants: 60 → 75`. */
function movedFigures(previous: Manifest, current: Manifest): string[] {
  const moved: string[] = [];
  for (const [year, figures] of Object.entries(current.figures)) {
    for (const [name, value] of Object.entries(figures)) {
      const old = entryOf(previous.figures, year)?.[name];
      if (old !== undefined && old !== value) moved.push(`${year} ${name}: ${old} → ${value}`);
    }
  }
  return moved;
}

/** Lines for the editor: each year's figures, then what changed since `previous`. */
export function describeChanges(previous: Manifest | "older" | undefined, current: Manifest, site?: SiteModel): string[] {
  const lines = figureLines(current);
  if (previous === undefined) {
    lines.push("This is the first build of this output folder, so there is nothing to compare with.");
    return lines;
  }
  if (previous === "older") {
    lines.push("The last build of this output folder was made by an earlier version, so there is nothing to compare with.");
    return lines;
  }
  const changedReports = changedReportsOf(previous, current);
  const changes: FileChanges = { added: [], removed: [], changed: [] };
  dataFileChanges(previous, current, reportsReached(previous, current, changedReports, site), changes);
  pictureChanges(previous, current, changes);
  const moved = movedFigures(previous, current);
  const { added, removed, changed } = changes;
  const languagesChanged = Object.keys({ ...previous.languageReports, ...current.languageReports }).some((lang) => changedReportsOf(previous, current, lang).size > 0);
  if (added.length + removed.length + changed.length + moved.length === 0 && changedReports.size === 0 && !languagesChanged) {
    lines.push("Since the last build: no data file, report or figure changed.");
    return lines;
  }
  lines.push("Since the last build:");
  for (const entry of added) lines.push(`  added: ${entry}`);
  for (const entry of removed) lines.push(`  removed: ${entry}`);
  for (const entry of changed) lines.push(`  changed: ${entry}`);
  lines.push(moved.length ? `  figures that moved: ${moved.join("; ")}` : "  no key figure moved");
  return lines;
}

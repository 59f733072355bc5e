/**
 * Reads the data folder and checks it against the contract: every problem in
 * every file at once, each placed at its file, line and column.
 */
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import countryCodes from "i18n-iso-countries";
import { z } from "zod";
import { compareDates, within, type PartialDate } from "../format/dates.ts";
import { DataError, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import { findDuplicates, type Entry } from "./duplicates.ts";
import { listFolder, walkFolder } from "./files.ts";
import {
  countriesSchema, editionSchema, eventSchema, eventTypesSchema, ID_PATTERN, placesSchema, reportSchema, strandsSchema, topicsSchema,
  type CountryFile, type Edition, type EventFile, type EventType, type PlaceFile, type ReportFile, type Strand, type Topic,
} from "./schema.ts";
import { defines } from "./lookup.ts";
import { scanPictures, type Picture } from "./pictures.ts";
import { didYouMean } from "./suggest.ts";
import { parseFields, parseWith, validFields } from "./zod-issues.ts";
import { characterProblems, readYamlSource, type YamlSource } from "./yaml-source.ts";

export interface EventRecord extends EventFile {
  /** The file name without extension: stable id and URL slug. */
  readonly id: string;
  readonly file: string;
  /** The report that covers the event. */
  readonly reportYear: number;
}

export interface DataSet {
  readonly dir: string;
  readonly report: ReportFile;
  readonly strands: readonly Strand[];
  readonly eventTypes: readonly EventType[];
  readonly topics: readonly Topic[];
  readonly places: Readonly<Record<string, PlaceFile>>;
  readonly countries: Readonly<Record<string, CountryFile>>;
  /** In time order. */
  readonly events: readonly EventRecord[];
  /** The pictures of images/ that may be published. */
  readonly pictures: readonly Picture[];
}

export interface LoadResult {
  readonly data?: DataSet;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
}

export const REFERENCE_FILES = {
  report: "report.yaml",
  strands: "strands.yaml",
  eventTypes: "event-types.yaml",
  topics: "topics.yaml",
  places: "places.yaml",
  countries: "countries.yaml",
} as const;

const EVENTS_DIR = "events";
const YAML_FILE = /\.ya?ml$/;

async function readParsed<S extends z.ZodType>(file: string, schema: S, diagnostics: Diagnostic[]) {
  // Whether anything has the name: a folder or a pipe under it is reported by the reader, for what it is.
  const exists = await lstat(file).then(() => true, (error: NodeJS.ErrnoException) => error.code !== "ENOENT");
  if (!exists) {
    diagnostics.push({ severity: "error", file, message: "the file is missing; every data folder needs it (see docs/data.md)" });
    return {};
  }
  const outside = await linkOutOf(await realpath(path.dirname(file)), file);
  if (outside) {
    diagnostics.push(outside);
    return {};
  }
  const { source, diagnostics: readProblems } = readYamlSource(file);
  diagnostics.push(...readProblems, ...(source ? characterProblems(source) : []));
  if (!source || readProblems.length > 0) return { source };
  const { value, diagnostics: shapeProblems } = parseWith(source, schema);
  diagnostics.push(...shapeProblems);
  return { source, value };
}

/** An error when `file` leads, through a link, out of the data folder (`realDir`, resolved): a link may point anywhere on the machine. */
async function linkOutOf(realDir: string, file: string, what: "file" | "events folder" = "file"): Promise<Diagnostic | undefined> {
  const target = await realpath(file).catch(() => undefined);
  if (target?.startsWith(`${realDir}${path.sep}`)) return undefined;
  const copy = what === "file" ? "the file" : "the events";
  return { severity: "error", file, message: `the ${what} is a link to ${target ?? "nothing"}, outside the data folder; copy ${copy} in instead` };
}

/** readParsed for a file that is one mapping, also returning the fields that are valid on their own. */
async function readFields<S extends z.ZodObject>(file: string, schema: S, diagnostics: Diagnostic[]) {
  const { source } = await readParsed(file, z.unknown(), diagnostics);
  if (!source) return { fields: undefined };
  const parsed = parseFields(source, schema);
  diagnostics.push(...parsed.diagnostics);
  return { source, value: parsed.value, fields: parsed.fields };
}

/** The event files, and a diagnostic for a missing folder or for files that are not read. */
async function listEventFiles(dir: string, out: Diagnostic[]): Promise<string[]> {
  const root = path.join(dir, EVENTS_DIR);
  const files: string[] = [];
  const realDir = await realpath(dir);
  if (!(await lstat(root).then(() => true, () => false))) {
    out.push({ severity: "error", file: root, message: "the events folder is missing; every data folder needs one (see docs/data.md)" });
    return [];
  }
  // The events folder itself may be a link; it must not lead out of the data folder either.
  const outside = await linkOutOf(realDir, root, "events folder");
  if (outside) {
    out.push(outside);
    return [];
  }
  for await (const entry of walkFolder(root, (d) => out.push(d))) {
    if (entry.kind === "link") {
      const outside = await linkOutOf(realDir, entry.path);
      if (outside) {
        out.push(outside);
        continue;
      }
    }
    // What is not an ordinary file (a folder behind a link, a pipe) is reported by the reader, which never waits on it.
    if (YAML_FILE.test(entry.name)) files.push(entry.path);
    else if (/\.ya?ml$/i.test(entry.name)) {
      out.push({ severity: "warning", file: entry.path, message: `not read: event files end in .yaml, in lower case; rename it to ${entry.name.replace(/\.ya?ml$/i, ".yaml")}` });
    } else out.push({ severity: "warning", file: entry.path, message: "not read: event files are .yaml files (lower case)" });
  }
  if (files.length === 0) out.push({ severity: "warning", file: root, message: "there are no events yet, so no report is built" });
  if (files.length > MAX_EVENTS) {
    out.push({ severity: "error", file: root, message: `there are ${files.length} event files; a report holds at most ${MAX_EVENTS.toLocaleString("en")}` });
    return [];
  }
  return files.sort();
}

/** What the root of the data folder may hold besides the reference files. */
const ROOT_FOLDERS = [EVENTS_DIR, "images"];

/**
 * Warnings for YAML files in the data folder's root that are not reference
 * files: `place.yaml` is not read, and would otherwise be ignored in silence.
 */
async function unknownRootFiles(dir: string, out: Diagnostic[]): Promise<void> {
  const known: string[] = Object.values(REFERENCE_FILES);
  const entries = await listFolder(dir).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith(".") || known.includes(entry.name) || ROOT_FOLDERS.includes(entry.name) || !/\.ya?ml$/i.test(entry.name)) continue;
    const holds = `${known.slice(0, -1).join(", ")} and ${known.at(-1)}, the events in the folder ${EVENTS_DIR} and pictures in the folder images`;
    const hint = didYouMean(entry.name, known);
    out.push({
      severity: "warning",
      file: entry.path,
      message: hint ? `not read${hint} The data folder holds ${holds}` : `not read: the data folder holds ${holds}; an event file goes into the events folder`,
    });
  }
}

/** Far above what the archive of a dialogue will hold; a guard against a data folder that is not one. */
export const MAX_EVENTS = 100_000;

/**
 * The ids a reference list defines, each checked to be used once. When the file
 * has other errors, the ids are still read from what was written, so that the
 * events' references can be checked too; undefined when nothing can be read.
 */
function listedIds(file: { source?: YamlSource; value?: readonly { id: string }[] }, what: string, out: Diagnostic[]): Set<string> | undefined {
  const raw = file.source?.value;
  const items = file.value ?? (Array.isArray(raw) ? (raw as unknown[]).filter((i): i is { id: string } => typeof (i as { id?: unknown })?.id === "string") : undefined);
  if (!items) return undefined;
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (file.value && seen.has(item.id)) out.push(file.source!.diagnostic([index, "id"], `${what} id "${item.id}" is used twice`));
    seen.add(item.id);
  });
  return seen;
}

/** The report an event belongs to: its explicit report_year, else the edition whose period holds its date, else its year. */
export function reportYearOf(event: Pick<EventFile, "date" | "report_year">, periods: readonly ReportPeriod[]): number {
  if (event.report_year !== undefined) return event.report_year;
  return periods.find((p) => within(event.date, p.from, p.to))?.year ?? event.date.year;
}

type ReportPeriod = { readonly year: number; readonly from: PartialDate; readonly to: PartialDate };

/** The editions that cover a period other than their calendar year. */
export function reportPeriods(editions: Readonly<Record<string, Partial<Edition>>> | undefined): ReportPeriod[] {
  return Object.entries(editions ?? {}).flatMap(([year, e]) => (e.period ? [{ year: Number(year), ...e.period }] : []));
}

/**
 * The editions as written, each with its fields that are valid on their own:
 * one mistyped field must not make an edition, or all of them, look missing
 * to the checks that read them.
 */
function writtenEditions(fields: Partial<ReportFile> | undefined, raw: unknown): Readonly<Record<string, Partial<Edition>>> | undefined {
  if (fields?.editions) return fields.editions;
  const written = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>).editions : undefined;
  if (written === null || typeof written !== "object" || Array.isArray(written)) return undefined;
  const editions: Record<string, Partial<Edition>> = Object.create(null);
  for (const [year, edition] of Object.entries(written)) {
    if (/^\d{4}$/.test(year)) editions[year] = validFields(editionSchema, edition);
  }
  return editions;
}

/**
 * Whether `code` names a country: an ISO 3166-1 code or one of countries.yaml.
 * `countries` is undefined when countries.yaml cannot be read; its error is
 * reported, and codes are then not held against it.
 */
function isKnownCountry(code: string, countries: Readonly<Record<string, unknown>> | undefined): boolean {
  return countries === undefined || countryCodes.isValid(code) || defines(countries, code);
}

/** A mapping as written, for checking references to it while its file has other errors. */
function writtenMapping(file: { source?: YamlSource; value?: Readonly<Record<string, unknown>> }): Readonly<Record<string, unknown>> | undefined {
  const raw = file.source?.value;
  return file.value ?? (raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined);
}

/** `unknown place "sarajvo", did you mean "sarajevo"?`, or where the known ids are listed. */
function unknownId(kind: string, typed: string, known: Iterable<string>, listedIn: string, hint = didYouMean(typed, known)): string {
  return `unknown ${kind} "${typed}"${hint || ` (${listedIn} lists the known ones)`}`;
}

/** Also finds a place by its name, local name or alias, as editors often type those. */
function unknownPlace(typed: string, places: Record<string, PlaceFile>): string {
  const lower = typed.toLowerCase();
  const byName = Object.entries(places).find(([, p]) =>
    [p?.name, p?.local_name, ...(Array.isArray(p?.aliases) ? p.aliases : [])].some((n) => typeof n === "string" && n.toLowerCase() === lower));
  return unknownId("place", typed, Object.keys(places), REFERENCE_FILES.places, byName ? `, did you mean "${byName[0]}"?` : undefined);
}

export async function loadData(dir: string): Promise<LoadResult> {
  const out: Diagnostic[] = [];
  const file = (name: string) => path.join(dir, name);
  const dirExists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!dirExists) {
    return { files: 0, diagnostics: [{ severity: "error", file: dir, message: "the data folder does not exist" }] };
  }

  await unknownRootFiles(dir, out);
  const [report, strands, eventTypes, topics, places, countries] = await Promise.all([
    readFields(file(REFERENCE_FILES.report), reportSchema, out),
    readParsed(file(REFERENCE_FILES.strands), strandsSchema, out),
    readParsed(file(REFERENCE_FILES.eventTypes), eventTypesSchema, out),
    readParsed(file(REFERENCE_FILES.topics), topicsSchema, out),
    readParsed(file(REFERENCE_FILES.places), placesSchema, out),
    readParsed(file(REFERENCE_FILES.countries), countriesSchema, out),
  ]);

  const strandIds = listedIds(strands, "strand", out);
  const typeIds = listedIds(eventTypes, "event type", out);
  const topicIds = listedIds(topics, "topic", out);
  const placeTable = places.value ?? {};
  // As written, for checking references even when the files have other errors.
  const knownPlaces = writtenMapping(places) as Record<string, PlaceFile> | undefined;
  const knownCountries = writtenMapping(countries);

  for (const [id, place] of Object.entries(placeTable)) {
    if (!isKnownCountry(place.country, knownCountries)) {
      out.push(places.source!.diagnostic([id, "country"], `country "${place.country}" is not an ISO 3166-1 code; add it to countries.yaml if it is meant`));
    }
    if (place.lat === undefined || place.lon === undefined) {
      out.push(places.source!.diagnostic([id], `place "${id}" has no coordinates (lat and lon); it cannot be shown on a map`, { severity: "warning", part: "key" }));
    }
  }
  const checkStates = (codes: readonly string[] | undefined, at: (string | number)[]) =>
    codes?.forEach((code, i) => {
      if (!isKnownCountry(code, knownCountries)) {
        out.push(report.source!.diagnostic([...at, i], `country "${code}" is not an ISO 3166-1 code; add it to countries.yaml if it is meant`));
      }
    });
  // Checked on every valid field, so that one mistake in report.yaml does not hide the others.
  const reportFields = report.fields ?? {};
  checkStates(reportFields.participating_states, ["participating_states"]);
  if (report.source && report.fields && (report.source.value as Record<string, unknown>).site_url === undefined) {
    out.push(report.source.diagnostic([], "no site_url: the feed and the sitemap, which need the site's address, are not built", { severity: "warning" }));
  }
  const pictures = await scanPictures(dir);
  out.push(...pictures.diagnostics);
  const logo = reportFields.logo;
  // A logo whose file has errors of its own is not reported twice.
  const logoFile = logo === undefined ? undefined : path.join(dir, logo);
  if (logo !== undefined && !pictures.pictures.some((p) => p.path === logo) && !pictures.diagnostics.some((d) => d.severity === "error" && d.file === logoFile)) {
    out.push(report.source!.diagnostic(["logo"], `logo "${logo}" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg`));
  }
  const editions = writtenEditions(report.fields, report.source?.value);
  for (const [year, edition] of Object.entries(editions ?? {})) {
    checkStates(edition.participating_states, ["editions", year, "participating_states"]);
    const som = edition.som;
    if (som && knownPlaces && !defines(knownPlaces, som.place)) {
      out.push(report.source!.diagnostic(["editions", year, "som", "place"], unknownPlace(som.place, knownPlaces)));
    }
    const period = edition.period;
    if (period && period.to.last < period.from.first) {
      out.push(report.source!.diagnostic(["editions", year, "period", "to"], `to ${period.to.iso} is before from ${period.from.iso}`));
    }
  }
  const periods = reportPeriods(editions);
  periods.forEach((a, i) => {
    const overlap = periods.slice(0, i).find((b) => a.from.first <= b.to.last && b.from.first <= a.to.last);
    if (overlap) {
      out.push(report.source!.diagnostic(["editions", a.year, "period"], `the period of ${a.year} overlaps the period of ${overlap.year}; an event could belong to both`));
    }
  });

  const eventFiles = await listEventFiles(dir, out);
  const events: EventRecord[] = [];
  const byId = new Map<string, string>();
  const compared: Entry<{ file: string; source: YamlSource; title: string }>[] = [];
  const parsedEvents = eventFiles.map((eventFile) => {
    const { source, diagnostics } = readYamlSource(eventFile);
    const parsed = source && diagnostics.length === 0 ? parseFields(source, eventSchema) : undefined;
    const characters = source ? characterProblems(source) : [];
    return { eventFile, source, parsed, problems: [...diagnostics, ...(parsed?.diagnostics ?? []), ...characters] };
  });

  for (const { eventFile, source, parsed, problems } of parsedEvents) {
    out.push(...problems);
    const id = path.basename(eventFile).replace(YAML_FILE, "");
    if (!ID_PATTERN.test(id)) {
      out.push({ severity: "error", file: eventFile, line: 1, col: 1, message: `the file name "${id}" must be in lower case letters, digits and hyphens; it becomes the event's web address` });
    }
    const twin = byId.get(id);
    if (twin !== undefined) {
      out.push({ severity: "error", file: eventFile, line: 1, col: 1, message: `another event file has the same name: ${path.relative(dir, twin)}` });
    } else byId.set(id, eventFile);
    // `f` holds the fields that are valid on their own; `parsed.value` is set only when the whole file is.
    const f = parsed?.fields;
    if (!source || !parsed || !f) continue;

    const at = (field: string | (string | number)[], message: string, severity: "error" | "warning" = "error") =>
      out.push(source.diagnostic(Array.isArray(field) ? field : [field], message, { severity }));

    if (f.type !== undefined && typeIds && !typeIds.has(f.type)) at("type", unknownId("type", f.type, typeIds, REFERENCE_FILES.eventTypes));
    if (f.place === undefined) {
      // A place of the wrong type has its own error already.
      const written = (source.value as Record<string, unknown>).place !== undefined;
      if (f.online !== true && !written) at([], 'missing required field "place" (or write online: true for a virtual meeting)');
    } else if (knownPlaces && !defines(knownPlaces, f.place)) {
      at("place", unknownPlace(f.place, knownPlaces));
    }
    f.strands?.forEach((strand, i) => {
      if (f.strands!.indexOf(strand) < i) at(["strands", i], `strand "${strand}" is listed twice`);
      else if (strandIds && !strandIds.has(strand)) at(["strands", i], unknownId("strand", strand, strandIds, REFERENCE_FILES.strands));
    });
    f.topics?.forEach((topic, i) => {
      if (f.topics!.indexOf(topic) < i) at(["topics", i], `topic "${topic}" is listed twice`);
      else if (topicIds && !topicIds.has(topic)) at(["topics", i], unknownId("topic", topic, topicIds, REFERENCE_FILES.topics));
    });
    if (f.end && f.date && f.end.last < f.date.first) {
      at("end", `end ${f.end.iso} is before date ${f.date.iso}`);
    }
    const participants = f.participants?.value;
    const women = f.women?.value;
    const countries = f.countries?.value;
    if (participants !== undefined && women !== undefined && women > participants) {
      at("women", `women (${women}) is more than participants (${participants})`, "warning");
    }
    if (participants !== undefined && countries !== undefined && countries > participants) {
      at("countries", `countries (${countries}) is more than participants (${participants})`, "warning");
    }
    if (f.report_year !== undefined && f.date && Math.abs(f.report_year - f.date.year) > 1) {
      at("report_year", `report_year ${f.report_year} is more than a year away from the date ${f.date.iso}`, "warning");
    }
    // A place written but not valid is no place to compare by.
    if (f.date && f.title && (f.place !== undefined || (source.value as Record<string, unknown>).place === undefined)) {
      compared.push({ date: f.date.iso, place: f.place, title: f.title, item: { file: eventFile, source, title: f.title } });
    }

    const value = parsed.value;
    if (!value) continue;
    const reportYear = reportYearOf(value, periods);
    events.push({ ...value, id, file: eventFile, reportYear });
  }

  // Each copy is reported, naming the others, so that the editor sees both and keeps the right one.
  const duplicates = findDuplicates(compared);
  const named = (files: readonly { file: string }[]) => files.map((e) => path.relative(dir, e.file)).join(" and ");
  for (const group of duplicates.exact) {
    for (const copy of group) {
      out.push(copy.source.diagnostic(["title"], `same date, place and title as ${named(group.filter((other) => other !== copy))}; is this event entered twice?`));
    }
  }
  for (const pair of duplicates.near) {
    for (const [copy, other] of [pair, [pair[1], pair[0]]] as const) {
      out.push(copy.source.diagnostic(["title"], `same date and place as ${named([other])}, whose title reads almost the same ("${other.title}"); is this event entered twice?`, { severity: "warning" }));
    }
  }

  const years = [...new Set(events.map((e) => e.reportYear))].sort((a, b) => a - b);
  for (const year of years) {
    if (report.source && report.fields && !defines(editions, String(year))) {
      out.push(report.source.diagnostic(editions ? ["editions"] : [],
        `no edition for ${year} under editions; its report is built with a neutral cover`, { severity: "warning", part: "key" }));
    }
  }

  const diagnostics = sortDiagnostics(out);
  const files = eventFiles.length + Object.keys(REFERENCE_FILES).length;
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics, files };
  events.sort((a, b) => compareDates(a.date, b.date) || a.id.localeCompare(b.id));
  return {
    files,
    diagnostics,
    data: {
      dir,
      report: report.value!,
      strands: strands.value!,
      eventTypes: eventTypes.value!,
      topics: topics.value!,
      places: placeTable,
      countries: countries.value!,
      events,
      pictures: pictures.pictures,
    },
  };
}

/** loadData, throwing a DataError when the data has errors. */
export async function loadDataOrThrow(dir: string): Promise<{ data: DataSet; diagnostics: readonly Diagnostic[] }> {
  const result = await loadData(dir);
  if (!result.data) throw new DataError(result.diagnostics);
  return { data: result.data, diagnostics: result.diagnostics };
}


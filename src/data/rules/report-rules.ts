/**
 * The checks of places.yaml and report.yaml against the other files: the
 * countries they name, the pictures, the places of the editions' meetings,
 * the editions' periods and the years the events need an edition for.
 */
import path from "node:path";
import { isReportYear } from "../../format/dates.ts";
import { slugify } from "../../format/text.ts";
import type { Diagnostic } from "../diagnostics.ts";
import type { EventRecord, ReportPeriod } from "../editions.ts";
import { defines, entryOf } from "../lookup.ts";
import { REFERENCE_FILES, type WrittenFile, type WrittenFolder, type WrittenMapping } from "../read.ts";
import { IMAGES_DIR, pictureNameProblem } from "../attachments/images.ts";
import { countryInCapitals, isKnownCountry, unknownCountry, unknownId, unknownPlace, type References } from "./references.ts";
import type { Edition, PlaceFile, ReportFile } from "../contract/schema.ts";
import { readYamlSource, type PathSegment } from "../source/yaml-source.ts";

type Editions = Readonly<Record<string, Partial<Edition>>>;

/**
 * Each valid place's country must be known; its id may not be a country code
 * in lower case, which would differ only in case from the `place: PK` that
 * names the country itself; and a place without coordinates cannot be drawn
 * on the map.
 */
export function placeProblems(places: WrittenFile<Readonly<Record<string, PlaceFile>>>, references: Pick<References, "countries">): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, place] of Object.entries(places.value ?? {})) {
    const code = countryInCapitals(id, references.countries);
    if (code) {
      const own = slugify(place.name);
      const instead = own !== id && own.length > 2 ? `, such as "${own}"` : "";
      out.push(places.source!.diagnostic([id], `place id "${id}" is the country code ${code} in lower case, and an event's "place: ${code}" names the country itself; give the place an id of its own${instead}`, { part: "key" }));
    }
    if (!isKnownCountry(place.country, references.countries)) out.push(places.source!.diagnostic([id, "country"], unknownCountry(place.country)));
    if (place.lat === undefined || place.lon === undefined) {
      out.push(places.source!.diagnostic([id], `place "${id}" has no coordinates (lat and lon); the map lists its activities beneath it instead of drawing them`, { severity: "warning", part: "key" }));
    }
  }
  return out;
}

/** An error for each of `codes`, written at `at` in report.yaml, that names no country. */
function stateProblems(report: WrittenMapping<ReportFile>, codes: readonly string[] | undefined, at: readonly PathSegment[], references: Pick<References, "countries">): Diagnostic[] {
  return (codes ?? []).flatMap((code, i) => (isKnownCountry(code, references.countries) ? [] : [report.source!.diagnostic([...at, i], unknownCountry(code))]));
}

/**
 * report.yaml's own fields against the other files: its participating states,
 * its site address and its logos, each of which must be one of the `pictures`
 * that may be published (an SVG among them, under the rules of images.ts). Checked on every valid field, so that one mistake in
 * report.yaml does not hide the others.
 */
export function reportProblems(report: WrittenMapping<ReportFile>, references: Pick<References, "countries">, pictures: WrittenFolder["pictures"], dir: string): Diagnostic[] {
  const fields = report.fields ?? {};
  const out = stateProblems(report, fields.participating_states, ["participating_states"], references);
  if (report.source && report.fields && (report.source.value as Record<string, unknown>).site_url === undefined) {
    out.push({ ...report.source.diagnostic([], "no site_url: the feed and the sitemap, which need the site's address, are not built", { severity: "warning" }), about: { kind: "no-site-url" } });
  }
  // Said also when logos has mistakes of its own, so that both are fixed at once.
  const raw = report.source?.value;
  if (fields.logo !== undefined && raw !== null && typeof raw === "object" && Object.hasOwn(raw, "logos")) {
    out.push(report.source!.diagnostic(["logo"], "logo and logos are both written: logos replaces logo; move this file into logos, with its alt", { part: "key" }));
  }
  // The older `logo` at its value; each of `logos` at its file.
  const written = fields.logos ? fields.logos.map((l, i) => ({ file: l.file, at: ["logos", i, "file"], name: `logos entry ${i + 1} file` })) : fields.logo !== undefined ? [{ file: fields.logo, at: ["logo"], name: "logo" }] : [];
  for (const logo of written) {
    // A name the web cannot hold is told here too, at the field that names it, as for photos: both are renamed together.
    const unsafe = pictureNameProblem(logo.file);
    if (unsafe && logo.file.startsWith(`${IMAGES_DIR}/`)) {
      out.push(report.source!.diagnostic(logo.at, `${logo.name} "${logo.file}" ${unsafe}, and write the new name here`));
      continue;
    }
    // A logo whose file has errors of its own is not reported twice.
    const logoFile = path.join(dir, logo.file);
    if (!pictures.pictures.some((p) => p.path === logo.file) && !pictures.diagnostics.some((d) => d.severity === "error" && d.file === logoFile)) {
      out.push(report.source!.diagnostic(logo.at, `${logo.name} "${logo.file}" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg`));
    }
  }
  return out;
}

/** Each edition's participating states, the place of its Senior Officials Meeting, and the order of its period's ends. */
export function editionProblems(report: WrittenMapping<ReportFile>, editions: Editions | undefined, references: Pick<References, "countries" | "places">): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [year, edition] of Object.entries(editions ?? {})) {
    out.push(...stateProblems(report, edition.participating_states, ["editions", year, "participating_states"], references));
    const som = edition.som;
    if (som && references.places && !defines(references.places, som.place)) {
      out.push(report.source!.diagnostic(["editions", year, "som", "place"], unknownPlace(som.place, references.places)));
    }
    const period = edition.period;
    if (period && period.to.last < period.from.first) {
      out.push(report.source!.diagnostic(["editions", year, "period", "to"], `to ${period.to.iso} is before from ${period.from.iso}`));
    }
  }
  return out;
}

/** An error on each period that overlaps one before it: an event in both would belong to two reports. */
export function periodOverlaps(report: WrittenMapping<ReportFile>, periods: readonly ReportPeriod[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  periods.forEach((a, i) => {
    const overlap = periods.slice(0, i).find((b) => a.from.first <= b.to.last && b.from.first <= a.to.last);
    if (overlap) {
      out.push(report.source!.diagnostic(["editions", a.year, "period"], `the period of ${a.year} overlaps the period of ${overlap.year}; an event could belong to both`));
    }
  });
  return out;
}

/** A warning for each report year of `years` (ascending) that has no edition, when report.yaml can be read. */
export function missingEditions(report: WrittenMapping<ReportFile>, editions: Editions | undefined, years: readonly number[]): Diagnostic[] {
  const source = report.source;
  if (!source || !report.fields) return [];
  return years.filter((year) => !defines(editions, String(year))).map((year) => ({
    ...source.diagnostic(editions ? ["editions"] : [], `no edition for ${year} under editions; its report is built with a neutral cover`, { severity: "warning", part: "key" }),
    about: { kind: "no-edition", year },
  }));
}

/**
 * A warning on each final edition that gives neither `published` nor the `som`
 * it is presented to: its report has no date to print, and none is guessed. A
 * draft is not published yet; a field written with a mistake has its own error.
 */
export function undatedEditions(report: WrittenMapping<ReportFile>, editions: Editions | undefined): Diagnostic[] {
  const raw = report.source?.value;
  const written = raw !== null && typeof raw === "object" ? (raw as { editions?: unknown }).editions : undefined;
  return Object.entries(editions ?? {}).flatMap(([year, edition]) => {
    const fields = written !== null && typeof written === "object" ? entryOf(written as Record<string, unknown>, year) : undefined;
    const wrote = (key: string) => fields !== null && typeof fields === "object" && Object.hasOwn(fields, key);
    // A draft, or one whose status or year is itself a mistake, is not known to be final.
    const final = isReportYear(Number(year)) && (wrote("status") ? edition.status === "final" : true);
    if (wrote("published") || wrote("som") || !final) return [];
    return [{
      ...report.source!.diagnostic(["editions", year], `the report of ${year} has no date: add published: YYYY-MM-DD (the day it is published) or the som it is presented to; without either it is printed undated, its copyright without a year`, { severity: "warning", part: "key" }),
      about: { kind: "undated-edition", year: Number(year) },
    }];
  });
}

/** An error for each highlight left in strands.yaml: highlights belong to the year they describe. */
export function strandHighlights(strands: WrittenFile<readonly { id: string; highlights?: unknown }[]>): Diagnostic[] {
  const raw = strands.source?.value;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((strand: unknown, i) => {
    if (strand === null || typeof strand !== "object" || (strand as { highlights?: unknown }).highlights === undefined) return [];
    const id = typeof (strand as { id?: unknown }).id === "string" ? (strand as { id: string }).id : "<strand id>";
    return [strands.source!.diagnostic([i, "highlights"], `highlights belong to the year they describe: move them to report.yaml, under editions.<year>.strands.${id}.highlights of that year's edition`, { part: "key" })];
  });
}

/** Each edition's strand texts must be for strands of strands.yaml. */
export function editionStrandProblems(report: WrittenMapping<ReportFile>, editions: Editions | undefined, references: Pick<References, "strands">): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!references.strands) return out;
  for (const [year, edition] of Object.entries(editions ?? {})) {
    for (const id of Object.keys(edition.strands ?? {})) {
      if (!references.strands.has(id)) out.push(report.source!.diagnostic(["editions", year, "strands", id], unknownId("strand", id, references.strands, REFERENCE_FILES.strands), { part: "key" }));
    }
  }
  return out;
}

/**
 * A warning when an edition's Senior Officials Meeting is also an event of
 * that edition's own report: the report presented to the meeting would
 * narrate the meeting as past.
 */
export function meetingInOwnReport(report: WrittenMapping<ReportFile>, editions: Editions | undefined, events: readonly Pick<EventRecord, "date" | "end" | "place" | "reportYear" | "file" | "strands">[], dir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [year, edition] of Object.entries(editions ?? {})) {
    const som = edition.som;
    if (!som) continue;
    const same = events.find((e) => e.reportYear === Number(year) && e.place === som.place && e.date.first <= som.date.last && som.date.first <= (e.end ?? e.date).last);
    if (!same) continue;
    const file = path.relative(dir, same.file);
    out.push(report.source!.diagnostic(["editions", year, "som"], `the Senior Officials Meeting this report is presented to (${som.date.iso}) is also an activity of the report (${file}), which would narrate as past the meeting that receives it; end the report's period before the meeting (editions.${year}.period) or give the event a report_year of the following year`, { severity: "warning", part: "key" }));
  }
  return out;
}

/**
 * A warning at an entry of report.yaml, for what only the built reports show (an abbreviation
 * that no report prints). The file is read again for its positions, only when there is one to give.
 */
export function reportFileWarning(dir: string, at: readonly PathSegment[], message: string, part?: "key" | "value", about?: Diagnostic["about"]): Diagnostic {
  const file = path.join(dir, REFERENCE_FILES.report);
  const { source } = readYamlSource(file);
  const warning = source ? source.diagnostic(at, message, { severity: "warning", ...(part ? { part } : {}) }) : { severity: "warning" as const, file, message };
  return about ? { ...warning, about } : warning;
}

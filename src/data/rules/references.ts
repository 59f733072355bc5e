/**
 * What the reference files define, as written: the ids, places and countries
 * that events and report.yaml may name. A reference file with errors of its
 * own still defines what can be read from it, so that the references to it are
 * checked too; one that cannot be read at all defines nothing, and references
 * to it are then not held against it (its own error is reported).
 */
import { isoCountries as countryCodes } from "../countries.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { defines } from "../lookup.ts";
import { REFERENCE_FILES, type WrittenFile, type WrittenFolder } from "../read.ts";
import { COUNTRY_CODE, type PlaceFile } from "../contract/schema.ts";
import { alpha2Code, didYouMean } from "./suggest.ts";

export interface References {
  readonly strands?: ReadonlySet<string>;
  readonly eventTypes?: ReadonlySet<string>;
  readonly topics?: ReadonlySet<string>;
  readonly places?: Readonly<Record<string, PlaceFile>>;
  readonly countries?: Readonly<Record<string, unknown>>;
}

type IdList = WrittenFile<readonly { id: string }[]>;

/** What the folder's reference files define. */
export function referencesOf(folder: Pick<WrittenFolder, "strands" | "eventTypes" | "topics" | "places" | "countries">): References {
  return {
    strands: definedIds(folder.strands),
    eventTypes: definedIds(folder.eventTypes),
    topics: definedIds(folder.topics),
    places: writtenMapping(folder.places) as Record<string, PlaceFile> | undefined,
    countries: writtenMapping(folder.countries),
  };
}

/** The ids a reference list defines: of its valid entries, or else of every entry written with a text id. */
export function definedIds(file: IdList): Set<string> | undefined {
  const raw = file.source?.value;
  const items = file.value ?? (Array.isArray(raw) ? (raw as unknown[]).filter((i): i is { id: string } => typeof (i as { id?: unknown })?.id === "string") : undefined);
  return items && new Set(items.map((item) => item.id));
}

/** An error for each id of a valid reference list that an entry before it has already defined. */
export function idsUsedTwice(file: IdList, what: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  file.value?.forEach((item, index) => {
    if (seen.has(item.id)) out.push(file.source!.diagnostic([index, "id"], `${what} id "${item.id}" is used twice`));
    seen.add(item.id);
  });
  return out;
}

/** A mapping as written, for checking references to it while its file has other errors. */
export function writtenMapping(file: WrittenFile<Readonly<Record<string, unknown>>>): Readonly<Record<string, unknown>> | undefined {
  const raw = file.source?.value;
  return file.value ?? (raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined);
}

/**
 * Whether `code` names a country: an ISO 3166-1 code or one of countries.yaml.
 * `countries` is undefined when countries.yaml cannot be read.
 */
export function isKnownCountry(code: string, countries: Readonly<Record<string, unknown>> | undefined): boolean {
  return countries === undefined || countryCodes.isValid(code) || defines(countries, code);
}

/** The message for a code that names no country. */
export const unknownCountry = (code: string) => `country "${code}" is not an ISO 3166-1 code; add it to countries.yaml if it is meant`;

/**
 * Whether an event's `place` is written as a country code (`PK`): two
 * capitals, which no place id can be (ids are in lower case). It then names
 * the country itself, for an activity known only by its country.
 */
export const placeIsCountry = (place: string): boolean => COUNTRY_CODE.test(place);

/** The code of a country of ISO 3166-1 or of countries.yaml, in capitals, that `code` is in another case (`pk` → `PK`). */
export function countryInCapitals(code: string, countries: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const upper = code.toUpperCase();
  return code !== upper && COUNTRY_CODE.test(upper) && (countryCodes.isValid(upper) || defines(countries, upper)) ? upper : undefined;
}

/** The code of the country that `typed` names another way: its name or a former one in countries.yaml, its ISO name, its code in lower case or of three letters. */
function countryMeant(typed: string, countries: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const lower = typed.trim().toLowerCase();
  const names = (entry: unknown) => {
    const { name, former } = (entry ?? {}) as { name?: unknown; former?: unknown };
    return [name, ...(Array.isArray(former) ? (former as unknown[]) : [former])].filter((n): n is string => typeof n === "string").map((n) => n.replace(/\*$/, "").toLowerCase());
  };
  const listed = Object.entries(countries ?? {}).find(([, entry]) => names(entry).includes(lower));
  return listed?.[0] ?? countryInCapitals(typed.trim(), countries) ?? alpha2Code(typed);
}

/** The message for an event's place written as a country code that names no country. */
export const unknownCountryPlace = (code: string) =>
  `unknown country "${code}": a place in capitals names a country by its code, and ${code} is not an ISO 3166-1 code; add it to countries.yaml if it is meant, or write a place id of places.yaml in lower case`;

/** `unknown place "sarajvo", did you mean "sarajevo"?`, or where the known ids are listed. */
export function unknownId(kind: string, typed: string, known: Iterable<string>, listedIn: string, hint = didYouMean(typed, known)): string {
  return `unknown ${kind} "${typed}"${hint || ` (${listedIn} lists the known ones)`}`;
}

/**
 * Also finds a place by its name, local name or alias, as editors often type
 * those; and, where a place may be a country (`countries` given: an event's
 * place), a country written by its name or its code in lower case.
 */
export function unknownPlace(typed: string, places: Readonly<Record<string, PlaceFile>>, countries?: Readonly<Record<string, unknown>>): string {
  const lower = typed.toLowerCase();
  const byName = Object.entries(places).find(([, p]) =>
    [p?.name, p?.local_name, ...(Array.isArray(p?.aliases) ? p.aliases : [])].some((n) => typeof n === "string" && n.toLowerCase() === lower));
  if (byName) return `unknown place "${typed}", did you mean "${byName[0]}"?`;
  const typo = didYouMean(typed, Object.keys(places));
  const country = !typo && countries ? countryMeant(typed, countries) : undefined;
  if (country) return `unknown place "${typed}"; to name the country itself, write its code in capitals: "${country}"`;
  return unknownId("place", typed, Object.keys(places), REFERENCE_FILES.places, typo);
}

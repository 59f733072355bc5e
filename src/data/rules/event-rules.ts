/**
 * The checks of event files against each other and against the reference
 * files: file names that are ids and used once, the ids an event names, what
 * its fields say together, and events entered twice.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { findDuplicates, type Entry } from "./duplicates.ts";
import { suggest } from "./suggest.ts";
import { defines } from "../lookup.ts";
import { REFERENCE_FILES, type WrittenEvent } from "../read.ts";
import { isKnownCountry, placeIsCountry, unknownCountry, unknownCountryPlace, unknownId, unknownPlace, type References } from "./references.ts";
import { ID_PATTERN } from "../contract/schema.ts";
import type { YamlSource } from "../source/yaml-source.ts";

/** Each event's file name must be an id, and no two event files may have the same name (in different folders). */
export function eventNameProblems(events: readonly WrittenEvent[], dir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, string>();
  for (const { id, file } of events) {
    if (!ID_PATTERN.test(id)) {
      out.push({ severity: "error", file, line: 1, col: 1, message: `the file name "${id}" must be in lower case letters, digits and hyphens; it becomes the event's web address` });
    }
    const twin = byId.get(id);
    if (twin !== undefined) out.push({ severity: "error", file, line: 1, col: 1, message: `another event file has the same name: ${path.relative(dir, twin)}` });
    else byId.set(id, file);
  }
  return out;
}

/** Whether the event file has a place written, valid or not. */
const placeWritten = (source: YamlSource) => (source.value as Record<string, unknown>).place !== undefined;

/**
 * An event's fields that are valid on their own, against the reference files
 * and each other: its type, place (an id of places.yaml, or a country code
 * for an activity known only by its country), strands and topics, its dates,
 * its counts.
 */
export function eventProblems(event: WrittenEvent, references: References): Diagnostic[] {
  const { source, fields: f } = event;
  const out: Diagnostic[] = [];
  if (!source || !f) return out;
  if (f.type !== undefined && references.eventTypes && !references.eventTypes.has(f.type)) {
    out.push(source.diagnostic(["type"], unknownId("type", f.type, references.eventTypes, REFERENCE_FILES.eventTypes)));
  }
  if (f.place === undefined) {
    // A place of the wrong type has its own error already.
    if (f.online !== true && !placeWritten(source)) out.push(source.diagnostic([], 'missing required field "place" (or write online: true for a virtual meeting)'));
  } else if (placeIsCountry(f.place)) {
    if (!isKnownCountry(f.place, references.countries)) out.push(source.diagnostic(["place"], unknownCountryPlace(f.place)));
  } else if (references.places && !defines(references.places, f.place)) {
    out.push(source.diagnostic(["place"], unknownPlace(f.place, references.places, references.countries)));
  }
  if (f.strands) listProblems(out, source, "strands", f.strands, "strand", references.strands, REFERENCE_FILES.strands);
  if (f.topics) listProblems(out, source, "topics", f.topics, "topic", references.topics, REFERENCE_FILES.topics);
  if (f.states) {
    f.states.forEach((code, i) => {
      if (f.states!.indexOf(code) < i) out.push(source.diagnostic(["states", i], `state "${code}" is listed twice`));
      else if (!isKnownCountry(code, references.countries)) out.push(source.diagnostic(["states", i], unknownCountry(code)));
    });
  }
  f.participating_organisations?.forEach((name, i) => {
    if (f.participating_organisations!.indexOf(name) < i) out.push(source.diagnostic(["participating_organisations", i], `organisation "${name}" is listed twice`));
  });
  // A list longer than its count contradicts it; a shorter one names only some, and the report says "at least".
  const named = [["states", f.states, "countries", f.countries, "states"], ["participating_organisations", f.participating_organisations, "organisations", f.organisations, "organisations"]] as const;
  for (const [field, list, countField, count, what] of named) {
    if (list && count && new Set(list).size > count.value) {
      out.push(source.diagnostic([field], `${field} names ${new Set(list).size} ${what}, more than ${countField} (${count.value}); correct one of them`, { severity: "warning", part: "key" }));
    }
  }
  if (f.end && f.date && f.end.last < f.date.first) out.push(source.diagnostic(["end"], `end ${f.end.iso} is before date ${f.date.iso}`));
  const participants = f.participants?.value;
  const women = f.women?.value;
  const countries = f.countries?.value;
  if (participants !== undefined && women !== undefined && women > participants) {
    out.push(source.diagnostic(["women"], `women (${women}) is more than participants (${participants})`, { severity: "warning" }));
  }
  if (participants !== undefined && countries !== undefined && countries > participants) {
    out.push(source.diagnostic(["countries"], `countries (${countries}) is more than participants (${participants})`, { severity: "warning" }));
  }
  if (f.report_year !== undefined && f.date && Math.abs(f.report_year - f.date.year) > 1) {
    out.push(source.diagnostic(["report_year"], `report_year ${f.report_year} is more than a year away from the date ${f.date.iso}`, { severity: "warning" }));
  }
  f.documents?.forEach((document, i) => out.push(...adoptedByProblems(source, i, document), ...unversionedDocument(source, i, document)));
  return out;
}

/**
 * A warning on a document adopted that names no language it exists in (`versions: {}`): Annex C
 * lists it without a language or a link, and a reader cannot tell where to find its text.
 */
function unversionedDocument(source: YamlSource, i: number, document: { adopted?: boolean; versions?: Readonly<Record<string, unknown>> }): Diagnostic[] {
  if (document.adopted !== true || document.versions === undefined || Object.keys(document.versions).length > 0) return [];
  return [{
    ...source.diagnostic(["documents", i, "versions"], "the document is adopted but versions names no language it exists in: add one per language (en: with its link, or with nothing when it has none)", { severity: "warning", part: "key" }),
    about: { kind: "unversioned-document" },
  }];
}

/**
 * A document's `adopted_by` is printed after "adopted by" as written: it says nothing of a
 * document not adopted, and must not begin with "by" itself. Without it nothing is added.
 */
function adoptedByProblems(source: YamlSource, i: number, document: { adopted?: boolean; adopted_by?: string }): Diagnostic[] {
  const by = document.adopted_by;
  if (by === undefined) return [];
  const at = ["documents", i, "adopted_by"];
  if (document.adopted !== true) {
    return [source.diagnostic(at, `adopted_by says who adopted the document, but it is not marked as adopted: add adopted: true, or remove adopted_by`)];
  }
  const written = /^by\b\s*/i.exec(by);
  if (written) {
    const rest = by.slice(written[0].length);
    const instead = rest ? `write "${rest}", without "by"` : `write who adopted it, such as "close to 40 participating states"`;
    return [source.diagnostic(at, `adopted_by is printed after "adopted by": ${instead}, or it reads "adopted by ${by}"`)];
  }
  return [];
}

/** An id listed twice in the event's `field`, or one that the reference file `listedIn` (its ids `known`) does not define. */
function listProblems(out: Diagnostic[], source: YamlSource, field: string, ids: readonly string[], what: string, known: ReadonlySet<string> | undefined, listedIn: string): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (ids.indexOf(id) < i) out.push(source.diagnostic([field, i], `${what} "${id}" is listed twice`));
    else if (known && !known.has(id)) out.push(source.diagnostic([field, i], unknownId(what, id, known, listedIn)));
  }
}

/**
 * Events entered twice: an error on each copy with the same date, place and
 * title, naming the others, so that the editor sees both and keeps the right
 * one; a warning on both of two whose titles read almost the same.
 */
export function duplicateEvents(events: readonly WrittenEvent[], dir: string): Diagnostic[] {
  const compared: Entry<{ file: string; source: YamlSource; title: string }>[] = [];
  for (const { file, source, fields: f } of events) {
    // A place written but not valid is no place to compare by.
    if (source && f?.date && f.title && (f.place !== undefined || !placeWritten(source))) {
      compared.push({ date: f.date.iso, place: f.place, title: f.title, item: { file, source, title: f.title } });
    }
  }
  const duplicates = findDuplicates(compared);
  const named = (files: readonly { file: string }[]) => files.map((e) => path.relative(dir, e.file)).join(" and ");
  const out: Diagnostic[] = [];
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
  return out;
}

/** Lower case, without punctuation or repeated spaces: how two spellings of one name are compared. */
const comparable = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/**
 * A warning for each organisation an event names that report.yaml's
 * participating organisations (`known`) write differently: the report counts
 * organisations by name, so "IOM" and "International Organization for
 * Migration (IOM)" would count as two.
 */
export function organisationNameProblems(event: WrittenEvent, known: readonly string[]): Diagnostic[] {
  const { source, fields: f } = event;
  if (!source || !f?.participating_organisations || known.length === 0) return [];
  const out: Diagnostic[] = [];
  f.participating_organisations.forEach((name, i) => {
    if (known.includes(name)) return;
    const typed = comparable(name);
    // A typo only in a long name: abbreviations a letter apart (IOM, ILO) are different organisations.
    const close = typed.length >= 10 ? suggest(typed, known.map(comparable)) : undefined;
    const meant = known.find((k) => comparable(k) === typed) ??
      // The abbreviation in brackets, or the name without it.
      known.find((k) => comparable(/\(([^()]+)\)\s*$/.exec(k)?.[1] ?? "") === typed || comparable(k.replace(/\s*\([^()]+\)\s*$/, "")) === typed) ??
      (close === undefined ? undefined : known.find((k) => comparable(k) === close));
    if (meant) {
      out.push(source.diagnostic(["participating_organisations", i], `organisation "${name}" is written "${meant}" in the participating organisations of report.yaml; write it the same way, as organisations are counted by name`, { severity: "warning" }));
    }
  });
  return out;
}

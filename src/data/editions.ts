/** The editions of report.yaml as written, which report an event belongs to, and which years get a report. */
import { firstDay, lastDay, partialDate, within, type PartialDate } from "../format/dates.ts";
import { editionSchema, type Edition, type EventFile, type ReportFile } from "./contract/schema.ts";
import { validFields } from "./contract/zod-issues.ts";

export type ReportPeriod = { readonly year: number; readonly from: PartialDate; readonly to: PartialDate };

/** An event of a valid file, with its id and the report that covers it. */
export interface EventRecord extends EventFile {
  /** The file name without extension: stable id and URL slug. */
  readonly id: string;
  readonly file: string;
  /** The report that covers the event. */
  readonly reportYear: number;
}

/** The events whose files are valid as a whole, each with the report that covers it, in the order of their files. */
export function eventRecords(events: readonly { readonly value?: EventFile; readonly id: string; readonly file: string }[], periods: readonly ReportPeriod[]): EventRecord[] {
  const records: EventRecord[] = [];
  for (const { value, id, file } of events) if (value) records.push({ ...value, id, file, reportYear: reportYearOf(value, periods) });
  return records;
}

/** The report an event belongs to: its explicit report_year, else the edition whose period holds its date, else its year. */
export function reportYearOf(event: Pick<EventFile, "date" | "report_year">, periods: readonly ReportPeriod[]): number {
  if (event.report_year !== undefined) return event.report_year;
  return periods.find((p) => within(event.date, p.from, p.to))?.year ?? event.date.year;
}

/** An activity held: `held` is what an event without a status was. */
export const wasHeld = (event: Pick<EventFile, "status">): boolean => (event.status ?? "held") === "held";

/**
 * The years that get a report, ascending: each year that report.yaml has an
 * edition for, and each year with an activity held. Planned or cancelled
 * activities alone make no report (one would print "Activities held: 0" as if
 * it were the year's record); the planned ones are in the outlook of the report
 * before them. The one rule for the reports built, the site's lists of them and
 * the years the check asks an edition for.
 */
export function reportYears(events: readonly (Pick<EventFile, "status"> & { readonly reportYear: number })[], editions: Readonly<Record<string, unknown>> | undefined): number[] {
  const years = new Set(events.filter(wasHeld).map((e) => e.reportYear));
  for (const year of Object.keys(editions ?? {})) years.add(Number(year));
  return [...years].sort((a, b) => a - b);
}

/** The editions that cover a period other than their calendar year. */
export function reportPeriods(editions: Readonly<Record<string, Partial<Edition>>> | undefined): ReportPeriod[] {
  return Object.entries(editions ?? {}).flatMap(([year, e]) => (e.period ? [{ year: Number(year), ...e.period }] : []));
}

/**
 * The editions as written, each with its fields that are valid on their own:
 * one mistyped field must not make an edition, or all of them, look missing
 * to the checks that read them. `fields` are report.yaml's valid fields, `raw`
 * its value as written.
 */
export function writtenEditions(fields: Partial<ReportFile> | undefined, raw: unknown): Readonly<Record<string, Partial<Edition>>> | undefined {
  if (fields?.editions) return fields.editions;
  const written = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>).editions : undefined;
  if (written === null || typeof written !== "object" || Array.isArray(written)) return undefined;
  const editions = Object.create(null) as Record<string, Partial<Edition>>;
  for (const [year, edition] of Object.entries(written)) {
    if (/^\d{4}$/.test(year)) editions[year] = validFields(editionSchema, edition);
  }
  return editions;
}

/** The period a report covers. */
export interface ReportSpan {
  readonly year: number;
  readonly from: PartialDate;
  readonly to: PartialDate;
}

/** The period of the report of `year`: its edition's `period`, else the calendar year. */
export function reportSpan(year: number, edition: Edition | undefined): ReportSpan {
  return { year, ...(edition?.period ?? { from: partialDate(String(year)), to: partialDate(String(year)) }) };
}

/**
 * The report whose outlook lists an activity planned on `date`: the latest
 * report whose period ends before that date, whether or not the activity's own
 * year has a report. Undefined when no report comes before it.
 */
export function outlookYear(date: PartialDate, spans: readonly ReportSpan[]): number | undefined {
  const start = firstDay(date);
  const before = spans.filter((s) => lastDay(s.to) < start);
  return before.length === 0 ? undefined : before.reduce((a, b) => (lastDay(b.to) > lastDay(a.to) ? b : a)).year;
}


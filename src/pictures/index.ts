import type { Figures } from "../report/figures.ts";
import type { ReportView, SiteModel } from "../report/model.ts";
import { eventMap } from "./event-map.ts";
import { monthChart } from "./month-chart.ts";
import { timeline } from "./timeline.ts";
import { english } from "../data/languages/catalogues.ts";
import type { Language } from "../format/language.ts";

/** The SVG pictures of a report, drawn once per build and shared by its web page and its print page. */
export interface Pictures {
  /** The year in time: a timeline or the month chart, whichever says more (pictureOfTime). */
  readonly time: string;
  readonly map: string;
}

/** The most activities a timeline shows; a busier year gets the month chart. */
export const TIMELINE_MOST = 12;

/**
 * Which picture shows the year in time. Up to twelve activities, about one a
 * month, a timeline names each at its date, and its labels fit in a few
 * lanes at print size; counts by month would be zeros and ones that say
 * less than the list. Beyond that the labels would stack into a tall block,
 * and the counts by month are what a reader can take in. The rule counts
 * the year's activities rather than the busiest month's, because a busy
 * month of a quiet year still reads well as stacked labels, while a busy
 * year spread thinly would not.
 */
export function pictureOfTime(figures: Pick<Figures, "events">): "timeline" | "months" {
  return figures.events <= TIMELINE_MOST ? "timeline" : "months";
}

export function timePicture(report: ReportView, language: Language = english()): string {
  return pictureOfTime(report.figures) === "timeline" ? timeline(report, language) : monthChart(report.figures, report.year, language);
}

export function drawPictures(site: SiteModel): SiteModel & { readonly pictures: Readonly<Record<number, Pictures>> } {
  const pictures = Object.fromEntries(site.reports.map((report) => [report.year, { time: timePicture(report, site.language), map: eventMap(report, site.language) }]));
  return { ...site, pictures };
}

import type { SiteModel } from "../report/model.ts";
import { eventMap } from "./event-map.ts";
import { monthChart } from "./month-chart.ts";

/** The SVG pictures of a report, drawn once per build and shared by its web page and its print page. */
export interface Pictures {
  readonly months: string;
  readonly map: string;
}

export function drawPictures(site: SiteModel): SiteModel & { readonly pictures: Readonly<Record<number, Pictures>> } {
  const pictures = Object.fromEntries(
    site.reports.map((report) => [report.year, { months: monthChart(report.figures, report.year), map: eventMap(report) }]),
  );
  return { ...site, pictures };
}

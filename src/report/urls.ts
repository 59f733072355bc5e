/** Where things live on the site, and the element ids the report's pages give them. */
import { slugify } from "../format/text.ts";
import type { HubKind } from "./views.ts";

/** Event pages live under this folder; they are the pages the search indexes. */
export const EVENTS_URL = "/events/";

export const hubUrl = (kind: HubKind, id: string): string => `/${kind}/${id.toLowerCase()}/`;

export const eventUrl = (reportYear: number, id: string): string => `${EVENTS_URL}${reportYear}/${id}/`;

export const reportUrl = (year: number): string => `/${year}/`;

/**
 * The file name of a year's PDF: `budapest-process-activity-report-2019.pdf`. An organisation
 * whose name has no Latin letter or digit (`Процесс`, `عملية`) gives no words to the name,
 * which then begins plainly: a name beginning with a hyphen would be read as an option by
 * every command-line tool handed it.
 */
export function pdfFileName(organisation: string, year: number): string {
  const words = slugify(organisation);
  return `${words ? `${words}-` : ""}activity-report-${year}.pdf`;
}

/**
 * Element ids made from data carry a prefix of their kind, and the report page's own ids
 * (contents, foreword, annex-a, …) never begin with one, so an event file called
 * `contents.yaml` or a strand called `annex-a` cannot take another element's id.
 */
export const anchorOf = (kind: "event" | "strand", id: string): string => `${kind}-${id}`;

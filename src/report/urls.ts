/** Where things live on the site, and the element ids the report's pages give them. */
import type { HubKind } from "./views.ts";

/** Event pages live under this folder; they are the pages the search indexes. */
export const EVENTS_URL = "/events/";

export const hubUrl = (kind: HubKind, id: string): string => `/${kind}/${id.toLowerCase()}/`;

export const eventUrl = (reportYear: number, id: string): string => `${EVENTS_URL}${reportYear}/${id}/`;

export const reportUrl = (year: number): string => `/${year}/`;

/**
 * Element ids made from data carry a prefix of their kind, and the report page's own ids
 * (contents, foreword, annex-a, …) never begin with one, so an event file called
 * `contents.yaml` or a strand called `annex-a` cannot take another element's id.
 */
export const anchorOf = (kind: "event" | "strand", id: string): string => `${kind}-${id}`;

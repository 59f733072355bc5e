/** Nunjucks filters; each is a pure function of its input. */
import { formatNumber } from "../format/counts.ts";
import { cssString } from "../format/css.ts";
import { fileSize, plural } from "../format/text.ts";
import { firstDay, type PartialDate } from "../format/dates.ts";
import { renderInline, renderMarkdown } from "../format/markdown.ts";
import { numberParagraphs, unnumbered } from "../format/paragraphs.ts";
import type { SiteModel } from "../report/model.ts";
import { openData } from "../report/open-data.ts";

export const filters = {
  markdown: renderMarkdown,
  markdownInline: renderInline,
  number: formatNumber,
  numberParagraphs,
  unnumbered,
  cssString,
  fileSize,
  plural,
  /** The first day of a date as a JS Date at midnight UTC, for the feed's timestamps. */
  startDate: (date: PartialDate) => firstDay(date).toJSDate(),
  openData: (site: SiteModel, pathPrefix: string) => JSON.stringify(openData(site, pathPrefix), null, 1),
} satisfies Record<string, (...args: never[]) => unknown>;

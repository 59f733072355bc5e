/** Nunjucks filters; each is a pure function of its input. Words and numbers are the catalogue's (i18n.ts: t, tHtml, tCss). */
import { cssString } from "../format/css.ts";
import { firstDay, type PartialDate } from "../format/dates.ts";
import { textDirection } from "../format/direction.ts";
import { renderInline, renderMarkdown } from "../format/markdown.ts";
import { numberParagraphs, unnumbered } from "../format/paragraphs.ts";
import { markLanguage } from "../format/language-marks.ts";
import type { SiteModel } from "../report/model.ts";
import { openData } from "../report/open-data.ts";

export const filters = {
  markdown: renderMarkdown,
  markdownInline: renderInline,
  numberParagraphs,
  unnumbered,
  /** `lang` on each block of rendered Markdown that English stands in for (the model's StandIns), for the PDF's tags. */
  markLanguage,
  cssString,
  /** `rtl` or `ltr`: the direction of a page's language, for its `dir`. */
  textDirection,
  /** The first day of a date as a JS Date at midnight UTC, for the feed's timestamps. */
  startDate: (date: PartialDate) => firstDay(date).toJSDate(),
  openData: (site: SiteModel, pathPrefix: string) => JSON.stringify(openData(site, pathPrefix), null, 1),
} satisfies Record<string, (...args: never[]) => unknown>;

/** Nunjucks filters; each is a pure function of its input. Words and numbers are the catalogue's (i18n.ts: t, tHtml, tCss). */
import { cssString } from "../format/css.ts";
import { firstDay, type PartialDate } from "../format/dates.ts";
import { textDirection } from "../format/direction.ts";
import { hyphenateHtml } from "../format/hyphens.ts";
import { renderInline, renderMarkdown } from "../format/markdown.ts";
import { numberParagraphs, unnumbered } from "../format/paragraphs.ts";
import { markLanguage } from "../format/language-marks.ts";
import type { SiteModel } from "../report/model.ts";
import { openData } from "../report/open-data.ts";

/**
 * `{{ event.summary | markdown(lang) }}`: a markdown text as HTML, its prose with soft hyphens in the page's
 * language, given explicitly (a build renders several); `markdown(lang, { hyphens: false })` for where
 * the text is read by other programs than a browser laying out a page (the feed).
 */
function markdown(text: string | undefined, lang: unknown, options: { readonly hyphens?: boolean } = {}): string {
  if (typeof lang !== "string") throw new Error(`markdown needs the page's language: {{ text | markdown(lang) }} (got ${String(lang)})`);
  const html = renderMarkdown(text);
  return options.hyphens === false ? html : hyphenateHtml(html, lang);
}

export const filters = {
  markdown,
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

/** Nunjucks filters; each is a pure function of its input. */
import { formatNumber } from "../format/counts.ts";
import { renderInline, renderMarkdown } from "../format/markdown.ts";
import type { Total } from "../report/figures.ts";

export const filters = {
  markdown: renderMarkdown,
  markdownInline: renderInline,
  number: formatNumber,
  /** `at least 97`, or `97` when every event stated an exact figure. */
  total: (total: Total) => `${total.atLeast ? "at least " : ""}${formatNumber(total.value)}`,
  percent: (share: number) => `${Math.round(share * 100)}%`,
} satisfies Record<string, (...args: never[]) => string>;

/**
 * A language of the report: its catalogue's messages and its formats of
 * dates, numbers and counts, in one object that the model and the templates
 * are given explicitly (never a global: a build may render several languages).
 */
import type { Count } from "./counts.ts";
import { localeFormats, type LocaleFormats } from "./locale.ts";
import type { Messages } from "./messages.ts";

export interface Language extends LocaleFormats, Messages {
  /** `over 75`, `60`; `более 75`, `около 50`, `не менее 142`: a figure as sources qualify it. */
  count(count: Count): string;
}

/** The id of a qualifier as the catalogue's `count.qualified` selects it: `more than` → `more_than`. */
export const qualifierKey = (qualifier: string): string => qualifier.replace(/ /g, "_");

export function language(messages: Messages): Language {
  const formats = localeFormats(messages.lang);
  return {
    ...formats,
    has: messages.has,
    lang: messages.lang,
    t: messages.t,
    count: (count) =>
      count.qualifier === undefined ? formats.number(count.value) : messages.t("count.qualified", { qualifier: qualifierKey(count.qualifier), n: count.value }),
  };
}

/**
 * The templates' words: `{{ "site.search.label" | t(lang) }}`, with values
 * `{{ "figures.byType" | t(lang, { year: report.year }) }}`, in the page's
 * language, which every template and macro is given explicitly (a build may
 * render several). `tHtml` is for the few messages that hold markup, such as a
 * link inside a sentence: the message and its values are escaped as text, and
 * its `html` values inserted as the markup the template made of them (the data
 * in them escaped there, as everywhere in a template).
 */
import type { Language } from "../format/language.ts";
import type { MessageValues } from "../format/messages.ts";
import { cssString } from "../format/css.ts";
import { escapeXml } from "../format/text.ts";

export type LanguageOf = (lang: string) => Language;

/** Private-use characters around a value's index: never in a catalogue's text, so never taken for one. */
const token = (i: number) => `\uE000${i}\uE001`;

export function translationFilters(languageOf: LanguageOf) {
  const check = (key: unknown, lang: unknown): [string, string] => {
    if (typeof key !== "string" || typeof lang !== "string") throw new Error(`t needs a key and a language: {{ "key" | t(lang) }} (got ${String(key)}, ${String(lang)})`);
    return [key, lang];
  };
  return {
    t(key: unknown, lang: unknown, values?: MessageValues): string {
      const [k, l] = check(key, lang);
      return languageOf(l).t(k, values);
    },
    /** `values` are text, escaped with the message; `html` are fragments of markup the template made, inserted as they are. */
    tHtml(key: unknown, lang: unknown, values: MessageValues = {}, html: Readonly<Record<string, string>> = {}): string {
      const [k, l] = check(key, lang);
      const names = Object.keys(html);
      const tokens = Object.fromEntries(names.map((name, i) => [name, token(i)]));
      return escapeXml(languageOf(l).t(k, { ...values, ...tokens })).replace(/\uE000(\d+)\uE001/g, (_, i: string) => String(html[names[Number(i)]!]));
    },
    /** A message as the `content` of a CSS rule, each of `counters` (`page`, `pages`) a CSS counter: `"Page " counter(page) " of " counter(pages)`. */
    tCss(key: unknown, lang: unknown, counters: readonly string[]): string {
      const [k, l] = check(key, lang);
      const text = languageOf(l).t(k, Object.fromEntries(counters.map((name, i) => [name, token(i)])));
      return text
        .split(/(\uE000\d+\uE001)/)
        .filter((piece) => piece !== "")
        .map((piece) => {
          const counter = /^\uE000(\d+)\uE001$/.exec(piece);
          return counter ? `counter(${counters[Number(counter[1])]})` : cssString(piece);
        })
        .join(" ");
    },
  };
}

/**
 * Marks rendered Markdown as written in another language than its page's: `lang` on each of its blocks, and the
 * direction that language is written in (English standing in on a page written right to left reads left to right).
 * Chromium's tagged PDF keeps `lang` on the elements it tags (paragraphs, list items, headings, links), but drops it
 * on a plain `<div>` around them, which it does not tag: a wrapper alone would leave the PDF's tags in the page's
 * language.
 */
import { textDirection } from "./direction.ts";

const BLOCK = /<(p|li|h[1-6]|blockquote)(?=[\s>])/g;

export function markLanguage(html: string, lang: string | undefined): string {
  if (!lang) return html;
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) throw new Error(`"${lang}" is not a language tag`);
  return html.replace(BLOCK, (tag) => `${tag} lang="${lang}" dir="${textDirection(lang)}"`);
}

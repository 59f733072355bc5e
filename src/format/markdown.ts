import MarkdownIt from "markdown-it";
import { undecodableEscapes } from "./addresses.ts";

/**
 * Markdown from the data, made safe to publish: no raw HTML (it shows as
 * text), links only to http, https and mailto addresses or within the site,
 * and no images, which would load from wherever they point.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
md.disable("image");

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** Whether a link (as markdown-it has normalised it: entities decoded, special characters percent-encoded) may be published. */
export function isSafeLink(url: string): boolean {
  const scheme = /^([^/?#]*?):/.exec(url.trim().toLowerCase());
  return scheme === null || ALLOWED_SCHEMES.has(scheme[1]!);
}

md.validateLink = isSafeLink;

/** A link's percent-escapes that decode to no text, each with the link (as rendered) that holds it. */
export interface BrokenEscape {
  readonly href: string;
  /** The run of escapes that does not decode, as written: `%E0%A4`. */
  readonly escape: string;
}

type Tokens = ReturnType<typeof md.parse>;

/**
 * The percent-escapes in the links of a Markdown text that are not UTF-8 (`#%E0%A4`, a character cut
 * short): no reader can follow such a link, and the printer, which decodes a link within the page to
 * find its target, cannot read it. Read from the links as they are rendered (a `%` that starts no
 * escape is written as `%25` there, and is fine).
 */
export function brokenEscapes(text: string | undefined): BrokenEscape[] {
  if (!text?.includes("%")) return [];
  const out: BrokenEscape[] = [];
  const visit = (tokens: Tokens) => {
    for (const token of tokens) {
      const href = token.type === "link_open" ? token.attrGet("href") : null;
      if (href !== null) for (const escape of undecodableEscapes(href)) out.push({ href, escape });
      if (token.children) visit(token.children);
    }
  };
  visit(md.parse(text, {}));
  return out;
}

/**
 * Rendered texts by their source: a summary appears on its event page, its year's page and print page,
 * the feed and its hubs, and is rendered once. Bounded, since the live preview runs for hours.
 */
const rendered = new Map<string, string>();
const MAX_CACHED = 50_000;

export function renderMarkdown(text: string | undefined): string {
  if (!text) return "";
  let html = rendered.get(text);
  if (html === undefined) {
    html = md.render(text);
    if (rendered.size >= MAX_CACHED) rendered.clear();
    rendered.set(text, html);
  }
  return html;
}

export function renderInline(text: string | undefined): string {
  return text ? md.renderInline(text) : "";
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: "\u00a0" };

/** The words that Markdown prints, without its markup or the addresses of its links: `**SOM** [site](https://x.org/ILO)` → `SOM site`. */
export function markdownWords(text: string | undefined): string {
  return renderMarkdown(text)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_all, name: string) => ENTITIES[name]!);
}

/** The text with markdown's entities (`&#x416;`, `&eacute;`) and backslash escapes read: the characters it prints. */
export function decodeEntities(text: string): string {
  return md.utils.unescapeAll(text);
}

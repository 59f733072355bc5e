import MarkdownIt from "markdown-it";

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

/** The text with markdown's entities (`&#x416;`, `&eacute;`) and backslash escapes read: the characters it prints. */
export function decodeEntities(text: string): string {
  return md.utils.unescapeAll(text);
}

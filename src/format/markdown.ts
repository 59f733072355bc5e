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

export function renderMarkdown(text: string | undefined): string {
  return text ? md.render(text) : "";
}

export function renderInline(text: string | undefined): string {
  return text ? md.renderInline(text) : "";
}

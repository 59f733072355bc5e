import MarkdownIt from "markdown-it";

/** Markdown from the data: no raw HTML, so nothing an editor pastes can run in a browser. */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderMarkdown(text: string | undefined): string {
  return text ? md.render(text) : "";
}

export function renderInline(text: string | undefined): string {
  return text ? md.renderInline(text) : "";
}

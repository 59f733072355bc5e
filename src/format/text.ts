/** Small pieces of text; the English ones (plural, listSeparator, fileSize) are the command's own messages, never the report's (locales/). */

/** `1 page`, `2 pages`, `1 activity`, `3 activities` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What comes before item `i` of `n` in a list as a sentence reads it: `1, 2 and 5`. */
export const listSeparator = (i: number, n: number): string => (i === 0 ? "" : i === n - 1 ? " and " : ", ");

/** `84 KB`, `1.2 MB` */
export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `Türkiye İstanbul` → `turkiye-istanbul`: lower case ASCII words joined by hyphens, for file names and ids. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * A text of one line: each line end (\r\n, \r, \n, U+2028, U+2029), with the spaces around it, as one
 * space, as a browser shows it. A title typed in a YAML block, or with an escape, holds them; in the PDF's
 * metadata a carriage return would read back from the XMP as a line feed (XML reads it so), and the XMP
 * would disagree with the document information.
 */
export function oneLine(text: string): string {
  return /[\r\n\u2028\u2029]/.test(text) ? text.replace(/\s*[\r\n\u2028\u2029]\s*/g, " ") : text;
}

/** Text made safe inside XML and HTML elements and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

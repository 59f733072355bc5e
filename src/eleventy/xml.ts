/**
 * XML 1.0 allows no control characters but tab and line ends, no unpaired
 * surrogates and not U+FFFE or U+FFFF: one of them makes a document
 * ill-formed, and feed readers then reject the whole feed. Validation reports
 * them in the data; this keeps every XML file of the site well formed anyway.
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML 1.0 does not allow. */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_XML, "");
}

/** An Eleventy transform: the .xml files (feed, sitemap) without characters XML does not allow; other files unchanged. */
export function wellFormedXml(this: { page?: { outputPath?: string | false } } | undefined, content: string): string {
  const output = this?.page?.outputPath;
  return typeof output === "string" && output.endsWith(".xml") ? xmlCharacters(content) : content;
}

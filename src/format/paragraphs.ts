/**
 * Numbers the paragraphs of a report (1., 2., …) so that decisions of the
 * Senior Officials Meeting can cite them. Applied to the rendered body, so the
 * web page and the PDF carry the same numbers. Only plain `<p>` elements are
 * numbered: those of the Markdown texts; datelines, notes and other
 * paragraphs with a class are not.
 */
export function numberParagraphs(html: string, enabled = true): string {
  if (!enabled) return html;
  let n = 0;
  // A paragraph English stands in for, in a page of another language, carries its `lang` and `dir` (language-marks.ts).
  return html.replace(/<p((?: (?:lang|dir)="[^"]*")*)>/g, (_all, lang: string) => {
    n += 1;
    return `<p class="numbered" id="para-${n}"${lang}><span class="paragraph-number">${n}.</span> `;
  });
}

/** Marks the paragraphs of `html` as not the report's own statements (a strand's timeless description), so that they are not numbered. */
export function unnumbered(html: string): string {
  return html.replace(/<p((?: (?:lang|dir)="[^"]*")*)>/g, '<p class="text"$1>');
}

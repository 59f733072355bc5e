/** Small helpers for SVG written as text: the pictures are drawn at build time, no script in the page. */

import { escapeXml } from "../format/text.ts";

/** Rounds coordinates so that the markup stays small and the output stable. */
export function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Shades of grey that stay apart when printed or photocopied; series are also named in a legend and a table. */
export const GREYS = ["#1f1f1f", "#6b6b6b", "#a3a3a3", "#cfcfcf", "#4a4a4a", "#8a8a8a", "#e6e6e6"];

/** The opening of an accessible SVG picture: a role, a title and a description read by screen readers. */
export function svgOpen(id: string, width: number, height: number, title: string, desc: string, className: string): string {
  return (
    `<svg class="${className}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`
  );
}

/**
 * The plate behind a label, in the colour of what lies under the label, so that it reads over
 * lines and borders. Not a halo: Chromium prints stroked text a second time, in a Type 3 font,
 * and a reader who copies or searches the label meets it twice.
 */
export function plate(box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }): string {
  return `<rect x="${r(box.x)}" y="${r(box.y)}" width="${r(box.width)}" height="${r(box.height)}" rx="2"/>`;
}

/**
 * The face of the pictures' text: the sans-serif of the headings, narrower than the body's serif, so that labels take
 * less room; Arabic script in the Arabic face, as in the style sheets.
 */
export const SANS = "'Source Sans 3', 'Amiri', Arial, sans-serif";

/**
 * A picture drawn twice, for print and wide screens and for phones, marks its
 * drawings with these classes; the style sheets show one of the two.
 */
export const WIDE_DRAWING = "drawing-wide";
export const NARROW_DRAWING = "drawing-narrow";

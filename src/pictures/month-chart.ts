/**
 * Events by month and type as a stacked bar chart in SVG, with the same
 * numbers as a table. Used on the year page and in the PDF.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import type { Figures } from "../report/figures.ts";
import { escapeXml } from "../format/text.ts";
import { english } from "../data/languages/catalogues.ts";
import type { Language } from "../format/language.ts";
import { GREYS, r, svgOpen } from "./svg.ts";

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 32 };

export function monthChart(figures: Figures, year: number, language: Language = english()): string {
  const months = figures.byMonth;
  const types = figures.byType;
  const max = Math.max(1, ...months.map((m) => m.total));
  const x = scaleBand<string>().domain(months.map((m) => m.key)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.25);
  const y = scaleLinear().domain([0, max]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(Math.min(max, 5)).filter(Number.isInteger);

  const busiest = months.filter((m) => m.total === max && m.total > 0).map((m) => m.label);
  const desc =
    figures.events === 0
      ? language.t("pictures.noneHeld")
      : language.t("pictures.months.description", { n: figures.events, months: months.length, busiest: busiest.length, names: busiest.join(`${language.t("punctuation.comma")} `), max });
  const title = language.t("pictures.months.title", { year: String(year) });

  const parts: string[] = [svgOpen(`months-${year}`, WIDTH, HEIGHT, title, desc, "chart chart-months")];
  parts.push('<g class="axis" font-size="11" fill="currentColor">');
  for (const tick of ticks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="#d0d0d0" stroke-width="0.5"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end">${tick}</text>`);
  }
  for (const month of months) {
    parts.push(`<text x="${r(x(month.key)! + x.bandwidth() / 2)}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(month.short)}</text>`);
  }
  parts.push("</g>");
  for (const month of months) {
    let base = 0;
    month.counts.forEach((count, i) => {
      if (count === 0) return;
      const top = y(base + count);
      parts.push(
        `<rect x="${r(x(month.key)!)}" y="${r(top)}" width="${r(x.bandwidth())}" height="${r(y(base) - top)}" fill="${GREYS[i % GREYS.length]}" stroke="#fff" stroke-width="1"><title>${escapeXml(language.t("pictures.months.bar", { month: month.label, n: count, label: types[i]!.type.label.toLowerCase(), plural: types[i]!.type.plural.toLowerCase() }))}</title></rect>`,
      );
      base += count;
    });
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${r(y(0))}" y2="${r(y(0))}" stroke="currentColor"/>`);
  parts.push("</svg>");

  const legend = types
    .map((row, i) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${GREYS[i % GREYS.length]}"/></svg> ${escapeXml(row.type.plural)}</li>`)
    .join("");

  const head = types.map((row) => `<th scope="col" class="num">${escapeXml(row.type.plural)}</th>`).join("");
  const body = months
    .filter((m) => m.total > 0)
    .map((m) => `<tr><th scope="row">${escapeXml(m.label)}</th>${m.counts.map((c) => `<td class="num">${c}</td>`).join("")}<td class="num">${m.total}</td></tr>`)
    .join("");
  const table =
    `<div class="visually-hidden"><table><caption>${escapeXml(title)}</caption>` +
    `<thead><tr><th scope="col">${escapeXml(language.t("pictures.months.month"))}</th>${head}<th scope="col" class="num">${escapeXml(language.t("figures.total"))}</th></tr></thead><tbody>${body}</tbody></table></div>`;

  const undated = figures.undatedInMonth > 0
    ? `<p class="chart-note">${escapeXml(language.t("pictures.months.undated", { n: figures.undatedInMonth }))}</p>`
    : "";
  return `<figure class="picture">${parts.join("")}<figcaption><ul class="legend">${legend}</ul></figcaption></figure>${table}${undated}`;
}

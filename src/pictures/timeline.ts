/**
 * The activities of a year of few activities on a time axis, as SVG: one
 * mark per activity at its date, labelled with its place and date, the
 * labels stacked in lanes so that none covers another. Used instead of the
 * month chart when the year has too few activities for counts to say
 * anything (index.ts). A table gives the same activities and dates.
 */
import type { ReportView } from "../report/model.ts";
import type { EventView } from "../report/views.ts";
import { english } from "../data/languages/catalogues.ts";
import { type PartialDate } from "../format/dates.ts";
import type { Language } from "../format/language.ts";
import { escapeXml } from "../format/text.ts";
import { labelSize, PLATE_PADDING, type Box } from "./labels.ts";
import { NARROW_DRAWING, plate, r, SANS, svgOpen, WIDE_DRAWING } from "./svg.ts";

export const WIDTH = 640;
const SIDE = 14;
/** At print size (640 units over about 16 cm) 12 units are about 8.5 pt, 11 units about 7.8 pt. */
export const LABEL_FONT_SIZE = 12;
const AXIS_FONT_SIZE = 11;
const LANE = 24;
/** Half the size of a mark. */
const MARK = 5;
/** Between a mark or bar and its label. */
const LABEL_GAP = 5;
/** Between one activity's label and the next activity in the same lane: wide enough that a label is not read as its neighbour's. */
const ITEM_GAP = 16;
const DAY_MS = 86_400_000;

/** The first day of each month of the axis and the day after the last: days since 1970-01-01. */
export interface Axis {
  readonly months: readonly { readonly key: string; readonly short: string; readonly start: number; readonly end: number }[];
  readonly from: number;
  readonly to: number;
  readonly left: number;
  readonly right: number;
}

/** The axis over the months of the report's span (`figures.byMonth`, keys `2018-05`). */
export function axisOf(months: readonly { readonly key: string; readonly short: string }[], width = WIDTH): Axis {
  const days = months.map((m) => {
    const [year, month] = m.key.split("-").map(Number) as [number, number];
    return { key: m.key, short: m.short, start: Date.UTC(year, month - 1, 1) / DAY_MS, end: Date.UTC(year, month, 1) / DAY_MS };
  });
  return { months: days, from: days[0]!.start, to: days.at(-1)!.end, left: SIDE, right: width - SIDE };
}

/** Where a day (days since 1970-01-01, fractions for parts of a day) lies on the axis. */
export function xOf(axis: Axis, day: number): number {
  const clamped = Math.max(axis.from, Math.min(axis.to, day));
  return axis.left + ((clamped - axis.from) / (axis.to - axis.from)) * (axis.right - axis.left);
}

/** `7–8 May`, `30 Nov – 1 Dec`, `May`, `May–Jun`: the year is on the axis. */
export function shortDate(start: PartialDate, end?: PartialDate, language: Language = english()): string {
  return language.shortDateRange(start, end);
}

export interface TimelineItem {
  readonly event: EventView;
  /** The index of its type in the legend, which gives its mark. */
  readonly type: number;
  /** The days it may have taken, from the first to the day after the last. */
  readonly from: number;
  readonly to: number;
  /** Dated only by month: drawn across the months it may have taken, not at a day. */
  readonly approximate: boolean;
  readonly text: string;
}

/** What a timeline places, and what it must say it could not place. */
export function timelineItems(report: Pick<ReportView, "events" | "figures">, language: Language = english()): { items: TimelineItem[]; byYear: EventView[]; outside: EventView[] } {
  const held = report.events.filter((e) => e.status === "held");
  const types = report.figures.byType.map((row) => row.type.id);
  const axis = axisOf(report.figures.byMonth);
  const items: TimelineItem[] = [];
  const byYear: EventView[] = [];
  const outside: EventView[] = [];
  for (const event of held) {
    const end = event.end ?? event.date;
    if (event.date.precision === "year" || end.precision === "year") {
      byYear.push(event);
      continue;
    }
    const from = event.date.first;
    const to = end.last + 1;
    // An activity given to this report's year by report_year may lie outside its months: the axis cannot show it.
    if (to <= axis.from || from >= axis.to) {
      outside.push(event);
      continue;
    }
    items.push({
      event,
      type: Math.max(0, types.indexOf(event.type.id)),
      from,
      to,
      approximate: event.date.precision === "month" || end.precision === "month",
      text: language.t("event.dateline", { place: event.location, date: shortDate(event.date, event.end, language) }),
    });
  }
  return { items, byYear, outside };
}

export interface LaidItem {
  readonly item: TimelineItem;
  readonly lane: number;
  /** The mark's centre on the axis, and the bar when the activity took more than a day or is dated by month. */
  readonly mark: number;
  readonly bar?: { readonly x1: number; readonly x2: number };
  readonly label: { readonly x: number; readonly anchor: "start" | "end"; readonly text: string; readonly width: number };
  /** What the activity takes in its lane, mark, bar and label. */
  readonly extent: { readonly x1: number; readonly x2: number };
}

/** Cuts a label to `width`, ending it with an ellipsis: the full text is in the table and the mark's title. */
function fitted(text: string, width: number): { text: string; width: number } {
  const full = labelSize(text, LABEL_FONT_SIZE).width;
  if (full <= width) return { text, width: full };
  let chars = [...text];
  let cut: string;
  do {
    chars = chars.slice(0, -1);
    cut = `${chars.join("").trimEnd()}\u2026`;
  } while (chars.length > 1 && labelSize(cut, LABEL_FONT_SIZE).width > width);
  return { text: cut, width: labelSize(cut, LABEL_FONT_SIZE).width };
}

/**
 * Each activity in the first lane where it and its label fit beside what is
 * already there: the label to the right of its mark, or to the left when
 * the right is taken or off the axis. Activities come in time order, so the
 * same data gives the same lanes.
 */
export function layOut(items: readonly TimelineItem[], axis: Axis): LaidItem[] {
  const lanes: { x1: number; x2: number }[][] = [];
  const frameLeft = axis.left - SIDE + 2;
  const frameRight = axis.right + SIDE - 2;
  return items.map((item) => {
    const x1 = xOf(axis, item.from);
    const x2 = xOf(axis, item.to);
    // A day-dated activity's mark is at its first day; a month-dated one's in the middle of what it may have taken.
    const mark = item.approximate ? (x1 + x2) / 2 : xOf(axis, item.from + 0.5);
    const bar = item.approximate || item.to - item.from > 1 ? { x1, x2 } : undefined;
    const body = { x1: Math.min(mark - MARK, bar?.x1 ?? Infinity), x2: Math.max(mark + MARK, bar?.x2 ?? -Infinity) };
    const roomRight = frameRight - (body.x2 + LABEL_GAP);
    const roomLeft = body.x1 - LABEL_GAP - frameLeft;
    const full = labelSize(item.text, LABEL_FONT_SIZE).width;
    const sides: ("start" | "end")[] = full <= roomRight ? (full <= roomLeft ? ["start", "end"] : ["start"]) : full <= roomLeft ? ["end"] : [roomRight >= roomLeft ? "start" : "end"];
    const option = (anchor: "start" | "end") => {
      const label = fitted(item.text, anchor === "start" ? roomRight : roomLeft);
      const x = anchor === "start" ? body.x2 + LABEL_GAP : body.x1 - LABEL_GAP;
      const extent = anchor === "start" ? { x1: body.x1, x2: x + label.width } : { x1: x - label.width, x2: body.x2 };
      return { label: { x, anchor, ...label }, extent };
    };
    for (let lane = 0; ; lane++) {
      const taken = (lanes[lane] ??= []);
      for (const side of sides) {
        const { label, extent } = option(side);
        if (taken.every((t) => extent.x2 + ITEM_GAP <= t.x1 || t.x2 + ITEM_GAP <= extent.x1)) {
          taken.push(extent);
          return { item, lane, mark, ...(bar ? { bar } : {}), label, extent };
        }
      }
    }
  });
}

/** A label's box in the drawing, its plate: the lane's centre line is at `laneY`. */
export function labelBox(laid: LaidItem, laneY: number): Box {
  const { width } = laid.label;
  const height = labelSize("", LABEL_FONT_SIZE).height;
  return { x: laid.label.anchor === "start" ? laid.label.x : laid.label.x - width, y: laneY - height / 2, width, height };
}

/**
 * The marks of the event types: shapes, filled and then open, so that types
 * differ without colour and a photocopy keeps them apart. The most distinct
 * come first (circle, square, triangle, diamond, cross, star); the downward
 * triangle, nearest to the upward one, last.
 */
const SHAPES: readonly ((x: number, y: number, s: number) => string)[] = [
  (x, y, s) => `<circle cx="${r(x)}" cy="${r(y)}" r="${r(s)}"/>`,
  (x, y, s) => `<rect x="${r(x - s * 0.88)}" y="${r(y - s * 0.88)}" width="${r(s * 1.76)}" height="${r(s * 1.76)}"/>`,
  (x, y, s) => polygon([[x, y - s * 1.15], [x + s * 1.1, y + s * 0.8], [x - s * 1.1, y + s * 0.8]]),
  (x, y, s) => polygon([[x, y - s * 1.25], [x + s * 1.1, y], [x, y + s * 1.25], [x - s * 1.1, y]]),
  (x, y, s) => {
    const a = s * 0.38;
    const b = s * 1.05;
    return polygon([[x - a, y - b], [x + a, y - b], [x + a, y - a], [x + b, y - a], [x + b, y + a], [x + a, y + a], [x + a, y + b], [x - a, y + b], [x - a, y + a], [x - b, y + a], [x - b, y - a], [x - a, y - a]]);
  },
  (x, y, s) => polygon(Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? s * 1.25 : s * 0.55;
    const angle = (i * Math.PI) / 5 - Math.PI / 2;
    return [x + radius * Math.cos(angle), y + radius * Math.sin(angle)] as [number, number];
  })),
  (x, y, s) => polygon([[x, y + s * 1.15], [x + s * 1.1, y - s * 0.8], [x - s * 1.1, y - s * 0.8]]),
];

function polygon(points: readonly [number, number][]): string {
  return `<polygon points="${points.map(([x, y]) => `${r(x)},${r(y)}`).join(" ")}"/>`;
}

/** The mark of the `type`th type at (x, y): its shape, filled for the first seven types and open for the next seven. */
export function markOf(type: number, x: number, y: number, s = MARK): string {
  const shape = SHAPES[type % SHAPES.length]!(x, y, s);
  const open = Math.floor(type / SHAPES.length) % 2 === 1;
  const paint = open ? ' fill="#fff" stroke="#1f1f1f" stroke-width="1.5"' : ' fill="#1f1f1f" stroke="#fff" stroke-width="1"';
  return shape.replace(/\/>$/, `${paint}/>`);
}

const BAR = { exact: 'fill="#8a8a8a"', approximate: 'fill="#fff" stroke="#1f1f1f" stroke-width="1" stroke-dasharray="3 2"' };

/** The width of the timeline for narrow screens: about as wide as a phone's column, so that its text is not shrunk. */
export const NARROW_WIDTH = 360;

/** One drawing of the timeline, `width` units wide; `id` names its title and description. */
function drawing(report: Pick<ReportView, "year" | "figures">, items: readonly TimelineItem[], width: number, id: string, className: string, language: Language): string {
  const { year, figures } = report;
  const axis = axisOf(figures.byMonth, width);
  const laid = layOut(items, axis);
  const lanes = Math.max(1, ...laid.map((l) => l.lane + 1));
  const years = [...new Set(axis.months.map((m) => m.key.slice(0, 4)))];
  // A second row names the years when the span crosses one; a calendar year is named in the title.
  const monthRow = years.length > 1 ? 30 : 14;
  const axisY = monthRow + 7;
  const laneY = (lane: number) => axisY + 6 + LANE * (lane + 0.5);
  const height = Math.round(laneY(lanes - 1) + LANE / 2 + 4);

  const desc =
    figures.events === 0
      ? language.t("pictures.noneHeld")
      : laid.length === 0
        ? language.t("pictures.timeline.noneDated")
        : language.t("pictures.timeline.description", { n: laid.length, list: laid.map((l) => l.item.text).join("; ") });

  const parts: string[] = [svgOpen(id, width, height, titleOf(year, language), desc, className)];
  parts.push(`<g font-family="${SANS}" fill="currentColor">`);

  // The months: a rule at each month's start, the month's name over its middle, fewer names when they would crowd.
  const monthWidth = (axis.right - axis.left) / axis.months.length;
  const every = Math.ceil(26 / monthWidth);
  parts.push(`<g stroke="#d6d6d6" stroke-width="0.8">`);
  axis.months.forEach((m, i) => {
    if (i > 0) parts.push(`<line x1="${r(xOf(axis, m.start))}" x2="${r(xOf(axis, m.start))}" y1="${axisY}" y2="${height - 2}"${m.key.endsWith("-01") ? ' stroke="#8a8a8a"' : ""}/>`);
  });
  parts.push("</g>");
  parts.push(`<g font-size="${AXIS_FONT_SIZE}" text-anchor="middle">`);
  axis.months.forEach((m, i) => {
    if (i % every === 0) parts.push(`<text x="${r((xOf(axis, m.start) + xOf(axis, m.end)) / 2)}" y="${monthRow}">${escapeXml(m.short)}</text>`);
  });
  parts.push("</g>");
  if (years.length > 1) {
    parts.push(`<g font-size="${AXIS_FONT_SIZE}" font-weight="600">`);
    for (const y of years) {
      const first = axis.months.find((m) => m.key.startsWith(y))!;
      parts.push(`<text x="${r(xOf(axis, first.start) + 2)}" y="12">${y}</text>`);
    }
    parts.push("</g>");
  }
  parts.push(`<line x1="${axis.left}" x2="${axis.right}" y1="${axisY}" y2="${axisY}" stroke="currentColor"/>`);
  axis.months.forEach((m) => parts.push(`<line x1="${r(xOf(axis, m.start))}" x2="${r(xOf(axis, m.start))}" y1="${axisY - 4}" y2="${axisY}" stroke="currentColor"/>`));
  parts.push(`<line x1="${axis.right}" x2="${axis.right}" y1="${axisY - 4}" y2="${axisY}" stroke="currentColor"/>`);

  if (laid.length === 0) {
    const empty = figures.events === 0 ? language.t("pictures.timeline.emptyNone") : language.t("pictures.timeline.emptyUndated");
    parts.push(`<text x="${width / 2}" y="${r(laneY(0) + 4)}" font-size="${LABEL_FONT_SIZE}" text-anchor="middle">${escapeXml(empty)}</text>`);
  }
  for (const l of laid) {
    const y = laneY(l.lane);
    const e = l.item.event;
    parts.push(`<g><title>${escapeXml(language.t("pictures.timeline.item", { title: e.title, place: e.location, date: e.dateText, type: e.type.label }))}</title>`);
    if (l.bar) parts.push(`<rect x="${r(l.bar.x1)}" y="${r(y - 3)}" width="${r(Math.max(1, l.bar.x2 - l.bar.x1))}" height="6" ${l.item.approximate ? BAR.approximate : BAR.exact}/>`);
    parts.push(markOf(l.item.type, l.mark, y));
    const textX = l.label.anchor === "start" ? l.label.x + PLATE_PADDING : l.label.x - PLATE_PADDING;
    parts.push(
      `<g fill="#fff">${plate(labelBox(l, y))}</g>`,
      `<text x="${r(textX)}" y="${r(y + 4)}" font-size="${LABEL_FONT_SIZE}"${l.label.anchor === "end" ? ' text-anchor="end"' : ""}>${escapeXml(l.label.text)}</text></g>`,
    );
  }
  parts.push("</g></svg>");
  return parts.join("");
}

const titleOf = (year: number, language: Language) => language.t("pictures.timeline.title", { year: String(year) });

/**
 * The timeline, drawn twice: 640 units wide for print and wide screens, and
 * narrower for phones, where the wide one would be scaled down until its
 * text could not be read (the style sheets show one of the two). The legend,
 * the table and the notes are shared.
 */
export function timeline(report: Pick<ReportView, "year" | "events" | "figures">, language: Language = english()): string {
  const { year, figures } = report;
  const { items, byYear, outside } = timelineItems(report, language);
  const wide = drawing(report, items, WIDTH, `timeline-${year}`, `chart chart-timeline ${WIDE_DRAWING}`, language);
  const narrow = drawing(report, items, NARROW_WIDTH, `timeline-${year}-narrow`, `chart chart-timeline ${NARROW_DRAWING}`, language);

  const legend = figures.byType.map((row, i) => `<li><svg viewBox="-7 -7 14 14" width="12" height="12" aria-hidden="true">${markOf(i, 0, 0)}</svg> ${escapeXml(row.type.plural)}</li>`);
  // A bar of a few days hides under its mark: the legend names bars only when one shows beyond its mark.
  const bars = layOut(items, axisOf(figures.byMonth, WIDTH)).some((l) => l.bar && !l.item.approximate && l.bar.x2 >= l.mark + MARK + 2);
  if (bars) {
    legend.push(`<li><svg viewBox="0 0 20 12" width="20" height="12" aria-hidden="true" class="legend-wide"><rect x="1" y="3" width="18" height="6" ${BAR.exact}/></svg> ${escapeXml(language.t("pictures.timeline.legendDays"))}</li>`);
  }
  if (items.some((i) => i.approximate)) {
    legend.push(`<li><svg viewBox="0 0 20 12" width="20" height="12" aria-hidden="true" class="legend-wide"><rect x="1" y="3" width="18" height="6" ${BAR.approximate}/></svg> ${escapeXml(language.t("pictures.timeline.legendMonth"))}</li>`);
  }

  const held = report.events.filter((e) => e.status === "held");
  const rows = held
    .map((e) => `<tr><td>${escapeXml(e.dateText)}</td><th scope="row">${escapeXml(e.title)}</th><td>${escapeXml(e.type.label)}</td><td>${escapeXml(e.location)}</td></tr>`)
    .join("");
  const table =
    `<div class="visually-hidden"><table><caption>${escapeXml(titleOf(year, language))}</caption>` +
    `<thead><tr>${["date", "activity", "type", "place"].map((c) => `<th scope="col">${escapeXml(language.t(`pictures.table.${c}`))}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div>`;

  const listed = (events: readonly EventView[]) => events.map((e) => language.t("pictures.listed", { title: e.title, place: e.location, date: e.dateText })).join("; ");
  const notes = [
    byYear.length > 0 ? `<p class="chart-note">${escapeXml(language.t("pictures.timeline.byYear", { list: listed(byYear) }))}</p>` : "",
    outside.length > 0 ? `<p class="chart-note">${escapeXml(language.t("pictures.timeline.outside", { list: listed(outside) }))}</p>` : "",
  ].join("");
  return `<figure class="picture picture-timeline">${wide}${narrow}<figcaption><ul class="legend">${legend.join("")}</ul></figcaption></figure>${table}${notes}`;
}

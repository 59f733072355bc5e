import { afterAll, describe, expect, it } from "vitest";
import { partialDate } from "../../../src/format/dates.ts";
import { intersects, inside } from "../../../src/pictures/labels.ts";
import { axisOf, labelBox, layOut, markOf, shortDate, timeline, timelineItems, WIDTH, xOf, type TimelineItem } from "../../../src/pictures/timeline.ts";
import { cleanUp } from "../../helpers/data.ts";
import { reportOf } from "../../helpers/pictures.ts";

afterAll(cleanUp);

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ key: `2019-${String(i + 1).padStart(2, "0")}`, short: "M" }));
const AXIS = axisOf(MONTHS);
const day = (iso: string) => partialDate(iso).first;

/** An item as timelineItems makes it, for the layout alone. */
function item(from: string, to: string, text: string, approximate = false): TimelineItem {
  return { event: undefined as never, type: 0, from: day(from), to: day(to), approximate, text };
}

/** The label boxes of a layout, each in its lane. */
const boxes = (laid: ReturnType<typeof layOut>) => laid.map((l) => labelBox(l, 100 + 24 * l.lane));

describe("shortDate", () => {
  it("leaves the year to the axis", () => {
    expect(shortDate(partialDate("2018-05-07"), partialDate("2018-05-08"))).toBe("7–8 May");
    expect(shortDate(partialDate("2017-11-30"), partialDate("2017-12-01"))).toBe("30 Nov – 1 Dec");
    expect(shortDate(partialDate("2018-05"))).toBe("May");
    expect(shortDate(partialDate("2018-05"), partialDate("2018-06"))).toBe("May–Jun");
    expect(shortDate(partialDate("2018-05-16"))).toBe("16 May");
  });
});

describe("the axis", () => {
  it("runs from the first day of the span to the day after its last, across the picture", () => {
    expect(xOf(AXIS, day("2019-01-01"))).toBe(AXIS.left);
    expect(xOf(AXIS, day("2019-12-31") + 1)).toBe(AXIS.right);
    expect(xOf(AXIS, day("2019-01-01") + 365 / 2)).toBeCloseTo((AXIS.left + AXIS.right) / 2, 6);
    // Outside the span a date stays at the axis' end rather than leave the picture.
    expect(xOf(AXIS, day("2020-03-01"))).toBe(AXIS.right);
  });
});

describe("layOut", () => {
  it("puts activities far apart in one lane, labels to the right of their marks", () => {
    const laid = layOut([item("2019-02-03", "2019-02-04", "Vienna, 3 Feb"), item("2019-07-10", "2019-07-12", "Dhaka, 10–11 Jul")], AXIS);
    expect(laid.map((l) => [l.lane, l.label.anchor])).toEqual([[0, "start"], [0, "start"]]);
    expect(laid[1]!.bar).toBeDefined();
    expect(laid[0]!.bar).toBeUndefined();
    expect(laid[1]!.label.x).toBeGreaterThan(laid[1]!.bar!.x2);
  });

  it("stacks activities of the same days in lanes, so that no label covers another", () => {
    // The sample's 2016: two meetings in Tehran on the same days; here with more on top.
    const same = Array.from({ length: 5 }, (_, i) => item("2019-05-15", "2019-05-20", `Tehran, 15–19 May (${i})`));
    const laid = layOut(same, AXIS);
    expect(laid.map((l) => l.lane)).toEqual([0, 1, 2, 3, 4]);
    const found = boxes(laid);
    for (let i = 0; i < found.length; i++) for (let j = i + 1; j < found.length; j++) expect(intersects(found[i]!, found[j]!), `${i} and ${j}`).toBe(false);
  });

  it("writes a label to the left of a mark at the end of the year, inside the picture", () => {
    const [late] = layOut([item("2019-12-15", "2019-12-16", "Antalya, 15 Dec")], AXIS);
    expect(late!.label.anchor).toBe("end");
    expect(late!.label.x).toBeLessThan(late!.mark);
    expect(inside(labelBox(late!, 100), { width: WIDTH, height: 200 })).toBe(true);
  });

  it("keeps every label of a crowded year apart and inside the picture", () => {
    const dates = ["2019-01-10", "2019-01-12", "2019-01-20", "2019-03-01", "2019-03-02", "2019-03-03", "2019-06-30", "2019-07-01", "2019-11-28", "2019-12-20", "2019-12-30", "2019-12-31"];
    const laid = layOut(dates.map((d, i) => item(d, d, `Bandar Seri Begawan ${i}, ${d}`)), AXIS);
    const found = boxes(laid);
    for (const box of found) expect(inside(box, { width: WIDTH, height: 1000 })).toBe(true);
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) expect(intersects(found[i]!, found[j]!), `${i} and ${j}`).toBe(false);
    }
    // Activities in one lane do not run into each other: marks and bars are part of what a lane holds.
    for (const a of laid) for (const b of laid) if (a !== b && a.lane === b.lane) expect(a.extent.x2 < b.extent.x1 || b.extent.x2 < a.extent.x1).toBe(true);
  });

  it("cuts a label that fits on neither side with an ellipsis", () => {
    const [long] = layOut([item("2019-07-01", "2019-07-02", `Llanfairpwllgwyngyll ${"x".repeat(80)}, 1 Jul`)], AXIS);
    expect(long!.label.text.endsWith("…")).toBe(true);
    expect(inside(labelBox(long!, 100), { width: WIDTH, height: 200 })).toBe(true);
  });

  it("draws a month-dated activity across its month, its mark in the middle", () => {
    const [may] = layOut([item("2019-05-01", "2019-06-01", "Vienna, May", true)], AXIS);
    expect(may!.bar).toEqual({ x1: xOf(AXIS, day("2019-05-01")), x2: xOf(AXIS, day("2019-06-01")) });
    expect(may!.mark).toBeCloseTo((may!.bar!.x1 + may!.bar!.x2) / 2, 6);
  });
});

describe("markOf", () => {
  it("gives each of fourteen types a mark of its own, without colour", () => {
    const marks = Array.from({ length: 14 }, (_, i) => markOf(i, 0, 0));
    expect(new Set(marks).size).toBe(14);
    for (const mark of marks) for (const [, hex] of mark.matchAll(/#([0-9a-f]{3,6})/gi)) expect(hex).toMatch(/^(f{3}|f{6}|1f1f1f)$/i);
  });
});

describe("timeline", () => {
  const events = [
    { id: "vienna-1", date: "2019-02-12", place: "vienna", type: "working-group-meeting" },
    { id: "dhaka", date: "2019-05-15", end: "2019-05-19", place: "dhaka", type: "training" },
    { id: "budapest", date: "2019-05-16", place: "budapest", type: "high-level-meeting" },
    { id: "vienna-month", date: "2019-09", place: "vienna", type: "working-group-meeting" },
    { id: "someday", date: "2019", place: "vienna", type: "training", title: "Training at some time" },
    { id: "planned", date: "2019-10-01", place: "sarajevo", status: "planned" as const },
    { id: "cancelled", date: "2019-11-01", place: "sarajevo", status: "cancelled" as const },
  ];

  it("places held activities only, month-dated ones across their month, year-dated ones in a note", async () => {
    const report = await reportOf(2019, events);
    const { items, byYear } = timelineItems(report);
    expect(items.map((i) => [i.event.id, i.text, i.approximate])).toEqual([
      ["vienna-1", "Vienna, 12 Feb", false],
      ["dhaka", "Dhaka, 15–19 May", false],
      ["budapest", "Budapest, 16 May", false],
      ["vienna-month", "Vienna, Sept", true],
    ]);
    expect(byYear.map((e) => e.id)).toEqual(["someday"]);
    const svg = timeline(report);
    expect(svg).not.toContain("Sarajevo");
    expect(svg).toContain('<p class="chart-note">Dated only by year, and so not on the timeline: Training at some time (Vienna, 2019).</p>');
    expect(svg).toContain("Dated by month only</li>");
    expect(svg).toContain("From the first to the last day</li>");
  });

  it("names the range bars in the legend only when one shows beyond its mark", async () => {
    const short = timeline(await reportOf(2019, [{ id: "two-days", date: "2019-09-20", end: "2019-09-21", place: "ankara" }]));
    expect(short).toContain("<rect "); // the bar is drawn, under its mark
    expect(short).not.toContain("From the first to the last day");
    const long = timeline(await reportOf(2019, [{ id: "two-weeks", date: "2019-09-02", end: "2019-09-13", place: "ankara" }]));
    expect(long).toContain("From the first to the last day</li>");
  });

  it("is accessible: a title, a description and a table of the same activities", async () => {
    const report = await reportOf(2019, events);
    const svg = timeline(report);
    expect(svg).toContain('role="img" aria-labelledby="timeline-2019-title timeline-2019-desc"');
    expect(svg).toContain('<title id="timeline-2019-title">Activities held in 2019, by date</title>');
    expect(svg).toContain("<desc id=\"timeline-2019-desc\">4 activities, in time order: Vienna, 12 Feb; Dhaka, 15–19 May; Budapest, 16 May; Vienna, Sept.");
    const rows = [...svg.matchAll(/<tr><td>([^<]*)<\/td><th scope="row">([^<]*)<\/th>/g)].map((m) => `${m[1]} ${m[2]}`);
    // In the report's order, the year-dated one first as in the chronology.
    expect(rows).toEqual(["2019 Training at some time", "12 February 2019 Meeting vienna-1", "15–19 May 2019 Meeting dhaka", "16 May 2019 Meeting budapest", "September 2019 Meeting vienna-month"]);
  });

  it("writes no text smaller than 11 units in its 640 units, so that it is legible printed 16 cm wide", async () => {
    const svg = timeline(await reportOf(2019, events));
    expect(svg).toMatch(/viewBox="0 0 640 \d+"/);
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // Every text inherits a size: none is outside a group or element that sets one.
    const outside = svg.replace(/<g [^>]*font-size="[^"]+"[^>]*>[\s\S]*?<\/g>/g, "").replace(/<text [^>]*font-size="[^"]+"[^>]*>[^<]*<\/text>/g, "");
    expect(outside.match(/<svg [\s\S]*<\/svg>/)![0]).not.toMatch(/<text/);
  });

  it("is drawn a second time, narrower, for phones: the same activities at the same text size", async () => {
    const svg = timeline(await reportOf(2019, events));
    const drawings = [...svg.matchAll(/<svg class="chart chart-timeline (drawing-wide|drawing-narrow)" viewBox="0 0 (\d+) \d+"[^>]*aria-labelledby="([^ "]+)-title/g)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(drawings).toEqual([["drawing-wide", 640, "timeline-2019"], ["drawing-narrow", 360, "timeline-2019-narrow"]]);
    const [wide, narrow] = svg.split('<svg class="chart chart-timeline drawing-narrow"').map((part) => [...part.matchAll(/<text [^>]*font-size="12"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
    expect(narrow).toEqual(wide);
    expect(wide).toEqual(["Vienna, 12 Feb", "Dhaka, 15–19 May", "Budapest, 16 May", "Vienna, Sept"]);
    // One table and one legend for both.
    expect(svg.match(/<table>/g)).toHaveLength(1);
    expect(svg.match(/<ul class="legend">/g)).toHaveLength(1);
  });

  it("stacks the narrow drawing in more lanes where labels would collide", () => {
    const close = ["2019-03-01", "2019-03-20", "2019-07-01"].map((d, i) => item(d, d, `Islamabad ${i}, ${d}`));
    const lanesAt = (width: number) => layOut(close, axisOf(MONTHS, width)).map((l) => l.lane);
    expect(lanesAt(WIDTH)).toEqual([0, 1, 0]);
    expect(lanesAt(360)).toEqual([0, 1, 2]);
  });

  it("escapes the text of the data", async () => {
    const svg = timeline(await reportOf(2019, [{ id: "x", date: "2019-03-01", place: "vienna", title: `<script>alert("x")</script> & co` }]));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
  });

  it("is the same, byte for byte, for the same data", async () => {
    expect(timeline(await reportOf(2019, events))).toBe(timeline(await reportOf(2019, events)));
  });

  it("names the years of a span that crosses one, and notes an activity outside it", async () => {
    const report = await reportOf(2031, [
      { id: "in", date: "2030-09-10", place: "vienna" },
      { id: "later", date: "2031-02-10", place: "vienna" },
      { id: "out", date: "2031-08-10", place: "dhaka", title: "After the period" },
    ], { period: "{ from: 2030-07-01, to: 2031-06-30 }" });
    const svg = timeline(report);
    expect(svg).toMatch(/font-weight="600"><text [^>]*>2030<\/text><text [^>]*>2031<\/text>/);
    expect(svg).toContain("Held outside the months of the report, and so not on the timeline: After the period (Dhaka, 10 August 2031).");
    expect(timelineItems(report).items.map((i) => i.event.id)).toEqual(["in", "later"]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { pictureOfTime, timePicture, TIMELINE_MOST } from "../../../src/pictures/index.ts";
import { cleanUp } from "../../helpers/data.ts";
import { reportOf, type TestEvent } from "../../helpers/pictures.ts";

afterAll(cleanUp);

/** `n` held activities, spread over the year, then any others. */
const year = (n: number, others: TestEvent[] = []): TestEvent[] => [
  ...Array.from({ length: n }, (_, i) => ({ id: `e${i}`, date: `2019-${String((i % 12) + 1).padStart(2, "0")}-${String(1 + Math.floor(i / 12)).padStart(2, "0")}`, place: "vienna" })),
  ...others,
];

describe("pictureOfTime", () => {
  it("gives a year of up to twelve activities the timeline, a busier one the month chart", () => {
    expect(TIMELINE_MOST).toBe(12);
    expect([0, 1, 4, 12, 13, 40].map((events) => pictureOfTime({ events }))).toEqual(["timeline", "timeline", "timeline", "timeline", "months", "months"]);
  });
});

describe("timePicture", () => {
  it("draws the timeline for a year of four activities", async () => {
    const svg = timePicture(await reportOf(2019, year(4)));
    expect(svg).toContain('class="chart chart-timeline drawing-wide"');
    expect(svg).not.toContain("chart-months");
  });

  it("draws the month chart for a year of thirteen", async () => {
    const svg = timePicture(await reportOf(2019, year(13)));
    expect(svg).toContain('class="chart chart-months"');
    expect(svg).not.toContain("chart-timeline");
  });

  it("counts held activities only: planned and cancelled ones do not make a year busy", async () => {
    const svg = timePicture(await reportOf(2019, year(12, [
      { id: "p1", date: "2019-12-10", place: "vienna", status: "planned" },
      { id: "c1", date: "2019-12-11", place: "vienna", status: "cancelled" },
    ])));
    expect(svg).toContain('class="chart chart-timeline drawing-wide"');
  });
});

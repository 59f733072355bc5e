import { describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../src/data/load.ts";
import { buildSite, ordinal } from "../src/report/model.ts";
import { slugify } from "../src/format/text.ts";
import { SAMPLE_DATA } from "./helpers/data.ts";

describe("the site model of the sample data", async () => {
  const { data } = await loadDataOrThrow(SAMPLE_DATA);
  const site = buildSite(data);

  it("has one report per year with events, newest first", () => {
    expect(site.reports.map((r) => r.year)).toEqual([2018, 2017, 2016]);
    expect(site.reports[0]).toMatchObject({
      title: "Annual Activity Report 2018",
      url: "/2018/",
      pdfUrl: "/2018/budapest-process-activity-report-2018.pdf",
    });
  });

  it("writes datelines as official documents do", () => {
    const sarajevo = site.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    expect(sarajevo.dateline).toBe("Sarajevo, 7–8 May 2018");
    expect(sarajevo.url).toBe("/events/2018/2018-05-07-sarajevo-joint-working-group/");
    expect(sarajevo.place?.country).toEqual({ code: "BA", name: "Bosnia and Herzegovina", url: "/countries/ba/" });
    expect(sarajevo.figures.map((f) => f.text)).toEqual(["60 participants", "29 countries"]);
  });

  it("reports a joint meeting in full under its first strand and cross-references it under the others", () => {
    const chapters = site.reports[0]!.chapters;
    expect(chapters.map((c) => [c.strand.id, c.events.length, c.crossReferences.length])).toEqual([
      ["silk-routes-working-group", 1, 0],
      ["south-east-europe-working-group", 0, 1],
    ]);
  });

  it("names the Senior Officials Meeting an edition is presented to", () => {
    const y2016 = site.reports.find((r) => r.year === 2016)!;
    expect(y2016.edition?.som).toEqual({ number: undefined, ordinal: undefined, place: "Antalya", placeId: "antalya", dateText: "15 December 2017", iso: "2017-12-15" });
    expect(y2016.edition?.chair).toBe("Türkiye");
  });

  it("builds one year only when asked", () => {
    const one = buildSite(data, { year: 2017 });
    expect(one.reports.map((r) => r.year)).toEqual([2017]);
    expect(one.events.every((e) => e.reportYear === 2017)).toBe(true);
  });
});

describe("helpers", () => {
  it("ordinal", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual(
      ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"],
    );
  });
  it("slugify", () => {
    expect(slugify("Budapest Process")).toBe("budapest-process");
    expect(slugify("Türkiye – Koç University!")).toBe("turkiye-koc-university");
  });
});

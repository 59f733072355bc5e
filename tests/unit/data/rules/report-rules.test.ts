import { describe, expect, it } from "vitest";
import { reportPeriods, writtenEditions } from "../../../../src/data/editions.ts";
import { editionProblems, missingEditions, periodOverlaps, placeProblems, reportProblems, undatedEditions } from "../../../../src/data/rules/report-rules.ts";
import { placesSchema, reportSchema } from "../../../../src/data/contract/schema.ts";
import { placed, writtenFile, writtenMapping } from "../../../helpers/written.ts";

const REPORT = "organisation: O\nsecretariat: S\ntitle: T\nsite_url: https://example.org\n";
const report = (more = "") => writtenMapping("/data/report.yaml", REPORT + more, reportSchema);
const editionsOf = (file: ReturnType<typeof report>) => writtenEditions(file.fields, file.source?.value);
const NO_PICTURES = { pictures: [], diagnostics: [] };

describe("placeProblems", () => {
  it("an unknown country is an error, a place without coordinates a warning", () => {
    const places = writtenFile("places.yaml", "a:\n  name: A\n  country: QQ\n  lat: 1\n  lon: 2\nb:\n  name: B\n  country: TR\n  lat: 1\n", placesSchema);
    expect(placeProblems(places, { countries: {} }).map(placed)).toEqual([
      '3:12: country "QQ" is not an ISO 3166-1 code; add it to countries.yaml if it is meant',
      '6:1: warning: place "b" has no coordinates (lat and lon); the map lists its activities beneath it instead of drawing them',
    ]);
    expect(placeProblems(places, { countries: { QQ: { name: "Qland" } } }).map(placed)).toEqual([
      '6:1: warning: place "b" has no coordinates (lat and lon); the map lists its activities beneath it instead of drawing them',
    ]);
  });

  it("checks only a valid places.yaml, whose errors are its own", () => {
    expect(placeProblems(writtenFile("places.yaml", "a:\n  name: A\n  country: QQ\n  extra: 1\n", placesSchema), { countries: {} })).toEqual([]);
  });
});

describe("reportProblems", () => {
  it("names the participating states that are not countries", () => {
    expect(reportProblems(report("participating_states: [TR, QQ]\n"), { countries: {} }, NO_PICTURES, "/data").map(placed)).toEqual([
      '5:28: country "QQ" is not an ISO 3166-1 code; add it to countries.yaml if it is meant',
    ]);
  });

  it("warns when there is no site_url, only when report.yaml is a mapping", () => {
    const without = writtenMapping("/data/report.yaml", "organisation: O\nsecretariat: S\ntitle: T\n", reportSchema);
    expect(reportProblems(without, { countries: {} }, NO_PICTURES, "/data").map(placed)).toEqual([
      "1:1: warning: no site_url: the feed and the sitemap, which need the site's address, are not built",
    ]);
    expect(reportProblems(writtenMapping("/data/report.yaml", "- a list\n", reportSchema), { countries: {} }, NO_PICTURES, "/data")).toEqual([]);
  });

  it("wants the logo among the pictures that may be published, unless the logo's own file has errors", () => {
    const withLogo = report("logo: images/logo.svg\n");
    const logo = '5:7: logo "images/logo.svg" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg';
    expect(reportProblems(withLogo, { countries: {} }, NO_PICTURES, "/data").map(placed)).toEqual([logo]);
    const published = { pictures: [{ path: "images/logo.svg" }], diagnostics: [] } as never;
    expect(reportProblems(withLogo, { countries: {} }, published, "/data")).toEqual([]);
    const broken = { pictures: [], diagnostics: [{ severity: "error", file: "/data/images/logo.svg", message: "not an SVG picture" }] } as const;
    expect(reportProblems(withLogo, { countries: {} }, broken, "/data")).toEqual([]);
    const warned = { pictures: [], diagnostics: [{ severity: "warning", file: "/data/images/logo.svg", message: "something" }] } as const;
    expect(reportProblems(withLogo, { countries: {} }, warned, "/data").map(placed)).toEqual([logo]);
  });

  it("tells a logo's name that a web address cannot hold at the field that names it, as well as at the file", () => {
    const withLogos = report("logos:\n  - {file: 'images/chair%20logo.svg', alt: Chair}\n");
    const unsafe = { pictures: [], diagnostics: [{ severity: "error", file: "/data/images/chair%20logo.svg", message: "has a name…" }] } as const;
    expect(reportProblems(withLogos, { countries: {} }, unsafe, "/data").map(placed)).toEqual([
      '6:12: logos entry 1 file "images/chair%20logo.svg" has a name that a web address cannot hold as it is (only letters, digits, "_", "-" and "." may be used, not first "." or "-"); rename it to images/chair-20logo.svg, and write the new name here',
    ]);
  });
});

describe("editionProblems", () => {
  it("checks each edition's states, meeting place and period, also of an edition with other errors", () => {
    const file = report([
      "editions:", //                                                       5
      "  2018:", //                                                         6
      "    participating_states: [QQ]", //                                  7
      "    som: {place: sarajvo, date: 2018-11-01}", //                     8
      "    period: {from: 2018-07, to: 2018-06}", //                        9
      "    chiar: X", //                                                    10
      "",
    ].join("\n"));
    expect(file.value).toBeUndefined();
    const places = { sarajevo: { name: "Sarajevo", country: "BA" } };
    expect(editionProblems(file, editionsOf(file), { countries: {}, places }).map(placed)).toEqual([
      '7:28: country "QQ" is not an ISO 3166-1 code; add it to countries.yaml if it is meant',
      '8:18: unknown place "sarajvo", did you mean "sarajevo"?',
      "9:33: to 2018-06 is before from 2018-07",
    ]);
  });

  it("does not check meeting places when places.yaml cannot be read", () => {
    const file = report("editions:\n  2018:\n    som: {place: sarajvo, date: 2018-11-01}\n");
    expect(editionProblems(file, editionsOf(file), { countries: {}, places: undefined })).toEqual([]);
  });
});

describe("periodOverlaps", () => {
  it("places an error on each period that overlaps one before it", () => {
    const file = report("editions:\n  2019:\n    period: {from: 2018-07, to: 2019-06}\n  2020:\n    period: {from: 2019-06, to: 2020-05}\n  2021:\n    period: {from: 2020-06, to: 2021-05}\n");
    expect(periodOverlaps(file, reportPeriods(editionsOf(file))).map(placed)).toEqual([
      "9:13: the period of 2020 overlaps the period of 2019; an event could belong to both",
    ]);
  });
});

describe("missingEditions", () => {
  it("warns for each year without an edition, at editions, or at the top when there are none", () => {
    const file = report("editions:\n  2018:\n    chair: X\n");
    expect(missingEditions(file, editionsOf(file), [2017, 2018, 2019]).map(placed)).toEqual([
      "5:1: warning: no edition for 2017 under editions; its report is built with a neutral cover",
      "5:1: warning: no edition for 2019 under editions; its report is built with a neutral cover",
    ]);
    const none = report();
    expect(missingEditions(none, editionsOf(none), [2018]).map(placed)).toEqual([
      "1:1: warning: no edition for 2018 under editions; its report is built with a neutral cover",
    ]);
  });

  it("says nothing when report.yaml is not a mapping", () => {
    const list = writtenMapping("/data/report.yaml", "- x\n", reportSchema);
    expect(missingEditions(list, undefined, [2018])).toEqual([]);
  });
});

describe("undatedEditions", () => {
  const undated = (year: number) => `warning: the report of ${year} has no date: add published: YYYY-MM-DD (the day it is published) or the som it is presented to; without either it is printed undated, its copyright without a year`;

  it("warns at the year of each final edition that names neither the day it is published nor the meeting it is presented to", () => {
    const file = report([
      "editions:", //                                                       5
      "  2016:", //                                                         6
      "    chair: X", //                                                    7
      "  2017:", //                                                         8
      "    published: 2018-03-01", //                                       9
      "  2018:", //                                                         10
      "    som: {place: vienna, date: 2019-05-01}", //                      11
      "  2019:", //                                                         12
      "    status: draft", //                                               13
      "  2020:", //                                                         14
      "    status: final", //                                               15
      "",
    ].join("\n"));
    expect(undatedEditions(file, editionsOf(file)).map(placed)).toEqual([`6:3: ${undated(2016)}`, `14:3: ${undated(2020)}`]);
  });

  it("leaves a date, a status or a year written with a mistake to its own error", () => {
    const file = report("editions:\n  2018:\n    published: 2018-02-30\n  2019:\n    som: {place: vienna}\n  2020:\n    status: final-draft\n  1850:\n    chair: X\n");
    expect(file.value).toBeUndefined();
    expect(undatedEditions(file, editionsOf(file))).toEqual([]);
  });
});

describe("the warnings readers would see", () => {
  it("are marked with their kind and, for an edition's, its year: no site_url, no edition, no date", () => {
    const without = writtenMapping("/data/report.yaml", "organisation: O\nsecretariat: S\ntitle: T\neditions:\n  2017:\n    chair: X\n", reportSchema);
    const editions = editionsOf(without);
    expect(reportProblems(without, { countries: {} }, NO_PICTURES, "/data").map((d) => d.about)).toEqual([{ kind: "no-site-url" }]);
    expect(missingEditions(without, editions, [2016, 2017]).map((d) => d.about)).toEqual([{ kind: "no-edition", year: 2016 }]);
    expect(undatedEditions(without, editions).map((d) => d.about)).toEqual([{ kind: "undated-edition", year: 2017 }]);
  });
});

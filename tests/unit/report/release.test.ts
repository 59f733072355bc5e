import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/data/diagnostics.ts";
import { finalEditions, recordedReports, releaseReasons, releasesToRecord, type ReleaseFacts } from "../../../src/report/release.ts";

const REPORT = "/data/report.yaml";
const EVENT_2017 = "/data/events/2017/som.yaml";
const EVENT_2019 = "/data/events/2019/som.yaml";

/** Three final reports and a draft, built, each PDF passing: fit to go out. */
const FACTS: ReleaseFacts = {
  years: [2016, 2017, 2018],
  reports: new Set([2016, 2017, 2018, 2019]),
  statuses: new Map([[2016, undefined], [2017, "final"], [2018, undefined], [2019, "draft"]]),
  warnings: [],
  eventYears: new Map([[EVENT_2017, 2017], [EVENT_2019, 2019]]),
  // A made-up place per path, enough to tell which path was located.
  locate: (at) => ({ file: REPORT, line: at.length, col: String(at.at(-1)).length }),
  dataDir: "/data",
  outputDir: "/site",
  built: true,
  pdfs: [2016, 2017, 2018].map((year) => ({ year, file: `/site/${year}/r-${year}.pdf`, state: "checked" as const, problems: [] })),
  changes: [],
  unfinished: [],
};

const shown = (list: readonly Diagnostic[]) => list.map((d) => `${d.severity} ${d.file}${d.line === undefined ? "" : `:${d.line}:${d.col}`}: ${d.message}`);

describe("finalEditions", () => {
  it("is every edition not marked draft, final by default, in order of years", () => {
    expect(finalEditions(new Map([[2018, undefined], [2019, "draft"], [2016, "final"]]))).toEqual([2016, 2018]);
  });
});

describe("releaseReasons", () => {
  it("finds none for final reports, dated and built, whose PDFs pass", () => {
    expect(releaseReasons(FACTS)).toEqual([]);
  });

  it("refuses a draft at its status line in report.yaml", () => {
    expect(shown(releaseReasons({ ...FACTS, years: [2018, 2019], pdfs: [] }))).toEqual([
      "error /data/report.yaml:3:6: the report of 2019 is a draft: write status: final (or remove the line) when it is ready to go out",
    ]);
  });

  it("refuses a year without a report, and says when there is no final edition at all", () => {
    expect(shown(releaseReasons({ ...FACTS, years: [2015], pdfs: [] }))).toEqual([
      "error /data: there is no report of 2015 to release: no activity of 2015 was held, and report.yaml has no edition for it",
    ]);
    expect(shown(releaseReasons({ ...FACTS, years: [], pdfs: [] }))).toEqual([
      "error /data/report.yaml:1:8: there is no final edition to release: report.yaml has no edition without status: draft",
    ]);
  });

  it("makes the warnings that readers would see reasons, where they are, for the reports they concern", () => {
    const warning = (file: string, message: string, about?: Diagnostic["about"]): Diagnostic => ({ severity: "warning", file, line: 4, col: 2, message, ...(about ? { about } : {}) });
    const warnings = [
      warning(REPORT, "no site_url", { kind: "no-site-url" }),
      warning(REPORT, "the report of 2018 has no date", { kind: "undated-edition", year: 2018 }),
      warning(REPORT, "the report of 2019 has no date", { kind: "undated-edition", year: 2019 }),
      warning(EVENT_2017, "adopted without a language", { kind: "unversioned-document" }),
      warning(EVENT_2019, "adopted without a language", { kind: "unversioned-document" }),
      warning(REPORT, 'abbreviation "ILO" unused', { kind: "unused-abbreviation" }),
      // Warnings of other kinds are for editors, not readers.
      warning(EVENT_2017, "women (40) is more than participants (30)"),
      warning(REPORT, "place has no coordinates"),
    ];
    expect(shown(releaseReasons({ ...FACTS, warnings }))).toEqual([
      "error /data/report.yaml:4:2: no site_url",
      "error /data/report.yaml:4:2: the report of 2018 has no date",
      "error /data/events/2017/som.yaml:4:2: adopted without a language",
      'error /data/report.yaml:4:2: abbreviation "ILO" unused',
    ]);
  });

  it("ignores a reader's warning that is already an error", () => {
    const error: Diagnostic = { severity: "error", file: REPORT, message: "no site_url", about: { kind: "no-site-url" } };
    expect(releaseReasons({ ...FACTS, warnings: [error] })).toEqual([]);
  });

  it("refuses an output without a build, whose PDFs cannot be checked", () => {
    expect(shown(releaseReasons({ ...FACTS, built: false, pdfs: [] }))).toEqual([
      "error /site: holds no build to release: build the site with its PDFs first (activity-report build), then check it",
    ]);
  });

  it("names each PDF that is missing, built from other data, or fails a machine check", () => {
    const pdfs: ReleaseFacts["pdfs"] = [
      { year: 2016, file: "/site/2016/r-2016.pdf", state: "missing" },
      { year: 2017, file: "/site/2017/r-2017.pdf", state: "stale" },
      { year: 2018, file: "/site/2018/r-2018.pdf", state: "checked", problems: ["UA1-01: no /MarkInfo", "A2-6.2.4.3: no output intent"] },
    ];
    expect(shown(releaseReasons({ ...FACTS, pdfs }))).toEqual([
      "error /site/2016/r-2016.pdf: the PDF of the report of 2016 is not in the output: build the site with its PDFs (without --no-pdf)",
      "error /site/2017/r-2017.pdf: was built from other data than the data folder holds now: build again, then check",
      "error /site/2018/r-2018.pdf: fails a machine check of PDF/UA-1 and PDF/A-2u: UA1-01: no /MarkInfo",
      "error /site/2018/r-2018.pdf: fails a machine check of PDF/UA-1 and PDF/A-2u: A2-6.2.4.3: no output intent",
    ]);
    // The PDF of a report not asked for is not a reason.
    expect(releaseReasons({ ...FACTS, years: [2018], pdfs: pdfs.slice(0, 2) })).toEqual([]);
  });

  it("names a further language's PDF by its language: a report final in Russian goes out in Russian too", () => {
    const pdfs: ReleaseFacts["pdfs"] = [{ year: 2016, file: "/site/ru/2016/r-2016-ru.pdf", language: "Russian", state: "missing" }];
    expect(shown(releaseReasons({ ...FACTS, pdfs }))).toEqual([
      "error /site/ru/2016/r-2016-ru.pdf: the Russian PDF of the report of 2016 is not in the output: build the site with its PDFs (without --no-pdf)",
    ]);
  });

  it("refuses a released report whose text changed without a corrigendum, at its edition, naming the change", () => {
    const changes = [{ year: 2017, released: "2018-03-01", change: 'page 7: "held in Sofia" became "held in Ankara"', corrected: false }];
    expect(shown(releaseReasons({ ...FACTS, changes }))).toEqual([
      'error /data/report.yaml:2:4: the report of 2017 was released on 2018-03-01, and the text of its PDF has changed since (page 7: "held in Sofia" became "held in Ankara"): a released report changes only with a correction; name it under corrigenda, dated after 2018-03-01, with a note that says what was corrected, or undo the change',
    ]);
  });

  it("lets a released report change with a corrigendum after its release, and one not asked for", () => {
    expect(releaseReasons({ ...FACTS, changes: [{ year: 2017, released: "2018-03-01", corrected: true }] })).toEqual([]);
    expect(releaseReasons({ ...FACTS, years: [2016], changes: [{ year: 2017, released: "2018-03-01", corrected: false }] })).toEqual([]);
  });

  it("refuses a report released in Russian whose Russian text changed without a corrigendum, at its language, naming the change and where the note is translated", () => {
    const change = { year: 2017, lang: "ru", language: "Russian", released: "2018-03-01", change: 'page 7: "в Софии" became "в Анкаре"', corrected: false, translationFile: "report.ru.yaml" };
    expect(shown(releaseReasons({ ...FACTS, changes: [change] }))).toEqual([
      'error /data/report.yaml:4:2: the report of 2017 in Russian was released on 2018-03-01, and the text of its Russian PDF has changed since (page 7: "в Софии" became "в Анкаре"): a released report changes only with a correction; name it under corrigenda, dated after 2018-03-01, with a note that says what was corrected, and its Russian in report.ru.yaml, or undo the change',
    ]);
    // Corrected, as English is: by a corrigendum after its last release in Russian.
    expect(releaseReasons({ ...FACTS, changes: [{ ...change, corrected: true }] })).toEqual([]);
    expect(releaseReasons({ ...FACTS, years: [2016], changes: [change] })).toEqual([]);
  });

  it("refuses a report released in a language that its edition names as a draft now, at that language", () => {
    const unfinished = [{ year: 2018, lang: "ru", language: "Russian", released: "2019-03-01" }];
    expect(shown(releaseReasons({ ...FACTS, unfinished }))).toEqual([
      "error /data/report.yaml:4:2: the report of 2018 was released in Russian on 2019-03-01, and is a draft in Russian now: a released report stays a record in each language it went out in; write ru: final, and name what changed under corrigenda",
    ]);
    expect(releaseReasons({ ...FACTS, years: [2017], unfinished })).toEqual([]);
  });
});

describe("releasesToRecord", () => {
  const FP = (c: string) => c.repeat(43);
  const place = { file: REPORT, line: 9, col: 15 };

  it("records each PDF whose text is not that of its last release in its language, by year, English's first", () => {
    const { releases, refused } = releasesToRecord([
      { year: 2018, language: "ru", fingerprint: FP("r") },
      { year: 2018, fingerprint: FP("e"), last: { date: "2019-03-01", text: FP("a"), place } },
      { year: 2017, fingerprint: FP("s"), last: { date: "2019-03-01", text: FP("s"), place } },
      { year: 2017, language: "ru", fingerprint: FP("t"), last: { date: "2019-03-01", text: FP("t"), place } },
    ], "2019-06-02");
    expect(refused).toEqual([]);
    // 2017 is released as it is, in both languages; 2018 changed in English, and goes out in Russian for the first time.
    expect(releases).toEqual([
      { year: 2018, date: "2019-06-02", text: FP("e") },
      { year: 2018, date: "2019-06-02", language: "ru", text: FP("r") },
    ]);
  });

  it("records a language final after the English release at the next record, though English is released as it is", () => {
    expect(releasesToRecord([
      { year: 2018, fingerprint: FP("e"), last: { date: "2019-03-01", text: FP("e"), place } },
      { year: 2018, language: "ru", fingerprint: FP("r") },
    ], "2019-05-01").releases).toEqual([{ year: 2018, date: "2019-05-01", language: "ru", text: FP("r") }]);
  });

  it("refuses a PDF released on that day already with another text, at that release, in any language", () => {
    const { refused } = releasesToRecord([
      { year: 2018, fingerprint: FP("e") },
      { year: 2018, language: "ru", fingerprint: FP("r"), last: { date: "2019-03-01", text: FP("a"), place } },
    ], "2019-03-01");
    expect(shown(refused)).toEqual([
      "error /data/report.yaml:9:15: the report of 2018 in Russian has a release of 2019-03-01 already, with another text: record this one on another day (--date)",
    ]);
  });
});

describe("recordedReports", () => {
  it("names the reports recorded, English's first, then each language's", () => {
    expect(recordedReports([{ year: 2016 }, { year: 2017 }, { year: 2018 }])).toBe("the reports of 2016, 2017 and 2018");
    expect(recordedReports([{ year: 2018 }])).toBe("the report of 2018");
    expect(recordedReports([{ year: 2017 }, { year: 2017, language: "ru" }, { year: 2018 }, { year: 2018, language: "ru" }])).toBe("the reports of 2017 and 2018, and in Russian those of 2017 and 2018");
    expect(recordedReports([{ year: 2018 }, { year: 2018, language: "ru" }, { year: 2018, language: "ar" }])).toBe("the report of 2018, in Arabic that of 2018, and in Russian that of 2018");
    expect(recordedReports([{ year: 2017, language: "ru" }, { year: 2018, language: "ru" }])).toBe("the reports of 2017 and 2018 in Russian");
    expect(recordedReports([{ year: 2018, language: "ru" }])).toBe("the report of 2018 in Russian");
  });
});

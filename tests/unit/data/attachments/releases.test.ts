import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writtenEditions } from "../../../../src/data/editions.ts";
import { keptPdfPath, missingReleasedPdfs, releaseLanguage, releaseLanguageProblems, withReleases } from "../../../../src/data/attachments/releases.ts";
import { reportSchema } from "../../../../src/data/contract/schema.ts";
import { placed, writtenMapping } from "../../../helpers/written.ts";

const FINGERPRINT = "lm0O6I0ULPk1nzmlgykgPoJZOsz-6pURy1CCdYiHSCc";
const OTHER = "aUq7piTikJPp9oqZHOB-J745wgtGWqaVREYYlgeSPrA";

describe("keptPdfPath", () => {
  it("keeps a release's PDF under its year, named by its day", () => {
    expect(keptPdfPath(2018, "2019-03-01")).toBe("releases/2018/2019-03-01.pdf");
    expect(keptPdfPath(2018, "2019-03-01", "en")).toBe("releases/2018/2019-03-01.pdf");
  });

  it("keeps another language's under its code, as the site publishes it under /<lang>/", () => {
    expect(keptPdfPath(2018, "2019-03-01", "ru")).toBe("releases/ru/2018/2019-03-01.pdf");
  });
});

describe("releaseLanguage", () => {
  it("is English for a release that names no language, as every release recorded before the further languages were", () => {
    expect(releaseLanguage({})).toBe("en");
    expect(releaseLanguage({ language: "ru" })).toBe("ru");
  });
});

describe("missingReleasedPdfs", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = `organisation: O\nsecretariat: S\ntitle: T\neditions:\n  2018:\n    releases:\n      - date: 2019-03-01\n        text: ${FINGERPRINT}\n      - date: 2019-09-01\n        text: ${OTHER}\n`;
  const report = writtenMapping(path.join(dir, "report.yaml"), text, reportSchema);

  it("is an error at each release's date whose PDF the data folder does not keep", () => {
    mkdirSync(path.join(dir, "releases", "2018"), { recursive: true });
    writeFileSync(path.join(dir, keptPdfPath(2018, "2019-03-01")), "%PDF-");
    expect(missingReleasedPdfs(report, writtenEditions(report.fields, report.source?.value), dir).map(placed)).toEqual([
      "9:15: the PDF released on 2019-09-01 is not kept at releases/2018/2019-09-01.pdf: put the PDF that went out there (from the published site or the data's history), so that it stays published",
    ]);
    writeFileSync(path.join(dir, keptPdfPath(2018, "2019-09-01")), "%PDF-");
    expect(missingReleasedPdfs(report, writtenEditions(report.fields, report.source?.value), dir)).toEqual([]);
  });
});

describe("missingReleasedPdfs and releaseLanguageProblems, for a further language", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "releases-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = [
    "organisation: O", "secretariat: S", "title: T", "editions:",
    "  2018:", "    languages: {ru: final}", "    releases:",
    "      - date: 2019-03-01", `        text: ${FINGERPRINT}`,
    "      - date: 2019-03-01", "        language: ru", `        text: ${OTHER}`,
    "  2017:", "    releases:",
    "      - date: 2018-03-01", "        language: ru", `        text: ${OTHER}`,
    "      - date: 2018-03-01", "        language: en", `        text: ${OTHER}`,
    "",
  ].join("\n");
  const report = writtenMapping(path.join(dir, "report.yaml"), text, reportSchema);
  const editions = () => writtenEditions(report.fields, report.source?.value);

  it("reads old and new records alike: a release names its language, or none for English", () => {
    expect(report.fields?.editions?.[2018]?.releases?.map((r) => releaseLanguage(r))).toEqual(["en", "ru"]);
  });

  it("looks for a language's kept PDF under its code", () => {
    mkdirSync(path.join(dir, "releases", "2018"), { recursive: true });
    writeFileSync(path.join(dir, keptPdfPath(2018, "2019-03-01")), "%PDF-");
    mkdirSync(path.join(dir, "releases", "2017"), { recursive: true });
    writeFileSync(path.join(dir, keptPdfPath(2017, "2018-03-01")), "%PDF-");
    expect(missingReleasedPdfs(report, editions(), dir).map(placed)).toEqual([
      "15:15: the Russian PDF released on 2018-03-01 is not kept at releases/ru/2017/2018-03-01.pdf: put the PDF that went out there (from the published site or the data's history), so that it stays published",
      "10:15: the Russian PDF released on 2019-03-01 is not kept at releases/ru/2018/2019-03-01.pdf: put the PDF that went out there (from the published site or the data's history), so that it stays published",
    ]);
  });

  it("is an error at a release's language that its edition does not name: its PDFs in that language would no longer be published", () => {
    expect(releaseLanguageProblems(report, editions()).map(placed)).toEqual([
      "16:19: the report of 2017 was released in Russian on 2018-03-01, and its edition does not name ru under languages: a released report stays published in each language it went out in; write ru: final under languages",
      "19:19: a release in English names no language: remove language: en",
    ]);
  });
});

describe("withReleases", () => {
  const REPORT = [
    "# The report.",
    "organisation: O",
    "secretariat: S",
    "title: T",
    "participating_states: [AF, TR]",
    "editions:",
    "  2017:",
    "    chair: Türkiye # as written",
    "    outlook: |",
    "      What comes next.",
    "",
    "  # The next one.",
    "  2018:",
    "    chair: Türkiye",
    "    releases:",
    "      - date: 2019-03-01",
    `        text: ${OTHER}`,
    "  2019:",
    "    status: draft",
    "",
  ].join("\n");

  it("adds each release at the end of its edition, and changes nothing else", () => {
    const written = withReleases(REPORT, [{ year: 2017, date: "2019-10-01", text: FINGERPRINT }, { year: 2018, date: "2019-10-01", text: FINGERPRINT }])!;
    expect(written).toBe(REPORT
      .replace("      What comes next.\n", `      What comes next.\n    releases:\n      - date: 2019-10-01\n        text: ${FINGERPRINT}\n`)
      .replace(`        text: ${OTHER}\n`, `        text: ${OTHER}\n      - date: 2019-10-01\n        text: ${FINGERPRINT}\n`));
    const value = parse(written) as { editions: Record<string, { releases: unknown[] }> };
    expect(value.editions[2017]!.releases).toEqual([{ date: "2019-10-01", text: FINGERPRINT }]);
    expect(value.editions[2018]!.releases).toHaveLength(2);
  });

  it("adds a further language's release after English's of the same day, naming its language", () => {
    const written = withReleases(REPORT, [{ year: 2017, date: "2019-10-01", text: FINGERPRINT }, { year: 2017, date: "2019-10-01", language: "ru", text: OTHER }, { year: 2018, date: "2019-10-01", language: "ru", text: OTHER }])!;
    expect(written).toBe(REPORT
      .replace("      What comes next.\n", `      What comes next.\n    releases:\n      - date: 2019-10-01\n        text: ${FINGERPRINT}\n      - date: 2019-10-01\n        language: ru\n        text: ${OTHER}\n`)
      .replace(`        text: ${OTHER}\n  2019`, `        text: ${OTHER}\n      - date: 2019-10-01\n        language: ru\n        text: ${OTHER}\n  2019`));
    const report = reportSchema.safeParse(parse(written));
    expect(report.success).toBe(true);
    expect(report.data?.editions?.[2017]?.releases?.map((r) => r.language)).toEqual([undefined, "ru"]);
  });

  it("adds to the last edition of a file without a final line break", () => {
    expect(withReleases(REPORT.trimEnd(), [{ year: 2019, date: "2020-01-02", text: FINGERPRINT }])).toBe(`${REPORT}    releases:\n      - date: 2020-01-02\n        text: ${FINGERPRINT}\n`);
  });

  it("writes nothing for an edition it cannot add to as a block", () => {
    expect(withReleases(REPORT, [{ year: 2016, date: "2019-10-01", text: FINGERPRINT }])).toBeUndefined();
    expect(withReleases("editions:\n  2018: { chair: X }\n", [{ year: 2018, date: "2019-10-01", text: FINGERPRINT }])).toBeUndefined();
    expect(withReleases("editions:\n  2018:\n    releases: []\n", [{ year: 2018, date: "2019-10-01", text: FINGERPRINT }])).toBeUndefined();
  });
});

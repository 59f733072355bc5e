import { describe, expect, it } from "vitest";
import { partialDate } from "../../../src/format/dates.ts";
import {
  describeTextChange, lastRelease, newCorrigenda, releasedPdfs, releasesIn, supersededReleases, textChange, textFingerprint, versionedPdfName,
} from "../../../src/report/corrigenda.ts";

const release = (date: string, text = "x".repeat(43), language?: string) => ({ date: partialDate(date), ...(language ? { language } : {}), text });
const corrigendum = (date: string, note = "A figure was corrected.") => ({ date: partialDate(date), note });

describe("versionedPdfName", () => {
  it("names a release's PDF after the report's, with the day of the release", () => {
    expect(versionedPdfName("budapest-process-activity-report-2018.pdf", release("2019-03-01"))).toBe("budapest-process-activity-report-2018-2019-03-01.pdf");
    // Another language's, after its own PDF's name.
    expect(versionedPdfName("budapest-process-activity-report-2018-ru.pdf", release("2019-03-01"))).toBe("budapest-process-activity-report-2018-ru-2019-03-01.pdf");
  });
});

describe("releases and corrigenda", () => {
  const edition = { releases: [release("2019-03-01"), release("2019-09-01")], corrigenda: [corrigendum("2019-06-01")] };

  it("takes the last release as the one a text is compared with", () => {
    expect(lastRelease(edition)?.date.iso).toBe("2019-09-01");
    expect(lastRelease({})).toBeUndefined();
    expect(lastRelease(undefined)).toBeUndefined();
  });

  it("counts only a corrigendum of a later day than the last release as new", () => {
    expect(newCorrigenda(edition)).toEqual([]);
    expect(newCorrigenda({ ...edition, corrigenda: [...edition.corrigenda, corrigendum("2019-09-01")] })).toEqual([]);
    expect(newCorrigenda({ ...edition, corrigenda: [...edition.corrigenda, corrigendum("2019-09-02")] }).map((c) => c.date.iso)).toEqual(["2019-09-02"]);
    // Nothing released: nothing to correct.
    expect(newCorrigenda({ corrigenda: [corrigendum("2019-09-02")] })).toEqual([]);
  });

  it("supersedes each release that a later corrigendum corrected, and no other", () => {
    expect(supersededReleases(edition).map((r) => r.date.iso)).toEqual(["2019-03-01"]);
    expect(supersededReleases({ releases: edition.releases }).map((r) => r.date.iso)).toEqual([]);
    expect(supersededReleases({ ...edition, corrigenda: [corrigendum("2020-01-15")] }).map((r) => r.date.iso)).toEqual(["2019-03-01", "2019-09-01"]);
  });

  it("publishes every kept release beside its report's PDF in its language", () => {
    const data = { dir: "/data", report: { organisation: "O", secretariat: "S", title: "T", editions: { 2018: { ...edition, releases: [...edition.releases, release("2019-09-01", "y".repeat(43), "ru")] } } } };
    const english = { lang: "en", reports: [{ year: 2018, url: "/2018/", pdfName: "o-activity-report-2018.pdf" }, { year: 2017, url: "/2017/", pdfName: "o-activity-report-2017.pdf" }] };
    const russian = { lang: "ru", reports: [{ year: 2018, url: "/ru/2018/", pdfName: "o-activity-report-2018-ru.pdf" }] };
    expect(releasedPdfs(data, [english, russian] as never)).toEqual([
      { path: "2018/o-activity-report-2018-2019-03-01.pdf", file: "/data/releases/2018/2019-03-01.pdf" },
      { path: "2018/o-activity-report-2018-2019-09-01.pdf", file: "/data/releases/2018/2019-09-01.pdf" },
      { path: "ru/2018/o-activity-report-2018-ru-2019-09-01.pdf", file: "/data/releases/ru/2018/2019-09-01.pdf" },
    ]);
  });
});

describe("releases in further languages", () => {
  // English went out on 1 March; Russian became final later, and went out first on 1 May; a correction followed in June, out on 2 June in both.
  const edition = {
    releases: [release("2019-03-01"), release("2019-05-01", "r".repeat(43), "ru"), release("2019-06-02", "e".repeat(43)), release("2019-06-02", "s".repeat(43), "ru")],
    corrigenda: [corrigendum("2019-04-15"), corrigendum("2019-06-01")],
  };

  it("are each language's own: English's are those that name no language", () => {
    expect(releasesIn(edition).map((r) => r.date.iso)).toEqual(["2019-03-01", "2019-06-02"]);
    expect(releasesIn(edition, "ru").map((r) => r.text[0])).toEqual(["r", "s"]);
    expect(releasesIn(edition, "ar")).toEqual([]);
    expect(lastRelease({ releases: edition.releases.slice(0, 2) })?.date.iso).toBe("2019-03-01");
    expect(lastRelease({ releases: edition.releases.slice(0, 2) }, "ru")?.date.iso).toBe("2019-05-01");
    expect(lastRelease({ releases: edition.releases.slice(0, 1) }, "ru")).toBeUndefined();
  });

  it("take as new only the corrigenda after the language's own last release", () => {
    const before = { ...edition, releases: edition.releases.slice(0, 2) };
    // April's corrects English (out in March), not Russian, first out in May.
    expect(newCorrigenda(before).map((c) => c.date.iso)).toEqual(["2019-04-15", "2019-06-01"]);
    expect(newCorrigenda(before, "ru").map((c) => c.date.iso)).toEqual(["2019-06-01"]);
    expect(newCorrigenda(edition, "ru")).toEqual([]);
  });

  it("supersede, in each language, its releases that a later corrigendum corrected", () => {
    expect(supersededReleases(edition).map((r) => r.date.iso)).toEqual(["2019-03-01"]);
    expect(supersededReleases(edition, "ru").map((r) => r.date.iso)).toEqual(["2019-05-01"]);
    expect(supersededReleases({ releases: edition.releases, corrigenda: [corrigendum("2019-04-15")] }, "ru")).toEqual([]);
  });
});

describe("textFingerprint", () => {
  it("is the same for the same words however they are spaced or broken into lines and pages, and differs for other words", () => {
    const text = [["Annual Report 2018"], ["Sofia, 7 May 2018", "Over 75 participants"]];
    expect(textFingerprint(text)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(textFingerprint([["Annual  Report 2018 "], ["Sofia, 7 May 2018", "", "Over 75 participants"]])).toBe(textFingerprint(text));
    expect(textFingerprint([["Annual Report", "2018 Sofia, 7 May"], ["2018 Over 75 participants"]])).toBe(textFingerprint(text));
    expect(textFingerprint([["Annual Report 2018"], ["Sofia, 8 May 2018", "Over 75 participants"]])).not.toBe(textFingerprint(text));
    expect(textFingerprint([["Annual Report 2018"], ["Over 75 participants", "Sofia, 7 May 2018"]])).not.toBe(textFingerprint(text));
  });

  it("reads a word hyphenated at a line's end (a soft hyphen there, as the PDF is read) as the whole word", () => {
    const text = [["Annual Report 2018"], ["Sofia, 7 May 2018", "Over 75 participants"]];
    expect(textFingerprint([["Annual Report 2018"], ["Sofia, 7 May 2018", "Over 75 par\u00ad", "ticipants"]])).toBe(textFingerprint(text));
    expect(textFingerprint([["Annual Report 2018"], ["Sofia, 7 May 2018", "Over 75 par-", "ticipants"]])).not.toBe(textFingerprint(text));
  });
});

describe("textChange", () => {
  const before = [["Title"], ["One.", "The meeting was held in Sofia.", "Three."]];

  it("finds a changed line between the common beginning and end, with its page", () => {
    const change = textChange(before, [["Title"], ["One.", "The meeting was held in Ankara.", "Three."]]);
    expect(change).toEqual({ removed: [{ page: 2, line: "The meeting was held in Sofia." }], added: [{ page: 2, line: "The meeting was held in Ankara." }] });
    expect(describeTextChange(change)).toBe('page 2: "The meeting was held in Sofia." became "The meeting was held in Ankara."');
  });

  it("tells lines added or removed, and no change for the same text", () => {
    expect(describeTextChange(textChange(before, [["Title"], ["One.", "The meeting was held in Sofia.", "Corrected.", "Three."]]))).toBe('page 2: added "Corrected."');
    expect(describeTextChange(textChange(before, [["Title"], ["One.", "Three."]]))).toBe('page 2: removed "The meeting was held in Sofia."');
    expect(textChange(before, before)).toEqual({ removed: [], added: [] });
    expect(describeTextChange(textChange(before, before))).toBe("the same text");
  });

  it("quotes a word hyphenated at a line's end with the hyphen the page prints", () => {
    const change = textChange([["The participants met in Sofia."]], [["The many partici\u00ad", "pants met in Sofia."]]);
    expect(describeTextChange(change)).toBe('page 1: "The participants met in Sofia." became "The many partici-", "pants met in Sofia."');
  });

  it("shows at most a few lines of each side", () => {
    const many = textChange([["a", "b", "c", "d", "e"]], [["x"]]);
    expect(describeTextChange(many, 2)).toBe('page 1: "a", "b" and 3 more lines became "x"');
  });
});

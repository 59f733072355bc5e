import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { formatDiagnostic } from "../../../../src/data/diagnostics.ts";
import { SURELY_PRINTED, unprintable, unprintableCharacters } from "../../../../src/data/rules/printable.ts";
import { NOT_DRAWN, reportCharacters } from "../../../../src/fonts/faces.ts";
import { isNotText } from "../../../../src/data/source/yaml-source.ts";
import { readEvent } from "../../../../src/data/read.ts";
import { createSource } from "../../../../src/data/source/yaml-source.ts";

const warnings = (text: string) => unprintableCharacters(createSource("e.yaml", text).source).map((d) => `${d.severity} ${d.line}:${d.col}: ${d.message}`);

describe("unprintable", () => {
  it("finds each different character that no face of the report draws, and only those", () => {
    expect(unprintable("Tbilisi, Türkiye, Łódź, Şanlıurfa, Hewlêr – “quoted” …")).toEqual([]);
    // Ĳ: the serif lacks it, the PDF takes the sans's; ȫ: o with two marks; an en space: drawn blank.
    expect(unprintable("Ĳssel ȫ a\u2002b")).toEqual([]);
    // Russian and the Cyrillic of Kazakh names print; Georgian does not.
    expect(unprintable("Тбилиси, Қазақстан, Ёлка № 5")).toEqual([]);
    expect(unprintable("Тбилиси თბილისი")).toEqual(["თ", "ბ", "ი", "ლ", "ს"]);
    // Arabic script, in the Arabic face: Arabic, Persian (گ, ی), Urdu (ے), the Arabic comma.
    expect(unprintable("عملية بودابست، اربيل گ ی ے")).toEqual([]);
    // ȯ: o with a dot above, which no file has.
    expect(unprintable("ȯȯ")).toEqual(["ȯ"]);
    // What is not drawn at all is never a box: a soft hyphen, a joiner, a mark of direction (characterProblems reports those).
    expect(unprintable("a\u00AD\u200D\u202Eb")).toEqual([]);
    // What is not text is an error of its own, never also a box to warn of: a non-character, a lone surrogate.
    expect(unprintable("a\uFFFF\uFFFE\uD800b\uDC00")).toEqual([]);
    expect(unprintable("\uD83D\uDE00")).toEqual(["\u{1F600}"]);
  });
});

describe("the characters surely printed", () => {
  it("are each drawn by every face of the report, or never drawn at all, or not text", () => {
    const printable = reportCharacters();
    const lacking: string[] = [];
    for (const [from, to] of SURELY_PRINTED) {
      for (let code = from; code <= to; code++) {
        const char = String.fromCodePoint(code);
        // Below the space and the C1 controls: not text (yaml-source.ts), reported as such.
        if (!printable.has(code) && !NOT_DRAWN.test(char) && !isNotText(char) && code >= 0x20 && !(code >= 0x7f && code <= 0x9f)) lacking.push(code.toString(16));
      }
    }
    expect(lacking).toEqual([]);
  });

  it("need no font read to be found printable, and the others are still found", () => {
    expect(unprintable("Türkiye – Łódź, “Şanlıurfa” … 5 €")).toEqual([]);
    expect(unprintable("Сараево, 7–8 мая 2018\u202Fг., № 5, Ґ")).toEqual([]);
    expect(unprintable("a\u022Fb")).toEqual(["\u022F"]);
  });
});

describe("unprintableCharacters", () => {
  it("warns at each text that holds such characters, naming them and what the PDF does with them", () => {
    expect(warnings("title: Meeting in თბილისი\nhost: 中国\n")).toEqual([
      `warning 1:8: title contains "თ" (U+10D7), "ბ" (U+10D1), "ი" (U+10D8) and 2 more, which the report's fonts (Source Serif 4, Source Sans 3, Amiri) do not have: the PDF prints them as boxes, and web pages in a font of the reader's; write them in Latin letters where the text must print`,
      `warning 2:7: host contains "中" (U+4E2D), "国" (U+56FD), which the report's fonts (Source Serif 4, Source Sans 3, Amiri) do not have: the PDF prints them as boxes, and web pages in a font of the reader's; write them in Latin letters where the text must print`,
    ]);
    expect(warnings("partners:\n  - IOM\n  - 'ȯ'\n")).toEqual([expect.stringMatching(/^warning 3:5: partners contains "ȯ" \(U\+022F\), which .*: the PDF prints it as a box, /)]);
  });

  it("reads escapes as YAML does, and entities where markdown prints what they stand for", () => {
    expect(warnings('title: "\\u10D7"\n')).toEqual([expect.stringMatching(/^warning 1:8: title contains "თ" \(U\+10D7\)/)]);
    expect(warnings("summary: Held in &#x10D7;bilisi.\n")).toEqual([expect.stringMatching(/^warning 1:10: summary contains "თ" \(U\+10D7\)/)]);
    // A title is not markdown: it prints the entity as written, in Latin letters.
    expect(warnings("title: Held in &#x10D7;bilisi.\n")).toEqual([]);
  });

  it("leaves alone what is never printed: addresses, files, a place's other names", () => {
    expect(warnings("aliases: [თბილისი]\nsources: [https://example.org/დოკუმენტი]\nphotos:\n  - file: images/თ.jpg\n    alt: A hall\n")).toEqual([]);
  });

  it("reaches the editor from every event file read, at the text's place", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "activity-report-printable-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, "2019-05-07-tbilisi.yaml");
    await writeFile(file, "title: Regional meeting\ntype: meeting\ndate: 2019-05-07\nstrands: [silk-routes]\nsummary: >\n  Officials met in თბილისი.\n");
    const { diagnostics } = readEvent(file);
    expect(diagnostics.map((d) => formatDiagnostic(d, dir))).toEqual([expect.stringMatching(/^2019-05-07-tbilisi\.yaml:5:10: warning: summary contains "თ" \(U\+10D7\)/)]);
  });
});

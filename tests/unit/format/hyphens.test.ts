import { describe, expect, it } from "vitest";
import { hyphenateHtml, MIN_LEFT, MIN_RIGHT, MIN_WORD, runningText, SOFT_HYPHEN, withoutSoftHyphens } from "../../../src/format/hyphens.ts";

/** `or·gan·isa·tion` with each `·` a soft hyphen: the breaks written so that a reader of the test sees them. */
const shy = (text: string) => text.replaceAll("·", SOFT_HYPHEN);

describe("hyphenateHtml", () => {
  it.each([
    ["trainers", "train·ers"],
    ["organisation", "organ·isa·tion"],
    ["international", "inter·na·tional"],
    ["participating", "par·ti·cip·at·ing"],
    ["readmission", "read·mis·sion"],
    ["cooperation", "cooper·a·tion"],
    ["representatives", "rep·res·ent·at·ives"],
    ["capacity-building", "capa·city-build·ing"],
  ])("breaks the English word %s as British English does: %s", (word, broken) => {
    expect(hyphenateHtml(word, "en")).toBe(shy(broken));
    expect(hyphenateHtml(word, "en-GB")).toBe(shy(broken));
  });

  it.each([
    ["сотрудничество", "сотруд·ни·че·ство"],
    ["миграции", "мигра·ции"],
    ["государства", "госу·дар·ства"],
    ["конференция", "кон·фе·рен·ция"],
    ["обязательства", "обя·за·тель·ства"],
    ["подготовительное", "под·го·то·ви·тель·ное"],
    ["государств-участников", "госу·дарств-участ·ни·ков"],
  ])("breaks the Russian word %s as Russian does: %s", (word, broken) => {
    expect(hyphenateHtml(word, "ru")).toBe(shy(broken));
  });

  it("breaks the words of prose and leaves the punctuation around them", () => {
    expect(hyphenateHtml("<p>The trainers’ “international” (organisation), meeting.</p>", "en")).toBe(shy("<p>The train·ers’ “inter·na·tional” (organ·isa·tion), meet·ing.</p>"));
    expect(hyphenateHtml("<p>Представители обсудили сотрудничество, «реадмиссию».</p>", "ru")).toBe(shy("<p>Представители обсу·дили сотруд·ни·че·ство, «реад·мис·сию».</p>"));
  });

  it("never breaks a name, an abbreviation or a word that begins a sentence: any word with a capital", () => {
    for (const text of ["Secretariat", "Afghanistan", "Türkiye", "ICMPD", "Istanbul Commitments", "McCormick", "EU-funded", "Kosovo*", "Стамбульские", "МЦРМП"]) {
      expect(hyphenateHtml(`<p>${text}</p>`, text.match(/\p{Script=Cyrillic}/u) ? "ru" : "en")).toBe(`<p>${text}</p>`);
    }
  });

  it("never breaks a code or an address: digits, and @ / : _ . # inside a word", () => {
    const text = [
      "2019-international", "international2019", "info@organisation.org", "https://www.budapestprocess.org/international",
      "www.organisation.org", "organisation/international", "international:organisation", "international_organisation",
      "#international", "@organisation", "/international", "organisation.international", "AT&amp;T-international",
    ].join(" ");
    expect(hyphenateHtml(`<p>${text}</p>`, "en")).toBe(`<p>${text}</p>`);
    // A sentence's own punctuation is no address.
    expect(hyphenateHtml("<p>organisation. organisation: organisation/</p>", "en")).toBe(shy("<p>organ·isa·tion. organ·isa·tion: organ·isa·tion/</p>"));
  });

  it("leaves tags and every attribute as they are, link addresses among them, and breaks the text of the link", () => {
    const html = '<p><a href="https://example.org/international-organisation" title="international organisation">international organisation</a></p>';
    expect(hyphenateHtml(html, "en")).toBe(shy('<p><a href="https://example.org/international-organisation" title="international organisation">inter·na·tional organ·isa·tion</a></p>'));
  });

  it("leaves the text of code, preformatted text and headings whole", () => {
    const html = "<h2>International organisation</h2>\n<h3>international organisation</h3>\n<p><code>international organisation</code> and <kbd>organisation</kbd></p>\n<pre><code>international\norganisation\n</code></pre>\n<p>organisation</p>";
    expect(hyphenateHtml(html, "en")).toBe(html.replace(/organisation<\/p>$/, shy("organ·isa·tion</p>")));
  });

  it("leaves a word whole that already has a soft hyphen, where the editor wants it", () => {
    expect(hyphenateHtml(shy("<p>inter·national</p>"), "en")).toBe(shy("<p>inter·national</p>"));
  });

  it("breaks no word shorter than MIN_WORD letters, and keeps MIN_LEFT and MIN_RIGHT letters either side of a break", () => {
    expect([MIN_WORD, MIN_LEFT, MIN_RIGHT]).toEqual([6, 3, 3]);
    // The patterns allow re-turn, meet-ings' s, ed-u-ca-tion's ed: too short a piece at a line's end.
    expect(hyphenateHtml("return study report", "en")).toBe("return study report");
    expect(hyphenateHtml("education addressed", "en")).toBe(shy("edu·ca·tion addressed"));
    const words = "the participating states discussed cooperation on readmission, capacity building and international protection with representatives of organisations".split(" ");
    for (const word of words.flatMap((w) => hyphenateHtml(w, "en").replace(/[^\p{L}\u00ad]/gu, " ").split(" "))) {
      const pieces = word.split(SOFT_HYPHEN);
      if (pieces.length === 1) continue;
      expect(pieces[0]!.length, word).toBeGreaterThanOrEqual(MIN_LEFT);
      expect(pieces.at(-1)!.length, word).toBeGreaterThanOrEqual(MIN_RIGHT);
    }
  });

  it("offers no break between an f and the letter it makes a ligature with", () => {
    // The patterns say fif-teen and dif-fi-cult: the serif draws ft and ff as one glyph.
    expect(hyphenateHtml("fifteen difficult", "en")).toBe(shy("fifteen diffi·cult"));
    expect(hyphenateHtml("certificates", "en")).toBe(shy("cer·ti·fic·ates"));
  });

  it("gives a language without patterns (Arabic) no hyphens, and the text back as it was", () => {
    expect(hyphenateHtml("<p>international organisation</p>", "ar")).toBe("<p>international organisation</p>");
    expect(hyphenateHtml("<p>الهجرة والتنقل</p>", "ar")).toBe("<p>الهجرة والتنقل</p>");
    expect(hyphenateHtml("", "en")).toBe("");
  });

  it("only adds soft hyphens: without them the text is as it was", () => {
    const html = '<p>The Senior Officials Meeting, which monitors and steers the <strong>Budapest Process</strong>, reviewed the activities of 2016 &amp; received a proposal (see <a href="https://example.org/a_b">example.org/a_b</a>).</p>\n';
    const hyphenated = hyphenateHtml(html, "en");
    expect(hyphenated).not.toBe(html);
    expect(withoutSoftHyphens(hyphenated)).toBe(html);
  });
});

describe("runningText", () => {
  it("reads a word hyphenated at a line's end whole, and joins other lines with a space", () => {
    expect(runningText([shy("a meeting of the Silk Routes coun·"), "tries with their donor", "partners. "])).toBe("a meeting of the Silk Routes countries with their donor partners.");
    expect(runningText([shy("сотруд·"), "ничество"])).toBe("сотрудничество");
    // A hyphen that is part of a word stays.
    expect(runningText(["well-", "known"])).toBe("well- known");
    expect(runningText([])).toBe("");
  });
});

/** The templates' filters that are not the catalogue's words (i18n.test.ts). */
import { describe, expect, it } from "vitest";
import { filters } from "../../../src/eleventy/filters.ts";
import { SOFT_HYPHEN, withoutSoftHyphens } from "../../../src/format/hyphens.ts";
import { renderMarkdown } from "../../../src/format/markdown.ts";

const shy = (text: string) => text.replaceAll("·", SOFT_HYPHEN);

describe("markdown(lang)", () => {
  it("renders the text with soft hyphens in the words of its prose, in the language it is given", () => {
    expect(filters.markdown("The *trainers* met [the organisation](https://example.org/organisation).", "en")).toBe(
      shy('<p>The <em>train·ers</em> met <a href="https://example.org/organisation">the organ·isa·tion</a>.</p>\n'),
    );
    const russian = "Участники обсудили **сотрудничество** в области миграции и `международной` защиты. Стамбульские обязательства: https://example.org/сотрудничество";
    expect(filters.markdown(russian, "ru")).toBe(
      shy('<p>Участники обсу·дили <strong>сотруд·ни·че·ство</strong> в обла·сти мигра·ции и <code>международной</code> защиты. Стамбульские обя·за·тель·ства: <a href="https://example.org/%D1%81%D0%BE%D1%82%D1%80%D1%83%D0%B4%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE">https://example.org/сотрудничество</a></p>\n'),
    );
    // The language decides: Russian patterns find nothing to break in English, and Arabic has none.
    expect(filters.markdown("international organisation", "ru")).toBe(renderMarkdown("international organisation"));
    expect(filters.markdown("international organisation", "ar")).toBe(renderMarkdown("international organisation"));
    expect(withoutSoftHyphens(filters.markdown(russian, "ru"))).toBe(renderMarkdown(russian));
  });

  it("renders without hyphens where other programs read the text (the feed)", () => {
    expect(filters.markdown("The trainers met.", "en", { hyphens: false })).toBe("<p>The trainers met.</p>\n");
  });

  it("needs the page's language", () => {
    expect(() => (filters.markdown as (text: string, lang?: unknown) => string)("The trainers met.")).toThrow(/markdown needs the page's language/);
  });
});

import { describe, expect, it } from "vitest";
import { markLanguage } from "../../../src/format/language-marks.ts";
import { numberParagraphs, unnumbered } from "../../../src/format/paragraphs.ts";
import { renderMarkdown } from "../../../src/format/markdown.ts";

describe("text that English stands in for, marked in its language", () => {
  const html = renderMarkdown("First *paragraph*.\n\n- one item\n- another\n\n> quoted\n\nLast, with a [link](/ru/2017/).");

  it("carries lang, and its language's direction, on each block Chromium tags, and nowhere else", () => {
    const marked = markLanguage(html, "en");
    expect(marked.match(/<p lang="en" dir="ltr">/g)).toHaveLength(3);
    expect(marked.match(/<li lang="en" dir="ltr">/g)).toHaveLength(2);
    expect(marked).toContain('<blockquote lang="en" dir="ltr">');
    expect(marked).toContain("<em>paragraph</em>");
    expect(marked).toContain('<a href="/ru/2017/">link</a>');
    expect(marked).not.toContain('<ul lang');
  });

  it("is left as it is where its own language is written", () => {
    expect(markLanguage(html, undefined)).toBe(html);
    expect(markLanguage(html, "")).toBe(html);
  });

  it("refuses what is no language tag", () => {
    expect(() => markLanguage(html, 'en" onclick="x')).toThrow(/not a language tag/);
  });

  it("numbers its paragraphs as it numbers those of the page's language, keeping their language", () => {
    const numbered = numberParagraphs(`${renderMarkdown("Ours.")}${markLanguage(renderMarkdown("Theirs.\n\nAnd more."), "en")}`);
    expect(numbered).toContain('<p class="numbered" id="para-1"><span class="paragraph-number">1.</span> Ours.</p>');
    expect(numbered).toContain('<p class="numbered" id="para-2" lang="en" dir="ltr"><span class="paragraph-number">2.</span> Theirs.</p>');
    expect(numbered).toContain('<p class="numbered" id="para-3" lang="en" dir="ltr"><span class="paragraph-number">3.</span> And more.</p>');
    expect(unnumbered(markLanguage("<p>x</p><p>y</p>", "en"))).toBe('<p class="text" lang="en" dir="ltr">x</p><p class="text" lang="en" dir="ltr">y</p>');
    // A text standing in for another written right to left is marked so.
    expect(markLanguage("<p>x</p>", "ar")).toBe('<p lang="ar" dir="rtl">x</p>');
    expect(unnumbered("<p>x</p>")).toBe('<p class="text">x</p>');
  });
});

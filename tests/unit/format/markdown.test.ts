import { describe, expect, it } from "vitest";
import { brokenEscapes, isSafeLink, renderInline, renderMarkdown } from "../../../src/format/markdown.ts";

describe("markdown from the data", () => {
  it.each([
    ["https://www.budapestprocess.org/", true],
    ["http://example.org/a?b#c", true],
    ["mailto:secretariat@example.org", true],
    ["/2018/", true],
    ["#annex-a", true],
    ["relative/page", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    [" javascript:alert(1)", false],
    ["vbscript:msgbox", false],
    ["data:text/html;base64,PHNjcmlwdD4=", false],
    ["file:///etc/passwd", false],
  ])("link %s is safe: %s", (url, safe) => {
    expect(isSafeLink(url)).toBe(safe);
  });

  it("shows raw HTML as text and leaves unsafe links unlinked", () => {
    const html = renderMarkdown('<script>alert(1)</script> [a](javascript:alert(1)) [b](https://example.org) <img src=x onerror=alert(1)>');
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; [a](javascript:alert(1)) <a href="https://example.org">b</a> &lt;img src=x onerror=alert(1)&gt;</p>\n');
  });

  it("renders no images, which would load from elsewhere", () => {
    expect(renderMarkdown("![logo](https://example.org/logo.png)")).not.toContain("<img");
  });

  it("gives the same HTML for a text rendered again (from its cache) as the first time", () => {
    const text = "The *second* meeting, in **Istanbul**.";
    const first = renderMarkdown(text);
    expect(first).toBe("<p>The <em>second</em> meeting, in <strong>Istanbul</strong>.</p>\n");
    expect(renderMarkdown(text)).toBe(first);
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown(undefined)).toBe("");
  });

  it("renders inline text without a paragraph", () => {
    expect(renderInline("Silk Routes *Partnership*")).toBe("Silk Routes <em>Partnership</em>");
  });
});

describe("brokenEscapes", () => {
  it("finds each run of percent-escapes in a link that is no UTF-8 text, in any part of any link, bare addresses too", () => {
    expect(brokenEscapes("[a](#%E0%A4) and [b](https://example.org/caf%e9?q=1) and https://example.org/x%C3%A4%E0%A4y#%FF, [c](/2019/#%c3)")).toEqual([
      { href: "#%E0%A4", escape: "%E0%A4" },
      { href: "https://example.org/caf%e9?q=1", escape: "%e9" },
      { href: "https://example.org/x%C3%A4%E0%A4y#%FF", escape: "%C3%A4%E0%A4" },
      { href: "https://example.org/x%C3%A4%E0%A4y#%FF", escape: "%FF" },
      { href: "/2019/#%c3", escape: "%c3" },
    ]);
  });

  it("finds none in whole escapes, in a % that starts no escape, in text that is not a link, or in a link that is not rendered", () => {
    expect(brokenEscapes("[a](#%C3%A4) [b](https://example.org/%E2%82%AC?q=100%) [c](50%zz) 100% of %E0%A4 `[d](#%E0)` [e](javascript:%E0)")).toEqual([]);
    expect(brokenEscapes(undefined)).toEqual([]);
  });
});

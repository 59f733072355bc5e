/**
 * Hostile data built into a site with PDFs: nothing in the data may run code in a
 * reader's browser or in the printer, or make the feed ill-formed, and ids named like
 * JavaScript properties build like any other.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parseDocument as parseHtml } from "htmlparser2";
import { afterAll, describe, expect, it } from "vitest";
import { runEleventy } from "../../src/eleventy/run.ts";
import { CONTENT_SECURITY_POLICY } from "../../src/eleventy/security.ts";
import { buildSite } from "../../src/report/model.ts";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { openSite } from "../helpers/browser.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, SAMPLE_DATA } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";
import { htmlPages } from "../helpers/site-files.ts";

afterAll(cleanUp);

const EVENT = (title: string, summary: string, extra = "") =>
  `title: ${JSON.stringify(title)}\ntype: working-group-meeting\ndate: 2018-06-01\nplace: sarajevo\nstrands: [silk-routes-working-group]\n${extra}summary: ${JSON.stringify(summary)}\n`;

/** Every way of writing a script link that we know of. */
const SCRIPT_LINKS = [
  "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "java&#x09;script:alert(1)",
  "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "java%0ascript:alert(1)",
  "vbscript:msgbox(1)", "VBScript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:text/html,<script>alert(1)</script>",
];

const HOSTILE: Record<string, string> = {
  "2018-06-01-script-title": EVENT("<script>alert('title')</script>", "Plain summary.", "partners: [\"<img src=x onerror=alert(1)>\", \"</p><script>alert(2)</script>\"]\n"),
  "2018-06-02-handlers": EVENT("Handlers <b onmouseover=alert(1)>bold</b>", "<svg onload=alert(1)><script>alert(1)</script></svg> and <iframe src=\"javascript:alert(1)\"></iframe>"),
  "2018-06-03-links": EVENT("Links of every spelling", SCRIPT_LINKS.map((l, i) => `[link ${i}](${l}) <${l}>`).join(" ")),
  "2018-06-04-images": EVENT("Images from elsewhere", "![tracker](https://tracker.example.org/pixel.png) ![x](javascript:alert(1))"),
  "2018-06-05-long-word": EVENT(`A${"verylongword".repeat(40)}`, `Word: ${"x".repeat(600)}`),
  "2018-06-06-bidi": EVENT("Reads \u202Ereversed\u202C and hides\u200Bspaces", "Zero\u200Bwidth and \u2066isolated\u2069 text."),
  "2018-06-07-quotes": EVENT("Quotes \" ' ` and </title><script>alert(1)</script>", "Ampersands & <entities> &lt;script&gt;"),
};

interface Finding {
  readonly page: string;
  readonly what: string;
}

/** Everything in a page that could run code or load from elsewhere, found by parsing it (not by searching text). */
function executableParts(page: string, html: string): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }) => {
    if (node.type === "script" || node.name === "script") {
      const src = node.attribs?.src;
      if (!src || !/^\/(pagefind|assets)\//.test(src)) findings.push({ page, what: `script ${src ?? "inline"}` });
      if (node.children?.length) findings.push({ page, what: "script with inline content" });
    }
    if (node.name && ["iframe", "object", "embed", "base", "frame", "applet"].includes(node.name)) findings.push({ page, what: `<${node.name}>` });
    for (const [name, value] of Object.entries(node.attribs ?? {})) {
      if (/^on/i.test(name)) findings.push({ page, what: `${node.name} ${name}="${value}"` });
      if (name === "style") findings.push({ page, what: `${node.name} style="${value}"` });
      if (["href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"].includes(name)) {
        const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
        const favicon = node.name === "link" && value === "data:,";
        if (scheme && !["http", "https", "mailto"].includes(scheme) && !favicon) findings.push({ page, what: `${node.name} ${name}="${value}"` });
      }
      if (node.name === "meta" && /refresh/i.test(node.attribs?.["http-equiv"] ?? "")) findings.push({ page, what: "meta refresh" });
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(parseHtml(html));
  return findings;
}

describe("hostile data", () => {
  /** The sample with the hostile events in 2018, built once, PDFs included, for the tests below. */
  let built: Promise<{ output: string; run: Awaited<ReturnType<typeof runCli>> }> | undefined;
  const hostileSite = () => (built ??= (async () => {
    const data = await sampleCopy();
    for (const [id, text] of Object.entries(HOSTILE)) await put(data, `events/2018/${id}.yaml`, text);
    const output = await warmOutput();
    return { output, run: await runCli(["build", "--data", data, "--output", output, "--year", "2018"]) };
  })());

  it("builds, PDFs included, with no executable payload in any page and no request leaving the machine", async () => {
    const { output, run } = await hostileSite();
    // The printer blocks and reports any outside request, so a successful build with PDFs made none.
    expect(run.stderr).not.toContain("blocked a request");
    expect(run.code, run.stderr).toBe(0);

    const pages = await htmlPages(output);
    expect(pages.length).toBeGreaterThan(10);
    const findings: Finding[] = [];
    for (const page of pages) {
      const html = await readFile(path.join(output, page), "utf8");
      findings.push(...executableParts(page, html));
      expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, "&#39;")}">`);
    }
    expect(findings).toEqual([]);

    // The hostile text is there, as text.
    const event = await readFile(path.join(output, "events/2018/2018-06-01-script-title/index.html"), "utf8");
    expect(event).toContain("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
    const links = await readFile(path.join(output, "events/2018/2018-06-03-links/index.html"), "utf8");
    expect(links).not.toMatch(/href="\s*(java|vb)script/i);
  });

  it("runs no script and breaks no layout in a browser, under the pages' Content-Security-Policy", async () => {
    const { output, run } = await hostileSite();
    expect(run.code, run.stderr).toBe(0);
    const site = await openSite(output);
    try {
      const page = await site.browser.newPage();
      await page.setViewport({ width: 375, height: 800 });
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      for (const id of Object.keys(HOSTILE)) {
        await page.goto(site.url(`/events/2018/${id}/`), { waitUntil: "load" });
        // Hovering would run any mouse handler that slipped through (links off screen cannot be hovered).
        for (const link of await page.$$("main a")) await link.hover().catch(() => undefined);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${id} scrolls sideways`).toBeLessThanOrEqual(375);
        expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), id).toEqual([]);
      }
      for (const url of ["/", "/2018/", "/search/?q=Sarajevo"]) {
        await page.goto(site.url(url), { waitUntil: "networkidle0" });
        expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), url).toEqual([]);
      }
      expect(dialogs).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it("reports invisible and direction-changing characters, and refuses a colour that is not one", async () => {
    const data = await sampleCopy();
    await put(data, "events/2018/2018-06-06-bidi.yaml", HOSTILE["2018-06-06-bidi"]!);
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await put(data, "report.yaml", report.replace("title: Annual Activity Report\n", 'title: Annual Activity Report\naccent_color: "#fff; } body { display: none"\n'));
    const all = await diagnosticsOf(data);
    expect(all).toContain("events/2018/2018-06-06-bidi.yaml:1:8: warning: title contains an invisible or direction-changing character (U+202E), which can make it read differently from what it says");
    expect(all).toContain("events/2018/2018-06-06-bidi.yaml:6:10: warning: summary contains an invisible or direction-changing character (U+200B), which can make it read differently from what it says");
    expect(all).toContain('report.yaml:5:15: accent_color "#fff; } body { display: none" must be a colour written #RRGGBB, such as "#1f4e79"');
  });
});
describe("characters that are not text", () => {
  const event = (day: number, title: string, extra = "") =>
    `title: ${title}\ntype: working-group-meeting\ndate: 2018-06-${String(day).padStart(2, "0")}\nplace: sarajevo\nstrands: [silk-routes-working-group]\n${extra}summary: x\n`;
  /** Each way a control character reaches a text: raw in the file, in quotes, or as one of YAML's escapes. */
  const WAYS: [string, string, string][] = [
    ["raw", "Control \x01 raw", "the control character U+0001, which is not text"],
    ["single-quoted", "'Control \x01 single'", "the control character U+0001, which is not text"],
    ["escape-x", '"Control \\x01 escaped"', "the control character U+0001, which is not text"],
    ["escape-u", '"Control \\u0001 escaped"', "the control character U+0001, which is not text"],
    ["escape-e", '"Control \\e escape"', "the control character U+001B, which is not text"],
    ["escape-0", '"Control \\0 null"', "the control character U+0000, which is not text"],
    ["delete", "Control \x7f delete", "the control character U+007F, which is not text"],
    ["c1", "Control \u009b C1", "the control character U+009B, which is not text"],
    ["next-line", '"Control \\N next line"', "the control character U+0085, which is not text"],
    ["not-a-character", '"Control \\uFFFF"', "U+FFFF, which is not a character"],
    ["surrogate", '"Control \\uD800 half"', "U+D800, which is not a character"],
  ];
  const escape = (what: string) => /U\+(00[0-9A-F]{2})/.exec(what) ? `\\x${/U\+00([0-9A-F]{2})/.exec(what)![1]}` : `\\u${/U\+([0-9A-F]{4})/.exec(what)![1]}`;

  it("are errors at their value, however they were written, in any file and in keys", async () => {
    const data = await sampleCopy();
    for (const [i, [name, title]] of WAYS.entries()) await put(data, `events/2018/2018-06-${String(i + 1).padStart(2, "0")}-${name}.yaml`, event(i + 1, title));
    await put(data, "events/2018/2018-06-20-block.yaml", event(20, "Block").replace("summary: x\n", "summary: |\n  First line\n  with a bell \x07 in it\n"));
    await put(data, "events/2018/2018-06-21-partner.yaml", event(21, "Partner", "partners: [\"ICMPD\\x02\"]\n"));
    const strands = await readFile(path.join(data, "strands.yaml"), "utf8");
    await put(data, "strands.yaml", strands.replace("title: Silk Routes Region Working Group", "title: Silk Routes\x03 Region Working Group"));
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await put(data, "report.yaml", report.replace("  ILO: International", '  "IL\\x04O": International'));
    const all = await diagnosticsOf(data);
    const feed = "and would break the feed; remove it (between double quotes it may be written as the escape";
    expect(all).toEqual([
      ...WAYS.map(([name, , what], i) => `events/2018/2018-06-${String(i + 1).padStart(2, "0")}-${name}.yaml:1:8: title contains ${what} ${feed} ${escape(what)})`),
      `events/2018/2018-06-20-block.yaml:6:10: summary contains the control character U+0007, which is not text ${feed} \\x07)`,
      `events/2018/2018-06-21-partner.yaml:6:12: partners contains the control character U+0002, which is not text ${feed} \\x02)`,
      `report.yaml:16:3: the key "IL\\x04O" contains the control character U+0004, which is not text ${feed} \\x04)`,
      `strands.yaml:20:10: title contains the control character U+0003, which is not text ${feed} \\x03)`,
    ]);
    const check = await runCli(["check", "--data", data]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("15 errors");
  });

  it("never reach the feed: it stays well-formed XML whatever text the model holds", async () => {
    const output = await warmOutput();
    // Past validation, as a future field or a new way into the model would be: every kind of character XML forbids.
    const hostile = "Bad \x00\x01\x08\x0B\x0C\x1B\uFFFE\uFFFF\uDC00 \uD800 \uD83D\uDE00 characters";
    const { data } = await loadDataOrThrow(SAMPLE_DATA);
    const site = buildSite(data);
    // The newest event of a final report: the feed leaves out a draft's.
    Object.assign(site.events.filter((e) => !e.draft).at(-1)!, { title: hostile, summary: hostile, dateline: hostile });
    (site as { organisation: string }).organisation = "Budapest\x01 Process";
    await runEleventy({ settings: { dataDir: SAMPLE_DATA, outputDir: output, pathPrefix: "/", pdf: false }, data: { data, sites: [site] } });
    const feed = await readFile(path.join(output, "feed.xml"), "utf8");
    const browser = await openSite(output);
    try {
      const page = await browser.browser.newPage();
      const error = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "application/xml");
        return doc.getElementsByTagName("parsererror")[0]?.textContent ?? null;
      }, feed);
      expect(error).toBeNull();
    } finally {
      await browser.close();
    }
    // What XML allows stays, a character written as a surrogate pair (an emoji) among it.
    expect(feed).toContain("<title>Bad   \uD83D\uDE00 characters</title>");
    expect(feed).toContain("<title>Budapest Process: activities</title>");
  });
});
describe("ids that are names of JavaScript objects' properties", () => {
  it("a place, strand, type, topic and event called constructor, and abbreviations such as __proto__, build into the site", async () => {
    const data = await sampleCopy();
    const append = async (name: string, text: string) => put(data, name, `${await readFile(path.join(data, name), "utf8")}${text}`);
    await append("places.yaml", "constructor:\n  name: Constructorville\n  country: AT\n  lat: 48.2\n  lon: 16.37\n");
    await append("strands.yaml", "- id: constructor\n  title: The constructor strand\n  kind: thematic\n");
    await append("event-types.yaml", "- id: constructor\n  label: Constructor meeting\n  plural: Constructor meetings\n");
    await append("topics.yaml", "- id: constructor\n  label: Constructing\n");
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await put(data, "report.yaml", report
      .replace("abbreviations:\n", "abbreviations:\n  __proto__: The prototype\n  constructor: The constructor\n  toString: To string\n")
      .replace("    som:\n      place: antalya", "    som:\n      place: constructor"));
    await put(data, "events/2018/constructor.yaml",
      "title: Meeting in the constructor place\ntype: constructor\ndate: 2018-07-01\nplace: constructor\nstrands: [constructor]\ntopics: [constructor]\nsummary: A meeting at a place named like a property, where `__proto__` and `toString` were named too.\n");
    const output = await warmOutput();
    const first = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain("warning");
    const event = await readFile(path.join(output, "events/2018/constructor/index.html"), "utf8");
    expect(event).toContain("Constructorville, 1 July 2018");
    expect(event).toContain("Constructor meeting");
    for (const hub of ["strands", "types", "topics"]) {
      expect(await readFile(path.join(output, hub, "constructor/index.html"), "utf8")).toContain("Meeting in the constructor place");
    }
    expect(await readFile(path.join(output, "2016/index.html"), "utf8")).toContain("Presented to the Senior Officials Meeting, Constructorville,");
    const year = await readFile(path.join(output, "2018/index.html"), "utf8");
    for (const [abbreviation, meaning] of [["__proto__", "The prototype"], ["constructor", "The constructor"], ["toString", "To string"]]) {
      expect(year).toContain(`<dt><abbr title="${meaning}">${abbreviation}</abbr></dt><dd>${meaning}</dd>`);
    }
    // The next build compares with this one file by file and field by field: the event called constructor is
    // removed, not changed, and the place called constructor (a key of places.yaml) is renamed, not added.
    await rm(path.join(data, "events/2018/constructor.yaml"));
    await put(data, "places.yaml", (await readFile(path.join(data, "places.yaml"), "utf8")).replace("Constructorville", "Constructor City"));
    const second = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("\n  removed: events/2018/constructor.yaml (report 2018)\n");
    expect(second.stdout).toContain('\n  changed: places.yaml: constructor.name "Constructorville" → "Constructor City" (report 2016)\n');
  });
});

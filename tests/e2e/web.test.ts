/** The built site as web readers and their tools see it, checked in real headless Chromium. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AxePuppeteer } from "@axe-core/puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSite } from "../helpers/browser.ts";
import { brokenLinks, htmlErrors } from "../helpers/checkers.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, ROOT, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";
import { htmlPages, pageUrl } from "../helpers/site-files.ts";

const { dir } = builtSite("sample");
let site: Awaited<ReturnType<typeof openSite>>;

beforeAll(async () => {
  site = await openSite(dir);
});
afterAll(async () => {
  await site?.close();
  await cleanUp();
});

const SAMPLE_PAGES = {
  home: "/",
  year: "/2018/",
  event: "/events/2018/2018-05-07-sarajevo-joint-working-group/",
  strand: "/strands/silk-routes-working-group/",
  country: "/countries/ba/",
  type: "/types/training/",
  topic: "/topics/capacity-building/",
  goal: "/goals/istanbul-2013-return/",
  "goal without activities": "/goals/istanbul-2013-legal-migration/",
  "goal index": "/goals/",
  "draft year": "/2019/",
  "year with goals, outlook and documents": "/2017/",
  "strand index": "/strands/",
  search: "/search/",
  about: "/about/",
  "not found": "/404.html",
};

describe("pages", () => {
  it("exist for every kind the site promises", async () => {
    const pages = (await htmlPages(dir)).map(pageUrl);
    for (const url of Object.values(SAMPLE_PAGES)) expect(pages).toContain(url);
    expect(pages).not.toContain("/2018/print/");
  });

  it("each carry their own breadcrumbs and title", async () => {
    for (const file of (await htmlPages(dir)).filter((f) => f.startsWith("events"))) {
      const html = await readFile(path.join(dir, file), "utf8");
      const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)![1];
      expect(html).toContain(`<span aria-current="page">${h1}</span>`);
      expect(html).toMatch(new RegExp(`<title>${h1!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, `));
    }
  });

  it("have no accessibility violations (axe-core, WCAG 2.2 AA)", async () => {
    const page = await site.browser.newPage();
    try {
      for (const [name, url] of Object.entries(SAMPLE_PAGES)) {
        const response = await page.goto(site.url(url), { waitUntil: "load" });
        expect(response?.status(), url).toBe(200);
        if (name === "search") await page.waitForSelector(".pagefind-ui__search-input");
        const results = await new AxePuppeteer(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        const violations = results.violations.map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        expect(violations).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it("are valid HTML (Nu Html Checker), in every language", async () => {
    expect((await htmlPages(dir)).filter((page) => page.startsWith(`ru${path.sep}`)).length).toBeGreaterThan(10);
    expect(await htmlErrors(dir)).toEqual([]);
  });

  it("have no broken internal link or #fragment", async () => {
    expect(await brokenLinks(dir, await htmlPages(dir))).toEqual([]);
  });

  it("do not scroll sideways at 375 px", async () => {
    const page = await site.browser.newPage();
    try {
      await page.setViewport({ width: 375, height: 800 });
      const wide: string[] = [];
      for (const file of await htmlPages(dir)) {
        await page.goto(site.url(pageUrl(file)), { waitUntil: "load" });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) wide.push(`${pageUrl(file)} is ${width} px wide`);
      }
      expect(wide).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("writes screenshots of the home page and a year page for review", async () => {
    const out = path.join(ROOT, "test-results", "screenshots");
    await mkdir(out, { recursive: true });
    const page = await site.browser.newPage();
    try {
      for (const [name, url] of [["home", "/"], ["year-2017", "/2017/"]] as const) {
        for (const width of [375, 1280]) {
          await page.setViewport({ width, height: 900 });
          await page.goto(site.url(url), { waitUntil: "load" });
          const file = path.join(out, `${name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect((await readFile(file)).subarray(1, 4).toString()).toBe("PNG");
        }
      }
    } finally {
      await page.close();
    }
  });
});

describe("the year page's contents", () => {
  it("numbers each entry once, with the section's own number", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.url("/2017/"), { waitUntil: "load" });
      const entries = await page.$$eval(".toc li", (items) => items.map((li) => ({
        marker: getComputedStyle(li).listStyleType,
        text: (li.querySelector(":scope > a") as HTMLElement).innerText.replace(/\s+/g, " ").trim(),
      })));
      expect(entries.map((e) => e.marker)).toEqual(entries.map(() => "none"));
      expect(entries.map((e) => e.text)).toEqual([
        "Foreword", "The year in brief", "The year at a glance", "Progress against the priority goals",
        "1 Senior Officials Meeting", "2 Ministerial Conference process", "3 Silk Routes Region Working Group", "4 Silk Routes Partnership Project",
        "Outlook", "Annex A Chronology of activities", "Annex B Participating states and organisations", "Annex C Documents adopted", "Annex D Abbreviations",
      ]);
    } finally {
      await page.close();
    }
  });
});

describe("navigation", () => {
  it("reaches every page from the home page in three clicks or fewer", async () => {
    const pages = new Set((await htmlPages(dir)).map(pageUrl).filter((u) => u !== "/404.html"));
    const depth = new Map<string, number>([["/", 0]]);
    const queue = ["/"];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const file = path.join(dir, url.endsWith("/") ? `${url}index.html` : url);
      const html = await readFile(file, "utf8");
      // Links, and the search form that every page carries.
      for (const [, href] of html.matchAll(/<(?:a [^>]*href|form [^>]*action)="(\/[^"#?]*)/g)) {
        if (!pages.has(href!) || depth.has(href!)) continue;
        depth.set(href!, depth.get(url)! + 1);
        queue.push(href!);
      }
    }
    const far = [...pages].filter((p) => !((depth.get(p) ?? Infinity) <= 3));
    expect(far).toEqual([]);
  });
});

describe("feed, sitemap and open data", () => {
  it("has an Atom feed with one entry per event of a final report and absolute links", async () => {
    const feed = await readFile(path.join(dir, "feed.xml"), "utf8");
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    // The draft report's event (2019) is not announced until the report is final.
    expect(feed.match(/<entry>/g)).toHaveLength(8);
    expect(feed).not.toContain("2019-02-19-istanbul-ministerial-conference");
    expect(feed).toContain("<id>https://activity-report.example.org/events/2018/2018-05-07-sarajevo-joint-working-group/</id>");
    expect(feed).toContain("<updated>2018-05-07T00:00:00Z</updated>");
  });

  it("lists every page in the sitemap but those of a draft report", async () => {
    const sitemap = await readFile(path.join(dir, "sitemap.xml"), "utf8");
    const listed = [...sitemap.matchAll(/<loc>https:\/\/activity-report\.example\.org(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
    // In every language the draft is published in.
    const draft = ["/2019/", "/events/2019/2019-02-19-istanbul-ministerial-conference/"].flatMap((url) => [url, `/ru${url}`]);
    const pages = (await htmlPages(dir)).map(pageUrl).filter((u) => u !== "/404.html" && !draft.includes(u));
    expect(listed.sort()).toEqual(pages.sort());
  });

  it("publishes the whole data set as JSON, in the documented shape", async () => {
    const data = JSON.parse(await readFile(path.join(dir, "data", "events.json"), "utf8")) as {
      version: number; events: { id: string; date: string; place: { country: string } | null; figures: Record<string, { value: number; qualifier: string | null; text: string }> }[];
      reports: { year: number; events: string[]; figures: { participants: { value: number; at_least: boolean } } }[];
    };
    expect(data.version).toBe(3);
    expect(data.events).toHaveLength(9);
    const sarajevo = data.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    expect(sarajevo).toMatchObject({ date: "2018-05-07", place: { kind: "place", country: "BA" }, figures: { participants: { value: 60, qualifier: null, text: "60" } } });
    const som = data.events.find((e) => e.id === "2017-12-15-antalya-senior-officials-meeting") as unknown as { documents: { title: string; adopted: boolean; adopted_by: string | null }[] };
    expect(som.documents.map((d) => [d.title, d.adopted, d.adopted_by])).toEqual([
      ["Conclusions of the Senior Officials Meeting", true, "the participating states present"],
      ["Proposal for a five-year cooperation framework 2017–2021", false, null],
    ]);
    const y2017 = data.reports.find((r) => r.year === 2017)!.figures as Record<string, unknown>;
    expect(y2017.participants).toEqual({ value: 142, precision: "at least", at_least: true, reported: 4, of: 5 });
    expect(y2017.distinct_states).toEqual({ value: 2, precision: "at least", at_least: true, reported: 2, of: 5, codes: ["AF", "IQ"] });
    expect(data.events.find((e) => e.id === "2017-05-24-erbil-training-of-trainers-iraq")).toMatchObject({ states: ["IQ"], participating_organisations: [] });
    const docs = await readFile(path.join(ROOT, "docs", "open-data.md"), "utf8");
    for (const key of [...Object.keys(sarajevo), ...Object.keys(sarajevo.place!)]) expect(docs).toContain(`\`${key}\``);
  });
});

describe("search", () => {
  it("leads from the home page to the Sarajevo event page", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.url("/"), { waitUntil: "load" });
      await page.type("#site-search-q", "Sarajevo");
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      expect(new URL(page.url()).pathname).toBe("/search/");
      const first = await page.waitForSelector(".pagefind-ui__result-link", { timeout: 15_000 });
      await Promise.all([page.waitForNavigation(), first!.click()]);
      expect(new URL(page.url()).pathname).toBe(SAMPLE_PAGES.event);
      expect(await page.$eval("h1", (h) => h.textContent)).toBe("Joint meeting of the Silk Routes and South East Europe Working Groups");
    } finally {
      await page.close();
    }
  });

  it("says plainly when nothing matches", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.url("/search/?q=zzyzxnothing"), { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelector(".pagefind-ui__message")?.textContent?.includes("No activity matches"), { timeout: 15_000 });
      expect(await page.$eval(".pagefind-ui__message", (m) => m.textContent)).toContain("No activity matches “zzyzxnothing”");
    } finally {
      await page.close();
    }
  });

  it("indexes every event page, and only those, with filters for year, type, strand and country", async () => {
    const entry = JSON.parse(await readFile(path.join(dir, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: { en: { page_count: number } } };
    const events = JSON.parse(await readFile(path.join(dir, "data", "events.json"), "utf8")) as { events: unknown[] };
    expect(entry.languages.en.page_count).toBe(events.events.length);
    const event = await readFile(path.join(dir, "events/2018/2018-05-07-sarajevo-joint-working-group/index.html"), "utf8");
    for (const filter of ["year", "type", "strand", "country"]) expect(event).toContain(`data-pagefind-filter="${filter}"`);
  });
});

describe("hyphenation", () => {
  const TRAINING = "/events/2017/2017-05-16-istanbul-training-of-trainers-afghanistan/";

  it("puts soft hyphens into the words of the prose, and nowhere else: no name, heading, title, description or attribute", async () => {
    const html = await readFile(path.join(dir, TRAINING, "index.html"), "utf8");
    const summary = /<div class="event-summary">([\s\S]*?)<\/div>/.exec(html)![1]!;
    expect(summary).toContain("train their col\u00adleagues.");
    expect(summary).toContain("Afghanistan’s\nMinistry of Refugees and Repatriations");
    expect(/<div class="event-outcomes">([\s\S]*?)<\/div>/.exec(html)![1]).toContain("as train\u00aders on migra\u00adtion.");
    for (const file of await htmlPages(dir)) {
      const page = await readFile(path.join(dir, file), "utf8");
      const head = page.slice(0, page.indexOf("</head>"));
      expect(head, file).not.toContain("\u00ad");
      expect(page.match(/<[^>]*\u00ad[^>]*>/g) ?? [], file).toEqual([]);
      expect([...page.matchAll(/<h([1-6])[^>]*>[\s\S]*?<\/h\1>/g)].map((m) => m[0]).filter((heading) => heading.includes("\u00ad")), file).toEqual([]);
    }
  });

  it("leaves the feed, the open data and the sitemap without soft hyphens: programs read them, not a page's layout", async () => {
    for (const file of ["feed.xml", "data/events.json", "sitemap.xml"]) {
      const text = await readFile(path.join(dir, file), "utf8");
      expect(text, file).not.toContain("\u00ad");
    }
    expect(await readFile(path.join(dir, "feed.xml"), "utf8")).toContain("equipped to train their colleagues.");
  });

  it("lets search find an event by a word its prose hyphenates, and by no piece of it", async () => {
    const page = await site.browser.newPage();
    const results = async (query: string) => {
      await page.goto(site.url(`/search/?q=${query}`), { waitUntil: "load" });
      // The message comes first, each result's link once its fragment has loaded: wait for as many links as it counts.
      await page.waitForFunction(() => {
        const message = document.querySelector(".pagefind-ui__message")?.textContent ?? "";
        const counted = /(\d+) results? for/.exec(message);
        return message.includes("No activity matches") || (counted !== null && document.querySelectorAll(".pagefind-ui__result-link").length === Number(counted[1]));
      }, { timeout: 15_000 });
      return page.$$eval(".pagefind-ui__result-link", (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    };
    try {
      // "colleagues" is in that page's summary only, printed col\u00adleagues.
      expect(await results("colleagues")).toEqual([TRAINING]);
      expect(await results("leagues")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the link checker itself", () => {
  it("finds a broken link and a broken fragment", async () => {
    const broken = await tempDir();
    await put(broken, "index.html", '<!doctype html><html lang="en"><title>x</title><a href="/missing/">a</a> <a href="#nowhere">b</a></html>');
    const found = await brokenLinks(broken, ["index.html"]);
    expect(found).toHaveLength(2);
  });
});

describe("a site under a sub-path", () => {
  it("builds with --path-prefix and every link and asset resolves there", async () => {
    const root = await tempDir();
    const output = await warmOutput({ parent: root, name: "reports" });
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--path-prefix", "/reports/"]);
    expect(run.code).toBe(0);
    const pages = await htmlPages(output);
    expect(await brokenLinks(root, pages.map((p) => path.join("reports", p)))).toEqual([]);
    const home = await readFile(path.join(output, "index.html"), "utf8");
    expect(home).toContain('href="/reports/2018/"');
    expect(home).toContain('href="/reports/assets/site.css"');
    const sitemap = await readFile(path.join(output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("<loc>https://activity-report.example.org/reports/2018/</loc>");
    await writeFile(path.join(root, "ok"), "");
  });
});

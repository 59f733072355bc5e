/**
 * The site in every language its editions name: Russian under /ru/ with English's paths, the switcher and the
 * hreflang alternates both ways, the sitemap's alternates, a feed per language, the Russian PDF, English standing in
 * for what a draft translation lacks, and search within the reader's language.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { AxePuppeteer } from "@axe-core/puppeteer";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildModels, pdfFacts } from "../../src/build.ts";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { conformanceProblems } from "../../src/pdf/checks/conformance.ts";
import { withoutSoftHyphens } from "../../src/format/hyphens.ts";
import type { SiteModel } from "../../src/report/model.ts";
import { openSite } from "../helpers/browser.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, SAMPLE_DATA, sampleCopy } from "../helpers/data.ts";
import { openPdf, pdfOutline, xmpProperties } from "../helpers/pdf.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

const dir = builtSite("sample").dir;
const read = (url: string) => readFile(path.join(dir, url.endsWith("/") ? `${url}index.html` : url), "utf8");
const { data } = await loadDataOrThrow(SAMPLE_DATA);
const [en, ru] = buildModels(data, { dataDir: SAMPLE_DATA }) as [SiteModel, SiteModel];
const SARAJEVO = "/events/2018/2018-05-07-sarajevo-joint-working-group/";
const TEHRAN = "/events/2016/2016-05-15-tehran-silk-routes-working-group/";

/** The attributes of each element `tag` in `html` whose attributes match `where`, as a record. */
function elements(html: string, tag: string, where: RegExp = /./): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, "g"))]
    .map((m) => m[1]!)
    .filter((attributes) => where.test(attributes))
    .map((attributes) => Object.fromEntries([...attributes.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}
/** The links of a page's language switcher. */
const switcher = (html: string) => {
  const nav = /<nav class="site-languages"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
  return [...nav.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map((m) => ({ ...Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])), name: m[2]! }));
};
const alternates = (html: string) => elements(html, "link", /rel="alternate" hreflang/).map((l) => [l.hreflang, l.href]);

describe("the Russian pages", () => {
  it("are at English's addresses under /ru/, in Russian", async () => {
    const y2017 = ru.reports.find((r) => r.year === 2017)!;
    const event = ru.events.find((e) => e.reportYear === 2017)!;
    const urls = ["/ru/", "/ru/2017/", "/ru/2018/", "/ru/2019/", event.url, `/ru${SARAJEVO}`, "/ru/about/", "/ru/search/", "/ru/strands/", "/ru/goals/",
      ru.hubs.find((h) => h.kind === "goals")!.url, ru.hubs.find((h) => h.kind === "countries")!.url];
    expect(event.url).toBe(`/ru${en.events.find((e) => e.id === event.id)!.url}`);
    for (const url of urls) expect(await read(url), url).toMatch(/^<!doctype html>\s*<html lang="ru">/);
    expect((await read(y2017.url))).toContain(`<h1>${y2017.fullTitle}</h1>`);
    // 2016 has no Russian edition: neither its report nor its events are in Russian.
    await expect(stat(path.join(dir, "ru/2016"))).rejects.toThrow();
    await expect(stat(path.join(dir, `ru${TEHRAN}`))).rejects.toThrow();
    // What every language shares is published once, at the root.
    for (const shared of ["assets", "photos", "images", "data", "pagefind"]) await expect(stat(path.join(dir, "ru", shared))).rejects.toThrow();
    expect(await read("/ru/2017/")).toContain('<link rel="stylesheet" href="/assets/site.css">');
  });

  it("link within their language: the header, the breadcrumbs, the search form and the footer", async () => {
    const html = await read(`/ru${SARAJEVO}`);
    expect(html).toContain('<a class="site-name" href="/ru/">');
    expect(html).toContain('<form class="site-search" role="search" action="/ru/search/" method="get">');
    expect(html).toContain('<li><a href="/ru/about/">');
    expect(html).toContain('<a href="/ru/feed.xml">');
    expect(html).toMatch(/<nav class="breadcrumbs"[^>]*><ol>\s*<li><a href="\/ru\/">/);
    expect(html).toContain('<a href="/ru/2018/">2018</a>');
    const links = [...html.matchAll(/<a [^>]*href="(\/[^"]*)"/g)].map((m) => m[1]!);
    // Every link to a page leads to a Russian one, but the switcher's, the open data and the shared files.
    const english = links.filter((l) => !l.startsWith("/ru/") && !l.startsWith("/data/") && !l.startsWith("/documents/") && l !== SARAJEVO);
    expect(english).toEqual([]);
  });

  it("have a language switcher that leads to the same page in English, and back", async () => {
    expect(switcher(await read("/2017/"))).toEqual([{ href: "/ru/2017/", hreflang: "ru", lang: "ru", name: "Русский" }]);
    expect(switcher(await read("/ru/2017/"))).toEqual([{ href: "/2017/", hreflang: "en", lang: "en", name: "English" }]);
    expect(switcher(await read(SARAJEVO))).toEqual([{ href: `/ru${SARAJEVO}`, hreflang: "ru", lang: "ru", name: "Русский" }]);
    expect(switcher(await read(`/ru${SARAJEVO}`))).toEqual([{ href: SARAJEVO, hreflang: "en", lang: "en", name: "English" }]);
    expect(switcher(await read("/ru/"))).toEqual([{ href: "/", hreflang: "en", lang: "en", name: "English" }]);
  });

  it("lead from a page English alone has (2016 has no Russian edition) to the Russian home page", async () => {
    expect(switcher(await read("/2016/"))).toEqual([{ href: "/ru/", hreflang: "ru", lang: "ru", name: "Русский" }]);
    expect(switcher(await read(TEHRAN))).toEqual([{ href: "/ru/", hreflang: "ru", lang: "ru", name: "Русский" }]);
    expect(switcher(await read("/404.html"))).toEqual([{ href: "/ru/", hreflang: "ru", lang: "ru", name: "Русский" }]);
  });

  it("name their versions in the head, both ways, and English as the default", async () => {
    const both = [["en", "/2017/"], ["x-default", "/2017/"], ["ru", "/ru/2017/"]];
    expect(alternates(await read("/2017/"))).toEqual(both);
    expect(alternates(await read("/ru/2017/"))).toEqual(both);
    expect(alternates(await read(`/ru${SARAJEVO}`))).toEqual([["en", SARAJEVO], ["x-default", SARAJEVO], ["ru", `/ru${SARAJEVO}`]]);
    expect(alternates(await read("/2016/"))).toEqual([["en", "/2016/"], ["x-default", "/2016/"]]);
  });

  it("are in the one sitemap, each with its alternates", async () => {
    const sitemap = await read("/sitemap.xml");
    const base = en.siteUrl!;
    const entries = [...sitemap.matchAll(/<url><loc>([^<]*)<\/loc>([\s\S]*?)<\/url>/g)].map((m) => ({
      loc: m[1]!.slice(base.length),
      alternates: [...m[2]!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]*)" href="([^"]*)"\/>/g)].map((a) => [a[1]!, a[2]!.slice(base.length)]),
    }));
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const both = [["en", "/2017/"], ["x-default", "/2017/"], ["ru", "/ru/2017/"]];
    expect(entries.find((e) => e.loc === "/2017/")!.alternates).toEqual(both);
    expect(entries.find((e) => e.loc === "/ru/2017/")!.alternates).toEqual(both);
    expect(entries.find((e) => e.loc === "/2016/")!.alternates).toEqual([]);
    // Every page of both languages, but a draft report's: one entry each.
    const locs = entries.map((e) => e.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).toContain(`/ru${SARAJEVO}`);
    expect(locs.filter((l) => l.startsWith("/ru/")).length).toBeGreaterThan(20);
    expect(locs).not.toContain("/ru/2019/");
  });

  it("have a feed of their own, in Russian, which they link to", async () => {
    const feed = await read("/ru/feed.xml");
    const base = en.siteUrl!;
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">');
    expect(feed).toContain(`<link href="${base}/ru/feed.xml" rel="self"/>`);
    expect(feed).toContain(`<title>${ru.language.t("feed.title", { organisation: ru.organisation })}</title>`);
    const entries = [...feed.matchAll(/<entry>\s*<title>[^<]*<\/title>\s*<link href="([^"]*)"/g)].map((m) => m[1]!.slice(base.length));
    expect(entries).toEqual(ru.events.filter((e) => !e.draft).reverse().map((e) => e.url));
    expect(entries.length).toBeGreaterThan(0);
    expect(await read("/feed.xml")).not.toContain("/ru/");
    const page = await read("/ru/2017/");
    expect(page).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/ru\/feed.xml">/);
  });

  // The Nu Html Checker reads every page of the sample, in every language: web.test.ts.
  it("pass axe (WCAG 2.2 AA): a report, an event, the search page", async () => {
    const pages = ["/ru/2017/", `/ru${SARAJEVO}`, "/ru/search/"];
    const site = await openSite(dir);
    try {
      const page = await site.browser.newPage();
      for (const url of pages) {
        expect((await page.goto(site.url(url), { waitUntil: "load" }))?.status(), url).toBe(200);
        if (url.endsWith("/search/")) await page.waitForSelector(".pagefind-ui__search-input");
        const results = await new AxePuppeteer(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        expect(results.violations.map((v) => `${url}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      }
    } finally {
      await site.close();
    }
  });
});

describe("the Russian PDF", () => {
  const report = ru.reports.find((r) => r.year === 2017)!;
  const file = path.join(dir, "ru", "2017", "budapest-process-activity-report-2017-ru.pdf");

  it("is named after English's, with the language before .pdf, and linked with its size from the Russian pages", async () => {
    expect(report.pdfUrl).toBe("/ru/2017/budapest-process-activity-report-2017-ru.pdf");
    const bytes = (await stat(file)).size;
    const doc = await openPdf(file);
    const pages = doc.numPages;
    await doc.destroy();
    const facts = pdfFacts({ pages, bytes }, ru.language);
    expect(await read("/ru/2017/")).toContain(`href="${report.pdfUrl}" type="application/pdf">${ru.language.t("pdf.downloadReport")} (PDF${facts})</a>`);
    expect(await read("/ru/")).toContain(`href="${report.pdfUrl}" type="application/pdf">${ru.language.t("pdf.download")} (PDF${facts})</a>`);
    // English's link stays English's.
    expect(await read("/2017/")).toContain('href="/2017/budapest-process-activity-report-2017.pdf"');
  });

  it("says it is Russian, in its catalog and its XMP packet", async () => {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    expect((doc.catalog.lookup(PDFName.of("Lang"), PDFString)).decodeText()).toBe("ru");
    const { stdout: packet } = await promisify(execFile)("pdfinfo", ["-meta", file]);
    expect(xmpProperties(packet)["dc:language"]).toBe("ru");
  });

  it("has its bookmarks and its document information in Russian", async () => {
    const outline = await pdfOutline(file);
    const listed = report.parts.filter((p) => p.listed).map((p) => (p.number ? `${p.number} ${p.title}` : p.title));
    expect(outline.filter((o) => o.depth === 0).map((o) => o.title)).toEqual(listed);
    expect(outline[0]!.title).toBe(ru.language.t("parts.foreword"));
    const doc = await openPdf(file);
    const info = (await doc.getMetadata()).info as Record<string, string>;
    await doc.destroy();
    expect(info.Title).toBe(report.documentTitle);
    expect(info.Subject).toBe(report.subject);
    expect(info.Author).toBe(ru.secretariatName);
    expect(`${info.Title} ${info.Subject} ${info.Author}`).toMatch(/[\u0400-\u04ff]{5}/);
  });

  it("passes the checks of PDF/UA-1 and PDF/A-2u that English's pass", async () => {
    expect(await conformanceProblems(await readFile(file))).toEqual([]);
  });
});

describe("a draft translation with one event translated", () => {
  /** A copy of the sample in which, in Russian, only the Sarajevo meeting is translated, every edition a draft. */
  let output: string;
  const TITLE = "Совместное совещание рабочих групп «Шёлковый путь» и «Юго-Восточная Европа»";
  const page = (url: string) => readFile(path.join(output, url, "index.html"), "utf8");

  beforeAll(async () => {
    const copy = await sampleCopy();
    for (const f of await readdir(copy, { recursive: true, encoding: "utf8" })) if (f.endsWith(".ru.yaml")) await rm(path.join(copy, f));
    const report = path.join(copy, "report.yaml");
    await writeFile(report, (await readFile(report, "utf8")).replace(/ru: final/g, "ru: draft"));
    await put(copy, "events/2018/2018-05-07-sarajevo-joint-working-group.ru.yaml", [
      `title: ${TITLE}`,
      "summary: Рабочие группы провели совместное совещание в Сараеве и обсудили возвращение и реинтеграцию мигрантов.",
      "body: Исследователи представили данные о том, что способствует успешной реинтеграции.",
      "photos:",
      "  - alt: Условное изображение участников совещания за столом.",
      "    caption: Условное изображение совещания. Сараево, май 2018 г.",
      "  - alt: Условное изображение семи участников совещания за столом.",
      "    caption: Условное изображение совещания в цветовом пространстве CMYK.",
      "",
    ].join("\n"));
    output = await warmOutput();
    await mkdir(path.dirname(output), { recursive: true });
    const run = await runCli(["build", "--data", copy, "--output", output, "--no-pdf"]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
  }, 240_000);

  it("shows English, marked as English and with a note, where the translation lacks an event's texts", async () => {
    const erbil = "/ru/events/2017/2017-05-24-erbil-training-of-trainers-iraq/";
    const html = await page(erbil);
    const note = ru.language.t("translation.untranslated");
    expect(html).toMatch(/<h1 data-pagefind-meta="title" lang="en" dir="ltr">Training of Trainers/);
    expect(html).toContain(`<p class="untranslated-note">${note}</p>`);
    expect(html).toMatch(/<div class="event-summary"><p lang="en" dir="ltr">/);
    // And in the report, over the event's entry.
    const report = await page("/ru/2017/");
    expect(report).toMatch(new RegExp(`<h3 class="event-title" lang="en" dir="ltr"><span class="section-number">[\\d.]+</span> <a href="${erbil}">[^<]+</a></h3><p class="untranslated-note">${note}</p>`));
    // The report's parts and the site's own texts are English too: one note for the latter, on the report's page.
    expect(report).toContain(`<p class="untranslated-note">${ru.language.t("translation.untranslatedSite")}</p>`);
    expect(report).toContain(`<strong>${ru.language.t("translation.draft.label")}</strong>`);
  });

  it("shows the translation unmarked where there is one", async () => {
    const html = await page(`/ru${SARAJEVO}`);
    expect(html).toContain(`<h1 data-pagefind-meta="title">${TITLE}</h1>`);
    expect(html).not.toContain(`<p class="untranslated-note">`);
    expect(/<article[\s\S]*<\/article>/.exec(html)![0]).not.toContain('lang="en"');
    // (Its Russian prose carries soft hyphens, where lines may break.)
    expect(withoutSoftHyphens(html)).toContain('<div class="event-summary"><p>Рабочие группы провели совместное совещание');
  });

  it("is searched in Russian on the Russian search page, and not from the English one", async () => {
    const entry = JSON.parse(await readFile(path.join(output, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages).sort()).toEqual(["en", "ru"]);
    const site = await openSite(output);
    try {
      const tab = await site.browser.newPage();
      await tab.goto(site.url("/ru/"), { waitUntil: "load" });
      await tab.type("#site-search-q", "реинтеграция");
      await Promise.all([tab.waitForNavigation(), tab.keyboard.press("Enter")]);
      expect(new URL(tab.url()).pathname).toBe("/ru/search/");
      const first = await tab.waitForSelector(".pagefind-ui__result-link", { timeout: 15_000 });
      expect(await first!.evaluate((a) => a.textContent)).toBe(TITLE);
      await Promise.all([tab.waitForNavigation(), first!.click()]);
      expect(new URL(tab.url()).pathname).toBe(`/ru${SARAJEVO}`);
      // English's search knows no Russian page.
      await tab.goto(site.url("/search/?q=реинтеграция"), { waitUntil: "load" });
      await tab.waitForSelector(".pagefind-ui__message", { timeout: 15_000 });
      await tab.waitForFunction(() => /реинтеграция/.test(document.querySelector(".pagefind-ui__message")?.textContent ?? ""), { timeout: 15_000 });
      expect(await tab.$$(".pagefind-ui__result-link")).toHaveLength(0);
    } finally {
      await site.close();
    }
  });
});

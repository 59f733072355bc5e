/**
 * The editor in the report's further languages, in a real browser: an event in English and, beside it, in
 * Russian; a save of the Russian writes its texts alone, recorded as translated from the English, and
 * only what check accepts; the translation of a reference file from its own form.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import puppeteer, { type Page } from "puppeteer";
import { parse } from "yaml";
import { dataIn, loadData } from "../../src/data/load.ts";
import { fingerprint } from "../../src/data/languages/texts.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/print.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, ROOT, sampleCopy } from "../helpers/data.ts";
import { startPreview, waitFor } from "../helpers/dev-server.ts";
import { publish, replaceText } from "../helpers/editor.ts";
import { warmOutputIfBuilt } from "../helpers/sites.ts";

afterAll(cleanUp);

const ID = "2018-05-07-sarajevo-joint-working-group";
const EVENT = `events/2018/${ID}.yaml`;
const RUSSIAN = `events/2018/${ID}.ru.yaml`;
const TITLE = "Совместное совещание рабочих групп по Шёлковым путям и Юго-Восточной Европе";
const CAPTION = "Образец изображения вместо фотографии совещания в цветовом пространстве CMYK.";

/** Where the screenshots of the form in two languages are kept, to be looked at: its top, and its photos. */
const SCREENSHOT = path.join(ROOT, "test-results/editor-languages.png");

/** The ids of the form's controls whose label is `label`: in the English form, then in the Russian one. */
const controlsOf = (page: Page, label: string): Promise<string[]> =>
  page.$$eval("label[for]", (ls, l) => ls.filter((x) => x.firstChild?.textContent?.trim() === l).map((x) => x.getAttribute("for")!), label);

/** The text under a control: its label's box, with check's words, and the English it translates. */
const around = (page: Page, id: string) => page.$eval(`label[for="${id}"]`, (l) => l.parentElement!.parentElement!.innerText);

describe("the editor in the report's further languages", () => {
  it("shows an event in English and Russian side by side, saves the Russian texts alone, refuses what check refuses, and saves a reference file's translation", async () => {
    const data = await sampleCopy();
    // The event's report is published in Russian (sample's report.yaml), its translation and that of strands.yaml not begun.
    await rm(path.join(data, RUSSIAN), { force: true });
    await rm(path.join(data, "strands.ru.yaml"), { force: true });
    await warmOutputIfBuilt({ parent: path.dirname(data), name: ".preview" });
    const preview = await startPreview(["--data", data], path.dirname(data));
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1600, height: 1000 });
      const english = await readFile(path.join(data, EVENT), "utf8");
      const englishTitle = (parse(english) as { title: string }).title;

      // 1. The event opens in English, and beside it in Russian: each of its texts, the English under it.
      await page.goto(preview.url(`/admin/#/collections/events/entries/2018/${ID}`), { waitUntil: "load" });
      await page.waitForFunction(() => document.body.innerText.includes("Writing in RU"), { timeout: 60_000 });
      await page.waitForFunction(() => document.querySelectorAll(".english-text").length > 0, { timeout: 30_000 });
      const titles = await controlsOf(page, "Title (required)");
      expect(titles).toHaveLength(2);
      const [enTitle, ruTitle] = titles as [string, string];
      const boxes = await page.$$eval(titles.map((id) => `[id="${id}"]`).join(", "), (els) => els.map((el) => el.getBoundingClientRect().left));
      expect(boxes[1]).toBeGreaterThan(boxes[0]! + 400);
      expect(await page.$eval(`[id="${enTitle}"]`, (el) => (el as HTMLInputElement).value)).toBe(englishTitle);
      expect(await page.$eval(`[id="${ruTitle}"]`, (el) => (el as HTMLInputElement).value)).toBe("");
      expect(await around(page, ruTitle)).toContain(`English: ${englishTitle}`);
      // The Russian form shows the texts alone: no date, no place.
      expect(await controlsOf(page, "Date (required)").then((ids) => ids.length)).toBe(2);
      expect(await page.$eval(`[id="${(await controlsOf(page, "Date (required)"))[1]}"]`, (el) => (el as HTMLElement).checkVisibility({ visibilityProperty: true }))).toBe(false);
      // The photos as English lists them, each with its alt text and caption to translate.
      const alts = await controlsOf(page, "Alt (required)");
      expect(alts).toHaveLength(4);
      expect(await around(page, alts[3]!)).toContain("English: Sample picture standing in for a photo of the meeting: flat shapes of seven people");

      // 2. The Russian title written, and the second photo's caption, and seen so.
      await replaceText(page, `[id="${ruTitle}"]`, TITLE);
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      const captions = await controlsOf(page, "Caption");
      expect(captions).toHaveLength(4);
      await replaceText(page, `[id="${captions[3]!}"]`, CAPTION);
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-photos.png") });

      // 3. Saved: the translation file holds the title and what it was translated from; the English file is as it was.
      await publish(page);
      await page.waitForFunction(() => document.body.innerText.includes("Entry saved"), { timeout: 30_000 });
      const written = await readFile(path.join(data, RUSSIAN), "utf8");
      expect(written.split("\n").slice(0, 2)).toEqual(["# yaml-language-server: $schema=../../.schemas/event.translation.schema.json", `# The Russian texts of ${ID}.yaml.`]);
      // Decap sends the photos with the fields the Russian form hides (file, credit): only the texts are written, in the English order.
      const englishCaption = (parse(english) as { photos: { caption: string }[] }).photos[1]!.caption;
      expect(parse(written)).toEqual({
        title: TITLE, photos: [{}, { caption: CAPTION }],
        translated_from: { title: fingerprint(englishTitle), "photos.1.caption": fingerprint(englishCaption) },
      });
      expect(await readFile(path.join(data, EVENT), "utf8")).toBe(english);
      const { data: loaded } = await loadData(data);
      const translated = dataIn(loaded!, "ru").events.find((e) => e.id === ID)!;
      expect(translated.title).toBe(TITLE);
      expect(translated.photos![1]!.caption).toBe(CAPTION);
      const check = await runCli(["check", "--data", data], { cwd: path.dirname(data) });
      expect(check.code, check.stderr).toBe(0);

      // 4. A Russian text that check refuses: nothing written, check's words under the Russian field, not the English one.
      await replaceText(page, `[id="${ruTitle}"]`, "Очень длинное название ".repeat(25));
      await publish(page);
      await page.waitForFunction(() => document.body.innerText.includes("title is too long"), { timeout: 30_000 });
      expect(await around(page, ruTitle)).toMatch(new RegExp(`${RUSSIAN.replace(/\./g, "\\.")}:\\d+:\\d+: title is too long`));
      expect(await around(page, enTitle)).not.toContain("too long");
      expect(await readFile(path.join(data, RUSSIAN), "utf8")).toBe(written);

      // 5. The translation of strands.yaml, from its own form beside strands.yaml's (leaving the refused change behind):
      // a field for each English text, the English as its hint.
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(preview.url("/admin/#/collections/reference"), { waitUntil: "load" });
      const entry = await page.waitForSelector("xpath/.//*[text()='strands.yaml — Russian']", { timeout: 60_000 });
      await entry!.click();
      await page.waitForFunction(() => document.body.innerText.includes("English: Silk Routes Region Working Group"), { timeout: 60_000 });
      const strandTitles = await controlsOf(page, "Title");
      const silkRoutes = (await Promise.all(strandTitles.map(async (id) => [id, await around(page, id)] as const))).find(([, text]) => text.includes("English: Silk Routes Region Working Group"))![0];
      await replaceText(page, `[id="${silkRoutes}"]`, "Рабочая группа по региону Шёлковых путей");
      await publish(page);
      await waitFor(async () => (await readFile(path.join(data, "strands.ru.yaml"), "utf8").catch(() => "")).includes("Шёлковых"), 30_000, preview.log);
      const strands = parse(await readFile(path.join(data, "strands.ru.yaml"), "utf8")) as Record<string, { title?: string; translated_from?: Record<string, string> }>;
      expect(strands["silk-routes-working-group"]).toMatchObject({
        title: "Рабочая группа по региону Шёлковых путей", translated_from: { title: fingerprint("Silk Routes Region Working Group") },
      });
    } finally {
      await browser.close();
      expect(await preview.stop()).toBe(0);
    }
  }, 300_000);
});

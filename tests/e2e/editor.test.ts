/** The editor at /admin/ of the live preview, in a real browser: it edits, saves only what check accepts, and loads nothing from elsewhere. */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import puppeteer, { type Page } from "puppeteer";
import { withoutSoftHyphens } from "../../src/format/hyphens.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/print.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, sampleCopy } from "../helpers/data.ts";
import { startPreview, waitFor } from "../helpers/dev-server.ts";
import { publish, replaceText } from "../helpers/editor.ts";
import { warmOutputIfBuilt } from "../helpers/sites.ts";

afterAll(cleanUp);

const EVENT = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
const SLUG = "2018/2018-05-07-sarajevo-joint-working-group";

/** The id of the form's control whose label starts with `label`. */
const controlOf = async (page: Page, label: string): Promise<string> => {
  const id = await page.$$eval("label[for]", (ls, l) => ls.find((x) => x.textContent.startsWith(l))?.getAttribute("for"), label);
  if (!id) throw new Error(`no field labelled ${label}`);
  return `#${id}`;
};

describe("the editor", () => {
  it("edits an event and saves exactly the change, refuses a save that check refuses at its field, and creates a new event", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    await warmOutputIfBuilt({ parent: cwd, name: ".preview" });
    // The data folder named as editors name it, relative to where they start the command.
    const preview = await startPreview(["--data", path.basename(data)], cwd);
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS });
    const outside: string[] = [];
    const refusedByPolicy: string[] = [];
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 1000 });
      page.on("console", (m) => {
        if (m.text().includes("Content Security Policy")) refusedByPolicy.push(m.text());
      });
      page.on("request", (r) => {
        if (!r.url().startsWith(preview.origin) && !/^(?:blob|data):/.test(r.url())) outside.push(r.url());
      });
      // 1. The editor opens, with the events listed.
      await page.goto(preview.url("/admin/"), { waitUntil: "load" });
      await page.waitForFunction(() => document.body.innerText.includes("Joint meeting of the Silk Routes"), { timeout: 60_000 });

      // 2. An event opens in the form. The sample's reports are published in Russian too, whose form stands
      // beside the English one; the eye button puts the event's page there instead.
      const file = path.join(data, EVENT);
      const original = await readFile(file, "utf8");
      await page.goto(preview.url(`/admin/#/collections/events/entries/${SLUG}`), { waitUntil: "load" });
      await page.waitForSelector("textarea", { timeout: 60_000 });
      await page.waitForFunction(() => document.body.innerText.includes("Writing in RU"), { timeout: 30_000 });
      await page.click("[title='Toggle preview']");
      await page.waitForFunction(() => !document.body.innerText.includes("Writing in RU"), { timeout: 30_000 });

      // 3. Its summary changes, and another place is picked from the list, by its name.
      await replaceText(page, await controlOf(page, "Summary"), "The working groups met in Istanbul.");
      const place = await controlOf(page, "Place");
      await page.click(place);
      await page.type(place, "Istanbul, T");
      await page.keyboard.press("Enter");

      // 4. Saved.
      await publish(page);
      await page.waitForFunction(() => document.body.innerText.includes("Entry saved"), { timeout: 30_000 });

      // 5. The file has those changes and no other; check passes; the preview shows the new text.
      const expected = original
        .replace("place: sarajevo", "place: istanbul")
        .replace(/summary: \|\n(?: {2}.*\n)+/, "summary: |\n  The working groups met in Istanbul.\n");
      expect(expected).not.toBe(original);
      expect(await readFile(file, "utf8")).toBe(expected);
      const check = await runCli(["check", "--data", data], { cwd });
      expect(check.code, check.stderr).toBe(0);
      // The page's text as a reader reads it, without the soft hyphens of its prose.
      await waitFor(async () => withoutSoftHyphens(await fetch(preview.url("/events/2018/2018-05-07-sarajevo-joint-working-group/")).then((r) => r.text())).includes("The working groups met in Istanbul."), 30_000, preview.log);
      // Beside the form, the event's own page from the preview (inside Decap's preview frame), with the new text.
      await waitFor(async () => {
        const frame = page.frames().find((f) => f.url().endsWith("/events/2018/2018-05-07-sarajevo-joint-working-group/"));
        return frame !== undefined && (await frame.evaluate(() => document.body.innerText.replaceAll("\u00ad", "").includes("The working groups met in Istanbul.")).catch(() => false));
      }, 30_000, preview.log);

      // 6. An invalid value: nothing is written, and check's words stand under the field.
      const saved = await readFile(file, "utf8");
      await replaceText(page, await controlOf(page, "End"), "2018-05-01");
      await publish(page);
      const message = "end 2018-05-01 is before date 2018-05-07";
      await page.waitForFunction((m) => document.body.innerText.toLowerCase().includes(m), { timeout: 30_000 }, message);
      const errorAtField = await page.$$eval("label[for]", (ls) => {
        const label = ls.find((l) => l.textContent.startsWith("End"))!;
        return label.parentElement!.innerText;
      });
      expect(errorAtField.toLowerCase()).toContain(`${EVENT}:4:6: ${message}`);
      expect(await readFile(file, "utf8")).toBe(saved);

      // 6b. A problem of a field inside a list item (a photo's alt text): shown under that field, its item opened.
      await replaceText(page, await controlOf(page, "End"), "2018-05-08");
      const alt = (await page.$$eval("label[for]", (ls) => ls.filter((l) => l.textContent.startsWith("Alt")).map((l) => l.getAttribute("for"))))[1]!;
      const shown = () => page.$eval(`#${alt}`, (el) => (el as HTMLElement).offsetParent !== null);
      expect(await shown()).toBe(false);
      await page.$eval(`#${alt}`, (el) => {
        // Typed into as a person would, through React's own value setter.
        const input = el as HTMLInputElement;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "");
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await publish(page);
      await page.waitForFunction(() => document.body.innerText.toLowerCase().includes('missing required field "alt"'), { timeout: 30_000 });
      await page.waitForFunction((id) => (document.getElementById(id) as HTMLElement).offsetParent !== null, { timeout: 10_000 }, alt);
      const altError = await page.$eval(`label[for="${alt}"]`, (l) => l.parentElement!.innerText.toLowerCase());
      expect(altError).toMatch(new RegExp(`${EVENT.replace(/[.]/g, "\\.")}:\\d+:5: missing required field "alt"`));
      // Not under the other photo's.
      const first = (await page.$$eval("label[for]", (ls) => ls.filter((l) => l.textContent.startsWith("Alt")).map((l) => l.parentElement!.innerText.toLowerCase())))[0]!;
      expect(first).not.toContain("missing required field");
      expect(await readFile(file, "utf8")).toBe(saved);

      // 7. A new event, made in the form, is written into its year folder and builds. Leaving the refused
      // change behind, the editor asks whether to discard it: yes.
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(preview.url("/admin/#/collections/events/new"), { waitUntil: "load" });
      // The new event's form, not the one left (whose fields are there until the editor has switched).
      await page.waitForFunction(() => {
        const label = Array.from(document.querySelectorAll("label[for]")).find((l) => l.textContent.startsWith("Title"));
        const input = label && (document.getElementById(label.getAttribute("for")!) as HTMLInputElement | null);
        return location.hash.endsWith("/events/new") && input !== null && input !== undefined && input.value === "";
      }, { timeout: 60_000 });
      await page.type(await controlOf(page, "Title"), "Meeting of the Silk Routes Region Working Group");
      for (const [label, value] of [["Type", "Working group"], ["Place", "Ankara"], ["Strands", "Silk Routes Region Working"]] as const) {
        const control = await controlOf(page, label);
        await page.click(control);
        await page.type(control, value);
        await page.keyboard.press("Enter");
      }
      // Its date first written as in a letter: refused in check's words at the date, nothing written.
      await page.type(await controlOf(page, "Date"), "14/03/2019");
      await page.type(await controlOf(page, "Summary"), "The working group discussed legal pathways for labour migration.");
      await publish(page);
      const dateMessage = 'date "14/03/2019" must be written YYYY-MM-DD, YYYY-MM or YYYY';
      await page.waitForFunction((m) => document.body.innerText.includes(m), { timeout: 30_000 }, dateMessage);
      const dateLabel = await controlOf(page, "Date");
      expect(await page.$eval(`label[for="${dateLabel.slice(1)}"]`, (l) => l.parentElement!.innerText)).toContain(dateMessage);
      expect(await readdir(path.join(data, "events"))).toEqual(["2016", "2017", "2018", "2019"]);
      await replaceText(page, dateLabel, "2019-03-14");
      await publish(page);
      // The file itself, not the notice: the notice of the first save may still be on the screen.
      const created = path.join(data, "events/2019/2019-03-14-ankara-meeting-of-the-silk-routes-region-working-group.yaml");
      await waitFor(async () => (await stat(created).catch(() => undefined))?.isFile() === true, 30_000, preview.log);
      const build = await runCli(["build", "--data", data, "--no-pdf", "--output", await warmOutputIfBuilt({ parent: cwd, name: "built" })], { cwd });
      expect(build.code, build.stderr).toBe(0);
      // Written in English only: no translation file was made for it.
      expect(await readdir(path.dirname(created))).not.toContain(path.basename(created).replace(/\.yaml$/, ".ru.yaml"));

      // Nothing was asked of another machine, and the page's own policy refused nothing it does.
      expect(outside).toEqual([]);
      expect(refusedByPolicy).toEqual([]);
    } finally {
      await browser.close();
      expect(await preview.stop()).toBe(0);
    }
  }, 300_000);
});

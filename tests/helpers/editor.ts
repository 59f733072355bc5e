/** What the editor's browser tests do as a person does in Decap's form. */
import type { Page } from "puppeteer";

/** The control's value typed anew, as a person does: into the field, all of it selected, deleted, typed. */
export async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  await page.type(selector, text);
}

/** Publishes the entry open in the editor: Publish, then Publish now. */
export async function publish(page: Page): Promise<void> {
  const [button] = await page.$$("xpath/.//*[text()='Publish']");
  await button!.click();
  const now = await page.waitForSelector("xpath/.//*[text()='Publish now']");
  await now!.click();
}

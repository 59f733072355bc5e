/**
 * A description for every link of the PDF. Chromium writes each link as an annotation with
 * its place in the structure tree but without `/Contents`, the text that tells a screen
 * reader where the link goes (PDF/UA-1, 7.18.5; Matterhorn 28-004). The texts are read from
 * the print page before it is printed, keyed as the PDF keys the links: `#id` for a link
 * within the report (a named destination), the address for any other.
 */
import { english } from "../data/languages/catalogues.ts";
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";
import type { Page } from "puppeteer";
import { linkWords, type LinkWords } from "./link-words.ts";

export { linkWords, type LinkWords };

/** One link of the page as a reader meets it: where it goes, what it says, and what its target is called. */
export interface PageLink {
  /** `#foreword` for a link within the page, else the absolute address. */
  readonly key: string;
  /** Its accessible text: aria-label, else its text with the alt of any picture in it. */
  readonly text: string;
  /** For a link within the page: its target's heading, or its target's text. */
  readonly target?: string;
}

const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The description of each key: the links' text when every link to it says the same, else
 * what they have in common, the target's name or the address. Never empty.
 */
export function linkDescriptions(links: readonly PageLink[], words: LinkWords = linkWords(english())): Map<string, string> {
  const byKey = new Map<string, PageLink[]>();
  for (const link of links) byKey.set(link.key, [...(byKey.get(link.key) ?? []), link]);
  const out = new Map<string, string>();
  for (const [key, all] of byKey) {
    const texts = [...new Set(all.map((l) => squeeze(l.text)).filter(Boolean))];
    const target = all.map((l) => squeeze(l.target ?? "")).find(Boolean);
    const internal = key.startsWith("#");
    let description = texts.length === 1 ? texts[0]! : internal && target ? target : internal ? words.section(key.slice(1)) : key;
    if (!internal && description !== key) description = `${description} (${key})`;
    out.set(key, internal ? words.goTo(description) : description);
  }
  return out;
}

/**
 * Whether a link goes to the machine it is followed on: `localhost`, 127.0.0.0/8, `0.0.0.0`, `::1`
 * (however written: the URL parser reads `2130706433` and `0x7f.1` as 127.0.0.1). Dead for every reader.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "0.0.0.0"
    || host === "[::1]" || host === "[::]" || /^\[::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|0:0)\]$/.test(host);
}

/**
 * Where a link of the print page goes in the PDF, or undefined to print it as text. The print page is
 * served from a loopback server, so a link within the site (`/2019/`, `../events/`) would keep its
 * address (`http://127.0.0.1:<port>/2019/`): dead for every reader, and a random port in the bytes.
 * Such a link is read against `page`, the report's page on the site (on the print server), and made
 * absolute against `siteUrl`, path prefix and all (the print page's paths carry it, as the site's do);
 * without a `siteUrl` it has no address to go to. Any other link to a loopback address is dead too.
 */
export function printedAddress(href: string, page: string, siteUrl: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(href, page);
  } catch {
    return undefined;
  }
  if (url.origin === new URL(page).origin) {
    if (siteUrl === undefined) return undefined;
    url = new URL(`${url.pathname}${url.search}${url.hash}`, siteUrl);
  }
  return isLoopback(url) ? undefined : url.href;
}

/**
 * Gives every link of the print page but those within it (`#…`) the address printedAddress says, or
 * makes it plain text (its content kept in its place). Before anything is read or printed, so that the
 * links' descriptions and both passes of the print see the same page.
 */
export async function publishLinks(page: Page, base: string, siteUrl: string | undefined): Promise<void> {
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")!));
  const addresses = hrefs.map((href) => (href.startsWith("#") ? href : printedAddress(href, base, siteUrl) ?? null));
  if (addresses.every((address, i) => address === hrefs[i])) return;
  await page.evaluate((addresses) => {
    Array.from(document.querySelectorAll("a[href]")).forEach((a, i) => {
      const address = addresses[i];
      if (address === null || address === undefined) a.replaceWith(...Array.from(a.childNodes));
      else if (address !== a.getAttribute("href")) a.setAttribute("href", address);
    });
  }, addresses);
}

/** The links of the print page, read in the browser (in one evaluation: $$eval would make a handle of each link first). */
export async function pageLinks(page: Page): Promise<PageLink[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll("a[href]"), (a) => {
    const href = a.getAttribute("href")!;
    const own = (a.getAttribute("aria-label") ?? "") || Array.from(a.querySelectorAll("img[alt]")).map((img) => img.getAttribute("alt")).join(" ") + " " + (a.textContent ?? "");
    if (!href.startsWith("#")) return { key: (a as HTMLAnchorElement).href, text: own };
    let id = href.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // An escape that is no character (validation refuses it in the data): the id as written.
    }
    const target = document.getElementById(id);
    const heading = target?.matches("h1, h2, h3, h4, h5, h6") ? target : target?.querySelector("h1, h2, h3, h4, h5, h6");
    const name = (heading ?? target)?.textContent ?? "";
    return { key: href, text: own, target: name.slice(0, 200) };
  }));
}

const text = (value: unknown): string | undefined => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

/** Where a link annotation goes, keyed as pageLinks keys it; undefined for other annotations. */
function annotationKey(annotation: PDFDict): string | undefined {
  if (annotation.get(PDFName.of("Subtype"))?.toString() !== "/Link") return undefined;
  const dest = annotation.get(PDFName.of("Dest"));
  if (dest instanceof PDFName) return `#${dest.decodeText()}`;
  const named = text(dest);
  if (named !== undefined) return `#${named}`;
  const action = annotation.lookupMaybe(PDFName.of("A"), PDFDict);
  return text(action?.get(PDFName.of("URI")));
}

/**
 * A text string as a PDF writes it: printable ASCII as a literal string, escaped; anything else
 * in UTF-16 (hex). A year's chronology has a thousand links: UTF-16 for all would weigh 250 KB.
 */
export function pdfText(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, (c) => `\\${c}`)) : PDFHexString.fromText(text);
}

/** Gives every link annotation of `doc` a `/Contents`: its description, or its address. Returns how many. */
export function describeLinks(doc: PDFDocument, descriptions: ReadonlyMap<string, string>, words: LinkWords = linkWords(english())): number {
  let described = 0;
  for (const page of doc.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let i = 0; i < (annotations?.size() ?? 0); i++) {
      const annotation = annotations!.lookup(i);
      if (!(annotation instanceof PDFDict)) continue;
      const key = annotationKey(annotation);
      if (key === undefined) continue;
      const description = descriptions.get(key) ?? (key.startsWith("#") ? words.goTo(words.section(key.slice(1))) : key);
      annotation.set(PDFName.of("Contents"), pdfText(description));
      described++;
    }
  }
  return described;
}

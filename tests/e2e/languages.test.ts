/**
 * The pages rendered in another language than English, under /ru/: every word the report says of itself comes from
 * that language's catalogue. The English pieces looked for are those of the catalogue that the data does not hold
 * (English stands in, marked, for what a draft translation lacks).
 */
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { TYPE } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { languageFrom, readCatalogues } from "../../src/data/languages/catalogues.ts";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { runEleventy } from "../../src/eleventy/run.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { printJob } from "../../src/pdf/job.ts";
import { notdefProblems } from "../../src/pdf/notdef.ts";
import { printPdfs } from "../../src/pdf/print.ts";
import { buildSite } from "../../src/report/model.ts";
import { parseCatalogue } from "../../src/format/messages.ts";
import { cleanUp, ROOT, SAMPLE_DATA } from "../helpers/data.ts";
import { pdfFontNames, pdfPages } from "../helpers/pdf.ts";
import { warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

/** Proper names in the English catalogue, which a Russian text writes as they are. */
const NAMES = ["Natural Earth"];

type Ast = ReturnType<IntlMessageFormat["getAst"]>;

/** The English catalogue's own words: each message's literal text, in pieces between punctuation, of a phrase or a capitalised word. */
function englishPieces(): string[] {
  const english = parseCatalogue(readFileSync(path.join(ROOT, "locales/en.yaml"), "utf8"), "en.yaml", "en").catalogue;
  const pieces = new Set<string>();
  const walk = (elements: Ast) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) {
        for (const piece of el.value.split(/[.,:;()“”]/).map((p) => p.trim())) {
          if ((/[A-Za-z]{3,}/.test(piece) && piece.includes(" ")) || /^[A-Z][a-z]{3,}$/.test(piece)) pieces.add(piece);
        }
      }
      if ("options" in el && el.options) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  for (const [, message] of english.messages) walk(new IntlMessageFormat(message.text, "en", undefined, { ignoreTag: true }).getAst());
  return [...pieces];
}

/** The text of every YAML file of a data folder, on one line: what the pages may print in English, as data. */
function dataText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n")
    .replace(/\s+/g, " ");
}

describe("the sample rendered in Russian", () => {
  let output: string;
  const page = (file: string) => readFileSync(path.join(output, "ru", file), "utf8");
  // Spaces and line ends as one space; a no-break space (U+00A0, U+202F) is kept, as Russian dates and numbers have them.
  const text = (file: string) => page(file).replace(/<[^>]*>/g, " ").replace(/&#39;/g, "'").replace(/[ \t\r\n]+/g, " ");

  beforeAll(async () => {
    output = await warmOutput();
    await runEleventy({ settings: { dataDir: SAMPLE_DATA, outputDir: output, pathPrefix: "/", pdf: true } });
  }, 240_000);

  it("says no word of the English catalogue on any page, feed or print page", () => {
    // The site's title is data, which the feed's subtitle prints in lower case.
    const data = dataText(SAMPLE_DATA).toLowerCase();
    const pieces = englishPieces().filter((p) => !data.includes(p.toLowerCase()) && !NAMES.includes(p));
    expect(pieces.length).toBeGreaterThan(150);
    const files = readdirSync(path.join(output, "ru"), { recursive: true, encoding: "utf8" }).filter((f) => /\.(html|xml)$/.test(f));
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) => {
      const shown = text(file);
      return pieces.filter((p) => new RegExp(`\\b${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(shown)).map((p) => `${file}: ${p}`);
    });
    expect(found).toEqual([]);
  });

  it("names its language, and writes Russian dates, figures and page numbers", () => {
    expect(page("2018/index.html")).toMatch(/^<!doctype html>\s*<html lang="ru">/);
    expect(page("2018/print/index.html")).toContain('<html lang="ru">');
    expect(text("2018/index.html")).toContain("Сараево, 7–8 мая 2018\u202Fг.");
    expect(text("2017/index.html")).toContain("не менее 142 , по данным 4 из 5 мероприятий");
    expect(text("2017/index.html")).toContain("более 75 участников");
    // "Страница N из M": the page numbers' words, around the counters, escaped for CSS.
    expect(page("2017/print/index.html")).toMatch(/@bottom-center \{ content: "Страница " counter\(page\) " из " counter\(pages\); \}/);
    expect(text("2017/print/index.html")).toContain("Ссылка для цитирования:");
  });

  it("hyphenates its Russian prose by Russian rules: the imprint's disclaimer (a message of the catalogue in Markdown), the events' texts", () => {
    expect(page("2017/print/index.html")).toContain("мне\u00adния или поли\u00adтику госу\u00adдарств и орга\u00adни\u00adза\u00adций, участ\u00adву\u00adю\u00adщих");
    const summary = /<div class="event-summary">([\s\S]*?)<\/div>/.exec(page("events/2017/2017-05-16-istanbul-training-of-trainers-afghanistan/index.html"))![1]!;
    expect(summary).toMatch(/[а-яё]\u00ad[а-яё]/);
    // Never a name: no word with a capital is broken.
    expect(summary.match(/\p{Lu}[\p{L}\u00ad]*/gu)!.filter((word) => word.includes("\u00ad"))).toEqual([]);
  });

  it("prints in the report's own fonts, Cyrillic included: no other font embedded, no box, no missing glyph", async () => {
    const { data } = await loadDataOrThrow(SAMPLE_DATA);
    const site = buildSite(data, { language: languageFrom(readCatalogues(SAMPLE_DATA), "ru") });
    const report = site.reports.find((r) => r.year === 2017)!;
    const file = path.join(output, report.pdfUrl);
    await printPdfs([printJob(site, report, file)], { siteDir: output, browserPath: findBrowser() });
    // Only Source Serif 4 and Source Sans 3: not the box font that stands for what they lack.
    const faces = await pdfFontNames(file);
    expect(faces.length).toBeGreaterThan(1);
    for (const face of faces) expect(face).toMatch(/^(SourceSerif4|SourceSans3)\w*-\w+$/);
    expect(notdefProblems(await PDFDocument.load(await readFile(file), { updateMetadata: false }))).toEqual([]);
    // The Russian words are printed as text, read back as written: the contents and the page numbers' words.
    const pages = await pdfPages(file);
    expect(pages.join(" ")).toMatch(/Страница 3 из \d+/);
    expect(pages.join(" ").match(/[\u0400-\u04ff]/g)!.length).toBeGreaterThan(2000);
    // Its hyphenated words read whole, wherever its lines break (punctuation in the Latin face is a run of its own, read after a space).
    expect(pages.join(" ")).toContain("отражает мнения или политику государств и организаций , участвующих в работе формата");
  }, 240_000);
});

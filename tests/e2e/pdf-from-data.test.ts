/** PDFs of data written to trip the printer's finishing steps: links within the site, and text that looks like what those steps rewrite. */
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from "pdf-lib";
import { findBrowser } from "../../src/pdf/browser.ts";
import { conformanceProblems, xmpProperties } from "../../src/pdf/checks/conformance.ts";
import { PrintError, printPdfs } from "../../src/pdf/print.ts";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, ROOT, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { pdfPages } from "../helpers/pdf.ts";
import { warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

const MINIMAL_DATA = path.join(ROOT, "tests/fixtures/minimal-data");
const EVENT = "events/2019/2019-03-12-vienna-working-group.yaml";

/**
 * A copy of the minimal data whose one event says `lines` (YAML) after its required fields (a summary among
 * them), whose report.yaml is `report` when given, and whose images/ holds photo.jpg.
 */
async function dataWith(lines: readonly string[], report: readonly string[] = []): Promise<string> {
  const dir = path.join(await tempDir(), "_data");
  await cp(MINIMAL_DATA, dir, { recursive: true });
  await put(dir, EVENT, ["title: Meeting of the working group", "type: meeting", "date: 2019-03-12", "place: vienna", "strands: working-groups", ...lines, ""].join("\n"));
  if (report.length > 0) await put(dir, "report.yaml", `${report.join("\n")}\n`);
  await put(dir, "images/photo.jpg", await readFile(path.join(SAMPLE_DATA, "images", "sample-landscape-exif.jpg")));
  return dir;
}

/** The minimal data's report.yaml, with `more` lines. */
const minimalReport = async (...more: string[]) => [...(await readFile(path.join(MINIMAL_DATA, "report.yaml"), "utf8")).trimEnd().split("\n"), ...more];

async function build(data: string, ...options: string[]): Promise<{ pdf: Buffer; file: string }> {
  const output = await warmOutput({ name: "out" });
  const run = await runCli(["build", "--data", data, "--output", output, ...options]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code, run.stderr).toBe(0);
  const pdfs = (await readdir(path.join(output, "2019"))).filter((name) => name.endsWith(".pdf"));
  expect(pdfs).toHaveLength(1);
  const file = path.join(output, "2019", pdfs[0]!);
  return { pdf: await readFile(file), file };
}

/** The document information and the XMP packet's properties. */
async function metadataOf(pdf: Uint8Array): Promise<{ info: Record<string, string>; xmp: Record<string, string> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const stream = doc.context.lookup(doc.catalog.get(PDFName.of("Metadata"))) as PDFRawStream;
  return {
    info: Object.fromEntries(info.entries().flatMap(([key, value]) => (text(value) === undefined ? [] : [[key.decodeText(), text(value)!]]))),
    xmp: xmpProperties(Buffer.from(decodePDFRawStream(stream).decode()).toString("utf8")),
  };
}

/** The alternative texts of the structure tree's Figures, in order. */
async function figureAlts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: string[] = [];
  const visit = (node: PDFDict) => {
    const kids = node.get(PDFName.of("K"));
    for (const kid of kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []) {
      const element = doc.context.lookup(kid);
      if (!(element instanceof PDFDict) || !(element.get(PDFName.of("S")) instanceof PDFName)) continue;
      if (element.get(PDFName.of("S"))!.toString() === "/Figure") out.push(text(element.get(PDFName.of("Alt"))) ?? "");
      visit(element);
    }
  };
  visit(doc.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict));
  return out;
}

const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

/** The addresses of the PDF's link annotations, each once (a link broken over two lines has two). */
async function linkAddresses(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPages().flatMap((page) => {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    return (annots?.asArray() ?? []).flatMap((ref) => {
      const action = doc.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of("A"), PDFDict);
      const uri = text(action?.get(PDFName.of("URI")));
      return uri === undefined ? [] : [uri];
    });
  }).filter((uri, i, all) => all.indexOf(uri) === i);
}

/** Everything the file says: its bytes, and every stream it holds decompressed (the pages' text, the XMP, the fonts' names). */
async function everything(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const parts = [Buffer.from(pdf).toString("latin1")];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    try {
      parts.push(Buffer.from(decodePDFRawStream(object).decode()).toString("latin1"));
    } catch {
      // A picture (DCT): no text in it.
    }
  }
  return parts.join("\n");
}

/**
 * check and build both refuse the folder, each saying every expected line (and, when counted, how many errors there
 * are), with no stack trace nor the decoder's own words; build writes nothing.
 */
async function refusedAlike(data: string, expected: readonly string[], { counted = false } = {}): Promise<void> {
  const checked = await runCli(["check", "--data", data]);
  const output = path.join(await tempDir(), "out");
  const built = await runCli(["build", "--data", data, "--output", output]);
  for (const run of [checked, built]) {
    expect(run.code).toBe(1);
    const said = `${run.stdout}${run.stderr}`;
    for (const line of expected) expect(said).toContain(line);
    if (counted) expect(said).toContain(`${expected.length} errors`);
    expect(said).not.toMatch(/URI malformed|decodeURI|\n\s+at /);
  }
  await expect(readdir(output)).rejects.toThrow(/ENOENT/);
}

describe("links within the site", () => {
  const summary = [
    "summary: >-",
    "  The group read [the 2019 report](/2019/), [the events](../events/), [a strand](strands/working-groups/?view=all#top),",
    "  [its notes](http://localhost:8080/notes), [the copy](//127.0.0.1:9/x), [the old copy](http://2130706433/old),",
    "  [ICMPD](https://www.icmpd.org/) and [write to us](mailto:info@example.org).",
  ];

  it("without site_url: printed as text, never as the print server's address, and two builds give the same bytes", async () => {
    const data = await dataWith(summary);
    const [first, second] = [await build(data), await build(data)];
    expect(await linkAddresses(first.pdf)).toEqual(["https://www.icmpd.org/", "mailto:info@example.org"]);
    // pdf.js parts a line where its text runs change (where the links were): "report ," is "report,".
    expect((await pdfPages(first.file)).join(" ").replace(/ (?=[,.])/g, "")).toContain("The group read the 2019 report, the events, a strand, its notes, the copy, the old copy, ICMPD and write to us.");
    const all = await everything(first.pdf);
    expect(all).not.toMatch(/127\.0\.0\.1|localhost|2130706433|\[::1\]/i);
    expect(Buffer.compare(first.pdf, second.pdf)).toBe(0);
  });

  it("with site_url: absolute against it, under the path prefix, read against the report's page; loopback addresses still as text", async () => {
    const data = await dataWith(summary, await minimalReport("site_url: https://www.example.org"));
    const { pdf } = await build(data, "--path-prefix", "/reports/");
    expect(await linkAddresses(pdf)).toEqual([
      "https://www.example.org/reports/2019/",
      "https://www.example.org/reports/events/",
      "https://www.example.org/reports/2019/strands/working-groups/?view=all#top",
      "https://www.icmpd.org/",
      "mailto:info@example.org",
    ]);
    expect(await everything(pdf)).not.toMatch(/127\.0\.0\.1|localhost|2130706433|\[::1\]/i);
  });
});

describe("text of the data that looks like a structure id", () => {
  it("stays as written in the document information, the XMP and an alt text, which agree", async () => {
    const report = (await minimalReport()).map((line) => line.replace(/^organisation: .*/, "organisation: Budapest Process (node12345678)"));
    const data = await dataWith(["summary: The group met.", "photos:", "  - file: images/photo.jpg", "    alt: node87654321", "    caption: Delegates (node00000002)"], report);
    const { pdf, file } = await build(data);
    const { info, xmp } = await metadataOf(pdf);
    expect(info.Title).toBe("Budapest Process (node12345678): Annual Activity Report 2019");
    expect(xmp["dc:title"]).toBe(info.Title);
    expect(xmp["dc:creator"]).toBe("Budapest Process (node12345678) Secretariat");
    expect(xmp["pdf:Keywords"]).toBe(info.Keywords);
    expect(info.Keywords).toContain("Budapest Process (node12345678), ");
    expect(await figureAlts(pdf)).toContain("node87654321");
    expect((await pdfPages(file)).join(" ")).toContain("Delegates (node00000002)");
    expect(await conformanceProblems(pdf)).toEqual([]);
  });
});

describe("line ends in a one-line text", () => {
  it("are read as spaces: the title is one line in the document information and the XMP, which agree", async () => {
    const report = (await minimalReport()).map((line) => line.replace(/^organisation: .*/, 'organisation: "Budapest\\rProcess"'));
    const data = await dataWith(['summary: "The group\\r\\nmet."', 'partners: ["IOM\\r(Geneva)"]'], report);
    const checked = await runCli(["check", "--data", data]);
    expect(checked.code, checked.stderr).toBe(0);
    const { pdf, file } = await build(data);
    const { info, xmp } = await metadataOf(pdf);
    expect(info.Title).toBe("Budapest Process: Annual Activity Report 2019");
    expect(xmp["dc:title"]).toBe(info.Title);
    expect(xmp["dc:creator"]).toBe("Budapest Process Secretariat");
    expect((await pdfPages(file)).join(" ")).toContain("IOM (Geneva)");
    expect(await conformanceProblems(pdf)).toEqual([]);
  });
});

describe("the checks of verify-pdf, run by every print", () => {
  /** A site of one page, /x/, holding `body`. */
  async function onePageSite(body: string): Promise<string> {
    const site = await tempDir("activity-report-print-");
    await mkdir(path.join(site, "x"));
    await writeFile(path.join(site, "x", "index.html"), `<!doctype html><html lang="en"><title>x</title><link rel="icon" href="data:,"><h1>Title</h1>${body}`);
    return site;
  }
  const metadata = { title: "t", author: "a", subject: "s", keywords: [], date: "2020-01-01", creator: "c" };

  it("pass a title with a carriage return, written in the XMP as it is in the document information", async () => {
    const site = await onePageSite("<p>Text</p>");
    const file = path.join(site, "x.pdf");
    const [printed] = await printPdfs([{ pagePath: "/x/", file, title: "Test", metadata: { ...metadata, title: "Report\r2019" } }], { siteDir: site, browserPath: findBrowser() });
    expect(printed!.checkMs).toBeGreaterThan(0);
    const pdf = await readFile(file);
    expect((await metadataOf(pdf)).xmp["dc:title"]).toBe("Report\r2019");
    expect(await conformanceProblems(pdf)).toEqual([]);
  });

  it("refuse a PDF that fails one, with a message naming the check, and write nothing", async () => {
    const site = await onePageSite("<p>Text</p>");
    const error = await printPdfs([{ pagePath: "/x/", file: path.join(site, "x.pdf"), title: "Test", metadata: { ...metadata, title: "" } }], { siteDir: site, browserPath: findBrowser() })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect((error as Error).message).toMatch(/^Test: the PDF fails 1 check of PDF\/UA-1 and PDF\/A-2u \(those npm run verify-pdf makes\), so it was not written:\n {2}Matterhorn 06-003: no dc:title\n/);
    expect(await readdir(site)).toEqual(["x"]);
  });
});

describe("a percent-escape in a link that is no character", () => {
  it("is refused by check and by build alike, at the escape, in plain words; build writes nothing", async () => {
    const data = await dataWith(["summary: See [the notes](#%E0%A4) and [the site](/2019/#%e0%a4)."]);
    const where = path.join(data, EVENT);
    const expected = [
      `${where}:6:27: summary: the link "#%E0%A4" holds the percent-escape %E0%A4, which is no character`,
      `${where}:6:57: summary: the link "/2019/#%e0%a4" holds the percent-escape %e0%a4, which is no character`,
    ];
    await refusedAlike(data, expected);
  });

  it("wherever the data holds an address: sources, a document's web address, site_url, Markdown of report.yaml and strands.yaml; check and build agree", async () => {
    const data = await dataWith(
      ["summary: A meeting.", "sources: [https://example.org/a%E0%A4, 'https://example.org/?q=%e9', https://example.org/#%FF]",
        "documents:", "  - title: T", "    kind: report", "    versions: {en: https://example.org/r%C3.pdf}"],
      await minimalReport("site_url: https://example.org/%E0/", "about: '[home](/%E0%A4/)'", "imprint:", "  disclaimer: <https://example.org/%C3%28>",
        "editions:", "  2019:", "    foreword: '[notes](#%E0%A4)'"),
    );
    await put(data, "strands.yaml", "- id: working-groups\n  title: Working groups\n  kind: working-group\n  description: See [the group](https://example.org/g%F0%9F%98).\n");
    const no = (escape: string) => `${escape}, which is no character`;
    const expected = [
      `${path.join(data, EVENT)}:7:32: source "https://example.org/a%E0%A4" holds the percent-escape ${no("%E0%A4")}`,
      `${path.join(data, EVENT)}:7:64: source "https://example.org/?q=%e9" holds the percent-escape ${no("%e9")}`,
      `${path.join(data, EVENT)}:7:91: source "https://example.org/#%FF" holds the percent-escape ${no("%FF")}`,
      `${path.join(data, EVENT)}:11:41: version "https://example.org/r%C3.pdf" holds the percent-escape ${no("%C3")}`,
      `${path.join(data, "report.yaml")}:4:31: site_url "https://example.org/%E0/" holds the percent-escape ${no("%E0")}`,
      `${path.join(data, "report.yaml")}:5:17: about: the link "/%E0%A4/" holds the percent-escape ${no("%E0%A4")}`,
      `${path.join(data, "report.yaml")}:7:36: disclaimer: the link "https://example.org/%C3%28" holds the percent-escape ${no("%C3%28")}`,
      `${path.join(data, "report.yaml")}:10:25: foreword: the link "#%E0%A4" holds the percent-escape ${no("%E0%A4")}`,
      `${path.join(data, "strands.yaml")}:4:53: description: the link "https://example.org/g%F0%9F%98" holds the percent-escape ${no("%F0%9F%98")}`,
    ];
    await refusedAlike(data, expected, { counted: true });
  });

  it("reaching the printer all the same (past validation), is read as written, and the page prints", async () => {
    const site = await tempDir("activity-report-print-");
    await mkdir(path.join(site, "x"));
    await writeFile(path.join(site, "x", "index.html"), '<!doctype html><html lang="en"><title>x</title><link rel="icon" href="data:,"><h1 id="%E0%A4">Title</h1><p><a href="#%E0%A4">Back to the title</a></p>');
    const file = path.join(site, "x.pdf");
    const metadata = { title: "t", author: "a", subject: "s", keywords: [], date: "2020-01-01", creator: "c" };
    await printPdfs([{ pagePath: "/x/", file, title: "Test", metadata }], { siteDir: site, browserPath: findBrowser() });
    expect(await conformanceProblems(await readFile(file))).toEqual([]);
  });
});

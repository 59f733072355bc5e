/** Every link of the PDF described: the text a screen reader gives for it, from the print page's links. */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { describeLinks, isLoopback, linkDescriptions, pdfText, printedAddress } from "../../../src/pdf/links.ts";

describe("linkDescriptions", () => {
  it("says the links' own text when all links to a place say the same, else the target's heading, else the address", () => {
    const found = linkDescriptions([
      { key: "#foreword", text: " Foreword\n", target: "Foreword" },
      { key: "#foreword", text: "Foreword", target: "Foreword" },
      { key: "#event-1", text: "Istanbul", target: "4.1 Training of Trainers" },
      { key: "#event-1", text: "Training of Trainers", target: "4.1 Training of Trainers" },
      { key: "#annex-a", text: "", target: "" },
      { key: "https://example.org/c.pdf", text: "English" },
      { key: "https://example.org/d.pdf", text: "English" },
      { key: "https://example.org/d.pdf", text: "the conclusions" },
    ]);
    expect(Object.fromEntries(found)).toEqual({
      "#foreword": "Go to Foreword",
      "#event-1": "Go to 4.1 Training of Trainers",
      "#annex-a": "Go to section annex-a",
      "https://example.org/c.pdf": "English (https://example.org/c.pdf)",
      "https://example.org/d.pdf": "https://example.org/d.pdf",
    });
  });
});

describe("pdfText", () => {
  it("writes ASCII as an escaped literal string and anything else as UTF-16, and both read back as written", () => {
    expect(pdfText("Go to 4.1 (Istanbul) \\ done").toString()).toBe("(Go to 4.1 \\(Istanbul\\) \\\\ done)");
    expect(pdfText("Go to 4.1 (Istanbul) \\ done").decodeText()).toBe("Go to 4.1 (Istanbul) \\ done");
    expect(pdfText("Go to Türkiye").toString()).toMatch(/^<FEFF/);
    expect(pdfText("Go to Türkiye").decodeText()).toBe("Go to Türkiye");
  });
});

describe("describeLinks", () => {
  it("sets /Contents on each link annotation, by its named destination or its address, and leaves other annotations alone", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const annotation = (entries: Record<string, unknown>) => doc.context.register(doc.context.obj({ Type: "Annot", Rect: [0, 0, 10, 10], ...entries } as never));
    const internal = annotation({ Subtype: "Link", Dest: "foreword" });
    const byString = annotation({ Subtype: "Link", Dest: PDFString.of("annex-a") });
    const external = annotation({ Subtype: "Link", A: doc.context.obj({ S: "URI", URI: PDFString.of("https://example.org/c.pdf") }) });
    const unknown = annotation({ Subtype: "Link", Dest: "elsewhere" });
    const note = annotation({ Subtype: "Text" });
    page.node.set(PDFName.of("Annots"), doc.context.obj([internal, byString, external, unknown, note]));
    const descriptions = new Map([["#foreword", "Go to Foreword"], ["#annex-a", "Go to Annex A"], ["https://example.org/c.pdf", "English (https://example.org/c.pdf)"]]);
    expect(describeLinks(doc, descriptions)).toBe(4);
    const contents = (ref: typeof internal) => (doc.context.lookup(ref, PDFDict).get(PDFName.of("Contents")) as PDFString | PDFHexString | undefined)?.decodeText();
    expect([internal, byString, external, unknown, note].map(contents)).toEqual([
      "Go to Foreword", "Go to Annex A", "English (https://example.org/c.pdf)", "Go to section elsewhere", undefined,
    ]);
  });
});

describe("printedAddress", () => {
  // The print server serves the site under the path prefix; the report's page is read as the base.
  const page = "http://127.0.0.1:41301/reports/2019/";

  it("makes a link within the site absolute against site_url, path prefix and all, read against the report's page", () => {
    const site = "https://www.example.org";
    expect(printedAddress("/reports/2019/", page, site)).toBe("https://www.example.org/reports/2019/");
    expect(printedAddress("../events/", page, site)).toBe("https://www.example.org/reports/events/");
    expect(printedAddress("strands/x/?q=1#y", page, site)).toBe("https://www.example.org/reports/2019/strands/x/?q=1#y");
    expect(printedAddress("http://127.0.0.1:41301/reports/", page, site)).toBe("https://www.example.org/reports/");
    expect(printedAddress("/reports/2019/", page, "https://www.example.org/ignored/")).toBe("https://www.example.org/reports/2019/");
  });

  it("prints a link within the site as text without site_url, and any link to a loopback address always", () => {
    for (const href of ["/reports/2019/", "../events/", "x", "http://127.0.0.1:41301/reports/"]) expect(printedAddress(href, page, undefined), href).toBeUndefined();
    for (const href of ["//127.0.0.1:9/x", "http://localhost:8080/", "https://a.localhost/", "http://2130706433/", "http://0x7f.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"]) {
      expect(printedAddress(href, page, "https://www.example.org"), href).toBeUndefined();
    }
    expect(printedAddress("/x/", page, "http://localhost:8000")).toBeUndefined();
  });

  it("keeps every other address as the browser reads it", () => {
    expect(printedAddress("https://example.org/a b", page, undefined)).toBe("https://example.org/a%20b");
    expect(printedAddress("mailto:info@example.org", page, undefined)).toBe("mailto:info@example.org");
    expect(printedAddress("http://127.1.example.org/", page, undefined)).toBe("http://127.1.example.org/");
  });
});

describe("isLoopback", () => {
  it("knows the machine's own names and addresses, and nothing else", () => {
    const loopback = ["http://localhost/", "http://LOCALHOST./", "http://127.0.0.1/", "http://127.255.0.9/", "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:7f00:1]/"];
    for (const url of loopback) expect(isLoopback(new URL(url)), url).toBe(true);
    for (const url of ["https://example.org/", "http://10.0.0.1/", "http://[2001:db8::1]/", "mailto:a@localhost.example.org"]) expect(isLoopback(new URL(url)), url).toBe(false);
  });
});

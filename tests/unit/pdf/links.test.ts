/** Every link of the PDF described: the text a screen reader gives for it, from the print page's links. */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { describeLinks, linkDescriptions, pdfText } from "../../../src/pdf/links.ts";

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

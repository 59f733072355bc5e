/** Documents by their structure: a whole PDF from its first byte, a Word document by its ZIP directory and its content types. */
import { describe, expect, it } from "vitest";
import { recogniseDocument } from "../../../../src/data/attachments/document-structure.ts";
import { pdfOf, WORD_MACRO_MAIN, WORD_MAIN, wordParts, zipOf } from "../../../helpers/hostile-files.ts";

/** What recogniseDocument makes of these bytes, as a file of them reads. */
const recognise = (bytes: Buffer) => recogniseDocument((offset, length) => bytes.subarray(offset, offset + length), bytes.length);

describe("a PDF", () => {
  it("is one from its header at the first byte to its cross-reference section and %%EOF", () => {
    expect(recognise(pdfOf())).toEqual({ type: "pdf" });
    expect(recognise(pdfOf({ version: "2.0", after: "\r\n\0\0" }))).toEqual({ type: "pdf" });
  });

  it("is not an HTML page that has %PDF- in its first kilobyte, nor anything with a header further in", () => {
    expect(recognise(Buffer.from("<html><!-- %PDF-1.7 --><script>alert(document.cookie)</script></html>"))).toBeUndefined();
    expect(recognise(pdfOf({ before: "<html><script>alert(1)</script>\n" }))).toBeUndefined();
    expect(recognise(pdfOf({ before: "\n" }))).toBeUndefined();
  });

  it("is not whole when cut short, or when startxref leads nowhere", () => {
    const whole = pdfOf();
    expect(recognise(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual({ type: "pdf", problem: expect.stringMatching(/^is not a whole PDF: it does not end as a PDF ends \(startxref, then %%EOF\), so it may have been cut short/) });
    const moved = Buffer.from(whole.toString("latin1").replace(/startxref\n(\d+)/, (_all, n: string) => `startxref\n${Number(n) - 7}`), "latin1");
    expect(recognise(moved)).toEqual({ type: "pdf", problem: expect.stringMatching(/^is not a whole PDF: its cross-reference section is not where the file says \(startxref \d+\)/) });
    const beyond = Buffer.from(whole.toString("latin1").replace(/startxref\n(\d+)/, "startxref\n99999999"), "latin1");
    expect(recognise(beyond)?.problem).toMatch(/startxref 99999999/);
    // %%EOF with nothing before it but the header.
    expect(recognise(Buffer.from("%PDF-1.7\n%%EOF\n"))?.problem).toMatch(/^is not a whole PDF/);
  });
});

describe("a Word document", () => {
  it("is a ZIP whose [Content_Types].xml declares one of its parts the Word main document, also in ZIP64 form", () => {
    expect(recognise(zipOf(wordParts()))).toEqual({ type: "docx" });
    expect(recognise(zipOf(wordParts(), { zip64: true }))).toEqual({ type: "docx" });
    // A comment that holds what looks like another end record does not lead the reading astray.
    const fakeEnd = Buffer.alloc(22);
    fakeEnd.writeUInt32LE(0x06054b50, 0);
    expect(recognise(zipOf(wordParts(), { comment: `x${fakeEnd.toString("latin1")}y` }))).toEqual({ type: "docx" });
  });

  it("is not a ZIP that names word/document.xml only in its comment or in another part", () => {
    const notWord = { type: "docx", problem: expect.stringMatching(/^is a ZIP file, but not a Word document \(it has no readable \[Content_Types\]\.xml\)/) };
    expect(recognise(zipOf([{ name: "notes.txt", data: "hello" }], { comment: "[Content_Types].xml word/document.xml" }))).toEqual(notWord);
    expect(recognise(zipOf([{ name: "readme.txt", data: "[Content_Types].xml word/document.xml" }]))).toEqual(notWord);
    // Content types that declare a main part the ZIP does not hold.
    const [types, rels] = wordParts();
    expect(recognise(zipOf([types!, rels!, { name: "word/other.xml", data: "<x/>" }]))).toEqual({ type: "docx", problem: expect.stringMatching(/no part of it is a Word document's main part/) });
    // A spreadsheet.
    expect(recognise(zipOf([{ name: "[Content_Types].xml", data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' }, { name: "xl/workbook.xml", data: "<workbook/>" }]))?.problem).toMatch(/no part of it is a Word document's main part/);
  });

  it("is not a macro-enabled document or template renamed .docx, nor one that carries a VBA project", () => {
    expect(recognise(zipOf(wordParts(WORD_MACRO_MAIN)))).toEqual({ type: "docx", problem: expect.stringMatching(/^is a macro-enabled Word document \(\.docm\), whose macros could run on a reader's computer; save it as a Word Document \(\.docx\), without macros$/) });
    const vba = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>';
    expect(recognise(zipOf([...wordParts(WORD_MAIN, vba), { name: "word/vbaProject.bin", data: "VBA" }]))?.problem).toMatch(/holds macros \(a VBA project\)/);
    expect(recognise(zipOf([...wordParts(), { name: "word/vbaProject.bin", data: "VBA" }]))?.problem).toMatch(/holds macros/);
    expect(recognise(zipOf(wordParts("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")))?.problem).toMatch(/is a Word template \(\.dotx\)/);
  });

  it("is not whole when cut short", () => {
    const whole = zipOf(wordParts());
    expect(recognise(whole.subarray(0, whole.length - 30))).toEqual({ type: "docx", problem: expect.stringMatching(/^is not a whole ZIP file/) });
    expect(recognise(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....[Content_Types].xml....word/document.xml....")]))?.problem).toMatch(/^is not a whole ZIP file/);
  });
});

describe("anything else", () => {
  it("is neither", () => {
    for (const bytes of ["", "%PDF", "PK", "\x89PNG\r\n\x1a\n", "<!doctype html>"]) expect(recognise(Buffer.from(bytes, "latin1")), JSON.stringify(bytes)).toBeUndefined();
  });
});

/** The XMP packet: well-formed, the fields as given (escaped), the PDF/A-2u and PDF/UA-1 identifiers, the extension schema PDF/A-2 needs for the latter. */
import { describe, expect, it } from "vitest";
import { xmpPacket } from "../../../src/pdf/xmp.ts";
import { xmpProperties } from "../../helpers/pdf.ts";

const FIELDS = {
  title: "Budapest Process: Annual Activity Report 2017",
  author: "Budapest Process Secretariat",
  subject: "The activities of the Budapest Process in 2017",
  keywords: "Budapest Process, migration",
  date: "2017-12-31T00:00:00Z",
  creator: "Budapest Process Secretariat with activity-report",
  producer: "Skia/PDF m156",
  language: "en",
};

describe("xmpPacket", () => {
  it("holds each field in its Dublin Core, PDF or XMP property, and claims PDF/A-2u and PDF/UA-1", () => {
    expect(xmpProperties(xmpPacket(FIELDS))).toEqual({
      "dc:format": "application/pdf",
      "dc:title": FIELDS.title,
      "dc:creator": FIELDS.author,
      "dc:description": FIELDS.subject,
      "dc:language": "en",
      "pdf:Keywords": FIELDS.keywords,
      "pdf:Producer": FIELDS.producer,
      "xmp:CreatorTool": FIELDS.creator,
      "xmp:CreateDate": FIELDS.date,
      "xmp:ModifyDate": FIELDS.date,
      "xmp:MetadataDate": FIELDS.date,
      "pdfaid:part": "2",
      "pdfaid:conformance": "U",
      "pdfuaid:part": "1",
    });
  });

  it("carries no date for a document that has none, and its symbol as dc:identifier", () => {
    const { date: _date, ...undated } = FIELDS;
    const properties = xmpProperties(xmpPacket({ ...undated, identifier: "BP/SOM/2019/1" }));
    expect(Object.keys(properties).filter((k) => /Date$/.test(k))).toEqual([]);
    expect(properties["dc:identifier"]).toBe("BP/SOM/2019/1");
    expect(properties["dc:title"]).toBe(FIELDS.title);
  });

  it("describes the pdfuaid schema for PDF/A-2, by its namespace and prefix", () => {
    const packet = xmpPacket(FIELDS);
    expect(packet).toContain("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>");
    expect(packet).toContain("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>");
    expect(packet).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    expect(packet).toMatch(/<\?xpacket end="r"\?>$/);
  });

  it("escapes what XML would read as markup, and drops what XML cannot hold, so that a title can break nothing", () => {
    const title = 'Report <2017> & "after"\u0001 </rdf:li></rdf:Alt>';
    const properties = xmpProperties(xmpPacket({ ...FIELDS, title }));
    expect(properties["dc:title"]).toBe('Report <2017> & "after" </rdf:li></rdf:Alt>');
  });

  it("writes a carriage return as a reference, so that it reads back as written, not as the line feed XML makes of a raw one", () => {
    const title = "Report\r2017\r\nand\nafter";
    const packet = xmpPacket({ ...FIELDS, title, author: "Budapest\rProcess" });
    expect(packet).not.toContain("\r");
    expect(xmpProperties(packet)["dc:title"]).toBe(title);
    expect(xmpProperties(packet)["dc:creator"]).toBe("Budapest\rProcess");
  });

  it("reads back an empty field as empty, as the document information holds it, not as missing", () => {
    const properties = xmpProperties(xmpPacket({ ...FIELDS, keywords: "", title: "" }));
    expect([properties["pdf:Keywords"], properties["dc:title"], properties["dc:creator"]]).toEqual(["", "", FIELDS.author]);
  });
});

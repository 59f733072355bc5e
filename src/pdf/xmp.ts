/**
 * The XMP metadata packet of a PDF (ISO 16684-1), written from the same fields as its
 * document information dictionary so that the two agree (PDF/A-2, ISO 19005-2, 6.6.3), with
 * the identifiers that say which standards the file claims: PDF/A-2u (`pdfaid`) and
 * PDF/UA-1 (`pdfuaid`). PDF/A-2 knows only the schemas of its own time, so the `pdfuaid`
 * schema is described in the packet itself (6.6.2.3, extension schemas).
 */

export interface XmpFields {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  /** ISO 8601, e.g. `2017-12-31T00:00:00Z`: creation, modification and metadata dates alike; none when the document is not dated. */
  readonly date?: string;
  /** The document's symbol (dc:identifier), e.g. `BP/SOM/2019/1`. */
  readonly identifier?: string;
  /** The program that made the document (Info's Creator). */
  readonly creator: string;
  /** The program that wrote the PDF (Info's Producer). */
  readonly producer: string;
  /** BCP 47, e.g. `en`: the document's language, as in the catalog's Lang. */
  readonly language: string;
}

// A carriage return is written as a reference: XML reads a raw one (and \r\n) as a line feed, and the
// packet would then disagree with the document information (PDF/A-2, 6.6.3).
const escape = (text: string): string =>
  text.replace(/[&<>"\r]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#xD;" })[c]!)
    // Characters XML 1.0 cannot hold at all: dropped rather than written as a broken packet.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escape(text)}</rdf:li></rdf:Alt>`;

/** The extension schema that PDF/A-2 needs to accept the PDF/UA identifier. */
const PDFUA_EXTENSION = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>`;

/** The packet, as UTF-8 text; the same fields give the same bytes. */
export function xmpPacket(fields: XmpFields): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title>${alt(fields.title)}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escape(fields.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>${alt(fields.subject)}</dc:description>
${fields.identifier === undefined ? "" : `   <dc:identifier>${escape(fields.identifier)}</dc:identifier>
`}   <dc:language><rdf:Bag><rdf:li>${escape(fields.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${escape(fields.keywords)}</pdf:Keywords>
   <pdf:Producer>${escape(fields.producer)}</pdf:Producer>
   <xmp:CreatorTool>${escape(fields.creator)}</xmp:CreatorTool>
${fields.date === undefined ? "" : `   <xmp:CreateDate>${escape(fields.date)}</xmp:CreateDate>
   <xmp:ModifyDate>${escape(fields.date)}</xmp:ModifyDate>
   <xmp:MetadataDate>${escape(fields.date)}</xmp:MetadataDate>
`}   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  ${PDFUA_EXTENSION}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

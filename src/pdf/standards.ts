/**
 * What PDF/A-2u (ISO 19005-2) asks of a file beyond its pages: an XMP metadata stream that
 * agrees with the document information (xmp.ts), an output intent with the ICC profile of
 * the colours the pages are painted in (sRGB, as Chromium paints), and a file identifier in
 * the trailer. The identifier is a digest of the file itself, so the same data still gives
 * the same bytes.
 */
import { createHash } from "node:crypto";
import { PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";
import { xmpPacket, type XmpFields } from "./xmp.ts";

let srgbProfile: Promise<Buffer> | undefined;

/** The sRGB ICC profile (ICC v4) that sharp's libvips carries: read once, from a one-pixel PNG that embeds it. */
export function srgbIccProfile(): Promise<Buffer> {
  srgbProfile ??= (async () => {
    const { default: sharp } = await import("sharp");
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).withIccProfile("srgb").png().toBuffer();
    const { icc } = await sharp(png).metadata();
    if (!icc) throw new Error("sharp gave no sRGB profile");
    return icc;
  })();
  return srgbProfile;
}

/** The catalog's Lang, as Chromium wrote it from the page's `lang`. */
export function documentLanguage(doc: PDFDocument): string | undefined {
  const lang = doc.catalog.get(PDFName.of("Lang"));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}

/** Writes the XMP metadata stream (uncompressed, as PDF/A wants it readable by any tool) and the sRGB output intent. */
export function addArchivalMetadata(doc: PDFDocument, fields: XmpFields, icc: Uint8Array): void {
  const { context } = doc;
  const xmp = context.stream(Buffer.from(xmpPacket(fields), "utf8"), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), context.register(xmp));
  const profile = context.register(context.flateStream(icc, { N: 3 }));
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
    Info: PDFString.of("sRGB IEC61966-2.1"),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([context.register(intent)]));
}

const PLACEHOLDER = "0".repeat(32);

/** Marks the trailer for a file identifier, written by `withFileIdentifier` once the bytes are final. */
export function reserveFileIdentifier(doc: PDFDocument): void {
  const id = PDFHexString.of(PLACEHOLDER);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}

/** The saved file with its reserved identifier replaced by the MD5 digest of the file (ISO 32000-1, 14.4), of the same length. */
export function withFileIdentifier(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf);
  const reserved = `<${PLACEHOLDER}>`;
  const at = bytes.lastIndexOf(`/ID [ ${reserved} ${reserved} ]`, undefined, "latin1");
  if (at < 0) throw new Error("the PDF has no file identifier reserved in its trailer");
  const digest = createHash("md5").update(pdf).digest("hex").toUpperCase();
  bytes.write(`/ID [ <${digest}> <${digest}> ]`, at, "latin1");
  return bytes;
}

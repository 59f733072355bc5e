/**
 * Where a PDF's text shows a font's .notdef glyph (glyph 0), which prints as nothing or as a box while the
 * text says a character is there: PDF/A-2 (6.2.11.8) and PDF/UA-1 (7.21.8) forbid it. Read from the content
 * streams of the pages and of the forms they draw, with the reader of content.ts, and from the fonts' objects
 * with pdf-lib: not with the code that wrote them (artifacts.ts reads the content to mark it).
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, type PDFDocument } from "pdf-lib";
import { deref, nameOf, streamBytes, walkPage } from "./content.ts";

/** How many of the codes of a string a font shows as its .notdef glyph; or why that cannot be read from the font. */
type NotdefCount = ((codes: Uint8Array) => number) | string;

function readFont(doc: PDFDocument, font: PDFDict): NotdefCount {
  const subtype = nameOf(font.get(PDFName.of("Subtype")));
  // A Type 3 font's glyphs are procedures of the file, named by its encoding: none is a .notdef of a font program.
  if (subtype === "Type3") return () => 0;
  if (subtype !== "Type0") return `a ${subtype ?? "font without a Subtype"} font, whose glyphs this check does not read (Chromium writes Type0 fonts)`;
  const encoding = nameOf(font.get(PDFName.of("Encoding")));
  if (encoding !== "Identity-H" && encoding !== "Identity-V") return `a Type0 font encoded ${encoding ?? "by an embedded CMap"}, whose codes this check does not read (Chromium writes Identity-H)`;
  const descendants = deref(doc, font.get(PDFName.of("DescendantFonts")));
  const cidFont = descendants instanceof PDFArray ? deref(doc, descendants.get(0)) : undefined;
  if (!(cidFont instanceof PDFDict)) return "a Type0 font without its CIDFont";
  // Two bytes a code, each the CID (Identity): CID 0 is .notdef in every CIDFont; a TrueType one maps CIDs to glyphs by its CIDToGIDMap.
  const map = deref(doc, cidFont.get(PDFName.of("CIDToGIDMap")));
  const gids = nameOf(cidFont.get(PDFName.of("Subtype"))) === "CIDFontType2" && map instanceof PDFRawStream ? streamBytes(map) : undefined;
  return (codes) => {
    let shown = 0;
    for (let k = 0; k + 1 < codes.length; k += 2) {
      const cid = codes[k]! * 256 + codes[k + 1]!;
      if (cid === 0 || (gids !== undefined && (gids[2 * cid] ?? 0) * 256 + (gids[2 * cid + 1] ?? 0) === 0)) shown++;
    }
    return shown;
  };
}

/** Each page that shows a .notdef glyph, with the fonts that show it and how often; and each font whose glyphs cannot be read. */
export function notdefProblems(doc: PDFDocument): string[] {
  const problems: string[] = [];
  const fonts = new Map<PDFDict, NotdefCount>();
  const fontOf = (font: PDFDict) => {
    let read = fonts.get(font);
    if (read === undefined) fonts.set(font, (read = readFont(doc, font)));
    return read;
  };
  const unreadable = new Set<PDFDict>();
  doc.getPages().forEach((_page, index) => {
    const shown = new Map<string, number>();
    walkPage(doc, index, {
      show: (font, codes) => {
        if (font === undefined) return;
        const count = fontOf(font);
        if (typeof count === "string") {
          if (!unreadable.has(font)) problems.push(`page ${index + 1}: font ${nameOf(font.get(PDFName.of("BaseFont"))) ?? "(unnamed)"} is ${count}`);
          unreadable.add(font);
          return;
        }
        const notdefs = count(codes);
        if (notdefs > 0) {
          const name = nameOf(font.get(PDFName.of("BaseFont")))?.replace(/^[A-Z]{6}\+/, "") ?? "(unnamed)";
          shown.set(name, (shown.get(name) ?? 0) + notdefs);
        }
      },
    });
    for (const [name, count] of shown) problems.push(`page ${index + 1}: ${name} shows its .notdef glyph ${count === 1 ? "once" : `${count} times`}`);
  });
  return problems;
}

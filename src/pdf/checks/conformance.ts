/**
 * The machine-checkable conditions of PDF/UA-1 (by Matterhorn Protocol checkpoint) and of
 * PDF/A-2u (by clause of ISO 19005-2) that the report's PDFs must meet, each read from the
 * file's objects with pdf-lib's low-level objects, the XMP packet with an XML parser, and the
 * page content with pdf.js: not with the code that wrote them. Every build runs them on each
 * PDF before writing it (print.ts); `npm run verify-pdf` runs them, and veraPDF, the reference
 * validator, where it is installed; the tests run them on every sample report, and break each
 * condition to show that it is caught.
 */
import { readFile } from "node:fs/promises";
import {
  ParseSpeeds, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString,
  decodePDFRawStream, type PDFObject,
} from "pdf-lib";
import { SaxesParser } from "saxes";
import { glyphTextProblems } from "../glyph-text.ts";
import { notdefProblems } from "../notdef.ts";
import { loadPdfJs } from "../pdf-reading.ts";

/** What a page paints, read with pdf.js (not with the project's own reader of content streams): outside any marked content, and as artifacts. */
export interface PagePainting {
  /** Painting operators (text, paths, pictures, shadings, forms) outside marked content: neither tagged nor artifact. */
  readonly untagged: number;
  readonly artifacts: number;
  /** Paths painted (a drawing's shapes, rules), by the tag of the marked content they are in, outermost: `Artifact`, `Figure`… */
  readonly shapes: Readonly<Record<string, number>>;
  /** The text painted inside `/Artifact` marked content, in order. */
  readonly artifactText: string;
}

/** `text: false` leaves `artifactText` empty and saves reading each page's text, which no check needs: a third of the time. */
export async function pagePainting(file: string | Uint8Array, { text: readText = true } = {}): Promise<PagePainting[]> {
  const { OPS, getDocument } = await loadPdfJs();
  const painting = new Set<number>([
    OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText,
    OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
    OPS.shadingFill, OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup,
  ]);
  const data = new Uint8Array(typeof file === "string" ? await readFile(file) : file);
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: PagePainting[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { fnArray, argsArray } = await page.getOperatorList();
      let untagged = 0;
      let artifacts = 0;
      const shapes: Record<string, number> = {};
      const tags: string[] = [];
      // Inside a form XObject, what counts is the marked content around the form's Do, on the page.
      let forms = 0;
      fnArray.forEach((fn, i) => {
        const args = argsArray[i] as unknown[];
        // BMC's tag comes as a name object, BDC's as a string.
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) tags.push(typeof args[0] === "string" ? args[0] : String((args[0] as { name: string }).name));
        else if (fn === OPS.endMarkedContent) tags.pop();
        else if (fn === OPS.paintFormXObjectEnd) forms--;
        else if (forms === 0 && (painting.has(fn) || fn === OPS.paintFormXObjectBegin || (fn === OPS.constructPath && args[0] !== OPS.endPath))) {
          if (tags.length === 0) untagged++;
          else if (tags[0] === "Artifact") artifacts++;
          if (fn === OPS.constructPath && tags.length > 0) shapes[tags[0]!] = (shapes[tags[0]!] ?? 0) + 1;
        }
        if (fn === OPS.paintFormXObjectBegin) forms++;
      });
      const text = readText ? await page.getTextContent({ includeMarkedContent: true }) : { items: [] };
      const open: string[] = [];
      let artifactText = "";
      for (const item of text.items as ({ type?: string; tag?: string; str?: string })[]) {
        if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") open.push(item.tag ?? "");
        else if (item.type === "endMarkedContent") open.pop();
        else if (item.str !== undefined && open[0] === "Artifact") artifactText += item.str;
      }
      pages.push({ untagged, artifacts, shapes, artifactText: artifactText.replace(/\s+/g, " ").trim() });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * The properties of an XMP packet as `prefix:name` → text, read with an XML parser (a
 * malformed packet throws): a simple property's text, the items of an rdf:Alt, Seq or Bag
 * joined with "; "; an empty one is "" (it agrees with an empty document information entry).
 * The extension schemas' descriptions are left out.
 */
export function xmpProperties(packet: string): Record<string, string> {
  const parser = new SaxesParser({ xmlns: true });
  const found: Record<string, string> = {};
  const stack: string[] = [];
  // Whether the element open at each depth holds elements: only one that holds none has a value, empty or not.
  const parents: boolean[] = [];
  let text = "";
  parser.on("opentag", (tag) => {
    if (parents.length > 0) parents[parents.length - 1] = true;
    stack.push(tag.name);
    parents.push(false);
    text = "";
  });
  parser.on("text", (t) => (text += t));
  parser.on("closetag", (tag) => {
    stack.pop();
    const leaf = parents.pop() === false;
    const at = stack.lastIndexOf("rdf:Description");
    if (at >= 0 && !stack.includes("pdfaExtension:schemas") && (text.trim() !== "" || (leaf && tag.name !== "rdf:Description"))) {
      const name = at === stack.length - 1 ? tag.name : stack[at + 1]!;
      found[name] = found[name] === undefined ? text.trim() : `${found[name]}; ${text.trim()}`;
    }
    text = "";
  });
  parser.write(packet.replace(/^\uFEFF/, "")).close();
  return found;
}

export interface Check {
  /** "Matterhorn 13-004" or "PDF/A-2 6.6.3". */
  readonly id: string;
  readonly condition: string;
  /** What fails, one line each; empty when the file meets the condition. */
  readonly run: (pdf: Parsed) => Promise<string[]> | string[];
}

export interface Parsed {
  readonly bytes: Uint8Array;
  readonly doc: PDFDocument;
}

export async function parse(bytes: Uint8Array): Promise<Parsed> {
  // Fastest: pdf-lib otherwise yields to the event loop every hundred objects, several times slower.
  return { bytes, doc: await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, parseSpeed: ParseSpeeds.Fastest }) };
}

const name = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : undefined);
const textOf = (value: PDFObject | undefined) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
const deref = (doc: PDFDocument, value: PDFObject | undefined) => (value instanceof PDFRef ? doc.context.lookup(value) : value);

/** Every structure element with its role, depth first in document order. */
function structureElements(doc: PDFDocument): { element: PDFDict; role: string }[] {
  const root = deref(doc, doc.catalog.get(PDFName.of("StructTreeRoot")));
  if (!(root instanceof PDFDict)) return [];
  const out: { element: PDFDict; role: string }[] = [];
  const visit = (node: PDFDict) => {
    const kids = deref(doc, node.get(PDFName.of("K")));
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    for (const kid of list) {
      const value = deref(doc, kid);
      if (!(value instanceof PDFDict) || name(value.get(PDFName.of("S"))) === undefined) continue;
      out.push({ element: value, role: name(value.get(PDFName.of("S")))! });
      visit(value);
    }
  };
  visit(root);
  return out;
}

function xmpOf(doc: PDFDocument): { packet?: string; filtered: boolean } {
  const stream = deref(doc, doc.catalog.get(PDFName.of("Metadata")));
  if (!(stream instanceof PDFRawStream)) return { filtered: false };
  const filtered = stream.dict.get(PDFName.of("Filter")) !== undefined;
  return { packet: Buffer.from(decodePDFRawStream(stream).decode()).toString("utf8"), filtered };
}

function info(doc: PDFDocument): Record<string, string> {
  const dict = deref(doc, doc.context.trailerInfo.Info);
  if (!(dict instanceof PDFDict)) return {};
  return Object.fromEntries(dict.entries().flatMap(([key, value]) => {
    const t = textOf(deref(doc, value));
    return t === undefined ? [] : [[key.decodeText(), t]];
  }));
}

const pdfDateToIso = (date: string) => date.replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?$/, (_m, y: string, mo: string, d: string, h: string, mi: string, s: string, z: string | undefined) => `${y}-${mo}-${d}T${h}:${mi}:${s}${!z || z === "Z" ? "Z" : z.replace(/'/g, "").replace(/(\d\d)(\d\d)$/, "$1:$2")}`);

function annotations(doc: PDFDocument): { page: number; annotation: PDFDict }[] {
  return doc.getPages().flatMap((page, i) => {
    const list = deref(doc, page.node.get(PDFName.of("Annots")));
    return list instanceof PDFArray ? list.asArray().flatMap((ref) => {
      const a = deref(doc, ref);
      return a instanceof PDFDict ? [{ page: i + 1, annotation: a }] : [];
    }) : [];
  });
}

/** The fonts of every page and of the forms they draw, by object. */
function fonts(doc: PDFDocument): Map<PDFDict, string> {
  const found = new Map<PDFDict, string>();
  const seen = new Set<PDFDict>();
  const visitResources = (resources: PDFObject | undefined) => {
    const dict = deref(doc, resources);
    if (!(dict instanceof PDFDict) || seen.has(dict)) return;
    seen.add(dict);
    const fontDict = deref(doc, dict.get(PDFName.of("Font")));
    if (fontDict instanceof PDFDict) {
      for (const [key, ref] of fontDict.entries()) {
        const font = deref(doc, ref);
        if (font instanceof PDFDict) found.set(font, key.decodeText());
      }
    }
    const xobjects = deref(doc, dict.get(PDFName.of("XObject")));
    if (xobjects instanceof PDFDict) {
      for (const [, ref] of xobjects.entries()) {
        const xobject = deref(doc, ref);
        if (xobject instanceof PDFStream && name(xobject.dict.get(PDFName.of("Subtype"))) === "Form") visitResources(xobject.dict.get(PDFName.of("Resources")));
      }
    }
  };
  for (const page of doc.getPages()) visitResources(page.node.get(PDFName.of("Resources")));
  return found;
}

function embedded(doc: PDFDocument, font: PDFDict): boolean {
  const subtype = name(font.get(PDFName.of("Subtype")));
  if (subtype === "Type3") return true;
  const descendant = deref(doc, font.get(PDFName.of("DescendantFonts")));
  const actual = descendant instanceof PDFArray ? deref(doc, descendant.get(0)) : font;
  const descriptor = actual instanceof PDFDict ? deref(doc, actual.get(PDFName.of("FontDescriptor"))) : undefined;
  return descriptor instanceof PDFDict && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.get(PDFName.of(k)) !== undefined);
}

export const CHECKS: readonly Check[] = [
  {
    id: "Matterhorn 01-005",
    condition: "all content is marked as artifact or tagged as real content",
    run: async ({ bytes }) => (await pagePainting(bytes, { text: false })).flatMap((p, i) => (p.untagged ? [`page ${i + 1}: ${p.untagged} painting operators outside marked content`] : [])),
  },
  {
    id: "Matterhorn 01-006",
    condition: "the document has a structure tree and says it is tagged",
    run: ({ doc }) => [
      ...(deref(doc, doc.catalog.get(PDFName.of("StructTreeRoot"))) instanceof PDFDict ? [] : ["no StructTreeRoot in the catalog"]),
      ...((deref(doc, doc.catalog.get(PDFName.of("MarkInfo"))) as PDFDict | undefined)?.get(PDFName.of("Marked")) === PDFBool.True ? [] : ["MarkInfo does not say Marked true"]),
    ],
  },
  {
    id: "Matterhorn 06-001",
    condition: "the catalog has an XMP metadata stream",
    run: ({ doc }) => (xmpOf(doc).packet === undefined ? ["no Metadata stream in the catalog"] : []),
  },
  {
    id: "Matterhorn 06-002",
    condition: "the XMP metadata holds the PDF/UA identifier, part 1",
    run: ({ doc }) => {
      const { packet } = xmpOf(doc);
      const part = packet === undefined ? undefined : xmpProperties(packet)["pdfuaid:part"];
      return part === "1" ? [] : [`pdfuaid:part is ${part ?? "missing"}`];
    },
  },
  {
    id: "Matterhorn 06-003",
    condition: "the XMP metadata holds a dc:title",
    run: ({ doc }) => {
      const { packet } = xmpOf(doc);
      return packet !== undefined && (xmpProperties(packet)["dc:title"] ?? "") !== "" ? [] : ["no dc:title"];
    },
  },
  {
    id: "Matterhorn 07-001",
    condition: "the viewer shows the document's title (ViewerPreferences DisplayDocTitle true)",
    run: ({ doc }) => {
      const preferences = deref(doc, doc.catalog.get(PDFName.of("ViewerPreferences")));
      return preferences instanceof PDFDict && preferences.get(PDFName.of("DisplayDocTitle")) === PDFBool.True ? [] : ["DisplayDocTitle is not true"];
    },
  },
  {
    id: "Matterhorn 11-006",
    condition: "the document's language is given (catalog Lang)",
    run: ({ doc }) => ((textOf(deref(doc, doc.catalog.get(PDFName.of("Lang")))) ?? "") !== "" ? [] : ["no Lang in the catalog"]),
  },
  {
    id: "Matterhorn 13-004",
    condition: "every Figure has alternative text",
    run: ({ doc }) => structureElements(doc).filter((e) => e.role === "Figure" && (textOf(e.element.get(PDFName.of("Alt"))) ?? "") === "").map(() => "a Figure without Alt"),
  },
  {
    id: "Matterhorn 14-002 and 14-003",
    condition: "headings start at H1 and never skip a level on the way down",
    run: ({ doc }) => {
      const levels = structureElements(doc).flatMap((e) => (/^H[1-6]$/.test(e.role) ? [Number(e.role[1])] : []));
      const problems: string[] = [];
      if (levels.length > 0 && levels[0] !== 1) problems.push(`the first heading is H${levels[0]}`);
      levels.forEach((level, i) => {
        if (i > 0 && level > levels[i - 1]! + 1) problems.push(`H${levels[i - 1]} is followed by H${level}`);
      });
      return problems;
    },
  },
  {
    id: "Matterhorn 15-005",
    condition: "every header cell that a table cell names by its Headers attribute is an element of the structure tree",
    run: ({ doc }) => {
      const all = structureElements(doc);
      const ids = new Set(all.flatMap(({ element }) => textOf(element.get(PDFName.of("ID"))) ?? []));
      const problems: string[] = [];
      for (const { element, role } of all) {
        const attributes = deref(doc, element.get(PDFName.of("A")));
        const list = attributes instanceof PDFArray ? attributes.asArray() : attributes === undefined ? [] : [attributes];
        for (const item of list) {
          const value = deref(doc, item);
          const headers = value instanceof PDFDict ? deref(doc, value.get(PDFName.of("Headers"))) : undefined;
          if (!(headers instanceof PDFArray)) continue;
          for (const header of headers.asArray()) {
            const id = textOf(deref(doc, header));
            if (id === undefined || !ids.has(id)) problems.push(`a ${role} names the header ${id ?? "(not a text)"}, which no element has as its ID`);
          }
        }
      }
      return problems;
    },
  },
  {
    id: "Matterhorn 28-004",
    condition: "every link annotation has a description (Contents)",
    run: ({ doc }) => annotations(doc)
      .filter(({ annotation }) => name(annotation.get(PDFName.of("Subtype"))) === "Link" && (textOf(deref(doc, annotation.get(PDFName.of("Contents")))) ?? "") === "")
      .map(({ page }) => `page ${page}: a link without Contents`),
  },
  {
    id: "Matterhorn 28-011",
    condition: "every link annotation is in the structure tree, under a Link element",
    run: ({ doc }) => {
      const root = deref(doc, doc.catalog.get(PDFName.of("StructTreeRoot")));
      const tree = root instanceof PDFDict ? deref(doc, root.get(PDFName.of("ParentTree"))) : undefined;
      const entries = new Map<number, PDFObject>();
      const collect = (node: PDFObject | undefined) => {
        const dict = deref(doc, node);
        if (!(dict instanceof PDFDict)) return;
        const nums = deref(doc, dict.get(PDFName.of("Nums")));
        if (nums instanceof PDFArray) for (let i = 0; i + 1 < nums.size(); i += 2) entries.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
        const kids = deref(doc, dict.get(PDFName.of("Kids")));
        if (kids instanceof PDFArray) kids.asArray().forEach(collect);
      };
      collect(tree);
      return annotations(doc).filter(({ annotation }) => name(annotation.get(PDFName.of("Subtype"))) === "Link").flatMap(({ page, annotation }) => {
        const key = annotation.get(PDFName.of("StructParent"));
        const parent = key instanceof PDFNumber ? deref(doc, entries.get(key.asNumber())) : undefined;
        return parent instanceof PDFDict && name(parent.get(PDFName.of("S"))) === "Link" ? [] : [`page ${page}: a link annotation without a Link element`];
      });
    },
  },
  {
    id: "Matterhorn 31-001 and PDF/A-2 6.2.11.4",
    condition: "every font is embedded",
    run: ({ doc }) => [...fonts(doc)].filter(([font]) => !embedded(doc, font)).map(([, key]) => `font ${key} is not embedded`),
  },
  {
    id: "PDF/A-2 6.2.11.8",
    condition: "no text shows a font's .notdef glyph, which prints as nothing or as a box (PDF/UA-1 7.21.8 too)",
    run: ({ doc }) => notdefProblems(doc),
  },
  {
    id: "PDF/A-2 6.2.11.7",
    condition: "every font maps its glyphs to Unicode (ToUnicode), as conformance level U requires",
    // A simple font in a standard encoding maps to Unicode by its glyph names; a composite (Type0) or Type 3 font needs its ToUnicode map.
    run: ({ doc }) => [...fonts(doc)].filter(([font]) => font.get(PDFName.of("ToUnicode")) === undefined
      && !(["Type1", "TrueType"].includes(name(font.get(PDFName.of("Subtype"))) ?? "") && ["WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding"].includes(name(font.get(PDFName.of("Encoding"))) ?? "")))
      .map(([, key]) => `font ${key} has no ToUnicode`),
  },
  {
    id: "PDF/A-2 6.2.11.7.2 and 6.2.11.7.3",
    condition: "every glyph drawn maps to text, not to U+0000, U+FEFF or U+FFFE, to a private-use character only within an ActualText, and to no letter other than the one written (a dotless ٮ for ب)",
    run: ({ doc }) => glyphTextProblems(doc),
  },
  {
    id: "PDF/A-2 6.1.3",
    condition: "the trailer has a file identifier and the file is not encrypted",
    run: ({ doc }) => {
      const id = deref(doc, doc.context.trailerInfo.ID);
      return [
        ...(id instanceof PDFArray && id.size() === 2 ? [] : ["no file identifier (ID) in the trailer"]),
        ...(doc.context.trailerInfo.Encrypt ? ["the file is encrypted"] : []),
      ];
    },
  },
  {
    id: "PDF/A-2 6.2.3",
    condition: "an output intent (GTS_PDFA1) with an ICC profile of the pages' colour space (RGB)",
    run: ({ doc }) => {
      const intents = deref(doc, doc.catalog.get(PDFName.of("OutputIntents")));
      const intent = intents instanceof PDFArray ? deref(doc, intents.get(0)) : undefined;
      if (!(intent instanceof PDFDict) || name(intent.get(PDFName.of("S"))) !== "GTS_PDFA1") return ["no GTS_PDFA1 output intent"];
      const profile = deref(doc, intent.get(PDFName.of("DestOutputProfile")));
      if (!(profile instanceof PDFRawStream)) return ["the output intent has no DestOutputProfile"];
      const icc = Buffer.from(decodePDFRawStream(profile).decode());
      const problems: string[] = [];
      if (icc.subarray(36, 40).toString("latin1") !== "acsp") problems.push("the DestOutputProfile is not an ICC profile");
      if (icc.subarray(16, 20).toString("latin1") !== "RGB ") problems.push(`the profile's colour space is ${icc.subarray(16, 20).toString("latin1")}, not RGB`);
      if ((profile.dict.get(PDFName.of("N")) as PDFNumber | undefined)?.asNumber() !== 3) problems.push("the profile's N is not 3");
      return problems;
    },
  },
  {
    id: "PDF/A-2 6.6.2.1 and 6.6.4",
    condition: "an unfiltered XMP metadata stream that names PDF/A-2 conformance U",
    run: ({ doc }) => {
      const { packet, filtered } = xmpOf(doc);
      if (packet === undefined) return ["no Metadata stream"];
      const xmp = xmpProperties(packet);
      return [
        ...(filtered ? ["the Metadata stream is filtered"] : []),
        ...(xmp["pdfaid:part"] === "2" && xmp["pdfaid:conformance"] === "U" ? [] : [`pdfaid is part ${xmp["pdfaid:part"] ?? "?"}, conformance ${xmp["pdfaid:conformance"] ?? "?"}`]),
      ];
    },
  },
  {
    id: "PDF/A-2 6.6.2.3",
    condition: "every XMP schema that PDF/A-2 does not predefine (here pdfuaid) is described in an extension schema",
    run: ({ doc }) => {
      const { packet } = xmpOf(doc);
      if (packet === undefined || !packet.includes("http://www.aiim.org/pdfua/ns/id/")) return [];
      return /<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>/.test(packet) ? [] : ["pdfuaid is used without an extension schema"];
    },
  },
  {
    id: "PDF/A-2 6.6.3",
    condition: "the document information agrees with the XMP metadata",
    run: ({ doc }) => {
      const { packet } = xmpOf(doc);
      if (packet === undefined) return ["no XMP metadata to agree with"];
      const xmp = xmpProperties(packet);
      const fields = info(doc);
      const pairs: [string, string | undefined, string | undefined][] = [
        ["Title", fields.Title, xmp["dc:title"]],
        ["Author", fields.Author, xmp["dc:creator"]],
        ["Subject", fields.Subject, xmp["dc:description"]],
        ["Keywords", fields.Keywords, xmp["pdf:Keywords"]],
        ["Creator", fields.Creator, xmp["xmp:CreatorTool"]],
        ["Producer", fields.Producer, xmp["pdf:Producer"]],
        ["CreationDate", fields.CreationDate && pdfDateToIso(fields.CreationDate), xmp["xmp:CreateDate"]],
        ["ModDate", fields.ModDate && pdfDateToIso(fields.ModDate), xmp["xmp:ModifyDate"]],
      ];
      return pairs.filter(([, a, b]) => a !== undefined && a !== b).map(([key, a, b]) => `Info ${key} "${a}" but XMP "${b ?? "(none)"}"`);
    },
  },
  {
    id: "PDF/A-2 6.3.2",
    condition: "every annotation is printed and not hidden (F: Print set; Hidden, Invisible, NoView clear)",
    run: ({ doc }) => annotations(doc).flatMap(({ page, annotation }) => {
      const flags = (deref(doc, annotation.get(PDFName.of("F"))) as PDFNumber | undefined)?.asNumber() ?? 0;
      return (flags & 4) !== 0 && (flags & (1 | 2 | 32)) === 0 ? [] : [`page ${page}: an annotation with flags ${flags}`];
    }),
  },
  {
    id: "PDF/A-2 6.6.1 and 6.2.2",
    condition: "no JavaScript and no action that launches, plays or submits (only links within the document and to addresses)",
    run: ({ doc }) => {
      const problems: string[] = [];
      const names = deref(doc, doc.catalog.get(PDFName.of("Names")));
      if (names instanceof PDFDict && names.get(PDFName.of("JavaScript"))) problems.push("a JavaScript name tree");
      if (doc.catalog.get(PDFName.of("AA")) || doc.catalog.get(PDFName.of("OpenAction"))) problems.push("an action run on opening");
      for (const { page, annotation } of annotations(doc)) {
        const action = deref(doc, annotation.get(PDFName.of("A")));
        const type = action instanceof PDFDict ? name(action.get(PDFName.of("S"))) : undefined;
        if (type !== undefined && type !== "URI" && type !== "GoTo") problems.push(`page ${page}: a ${type} action`);
        if (annotation.get(PDFName.of("AA"))) problems.push(`page ${page}: an additional action`);
      }
      return problems;
    },
  },
];

/** Every check on the file, as "id: failure" lines: empty when it meets them all. */
export async function conformanceProblems(bytes: Uint8Array): Promise<string[]> {
  const parsed = await parse(bytes);
  const out: string[] = [];
  for (const check of CHECKS) for (const problem of await check.run(parsed)) out.push(`${check.id}: ${problem}`);
  return out;
}

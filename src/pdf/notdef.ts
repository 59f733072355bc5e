/**
 * Where a PDF's text shows a font's .notdef glyph (glyph 0), which prints as nothing or as a box while the
 * text says a character is there: PDF/A-2 (6.2.11.8) and PDF/UA-1 (7.21.8) forbid it. Read from the content
 * streams of the pages and of the forms they draw, with a reader of its own, and from the fonts' objects
 * with pdf-lib: not with the code that wrote them (artifacts.ts reads the content to mark it).
 */
import { inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

/** An operand of a content stream, as far as the check needs it: names, strings (bytes), arrays; the rest as null. */
type Operand = { readonly name: string } | Uint8Array | Operand[] | null;

const NEWLINE = Uint8Array.of(0x0a);

/** Each byte's class: 1 whitespace, 2 delimiter, 0 regular (PDF 32000-1, 7.2.2). */
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = 2;

const hexValue = (byte: number) => (byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x57);
const isHex = (byte: number) => (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66);

/** A literal string from its `(`: its bytes, escapes read, and where it ends. */
function literal(bytes: Uint8Array, from: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 0;
  let i = from + 1;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x5c) {
      const next = bytes[++i];
      if (next === undefined) break;
      const simple = next === 0x6e ? 10 : next === 0x72 ? 13 : next === 0x74 ? 9 : next === 0x62 ? 8 : next === 0x66 ? 12 : -1;
      if (simple >= 0) out.push(simple);
      else if (next >= 0x30 && next <= 0x37) {
        let value = next - 0x30;
        for (let k = 0; k < 2 && bytes[i + 1]! >= 0x30 && bytes[i + 1]! <= 0x37; k++) value = value * 8 + bytes[++i]! - 0x30;
        out.push(value & 0xff);
      } else if (next === 0x0d) {
        if (bytes[i + 1] === 0x0a) i++;
      } else if (next !== 0x0a) out.push(next);
    } else if (b === 0x28) {
      depth++;
      out.push(b);
    } else if (b === 0x29) {
      if (depth-- === 0) return [Uint8Array.from(out), i + 1];
      out.push(b);
    } else out.push(b);
  }
  return [Uint8Array.from(out), i];
}

/** A hexadecimal string from its `<`: its bytes (a last odd digit followed by 0) and where it ends. */
function hexString(bytes: Uint8Array, from: number): [Uint8Array, number] {
  const digits: number[] = [];
  let i = from + 1;
  for (; i < bytes.length && bytes[i] !== 0x3e; i++) if (isHex(bytes[i]!)) digits.push(hexValue(bytes[i]!));
  if (digits.length % 2 === 1) digits.push(0);
  const out = new Uint8Array(digits.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = digits[2 * k]! * 16 + digits[2 * k + 1]!;
  return [out, i + 1];
}

/** Just after the `EI` that ends an inline image whose `ID` ends at `from`: its data is binary, so `EI` must stand between whitespace. */
function inlineImageEnd(bytes: Uint8Array, from: number): number {
  for (let i = from + 1; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && CLASS[bytes[i - 1]!] === 1 && (i + 2 === bytes.length || CLASS[bytes[i + 2]!] === 1)) return i + 2;
  }
  return bytes.length;
}

/** An operator's code: its (at most three) bytes, the first lowest. */
const code = (name: string): number => name.charCodeAt(0) | ((name.charCodeAt(1) || 0) << 8) | ((name.charCodeAt(2) || 0) << 16);
const OP = { q: code("q"), Q: code("Q"), Tf: code("Tf"), gs: code("gs"), Tj: code("Tj"), quote: code("'"), doubleQuote: code('"'), TJ: code("TJ"), Do: code("Do"), BI: code("BI"), ID: code("ID") };
const isNumberStart = (byte: number) => (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2b || byte === 0x2d;

/**
 * Calls `operator` with the code of each operator of a content stream (longer names than three bytes, which no
 * operator the check needs has, as -1) and its operands. Numbers and keywords are read as null, unread.
 */
function readOperators(bytes: Uint8Array, operator: (op: number, operands: Operand[]) => void): void {
  // The operands so far, and the arrays and dictionaries open around them.
  const open: Operand[][] = [[]];
  let inImage = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const top = open[open.length - 1]!;
    if (CLASS[b] === 1) i++;
    else if (b === 0x25) while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    else if (b === 0x28) {
      const [string, end] = literal(bytes, i);
      top.push(string);
      i = end;
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      open.push([]);
      i += 2;
    } else if (b === 0x3c) {
      const [string, end] = hexString(bytes, i);
      top.push(string);
      i = end;
    } else if (b === 0x5b) {
      open.push([]);
      i++;
    } else if ((b === 0x5d || (b === 0x3e && bytes[i + 1] === 0x3e)) && open.length > 1) {
      const closed = open.pop()!;
      open[open.length - 1]!.push(b === 0x5d ? closed : null);
      i += b === 0x5d ? 1 : 2;
    } else if (b === 0x2f) {
      let j = i + 1;
      while (j < bytes.length && CLASS[bytes[j]!] === 0) j++;
      top.push({ name: Buffer.from(bytes.buffer, bytes.byteOffset + i + 1, j - i - 1).toString("latin1").replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) });
      i = j;
    } else if (CLASS[b] === 2) i++;
    else {
      let j = i + 1;
      while (j < bytes.length && CLASS[bytes[j]!] === 0) j++;
      const length = j - i;
      if (isNumberStart(b)) top.push(null);
      else {
        const op = length > 3 ? -1 : b | ((length > 1 ? bytes[i + 1]! : 0) << 8) | ((length > 2 ? bytes[i + 2]! : 0) << 16);
        // true, false and null are operands; any other keyword is an operator, which takes the operands before it.
        const keyword = length === 4 || length === 5 ? Buffer.from(bytes.buffer, bytes.byteOffset + i, length).toString("latin1") : "";
        if (keyword === "true" || keyword === "false" || keyword === "null") top.push(null);
        else {
          if (op === OP.BI) inImage = true;
          else if (op === OP.ID && inImage) {
            j = inlineImageEnd(bytes, j);
            inImage = false;
          } else if (!inImage && open.length === 1) operator(op, top);
          open.length = 1;
          open[0] = [];
        }
      }
      i = j;
    }
  }
}

const deref = (doc: PDFDocument, value: PDFObject | undefined) => (value instanceof PDFRef ? doc.context.lookup(value) : value);
const nameOf = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : undefined);

/** A stream's data: inflated by zlib itself when it is plain FlateDecode, as Chromium writes it (pdf-lib's inflate is slower). */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (nameOf(only) === "FlateDecode" && stream.dict.get(PDFName.of("DecodeParms")) === undefined) return inflateSync(stream.getContents());
  return decodePDFRawStream(stream).decode();
}

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
  doc.getPages().forEach((page, index) => {
    const shown = new Map<string, number>();
    // Each form once for each font it may begin with: a form drawn on every page is read once a page.
    const formsRead = new Map<PDFStream, Set<PDFDict | undefined>>();
    const visit = (content: Uint8Array, resources: PDFDict | undefined, startFont: PDFDict | undefined) => {
      const lookupIn = (category: string, key: string) => {
        const dict = deref(doc, resources?.get(PDFName.of(category)));
        return dict instanceof PDFDict ? deref(doc, dict.get(PDFName.of(key))) : undefined;
      };
      let font = startFont;
      const saved: (PDFDict | undefined)[] = [];
      const show = (string: Operand | undefined) => {
        if (!(string instanceof Uint8Array) || font === undefined) return;
        const count = fontOf(font);
        if (typeof count === "string") {
          if (!unreadable.has(font)) problems.push(`page ${index + 1}: font ${nameOf(font.get(PDFName.of("BaseFont"))) ?? "(unnamed)"} is ${count}`);
          unreadable.add(font);
          return;
        }
        const notdefs = count(string);
        if (notdefs > 0) {
          const name = nameOf(font.get(PDFName.of("BaseFont")))?.replace(/^[A-Z]{6}\+/, "") ?? "(unnamed)";
          shown.set(name, (shown.get(name) ?? 0) + notdefs);
        }
      };
      readOperators(content, (op, operands) => {
        switch (op) {
          case OP.q: saved.push(font); break;
          case OP.Q: if (saved.length > 0) font = saved.pop(); break;
          case OP.Tf: {
            const key = operands[0];
            const found = key !== null && typeof key === "object" && "name" in key ? lookupIn("Font", key.name) : undefined;
            font = found instanceof PDFDict ? found : undefined;
            break;
          }
          case OP.gs: {
            // A graphics state may set the font too: its Font entry, [font size].
            const key = operands[0];
            const state = key !== null && typeof key === "object" && "name" in key ? lookupIn("ExtGState", key.name) : undefined;
            const entry = state instanceof PDFDict ? deref(doc, state.get(PDFName.of("Font"))) : undefined;
            const set = entry instanceof PDFArray ? deref(doc, entry.get(0)) : undefined;
            if (set instanceof PDFDict) font = set;
            break;
          }
          case OP.Tj: case OP.quote: case OP.doubleQuote: show(operands.at(-1)); break;
          case OP.TJ: {
            const list = operands.at(-1);
            if (Array.isArray(list)) for (const item of list) show(item);
            break;
          }
          case OP.Do: {
            const key = operands[0];
            const form = key !== null && typeof key === "object" && "name" in key ? lookupIn("XObject", key.name) : undefined;
            if (!(form instanceof PDFRawStream) || nameOf(form.dict.get(PDFName.of("Subtype"))) !== "Form") break;
            const starts = formsRead.get(form) ?? new Set();
            if (starts.has(font)) break;
            formsRead.set(form, starts.add(font));
            const own = deref(doc, form.dict.get(PDFName.of("Resources")));
            visit(streamBytes(form), own instanceof PDFDict ? own : resources, font);
            break;
          }
        }
      });
    };
    const contents = deref(doc, page.node.get(PDFName.of("Contents")));
    // A page's streams are one content, read as if joined (an operator may even begin in one and end in the next).
    const streams = (contents instanceof PDFArray ? contents.asArray().map((ref) => deref(doc, ref)) : [contents]).filter((s) => s instanceof PDFRawStream);
    const parts = streams.flatMap((stream) => [streamBytes(stream), NEWLINE]);
    visit(Buffer.concat(parts), page.node.Resources(), undefined);
    for (const [name, count] of shown) problems.push(`page ${index + 1}: ${name} shows its .notdef glyph ${count === 1 ? "once" : `${count} times`}`);
  });
  return problems;
}

/**
 * A reader of content streams of its own, for the checks and corrections that read what a page shows: each
 * operator with its operands, and the text shown on each page with the font that shows it, through q and Q,
 * graphics states, pages of several streams and the forms they draw. Not the code that wrote the content
 * (artifacts.ts scans it to mark it), and not pdf.js, which does not tell the font's object.
 */
import { inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

/** An operand of a content stream, as far as its readers need it: names, strings (bytes), arrays, dictionaries (their keys and values in turn); the rest as null. */
export type Operand = { readonly name: string } | { readonly dict: Operand[] } | Uint8Array | Operand[] | null;

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
export const OP = {
  q: code("q"), Q: code("Q"), Tf: code("Tf"), gs: code("gs"), Tj: code("Tj"), quote: code("'"), doubleQuote: code('"'), TJ: code("TJ"), Do: code("Do"), BI: code("BI"), ID: code("ID"),
  BDC: code("BDC"), BMC: code("BMC"), EMC: code("EMC"),
};
const isNumberStart = (byte: number) => (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2b || byte === 0x2d;

/**
 * Calls `operator` with the code of each operator of a content stream (longer names than three bytes, which no
 * operator the readers need has, as -1), its operands, where its first operand (or the operator itself) starts
 * and just after the operator. Numbers and keywords are read as null, unread.
 */
export function readOperators(bytes: Uint8Array, operator: (op: number, operands: Operand[], start: number, end: number) => void): void {
  // The operands so far, and the arrays and dictionaries open around them.
  const open: Operand[][] = [[]];
  let inImage = false;
  let start = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const top = open[open.length - 1]!;
    if (CLASS[b] !== 1 && b !== 0x25 && start < 0) start = i;
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
      open[open.length - 1]!.push(b === 0x5d ? closed : { dict: closed });
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
          } else if (!inImage && open.length === 1) operator(op, top, start, j);
          open.length = 1;
          open[0] = [];
          start = -1;
        }
      }
      i = j;
    }
  }
}

export const deref = (doc: PDFDocument, value: PDFObject | undefined) => (value instanceof PDFRef ? doc.context.lookup(value) : value);
export const nameOf = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : undefined);

/** A stream's data: inflated by zlib itself when it is plain FlateDecode, as Chromium writes it (pdf-lib's inflate is slower). */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (nameOf(only) === "FlateDecode" && stream.dict.get(PDFName.of("DecodeParms")) === undefined) return inflateSync(stream.getContents());
  return decodePDFRawStream(stream).decode();
}

/** What a walk over the pages' content meets, in order. */
export interface ContentVisitor {
  /** A string shown (Tj, ', ", or an item of TJ) in `font`, the font dictionary set then (undefined when none is). */
  readonly show?: (font: PDFDict | undefined, codes: Uint8Array) => void;
  /** Marked content begun (BMC, or BDC with its properties: a dictionary, or a name of the resources' Properties, unread). */
  readonly begin?: (tag: string, properties: Operand | undefined, start: number, end: number) => void;
  readonly end?: (start: number, end: number) => void;
}

/**
 * Reads the content of page `index` of `doc` (its streams joined, as one: an operator may begin in one and end in
 * the next) and of the forms it draws, each form once for each font it may begin with, telling `visitor` what it
 * meets. The positions given are in the page's joined content (`pageContent`); within a form they are -1.
 */
export function walkPage(doc: PDFDocument, index: number, visitor: ContentVisitor, content: Uint8Array = pageContent(doc, index)): void {
  const page = doc.getPages()[index]!;
  const formsRead = new Map<PDFStream, Set<PDFDict | undefined>>();
  const visit = (bytes: Uint8Array, resources: PDFDict | undefined, startFont: PDFDict | undefined, inForm: boolean) => {
    const lookupIn = (category: string, key: string) => {
      const dict = deref(doc, resources?.get(PDFName.of(category)));
      return dict instanceof PDFDict ? deref(doc, dict.get(PDFName.of(key))) : undefined;
    };
    const keyOf = (operand: Operand | undefined) => (operand !== null && typeof operand === "object" && "name" in operand ? operand.name : undefined);
    let font = startFont;
    const saved: (PDFDict | undefined)[] = [];
    const show = (string: Operand | undefined) => {
      if (string instanceof Uint8Array) visitor.show?.(font, string);
    };
    readOperators(bytes, (op, operands, start, end) => {
      const [from, to] = inForm ? [-1, -1] : [start, end];
      switch (op) {
        case OP.q: saved.push(font); break;
        case OP.Q: if (saved.length > 0) font = saved.pop(); break;
        case OP.Tf: {
          const found = keyOf(operands[0]) === undefined ? undefined : lookupIn("Font", keyOf(operands[0])!);
          font = found instanceof PDFDict ? found : undefined;
          break;
        }
        case OP.gs: {
          // A graphics state may set the font too: its Font entry, [font size].
          const state = keyOf(operands[0]) === undefined ? undefined : lookupIn("ExtGState", keyOf(operands[0])!);
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
        case OP.BMC: visitor.begin?.(keyOf(operands[0]) ?? "", undefined, from, to); break;
        case OP.BDC: visitor.begin?.(keyOf(operands[0]) ?? "", operands[1], from, to); break;
        case OP.EMC: visitor.end?.(from, to); break;
        case OP.Do: {
          const key = keyOf(operands[0]);
          const form = key === undefined ? undefined : lookupIn("XObject", key);
          if (!(form instanceof PDFRawStream) || nameOf(form.dict.get(PDFName.of("Subtype"))) !== "Form") break;
          const starts = formsRead.get(form) ?? new Set();
          if (starts.has(font)) break;
          formsRead.set(form, starts.add(font));
          const own = deref(doc, form.dict.get(PDFName.of("Resources")));
          visit(streamBytes(form), own instanceof PDFDict ? own : resources, font, true);
          break;
        }
      }
    });
  };
  visit(content, page.node.Resources(), undefined, false);
}

/** The content of page `index`: its streams decoded and joined by a line break. */
export function pageContent(doc: PDFDocument, index: number): Uint8Array {
  const contents = deref(doc, doc.getPages()[index]!.node.get(PDFName.of("Contents")));
  const streams = (contents instanceof PDFArray ? contents.asArray().map((ref) => deref(doc, ref)) : [contents]).filter((s) => s instanceof PDFRawStream);
  return Buffer.concat(streams.flatMap((stream) => [streamBytes(stream), NEWLINE]));
}

/** A dictionary operand's value for `key`. */
export function dictEntry(dict: Operand | undefined, key: string): Operand | undefined {
  if (dict === null || typeof dict !== "object" || !("dict" in dict)) return undefined;
  for (let k = 0; k + 1 < dict.dict.length; k += 2) {
    const name = dict.dict[k];
    if (name !== null && typeof name === "object" && "name" in name && name.name === key) return dict.dict[k + 1];
  }
  return undefined;
}

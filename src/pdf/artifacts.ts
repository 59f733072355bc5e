/**
 * Page furniture as artifacts. Chromium tags everything a reader needs (each paragraph,
 * heading, figure is marked content with an MCID in the structure tree) and leaves the rest
 * outside any marked content: the running header and the page numbers of the @page margin
 * boxes, pictures with an empty alt (a logo repeated as decoration), borders, rules and
 * backgrounds. A tagged PDF must mark such content as an artifact, so that a screen reader
 * skips it rather than guess (PDF/UA-1, ISO 14289-1, 7.1). This rewrites a page's content
 * stream to wrap every such stretch in `/Artifact BMC … EMC`, and changes nothing else: the
 * marked content Chromium wrote, with its MCIDs, stays byte for byte.
 */
import { promisify } from "node:util";
import { deflate, inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";

/** An operator of a content stream: its name, where its first operand starts (or the operator itself, without operands), and just after it (for an inline image, after its `EI`). */
interface Op {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Each byte's class, looked up by value (a page's content is megabytes of them): 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = 1;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[byte] = 2;
const isWhitespace = (byte: number) => CLASS[byte] === 1;
const isRegular = (byte: number) => CLASS[byte] === 0;

/**
 * An operator's code: its bytes packed into a number, the first lowest. Every PDF operator
 * has one to three bytes, so the scan below compares numbers, never strings (Chromium
 * writes each glyph with an operator of its own: a page has tens of thousands).
 */
export const opCode = (name: string): number => name.charCodeAt(0) | ((name.charCodeAt(1) || 0) << 8) | ((name.charCodeAt(2) || 0) << 16);
const opName = (code: number): string => String.fromCharCode(code & 0xff, (code >> 8) & 0xff, code >> 16).replace(/\0+$/, "");

const BI = opCode("BI");
const NEWLINE = Buffer.from("\n");
const deflateAsync = promisify(deflate);
const BT = opCode("BT");

/**
 * Calls `visit` with each operator of a content stream in order, its code (opCode), where its
 * first operand starts and just after it (ISO 32000-1, 7.2 and 8.9.7 for inline images). A
 * word of more than three bytes is no operator and is passed over, as are `true`, `false`
 * and `null`.
 */
export function scanOperators(bytes: Uint8Array, visit: (code: number, start: number, end: number) => void): void {
  let i = 0;
  let operandsStart = -1;
  const n = bytes.length;
  while (i < n) {
    const byte = bytes[i]!;
    const kind = CLASS[byte]!;
    if (kind === 1) {
      i++;
      continue;
    }
    const tokenStart = i;
    if (byte === 0x25) {
      // A comment, to the end of the line.
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      continue;
    }
    if (operandsStart < 0) operandsStart = tokenStart;
    if (kind === 0) {
      i++;
      while (i < n && CLASS[bytes[i]!] === 0) i++;
      // A number (most tokens of a page) is told by its first byte.
      if (byte === 0x2b || byte === 0x2d || byte === 0x2e || (byte >= 0x30 && byte <= 0x39)) continue;
      const length = i - tokenStart;
      if (length > 3) continue;
      const code = byte | (length > 1 ? bytes[tokenStart + 1]! << 8 : 0) | (length > 2 ? bytes[tokenStart + 2]! << 16 : 0);
      if (code === BI) i = inlineImageEnd(bytes, i);
      visit(code, operandsStart, i);
      operandsStart = -1;
    } else if (byte === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 0;
      for (; i < n; i++) {
        const c = bytes[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x28) depth++;
        else if (c === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (byte === 0x3c) {
      if (bytes[i + 1] === 0x3c) i += 2;
      else {
        // A hex string.
        while (i < n && bytes[i] !== 0x3e) i++;
        i++;
      }
    } else if (byte === 0x2f) {
      i++;
      while (i < n && CLASS[bytes[i]!] === 0) i++;
    } else if (byte === 0x3e && bytes[i + 1] === 0x3e) i += 2;
    // `[`, `]`, `{`, `}`, or a stray delimiter such as `)`, skipped as readers do.
    else i++;
  }
}

/** The operators of a content stream in order, by name: scanOperators for a reader. */
export function contentOperators(bytes: Uint8Array): Op[] {
  const ops: Op[] = [];
  scanOperators(bytes, (code, start, end) => ops.push({ name: opName(code), start, end }));
  return ops;
}

/** Just after the `EI` that ends the inline image whose `BI` ends at `from`: its data is binary, so `EI` must stand alone between whitespace. */
function inlineImageEnd(bytes: Uint8Array, from: number): number {
  let i = from;
  // The image's dictionary, then ID and one whitespace byte.
  while (i < bytes.length && !(bytes[i] === 0x49 && bytes[i + 1] === 0x44 && isWhitespace(bytes[i - 1]!) && (i + 2 >= bytes.length || isWhitespace(bytes[i + 2]!)))) i++;
  i += 3;
  for (; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && isWhitespace(bytes[i - 1]!) && (i + 2 >= bytes.length || !isRegular(bytes[i + 2]!))) return i + 2;
  }
  return bytes.length;
}

/** What an operator does, for marking: looked up by its code. */
const enum Kind {
  Other,
  /** Puts marks on the page (ISO 32000-1, tables 59, 60, 107, 77; 92 for inline images). */
  Painting,
  /** Builds a path: marked content may not start inside a path object. */
  PathConstruction,
  /** Ends a path without painting it (a clip). */
  EndPath,
  /** Begins marked content, or a text object: an artifact never crosses either. */
  Begin,
  /** Ends a text object. */
  EndText,
  /** Ends marked content. */
  EndMarked,
}
const KINDS = new Map<number, Kind>([
  ...["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "Do", "sh", "BI"].map((name) => [opCode(name), Kind.Painting] as const),
  ...["m", "l", "c", "v", "y", "h", "re", "W", "W*"].map((name) => [opCode(name), Kind.PathConstruction] as const),
  [opCode("n"), Kind.EndPath],
  [opCode("BDC"), Kind.Begin],
  [opCode("BMC"), Kind.Begin],
  [opCode("BT"), Kind.Begin],
  [opCode("ET"), Kind.EndText],
  [opCode("EMC"), Kind.EndMarked],
]);
const OPEN = "/Artifact BMC\n";
const CLOSE = "\nEMC\n";

/**
 * The content stream `bytes` with each stretch of painting outside marked content wrapped
 * as an artifact; `undefined` when there is none (the stream stays as it is). A stretch ends
 * where tagged content begins, and never crosses the start or end of a text object, so that
 * every marked-content sequence stays properly nested (ISO 32000-1, 14.6).
 */
export function markUntaggedAsArtifacts(bytes: Uint8Array): Uint8Array | undefined {
  const inserts: { at: number; text: string }[] = [];
  let depth = 0;
  let open = false;
  // Where the path being built began: an artifact around its painting must start there.
  let pathStart = -1;
  // The end of the operator read last: an artifact ends there, before the whitespace that follows it.
  let previousEnd = 0;
  scanOperators(bytes, (code, start, end) => {
    const kind = KINDS.get(code) ?? Kind.Other;
    if (kind === Kind.Begin || kind === Kind.EndText) {
      if (open) inserts.push({ at: previousEnd, text: CLOSE });
      open = false;
      if (kind === Kind.Begin && code !== BT) depth++;
    } else if (kind === Kind.EndMarked) {
      depth = Math.max(0, depth - 1);
    } else if (kind === Kind.PathConstruction) {
      if (pathStart < 0) pathStart = start;
    } else if (kind === Kind.Painting || kind === Kind.EndPath) {
      if (kind === Kind.Painting && depth === 0 && !open) {
        inserts.push({ at: pathStart >= 0 ? pathStart : start, text: OPEN });
        open = true;
      }
      // Painting, or `n`, ends the path object.
      pathStart = -1;
    }
    previousEnd = end;
  });
  if (open) inserts.push({ at: previousEnd, text: CLOSE });
  if (inserts.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const { at, text } of inserts) {
    parts.push(bytes.subarray(from, at), Buffer.from(text, "latin1"));
    from = at;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** A content stream's bytes: inflated by zlib itself when it is plain FlateDecode, as Chromium writes it (pdf-lib's own inflate is three times slower). */
function decoded(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const plainFlate = filter === PDFName.of("FlateDecode") && stream.dict.get(PDFName.of("DecodeParms")) === undefined;
  return plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

/** Marks the untagged content of every page of `doc` as artifacts, in place (rewritePages). Returns how many pages changed. */
export function markPageArtifacts(doc: PDFDocument): Promise<number> {
  return rewritePages(doc, markUntaggedAsArtifacts);
}

/**
 * Rewrites the content of every page of `doc` with `rewrite` (which returns `undefined` for a page it
 * leaves as it is), in place: each rewritten content stream keeps its object number. Returns how many
 * pages changed. The pages are compressed again on zlib's threads, side by side: that is most of the
 * time this takes, so every rewrite of a page is made in one pass.
 */
export async function rewritePages(doc: PDFDocument, rewrite: (content: Uint8Array, index: number) => Uint8Array | undefined): Promise<number> {
  const rewrites: Promise<void>[] = [];
  for (const [index, page] of doc.getPages().entries()) {
    const contents = page.node.get(PDFName.of("Contents"));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
    // A page's streams are one stream cut at token boundaries (ISO 32000-1, 7.8.2): read and rewritten as one.
    const streams = refs.map((ref) => doc.context.lookup(ref));
    if (streams.length === 0 || !streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) continue;
    const joined = streams.length === 1 ? decoded(streams[0]!) : Buffer.concat(streams.flatMap((s) => [decoded(s), NEWLINE]));
    const rewritten = rewrite(joined, index);
    if (!rewritten) continue;
    rewrites.push(deflateAsync(rewritten).then((compressed) => {
      doc.context.assign(refs[0]!, PDFRawStream.of(doc.context.obj({ Filter: "FlateDecode", Length: compressed.length }), compressed));
      for (const ref of refs.slice(1)) doc.context.delete(ref);
      if (refs.length > 1) page.node.set(PDFName.of("Contents"), refs[0]!);
    }));
  }
  await Promise.all(rewrites);
  return rewrites.length;
}

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
import { deflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";

/** A lexical token of a content stream: where it starts and ends, and for an operator its name. */
interface Op {
  /** The operator, e.g. `Tj`, `BDC`. */
  readonly name: string;
  /** Where its first operand starts (or the operator itself, without operands). */
  readonly start: number;
  /** Just after the operator (for an inline image, after its `EI`). */
  readonly end: number;
}

/** Each byte's class, looked up by value (a page's content is megabytes of them): 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = 1;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[byte] = 2;
const isWhitespace = (byte: number) => CLASS[byte] === 1;
const isRegular = (byte: number) => CLASS[byte] === 0;

/** The operators of a content stream in order, each with the span of its operands (ISO 32000-1, 7.2 and 8.9.7 for inline images). */
export function contentOperators(bytes: Uint8Array): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let operandsStart = -1;
  const n = bytes.length;
  while (i < n) {
    const byte = bytes[i]!;
    if (isWhitespace(byte)) {
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
    if (byte === 0x28) {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 0;
      for (; i < n; i++) {
        const c = bytes[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x28) depth++;
        else if (c === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (byte === 0x3c && bytes[i + 1] === 0x3c) i += 2;
    else if (byte === 0x3e && bytes[i + 1] === 0x3e) i += 2;
    else if (byte === 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
    } else if (byte === 0x5b || byte === 0x5d || byte === 0x7b || byte === 0x7d) i++;
    else if (byte === 0x2f) {
      i++;
      while (i < n && isRegular(bytes[i]!)) i++;
    } else {
      while (i < n && isRegular(bytes[i]!)) i++;
      if (i === tokenStart) {
        // A stray delimiter such as `)`: skipped, as readers do.
        i++;
        continue;
      }
      // A number (most tokens of a page) is told by its first byte, without making a string of it.
      if (byte === 0x2b || byte === 0x2d || byte === 0x2e || (byte >= 0x30 && byte <= 0x39)) continue;
      const word = i - tokenStart === 1 ? String.fromCharCode(byte) : String.fromCharCode(...bytes.subarray(tokenStart, i));
      if (word === "true" || word === "false" || word === "null") continue;
      if (word === "BI") i = inlineImageEnd(bytes, i);
      ops.push({ name: word, start: operandsStart, end: i });
      operandsStart = -1;
    }
  }
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

/** Operators that put marks on the page (ISO 32000-1, tables 59, 60, 107, 77; 92 for inline images). */
const PAINTING = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "Do", "sh", "BI"]);
/** Operators that build a path: marked content may not start inside a path object. */
const PATH_CONSTRUCTION = new Set(["m", "l", "c", "v", "y", "h", "re", "W", "W*"]);
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
  const close = () => {
    if (open) inserts.push({ at: previousEnd, text: CLOSE });
    open = false;
  };
  for (const op of contentOperators(bytes)) {
    const { name } = op;
    if (name === "BDC" || name === "BMC" || name === "BT" || name === "ET") {
      close();
      if (name === "BDC" || name === "BMC") depth++;
    } else if (name === "EMC") {
      depth = Math.max(0, depth - 1);
    } else if (PATH_CONSTRUCTION.has(name)) {
      if (pathStart < 0) pathStart = op.start;
    } else {
      const start = pathStart >= 0 ? pathStart : op.start;
      // A painting operator, or `n` (a clip without painting), ends the path object.
      if (PAINTING.has(name) || name === "n") pathStart = -1;
      if (depth === 0 && PAINTING.has(name) && !open) {
        inserts.push({ at: start, text: OPEN });
        open = true;
      }
    }
    previousEnd = op.end;
  }
  close();
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

/**
 * Marks the untagged content of every page of `doc` as artifacts, in place: each rewritten
 * content stream keeps its object number. Returns how many pages changed.
 */
export function markPageArtifacts(doc: PDFDocument): number {
  let changed = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of("Contents"));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
    // A page's streams are one stream cut at token boundaries (ISO 32000-1, 7.8.2): read and rewritten as one.
    const streams = refs.map((ref) => doc.context.lookup(ref));
    if (streams.length === 0 || !streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) continue;
    const joined = Buffer.concat(streams.flatMap((s) => [decodePDFRawStream(s).decode(), Buffer.from("\n")]));
    const marked = markUntaggedAsArtifacts(joined);
    if (!marked) continue;
    const compressed = deflateSync(marked);
    doc.context.assign(refs[0]!, PDFRawStream.of(doc.context.obj({ Filter: "FlateDecode", Length: compressed.length }), compressed));
    for (const ref of refs.slice(1)) doc.context.delete(ref);
    if (refs.length > 1) page.node.set(PDFName.of("Contents"), refs[0]!);
    changed++;
  }
  return changed;
}

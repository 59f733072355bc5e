/**
 * Reading the report's font files: the tables of a WOFF2 file (what the site and the PDF load), the
 * characters a font maps (cmap) and its glyphs' advance widths (hmtx), and a WOFF file made a plain
 * TrueType file again, which Chromium can take from fontconfig (it takes no WOFF or WOFF2 there).
 * Only what these need of the formats is read; a file that is not what it claims to be throws.
 */
import { brotliDecompressSync, inflateSync } from "node:zlib";

/** The font's tables by tag, as the sfnt holds them. */
export type FontTables = ReadonlyMap<string, Uint8Array>;

class FontFormatError extends Error {
  override readonly name = "FontFormatError";
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const tagAt = (bytes: Uint8Array, offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));

/** WOFF2's table tags by their index (the directory names most tables by one byte). */
const KNOWN_TAGS = [
  "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep", "CFF ", "VORG", "EBDT",
  "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH",
  "CBDT", "CBLC", "COLR", "CPAL", "SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar",
  "gvar", "hsty", "just", "lcar", "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
] as const;

/**
 * The tables of a WOFF2 file. Tables stored transformed (glyf and loca, and hmtx when its side
 * bearings were dropped) are returned as stored, under their tag with "~" appended: cmap, head,
 * hhea and maxp, which this module reads, are never transformed.
 */
export function woff2Tables(bytes: Uint8Array): FontTables {
  const data = view(bytes);
  if (bytes.length < 48 || tagAt(bytes, 0) !== "wOF2") throw new FontFormatError("not a WOFF2 file");
  const count = data.getUint16(12);
  const compressedLength = data.getUint32(20);
  let at = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = bytes[at++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new FontFormatError("a WOFF2 length is too long");
  };
  const entries: { tag: string; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const flags = bytes[at++]!;
    let tag: string;
    if ((flags & 0x3f) === 0x3f) {
      tag = tagAt(bytes, at);
      at += 4;
    } else tag = KNOWN_TAGS[flags & 0x3f] ?? "?";
    const version = flags >> 6;
    const original = base128();
    // glyf and loca are transformed unless their version is 3; every other table is transformed unless it is 0.
    const transformed = tag === "glyf" || tag === "loca" ? version !== 3 : version !== 0;
    entries.push(transformed ? { tag: `${tag}~`, length: base128() } : { tag, length: original });
  }
  if (tagAt(bytes, 4) === "ttcf") throw new FontFormatError("a WOFF2 font collection is not read");
  const stream = brotliDecompressSync(bytes.subarray(at, at + compressedLength));
  const tables = new Map<string, Uint8Array>();
  let offset = 0;
  for (const { tag, length } of entries) {
    if (offset + length > stream.length) throw new FontFormatError("a WOFF2 table reaches past the end of its data");
    tables.set(tag, stream.subarray(offset, offset + length));
    offset += length;
  }
  return tables;
}

function table(tables: FontTables, tag: string): DataView {
  const found = tables.get(tag);
  if (!found) throw new FontFormatError(`the font has no ${tag} table`);
  return view(found);
}

/** Each character the font maps to a glyph (its cmap's Unicode subtable), with the glyph's index. */
export function characterMap(tables: FontTables): Map<number, number> {
  const cmap = table(tables, "cmap");
  const subtables = new Map<string, number>();
  for (let i = 0; i < cmap.getUint16(2); i++) {
    const record = 4 + i * 8;
    subtables.set(`${cmap.getUint16(record)}.${cmap.getUint16(record + 2)}`, cmap.getUint32(record + 4));
  }
  // The full repertoire (format 12) where there is one, else the Basic Multilingual Plane's.
  const offset = subtables.get("3.10") ?? subtables.get("0.4") ?? subtables.get("3.1") ?? subtables.get("0.3");
  if (offset === undefined) throw new FontFormatError("the font has no Unicode character map");
  const map = new Map<number, number>();
  const format = cmap.getUint16(offset);
  if (format === 12 || format === 13) {
    // Groups of characters, each mapped to consecutive glyphs (12) or all to one (13).
    const groups = cmap.getUint32(offset + 12);
    for (let g = 0; g < groups; g++) {
      const at = offset + 16 + g * 12;
      const [first, last, glyph] = [cmap.getUint32(at), cmap.getUint32(at + 4), cmap.getUint32(at + 8)];
      for (let code = first; code <= last; code++) map.set(code, format === 12 ? glyph + code - first : glyph);
    }
  } else if (format === 4) {
    const segments = cmap.getUint16(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const ranges = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const [end, start, delta, range] = [cmap.getUint16(ends + s * 2), cmap.getUint16(starts + s * 2), cmap.getInt16(deltas + s * 2), cmap.getUint16(ranges + s * 2)];
      for (let code = start; code <= end && code !== 0xffff; code++) {
        const glyph = range === 0 ? (code + delta) & 0xffff : cmap.getUint16(ranges + s * 2 + range + (code - start) * 2);
        if (glyph !== 0) map.set(code, range === 0 ? glyph : (glyph + delta) & 0xffff);
      }
    }
  } else throw new FontFormatError(`the font's character map has format ${format}, which is not read`);
  return map;
}

/** The advance width of each glyph, in thousandths of an em, by glyph index. */
export function advanceWidths(tables: FontTables): number[] {
  const unitsPerEm = table(tables, "head").getUint16(18);
  const metrics = table(tables, "hhea").getUint16(34);
  const glyphs = table(tables, "maxp").getUint16(4);
  // A transformed hmtx keeps the advances, after a byte of flags, and drops only side bearings.
  const [hmtx, start, step] = tables.has("hmtx") ? [table(tables, "hmtx"), 0, 4] : [table(tables, "hmtx~"), 1, 2];
  const widths: number[] = [];
  for (let g = 0; g < glyphs; g++) widths.push(Math.round((hmtx.getUint16(start + Math.min(g, metrics - 1) * step) * 1000) / unitsPerEm));
  return widths;
}

/** A WOFF (1.0) file as the TrueType or OpenType file it packs: each table inflated, the directory written anew. */
export function woffToSfnt(bytes: Uint8Array): Uint8Array {
  const data = view(bytes);
  if (bytes.length < 44 || tagAt(bytes, 0) !== "wOFF") throw new FontFormatError("not a WOFF file");
  const count = data.getUint16(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    const [offset, compressed, original] = [data.getUint32(entry + 4), data.getUint32(entry + 8), data.getUint32(entry + 12)];
    const stored = bytes.subarray(offset, offset + compressed);
    const body = compressed < original ? inflateSync(stored) : stored;
    if (body.length !== original) throw new FontFormatError("a WOFF table does not have its stated length");
    return { entry, body };
  });
  const padded = (n: number) => (n + 3) & ~3;
  const out = new Uint8Array(12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.body.length), 0));
  const sfnt = view(out);
  sfnt.setUint32(0, data.getUint32(4));
  sfnt.setUint16(4, count);
  const power = 2 ** Math.floor(Math.log2(count));
  sfnt.setUint16(6, power * 16);
  sfnt.setUint16(8, Math.log2(power));
  sfnt.setUint16(10, count * 16 - power * 16);
  let offset = 12 + 16 * count;
  tables.forEach(({ entry, body }, i) => {
    const record = 12 + 16 * i;
    out.set(bytes.subarray(entry, entry + 4), record);
    sfnt.setUint32(record + 4, data.getUint32(entry + 16));
    sfnt.setUint32(record + 8, offset);
    sfnt.setUint32(record + 12, body.length);
    out.set(body, offset);
    offset += padded(body.length);
  });
  return out;
}

/** The tables of a plain TrueType or OpenType file. */
export function sfntTables(bytes: Uint8Array): FontTables {
  const data = view(bytes);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < data.getUint16(4); i++) {
    const record = 12 + 16 * i;
    tables.set(tagAt(bytes, record), bytes.subarray(data.getUint32(record + 8), data.getUint32(record + 8) + data.getUint32(record + 12)));
  }
  return tables;
}

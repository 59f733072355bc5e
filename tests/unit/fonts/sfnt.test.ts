import { readFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { faceOf, SANS } from "../../../src/fonts/faces.ts";
import { advanceWidths, characterMap, sfntTables, woff2Tables, woffToSfnt } from "../../../src/fonts/sfnt.ts";

const latinExt = faceOf(SANS).files.find((f) => f.subset === "latin-ext")!;

/** A cmap table holding one subtable, for the platform and encoding given. */
function cmapWith(platform: number, encoding: number, subtable: number[]): Uint8Array {
  const bytes = new Uint8Array(12 + subtable.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(2, 1);
  view.setUint16(4, platform);
  view.setUint16(6, encoding);
  view.setUint32(8, 12);
  subtable.forEach((word, i) => view.setUint16(12 + i * 2, word & 0xffff));
  return bytes;
}

describe("the report's font files", () => {
  it("are read from WOFF2: the characters a font maps and its advance widths", () => {
    const tables = woff2Tables(readFileSync(latinExt.woff2));
    const glyphs = characterMap(tables);
    const widths = advanceWidths(tables);
    // Ş (as in Şanlıurfa) is in Source Sans 3; ȏ, which latin-ext's unicode-range names, is not.
    expect(glyphs.has(0x15e)).toBe(true);
    expect(glyphs.has(0x20f)).toBe(false);
    expect(widths[glyphs.get(0x15e)!]).toBe(534);
    // The missing glyph, drawn for a character the font lacks: the box.
    expect(widths[0]).toBe(653);
  });

  it("make a TrueType file of the WOFF copy, with the same characters at the same widths", () => {
    const ttf = woffToSfnt(readFileSync(latinExt.woff));
    expect(Buffer.from(ttf.subarray(0, 4)).toString("hex")).toBe("00010000");
    const [fromWoff2, fromTtf] = [woff2Tables(readFileSync(latinExt.woff2)), sfntTables(ttf)];
    const advances = (tables: typeof fromTtf) => {
      const widths = advanceWidths(tables);
      return new Map([...characterMap(tables)].map(([code, glyph]) => [code, widths[glyph]]));
    };
    expect(advances(fromTtf)).toEqual(advances(fromWoff2));
    expect(advances(fromTtf).size).toBeGreaterThan(500);
  });

  it("read both kinds of character map: segments (format 4) and groups (format 12)", () => {
    // Format 4: A–C by a delta, a–b through the glyph array (7 and 8, then the delta of 1), and the closing segment.
    const format4 = [4, 0, 0, 3 * 2, 0, 0, 0, 0x43, 0x62, 0xffff, 0, 0x41, 0x61, 0xffff, -0x40, 1, 1, 0, 4, 0, 7, 8];
    expect([...characterMap(new Map([["cmap", cmapWith(3, 1, format4)]]))]).toEqual([[0x41, 1], [0x42, 2], [0x43, 3], [0x61, 8], [0x62, 9]]);
    const format12 = [12, 0, 0, 28, 0, 0, 0, 1, 0x1, 0xf600, 0x1, 0xf601, 0, 5];
    expect([...characterMap(new Map([["cmap", cmapWith(3, 10, format12)]]))]).toEqual([[0x1f600, 5], [0x1f601, 6]]);
  });

  it("refuses what is not a font of its kind, rather than read nonsense", () => {
    expect(() => woff2Tables(new TextEncoder().encode("<html>".padEnd(64)))).toThrow(/not a WOFF2 file/);
    expect(() => woffToSfnt(readFileSync(latinExt.woff2))).toThrow(/not a WOFF file/);
    const header = new Uint8Array(48);
    header.set(new TextEncoder().encode("wOF2"));
    new DataView(header.buffer).setUint16(12, 1);
    // One table of a hundred bytes (cmap, untransformed) with no data behind it.
    const truncated = new Uint8Array([...header, 0, 100, ...brotliCompressSync(new Uint8Array(10))]);
    new DataView(truncated.buffer).setUint32(20, truncated.length - 50);
    expect(() => woff2Tables(truncated)).toThrow(/reaches past the end/);
  });
});

import { describe, expect, it } from "vitest";
import { BOX_ADVANCE, boxFont } from "../../../src/fonts/box-font.ts";
import { advanceWidths, characterMap, sfntTables } from "../../../src/fonts/sfnt.ts";

/** The big-endian 32-bit sum of `bytes`, as TrueType's checksums are. */
function sum(bytes: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < bytes.length; i += 4) total = (total + (((bytes[i] ?? 0) << 24) >>> 0) + ((bytes[i + 1] ?? 0) << 16) + ((bytes[i + 2] ?? 0) << 8) + (bytes[i + 3] ?? 0)) >>> 0;
  return total;
}

describe("boxFont", () => {
  const groups: [number, number][] = [[0x400, 0x4ff], [0x4e00, 0x9fff], [0x1f600, 0x1f64f]];
  const font = boxFont(groups);

  it("maps exactly the characters given, each to its one glyph, the box, which is not the .notdef", () => {
    const tables = sfntTables(font);
    const map = characterMap(tables);
    expect(map.size).toBe(0x100 + 0x5200 + 0x50);
    expect(new Set(map.values())).toEqual(new Set([1]));
    expect([map.has(0x416), map.has(0x41), map.has(0x1f600), map.has(0x3ff)]).toEqual([true, false, true, false]);
    expect(advanceWidths(tables)).toEqual([BOX_ADVANCE, BOX_ADVANCE]);
  });

  it("is a well-formed TrueType file: every table's checksum, and the whole file's", () => {
    const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
    for (let i = 0; i < view.getUint16(4); i++) {
      const record = 12 + i * 16;
      const tag = String.fromCharCode(...font.subarray(record, record + 4));
      const table = new Uint8Array(font.subarray(view.getUint32(record + 8), view.getUint32(record + 8) + view.getUint32(record + 12)));
      if (tag === "head") table.fill(0, 8, 12);
      expect(sum(table), tag).toBe(view.getUint32(record + 4));
    }
    expect(sum(font)).toBe(0xb1b0afba);
    // The same bytes every time: no clock in it.
    expect(boxFont(groups)).toEqual(font);
  });
});

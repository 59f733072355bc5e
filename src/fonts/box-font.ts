/**
 * A font of one glyph, an empty box, for every character that the report's fonts do not have: the
 * printing browser's last resort (src/pdf/fonts.ts). Without it Chromium prints such a character
 * with the font's .notdef glyph, which neither PDF/A-2 (6.2.11.8) nor PDF/UA-1 (7.21.8) allows in a
 * file that claims them; with it the box is an ordinary glyph, the same on every machine, and the
 * character stays in the text for copying and reading aloud. Written here, byte for byte, as a
 * TrueType file: its character map (format 13, many characters to one glyph) holds exactly the
 * characters given, so that fontconfig never offers it for a character the report's fonts draw.
 */

export const BOX_FONT_FAMILY = "Activity Report Box";
/** The box's advance, in thousandths of an em: about the width of a letter. */
export const BOX_ADVANCE = 600;

const UNITS_PER_EM = 1000;
/** The box: an outer and an inner rectangle (clockwise, then counter-clockwise: the inner one is a hole). */
const OUTER = [[50, 0], [50, 700], [550, 700], [550, 0]] as const;
const INNER = [[100, 50], [500, 50], [500, 650], [100, 650]] as const;

class Writer {
  private readonly bytes: number[] = [];
  u8(...values: number[]): this {
    for (const v of values) this.bytes.push(v & 0xff);
    return this;
  }
  u16(...values: number[]): this {
    for (const v of values) this.u8(v >> 8, v);
    return this;
  }
  u32(...values: number[]): this {
    for (const v of values) this.u16(Math.floor(v / 0x10000) & 0xffff, v & 0xffff);
    return this;
  }
  tag(text: string): this {
    return this.u8(...[...text].map((c) => c.charCodeAt(0)));
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** The sum of the table's big-endian 32-bit words, as the sfnt directory records it. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + (((data[i] ?? 0) << 24) >>> 0) + ((data[i + 1] ?? 0) << 16) + ((data[i + 2] ?? 0) << 8) + (data[i + 3] ?? 0)) >>> 0;
  return sum;
}

function glyf(): Uint8Array {
  const points = [...OUTER, ...INNER];
  const w = new Writer().u16(2).u16(50, 0, 550, 700).u16(OUTER.length - 1, points.length - 1).u16(0);
  // Every point on the curve, each coordinate a signed 16-bit step from the one before.
  w.u8(...points.map(() => 0x01));
  points.forEach(([x], i) => w.u16((x - (points[i - 1]?.[0] ?? 0)) & 0xffff));
  points.forEach(([, y], i) => w.u16((y - (points[i - 1]?.[1] ?? 0)) & 0xffff));
  return w.done();
}

function name(): Uint8Array {
  const records: [number, string][] = [[1, BOX_FONT_FAMILY], [2, "Regular"], [4, `${BOX_FONT_FAMILY} Regular`], [6, "ActivityReportBox-Regular"]];
  const strings = records.map(([, text]) => new Writer().u16(...[...text].map((c) => c.charCodeAt(0))).done());
  const w = new Writer().u16(0, records.length, 6 + records.length * 12);
  let offset = 0;
  records.forEach(([id], i) => {
    // Windows, Unicode BMP, US English.
    w.u16(3, 1, 0x409, id, strings[i]!.length, offset);
    offset += strings[i]!.length;
  });
  for (const s of strings) w.u8(...s);
  return w.done();
}

/** The TrueType file of the box font, whose character map holds the code points of `groups` (first and last of each, in order, apart). */
export function boxFont(groups: readonly (readonly [number, number])[]): Uint8Array {
  const first = groups[0]?.[0] ?? 0;
  const last = groups[groups.length - 1]?.[1] ?? 0;
  const format13 = new Writer().u16(13, 0).u32(16 + groups.length * 12, 0, groups.length);
  for (const [from, to] of groups) format13.u32(from, to, 1);
  const subtable = format13.done();
  // The same subtable for Unicode's full repertoire (0, 6) and Windows' (3, 10).
  const cmap = new Writer().u16(0, 2).u16(0, 6).u32(20).u16(3, 10).u32(20).u8(...subtable).done();
  const box = glyf();
  const padded = new Uint8Array((box.length + 3) & ~3);
  padded.set(box);
  const tables: [string, Uint8Array][] = [
    ["OS/2", new Writer()
      .u16(4, BOX_ADVANCE, 400, 5, 0)
      .u16(650, 600, 0, 75, 650, 600, 0, 350, 50, 300)
      .u16(0).u8(...new Array<number>(10).fill(0))
      .u32(0, 0, 0, 0).tag("NONE")
      .u16(0x40, Math.min(first, 0xffff), Math.min(last, 0xffff))
      .u16(800, 0x10000 - 200, 0, 1000, 200)
      .u32(0, 0)
      .u16(500, 700, 0, 0x20, 1)
      .done()],
    ["cmap", cmap],
    ["glyf", padded],
    ["head", new Writer()
      .u32(0x10000, 0x10000, 0, 0x5f0f3cf5).u16(0x000b, UNITS_PER_EM)
      // Made and changed at 1904-01-01, the format's zero: the same bytes every time.
      .u32(0, 0, 0, 0)
      .u16(50, 0, 550, 700, 0, 8, 2, 0, 0)
      .done()],
    ["hhea", new Writer().u32(0x10000).u16(800, 0x10000 - 200, 0, BOX_ADVANCE, 0, 50, 550, 1, 0, 0, 0, 0, 0, 0, 0, 2).done()],
    ["hmtx", new Writer().u16(BOX_ADVANCE, 0, BOX_ADVANCE, 50).done()],
    ["loca", new Writer().u16(0, 0, padded.length / 2).done()],
    ["maxp", new Writer().u32(0x10000).u16(2, OUTER.length + INNER.length, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0).done()],
    ["name", name()],
    ["post", new Writer().u32(0x30000, 0).u16(0x10000 - 100, 50).u32(0, 0, 0, 0, 0).done()],
  ];
  const directory = new Writer().u32(0x10000).u16(tables.length);
  const power = 2 ** Math.floor(Math.log2(tables.length));
  directory.u16(power * 16, Math.log2(power), tables.length * 16 - power * 16);
  let offset = 12 + tables.length * 16;
  for (const [tag, data] of tables) {
    directory.tag(tag).u32(checksum(data), offset, data.length);
    offset += (data.length + 3) & ~3;
  }
  const out = new Uint8Array(offset);
  out.set(directory.done());
  offset = 12 + tables.length * 16;
  for (const [, data] of tables) {
    out.set(data, offset);
    offset += (data.length + 3) & ~3;
  }
  // head's checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const head = 12 + tables.length * 16 + tables.slice(0, tables.findIndex(([tag]) => tag === "head")).reduce((sum, [, d]) => sum + ((d.length + 3) & ~3), 0);
  new DataView(out.buffer).setUint32(head + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/**
 * What a document file is by its structure, not by a string found somewhere in it: a PDF
 * begins with its header and ends with the offset of its cross-reference section, which
 * leads to one; a Word document is a ZIP file whose central directory holds a
 * [Content_Types].xml that declares a part of it the WordprocessingML main document. A
 * page of HTML that mentions `%PDF-`, a ZIP that names word/document.xml only in its
 * comment, a macro-enabled document renamed .docx: none is what it claims.
 */
import zlib from "node:zlib";
import { SaxesParser } from "saxes";

/** Reads `length` bytes of the file from `offset` (fewer at its end). */
export type ByteReader = (offset: number, length: number) => Buffer;

export type DocumentType = "pdf" | "docx";

/**
 * What a file is: a document of `type`; one that announces itself as `type` but is not a whole or an allowed one
 * (`problem` says why and what to do, as the predicate of a sentence about the file); or, undefined, neither.
 */
export type Recognised = { readonly type: DocumentType; readonly problem?: string } | undefined;

/** The content type of a Word document's main part (ECMA-376 part 1, 11.3.10): a .docx, no macros. */
export const WORD_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/** Main parts of the other kinds of Word file, and the part that carries macros, with what to say of each. */
const OTHER_WORD_TYPES: Readonly<Record<string, string>> = {
  "application/vnd.ms-word.document.macroEnabled.main+xml": "is a macro-enabled Word document (.docm), whose macros could run on a reader's computer; save it as a Word Document (.docx), without macros",
  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "is a macro-enabled Word template (.dotm), whose macros could run on a reader's computer; save it as a Word Document (.docx), without macros",
  "application/vnd.ms-office.vbaProject": "holds macros (a VBA project), which could run on a reader's computer; save it as a Word Document (.docx), without macros",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "is a Word template (.dotx), not a document; save it as a Word Document (.docx)",
};

const latin1 = (bytes: Buffer) => bytes.toString("latin1");

/** Why a file that begins as a PDF is not a whole one, or undefined. */
function pdfProblem(read: ByteReader, size: number): string | undefined {
  const tail = latin1(read(Math.max(0, size - 1024), Math.min(size, 1024)));
  // The last `startxref` with its offset, then %%EOF, in the last kilobyte, where readers look for them (a few bytes
  // after it, padding some programs write, are read past as readers do).
  const last = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)].at(-1);
  if (!last) {
    return "is not a whole PDF: it does not end as a PDF ends (startxref, then %%EOF), so it may have been cut short; download or export it again";
  }
  const offset = Number(last[1]);
  const at = offset < size ? latin1(read(offset, 64)) : "";
  if (!/^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(at)) {
    return `is not a whole PDF: its cross-reference section is not where the file says (startxref ${offset}), so it is damaged; export it again from the program that made it`;
  }
  return undefined;
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressed: number;
  readonly offset: number;
}

const NOT_A_WHOLE_ZIP = "is not a whole ZIP file (its central directory cannot be read), so it may have been cut short; save or download it again";

/** Where the central directory lies and how many entries it has: from the end record, or its ZIP64 form. */
function centralDirectory(read: ByteReader, size: number): { offset: number; length: number; entries: number } | undefined {
  // The end record is 22 bytes and a comment of up to 65,535: the real one is the last whose comment reaches the end.
  const span = Math.min(size, 22 + 0xffff);
  const tail = read(size - span, span);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50 || i + 22 + tail.readUInt16LE(i + 20) !== tail.length) continue;
    const end = size - span + i;
    let entries = tail.readUInt16LE(i + 10);
    let length = tail.readUInt32LE(i + 12);
    let offset = tail.readUInt32LE(i + 16);
    if (entries === 0xffff || length === 0xffffffff || offset === 0xffffffff) {
      const locator = end >= 20 ? read(end - 20, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== 0x07064b50) return undefined;
      const at = Number(locator.readBigUInt64LE(8));
      const record = at + 56 <= end ? read(at, 56) : Buffer.alloc(0);
      if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return undefined;
      entries = Number(record.readBigUInt64LE(32));
      length = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
    }
    return offset + length <= end ? { offset, length, entries } : undefined;
  }
  return undefined;
}

/** The entries of the central directory, or undefined when it is not whole. */
function zipEntries(read: ByteReader, size: number): ZipEntry[] | undefined {
  const found = centralDirectory(read, size);
  if (!found) return undefined;
  const directory = read(found.offset, found.length);
  if (directory.length < found.length) return undefined;
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < found.entries; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength + commentLength > directory.length) return undefined;
    let compressed = directory.readUInt32LE(at + 20);
    let offset = directory.readUInt32LE(at + 42);
    // ZIP64 sizes and offsets are in an extra field, in this order, for those that overflow.
    const uncompressedOverflows = directory.readUInt32LE(at + 24) === 0xffffffff;
    if (compressed === 0xffffffff || offset === 0xffffffff || uncompressedOverflows) {
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
        if (extra.readUInt16LE(e) !== 0x0001) continue;
        let field = e + 4;
        const next = () => {
          const value = field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : Number.NaN;
          field += 8;
          return value;
        };
        if (uncompressedOverflows) next();
        if (compressed === 0xffffffff) compressed = next();
        if (offset === 0xffffffff) offset = next();
      }
    }
    if (!Number.isFinite(compressed) || !Number.isFinite(offset) || offset >= found.offset) return undefined;
    entries.push({
      name: directory.toString("utf8", at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressed,
      offset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The most a [Content_Types].xml may inflate to: a few kilobytes in any real document. */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

/** An entry's content, inflated, or undefined when it cannot be read (encrypted, another method, damaged, too large). */
function entryContent(read: ByteReader, entry: ZipEntry): Buffer | undefined {
  const local = read(entry.offset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50 || entry.flags & 0x1) return undefined;
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressed > MAX_CONTENT_TYPES_BYTES * 4) return undefined;
  const data = read(start, entry.compressed);
  if (data.length < entry.compressed) return undefined;
  try {
    if (entry.method === 0) return data.length <= MAX_CONTENT_TYPES_BYTES ? data : undefined;
    if (entry.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES });
  } catch {
    return undefined;
  }
  return undefined;
}

/** The content types of [Content_Types].xml: by extension (Default) and by part name (Override), names in lower case. */
function contentTypes(xml: string): { defaults: Map<string, string>; overrides: Map<string, string> } | undefined {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const parser = new SaxesParser({ xmlns: true });
  let failed = false;
  parser.on("opentag", (tag) => {
    const attribute = (name: string) => Object.values(tag.attributes).find((a) => a.local === name && a.uri === "")?.value;
    const type = attribute("ContentType")?.trim();
    if (type === undefined) return;
    if (tag.local === "Default") defaults.set((attribute("Extension") ?? "").toLowerCase(), type);
    if (tag.local === "Override") overrides.set((attribute("PartName") ?? "").toLowerCase(), type);
  });
  parser.on("doctype", () => (failed = true));
  parser.on("error", () => (failed = true));
  try {
    parser.write(xml.replace(/^\uFEFF/, "")).close();
  } catch {
    failed = true;
  }
  return failed ? undefined : { defaults, overrides };
}

/** Why a file that begins as a ZIP is not a Word document without macros, or undefined. */
function docxProblem(read: ByteReader, size: number): string | undefined {
  const entries = zipEntries(read, size);
  if (!entries) return NOT_A_WHOLE_ZIP;
  const typesEntry = entries.find((e) => e.name === "[Content_Types].xml");
  const content = typesEntry && entryContent(read, typesEntry);
  const types = content && contentTypes(content.toString("utf8"));
  if (!types) return "is a ZIP file, but not a Word document (it has no readable [Content_Types].xml); export the document as a Word document (.docx)";
  // Each part of the package is a ZIP entry; a part's content type is its Override, else the Default of its extension (ECMA-376 part 2, 10.1.2.4).
  const typeOf = (name: string) => types.overrides.get(`/${name.toLowerCase()}`) ?? types.defaults.get(name.slice(name.lastIndexOf(".") + 1).toLowerCase());
  const partTypes = entries.filter((e) => !e.name.endsWith("/")).map((e) => typeOf(e.name));
  const other = partTypes.find((type) => type !== undefined && Object.hasOwn(OTHER_WORD_TYPES, type));
  if (other) return OTHER_WORD_TYPES[other];
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return OTHER_WORD_TYPES["application/vnd.ms-office.vbaProject"];
  if (!partTypes.includes(WORD_MAIN_TYPE)) return "is a ZIP file, but not a Word document (no part of it is a Word document's main part); export the document as a Word document (.docx)";
  return undefined;
}

/** What the file of `size` bytes that `read` reads is, by its structure. */
export function recogniseDocument(read: ByteReader, size: number): Recognised {
  const head = read(0, 8);
  if (/^%PDF-[12]\.\d/.test(latin1(head))) {
    const problem = pdfProblem(read, size);
    return problem ? { type: "pdf", problem } : { type: "pdf" };
  }
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) {
    const problem = docxProblem(read, size);
    return problem ? { type: "docx", problem } : { type: "docx" };
  }
  return undefined;
}

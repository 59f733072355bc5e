/**
 * The texts handed to a translator and taken back, as XLIFF 1.2, which
 * translation tools read (through `xliff`). Each English data file is a
 * <file> (its path in the data folder as `original`); each text a
 * <trans-unit> whose id is its path in the translation file, segments joined
 * by "/" and each escaped as in a web address.
 */
import jsToXliff12 from "xliff/jsToXliff12";
import xliff12ToJs from "xliff/xliff12ToJs";
import type { XliffJs, XliffUnit } from "xliff";
import type { PathSegment } from "../source/yaml-source.ts";

export interface HandedText {
  /** The English file, relative to the data folder, with "/" between folders. */
  readonly file: string;
  readonly key: readonly PathSegment[];
  readonly source: string;
  /** The translation as it stands, when it is handed back for revision. */
  readonly target?: string;
  /** What the translator is told of it. */
  readonly note?: string;
}

/** A unit's id in XLIFF: `editions/2017/foreword`. */
export const unitId = (key: readonly PathSegment[]): string => key.map((s) => encodeURIComponent(String(s))).join("/");

export async function toXliff(texts: readonly HandedText[], targetLanguage: string): Promise<string> {
  const resources: Record<string, Record<string, XliffUnit>> = {};
  for (const t of texts) {
    const units = (resources[t.file] ??= {});
    units[unitId(t.key)] = {
      source: t.source,
      target: t.target ?? "",
      ...(t.note ? { note: t.note } : {}),
      // Markdown's line ends and blank lines are its paragraphs and lists.
      additionalAttributes: { "xml:space": "preserve" },
    };
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${await jsToXliff12({ resources, sourceLanguage: "en", targetLanguage })}\n`;
}

export interface ReturnedText {
  readonly file: string;
  readonly id: string;
  readonly source: string;
  /** The translation; undefined where the translator left it empty. */
  readonly target?: string;
  /** Set when the unit holds what the report cannot take (markup of the translation tool). */
  readonly problem?: string;
}

/** The texts of an XLIFF file, or the reason it cannot be read. */
export async function fromXliff(xml: string): Promise<{ targetLanguage?: string; texts: ReturnedText[] } | { error: string }> {
  let js: XliffJs;
  try {
    js = await xliff12ToJs(xml);
  } catch (error) {
    return { error: `is not an XLIFF 1.2 file that can be read: ${(error as Error).message.split("\n")[0]}` };
  }
  if (!js?.resources || typeof js.resources !== "object") return { error: "holds no <file> of texts: is it an XLIFF 1.2 file written by `translations export`?" };
  const texts: ReturnedText[] = [];
  for (const [file, units] of Object.entries(js.resources)) {
    for (const [id, unit] of Object.entries(units)) {
      const source = typeof unit.source === "string" ? unit.source : "";
      const target = unit.target;
      if (target !== undefined && target !== null && typeof target !== "string") {
        texts.push({ file, id, source, problem: "its target holds markup of the translation tool (tags or placeholders), which the report cannot print: write the translation as plain text, with Markdown as in the English" });
        continue;
      }
      texts.push({ file, id, source, ...(typeof target === "string" && target.trim() !== "" ? { target } : {}) });
    }
  }
  return { targetLanguage: js.targetLanguage, texts };
}

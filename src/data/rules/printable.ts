/**
 * Characters that the report's fonts cannot draw. The PDF is printed with the report's fonts alone
 * (src/pdf/fonts.ts), so that it is the same on every machine: such a character is printed there as
 * a box (src/fonts/box-font.ts); controls and what text shapers hide are never drawn, so never boxes. Web pages show it in a font of the reader's. Each is reported as a warning at the
 * text that holds it, so that an editor who wants it printed can write it in Latin letters.
 */
import { ARABIC, NOT_DRAWN, reportCharacters, SANS, SERIF } from "../../fonts/faces.ts";
import { decodeEntities } from "../../format/markdown.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { MARKDOWN_FIELDS } from "../contract/schema.ts";
import { isNotText, type PathSegment, type YamlSource } from "../source/yaml-source.ts";

/** Fields whose text is never printed: addresses, files, other names a place is found by. */
const NOT_PRINTED = new Set(["aliases", "sources", "versions", "file", "logo", "site_url"]);

/**
 * Characters that every face of the report draws, or that are never drawn (tests/unit/data/rules/printable.test.ts
 * checks each against the fonts): Latin-1 and Latin Extended-A (Türkiye, Łódź, Şanlıurfa), the Cyrillic
 * of Russian, Ukrainian, Belarusian (Тбилиси, Ґ, Ў), dashes, quotes, the ellipsis, the narrow no-break space
 * of Russian numbers and dates, the numero sign, the euro. Most texts hold no other, and need no font read to be checked.
 */
export const SURELY_PRINTED: readonly (readonly [number, number])[] = [
  [0x00, 0x17f], [0x400, 0x45f], [0x490, 0x491], [0x2013, 0x2014], [0x2018, 0x201a], [0x201c, 0x201e], [0x2020, 0x2020],
  [0x2022, 0x2022], [0x2026, 0x2026], [0x202f, 0x202f], [0x2032, 0x2033], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2116, 0x2116],
];
const hex = (code: number) => `\\u{${code.toString(16)}}`;
const BEYOND_SURELY_PRINTED = new RegExp(`[^${SURELY_PRINTED.map(([a, b]) => `${hex(a)}-${hex(b)}`).join("")}]`, "u");

/** How many different characters a message names before it says how many more there are. */
const NAMED = 3;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The different characters of `text` that no face of the report draws, in the order they first appear; what is not text at all is an error of its own (yaml-source.ts). */
export function unprintable(text: string): string[] {
  if (!BEYOND_SURELY_PRINTED.test(text)) return [];
  const printable = reportCharacters();
  const found = new Set<string>();
  for (const char of text) if (!printable.has(char.codePointAt(0)!) && !NOT_DRAWN.test(char) && !isNotText(char)) found.add(char);
  return [...found];
}

function message(name: string, chars: readonly string[]): string {
  const named = chars.slice(0, NAMED);
  const more = chars.length > NAMED ? ` and ${chars.length - NAMED} more` : "";
  const list = `${named.map((c) => `"${c}" (${codePoint(c)})`).join(", ")}${more}`;
  const one = chars.length === 1;
  return `${name} contains ${list}, which the report's fonts (${SERIF}, ${SANS}, ${ARABIC}) do not have: the PDF prints ${one ? "it" : "them"} as ${one ? "a box" : "boxes"}, and web pages in a font of the reader's; write ${one ? "it" : "them"} in Latin letters where the text must print`;
}

/** Whether the file may hold a text that unprintable finds something in: written beyond those surely printed, by an escape, or by an entity of markdown. */
const maySuspect = (text: string) => BEYOND_SURELY_PRINTED.test(text) || text.includes("\\") || text.includes("&");

/** A warning at each text of the file that holds characters the report's fonts cannot draw. */
export function unprintableCharacters(source: YamlSource): Diagnostic[] {
  if (!maySuspect(source.text)) return [];
  const out: Diagnostic[] = [];
  const walk = (value: unknown, path: PathSegment[]) => {
    const field = path.findLast((p) => typeof p === "string");
    if (typeof field === "string" && NOT_PRINTED.has(field)) return;
    if (typeof value === "string") {
      // Markdown prints what its entities stand for (&#x416; is Ж); other text prints them as written.
      const chars = unprintable(typeof field === "string" && MARKDOWN_FIELDS.has(field) && value.includes("&") ? `${value} ${decodeEntities(value)}` : value);
      if (chars.length > 0) out.push(source.diagnostic(path, message(field ?? "the text", chars), { severity: "warning" }));
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(source.value, []);
  return out;
}

/**
 * The direction a language is written in, from its BCP 47 tag: right to left
 * for Arabic, Persian, Urdu, Hebrew, Dhivehi…, left to right for the others.
 * The script decides: the tag's own (`az-Arab`, `uz-Arab`), else the one
 * CLDR's likely subtags give the language (`ar` → Arab, `dv` → Thaa).
 * Intl.Locale's text info is not used: its form changes between Node releases
 * (a property, textInfo, in Node 20; the method getTextInfo in the proposal's
 * later form), and Node 20's says ltr for `dv` and `az-Arab`.
 */

export type TextDirection = "ltr" | "rtl";

/**
 * The scripts written right to left that living languages use (ISO 15924): Adlam, Arabic, Hebrew, Mandaic,
 * Mende Kikakui, N'Ko, Hanifi Rohingya, Samaritan, Syriac, Thaana, Yezidi.
 */
const RIGHT_TO_LEFT = new Set(["Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"]);

/** `rtl` for a language written right to left, else `ltr`. Throws a RangeError for what is no language tag. */
export function textDirection(lang: string): TextDirection {
  const script = new Intl.Locale(lang).maximize().script;
  return script !== undefined && RIGHT_TO_LEFT.has(script) ? "rtl" : "ltr";
}

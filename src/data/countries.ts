import { createRequire } from "node:module";
// The library without its Node entry, which registers every one of its eighty languages (a tenth of `check`'s time).
import countryCodes, { type LocaleData } from "i18n-iso-countries/index.js";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { entryOf } from "./lookup.ts";
import type { CountryFile } from "./contract/schema.ts";

countryCodes.registerLocale(english);

const require = createRequire(import.meta.url);
/** The languages whose names of countries have been looked for: registered when i18n-iso-countries has them. */
const looked = new Set<string>(["en"]);

/** i18n-iso-countries with the English names registered, and others as they are asked for (countryNameIn). */
export const isoCountries = countryCodes;

/** The name ISO 3166-1 gives a country in `lang` (i18n-iso-countries), if it has that language and the code. */
export function countryNameIn(code: string, lang: string): string | undefined {
  const base = lang.split("-")[0]!.toLowerCase();
  if (!looked.has(base)) {
    looked.add(base);
    // A language's names are read once it is asked for: most builds ask for one or two.
    if (/^[a-z]{2,3}$/.test(base)) {
      try {
        countryCodes.registerLocale(require(`i18n-iso-countries/langs/${base}.json`) as LocaleData);
      } catch {
        // i18n-iso-countries has no names in this language: the report's own names stand.
      }
    }
  }
  return countryCodes.getName(code, base) ?? undefined;
}

/** The name of a country: countries.yaml first (in the data's language, translated), else the ISO 3166-1 name in `lang`, else in English. */
export function countryName(code: string, overrides: Readonly<Record<string, CountryFile>>, lang = "en"): string {
  return entryOf(overrides, code)?.name ?? countryNameIn(code, lang) ?? countryCodes.getName(code, "en") ?? code;
}

/** The codes of ISO 3166-1, in alphabetical order. */
export function isoCountryCodes(): string[] {
  return Object.keys(countryCodes.getAlpha2Codes()).sort();
}

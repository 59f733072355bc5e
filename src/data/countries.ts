import countryCodes from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { entryOf } from "./lookup.ts";
import type { CountryFile } from "./schema.ts";

countryCodes.registerLocale(english);

/** The English name of a country: countries.yaml first, else the ISO 3166-1 name. */
export function countryName(code: string, overrides: Readonly<Record<string, CountryFile>>): string {
  return entryOf(overrides, code)?.name ?? countryCodes.getName(code, "en") ?? code;
}

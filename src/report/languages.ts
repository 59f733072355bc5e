/**
 * The site in each language a build renders: English, the working language, and each further language the
 * editions are published in (report.yaml's `languages`), each with the reports of its editions and their events,
 * under its own addresses (urls.ts).
 */
import { dataIn, type DataSet } from "../data/load.ts";
import { editionLanguages } from "../data/languages/translations.ts";
import type { Language } from "../format/language.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import { buildSite, type SiteOptions } from "./model.ts";
import type { SiteModel } from "./views.ts";
import { english, languageFrom, readCatalogues } from "../data/languages/catalogues.ts";

/** The languages editions name besides English, in a stable order. */
export function furtherLanguages(data: Pick<DataSet, "report">): string[] {
  return [...editionLanguages(data.report.editions).keys()].filter((lang) => lang !== SOURCE_LANGUAGE).sort();
}

/**
 * English's model, then one per further language that has a report in this build (a build of one year renders a
 * language only if that year's edition is published in it). `languageOf` gives a language's catalogue and formats.
 */
export function siteModels(data: DataSet, options: Pick<SiteOptions, "year"> & { readonly languageOf: (lang: string) => Language }): SiteModel[] {
  const english = buildSite(data, { year: options.year, language: options.languageOf(SOURCE_LANGUAGE) });
  const others = furtherLanguages(data)
    .map((lang) => buildSite(dataIn(data, lang), { year: options.year, language: options.languageOf(lang) }))
    .filter((site) => site.reports.length > 0);
  return [english, ...others];
}

/**
 * The models of a build: English's, then one for each further language its editions are published in (that has a
 * report in a build of one year), each in its language's words (the project's catalogues and the data folder's).
 */
export function buildModels(data: DataSet, settings: { readonly dataDir: string; readonly year?: number }): SiteModel[] {
  let catalogues: ReturnType<typeof readCatalogues> | undefined;
  const languageOf = (lang: string) => (lang === SOURCE_LANGUAGE ? english() : languageFrom((catalogues ??= readCatalogues(settings.dataDir)), lang));
  return siteModels(data, { year: settings.year, languageOf });
}

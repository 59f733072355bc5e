/**
 * The report as an Eleventy plugin: templates, data, filters, assets and
 * pictures, configured from explicit options. The build and the preview run
 * Eleventy through its programmatic API with this plugin; `.eleventy.ts`
 * calls it with settings read from the environment, for `npm run eleventy`.
 */
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import { fontAssets } from "../assets/fonts.ts";
import { dataIn, loadDataOrThrow, type DataSet } from "../data/load.ts";
import { drawPictures } from "../pictures/index.ts";
import { photoCacheFor, photoProcessor, writePhotoFiles } from "../pictures/photos.ts";
import { FLOW_PAGE } from "../report/parts.ts";
import { buildSite, type SiteModel } from "../report/model.ts";
import { TEMPLATES, type Settings } from "../settings.ts";
import type { EleventyConfig } from "./config-types.ts";
import { filters } from "./filters.ts";
import { translationFilters } from "./i18n.ts";
import { english, languageFrom, readCatalogues } from "../data/catalogues.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import type { Language } from "../format/language.ts";
import { copyDataFiles } from "./data-files.ts";
import { releasedPdfs } from "../report/corrigenda.ts";
import { publishPhotos, type PublishedPhotos, type SitePhotos } from "./photos.ts";
import { CONTENT_SECURITY_POLICY } from "./security.ts";
import { wellFormedXml } from "./xml.ts";

export { TEMPLATES };

export interface ReportPluginOptions {
  readonly settings: Settings;
  /** The validated data and its model, when the caller has them already (the build, the preview); else read from `settings.dataDir` at each build. */
  readonly data?: { readonly data: DataSet; readonly site: SiteModel };
  /**
   * The language the pages are rendered in, English by default: the templates' `lang`, and the language the model is
   * built in when the plugin reads the data itself (a model given in `data` must be built in it).
   */
  readonly lang?: string;
  /** Called as each page is written, for a progress display. */
  readonly onPage?: () => void;
  /** The folder that keeps the processed photos between builds; by default the one of `settings.outputDir` (photoCacheFor). The build names the one of its output folder, not of its staging folder. */
  readonly photoCache?: string;
  /** Called once the photos are processed and written: how many copies were published, and how many of them had to be encoded (none on a rebuild with the same photos). */
  readonly onPhotos?: (counts: { readonly files: number; readonly encoded: number }) => void;
}

/** What templates get as `site`: the model, with its pictures drawn and its photos processed. */
export type SiteData = ReturnType<typeof drawPictures> & { readonly photos: SitePhotos };

/** The data and the model of a build: the ones given, or the data folder read again (Eleventy on its own, whose watch mode builds again and again). */
async function dataOf(options: ReportPluginOptions): Promise<{ data: DataSet; site: SiteModel }> {
  if (options.data) return options.data;
  const { data } = await loadDataOrThrow(options.settings.dataDir);
  const lang = options.lang ?? SOURCE_LANGUAGE;
  const language = lang === SOURCE_LANGUAGE ? english() : languageFrom(readCatalogues(options.settings.dataDir), lang);
  return { data, site: buildSite(dataIn(data, lang), { year: options.settings.year, language }) };
}

export function reportPlugin(config: EleventyConfig, options: ReportPluginOptions): void {
  const { settings } = options;
  const fonts = fontAssets();
  // Read once per build, by the first template that asks, and shared with the pictures copied after it.
  let current: Promise<{ data: DataSet; site: SiteModel }> | undefined;
  const data = () => (current ??= dataOf(options));
  const cacheDir = options.photoCache ?? photoCacheFor(settings.outputDir);
  // Processed once per build, by the first template that asks, and written after Eleventy with the data's files.
  let processing: Promise<{ published: PublishedPhotos; encoded: () => number }> | undefined;
  const photos = () => (processing ??= data().then(async ({ data: dataSet }) => {
    const processor = photoProcessor(cacheDir);
    return { published: await publishPhotos(dataSet, processor), encoded: () => processor.encodings() };
  }));
  config.on("eleventy.before", () => {
    current = undefined;
    processing = undefined;
  });

  config.setInputDirectory(TEMPLATES);
  config.setIncludesDirectory("_includes");
  config.setDataDirectory("_eleventy");
  config.setOutputDirectory(settings.outputDir);
  config.setTemplateFormats(["njk"]);

  config.addGlobalData("site", async (): Promise<SiteData> => ({ ...drawPictures((await data()).site), photos: (await photos()).published.shown }));
  config.addGlobalData("fontFaces", fonts.css);
  config.addGlobalData("withPdf", settings.pdf);
  config.addGlobalData("flowPage", FLOW_PAGE);
  config.addGlobalData("pathPrefix", settings.pathPrefix);
  config.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);
  // The language a page is rendered in, by default the working language; each template passes it on explicitly.
  config.addGlobalData("lang", options.lang ?? SOURCE_LANGUAGE);
  for (const [name, fn] of Object.entries(filters)) config.addFilter(name, fn);
  const languages = new Map<string, Language>();
  const languageOf = (lang: string): Language => {
    let found = languages.get(lang);
    if (!found) {
      found = lang === SOURCE_LANGUAGE ? english() : languageFrom(readCatalogues(settings.dataDir), lang);
      languages.set(lang, found);
    }
    return found;
  };
  for (const [name, fn] of Object.entries(translationFilters(languageOf))) config.addFilter(name, fn);
  const onPage = options.onPage;
  if (onPage) {
    config.addTransform("progress", (content: string) => {
      onPage();
      return content;
    });
  }
  config.addTransform("well-formed-xml", wellFormedXml);

  config.addPassthroughCopy({ [path.join(TEMPLATES, "assets/static")]: "assets" });
  config.addPassthroughCopy(fonts.files);
  config.addWatchTarget(settings.dataDir);
  // Pictures of the data folder (e.g. the logos) at /images/, and the documents the events link to at /documents/: those validation checked.
  // Photos are published only as their processed copies (under /photos/), without the metadata their files carry.
  config.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const { data: dataSet, site } = await data();
    const { pictures, documents } = dataSet;
    const { published, encoded } = await photos();
    await Promise.all([
      // The released PDFs the data folder keeps stay published at their dated addresses (src/report/corrigenda.ts).
      copyDataFiles([...pictures.filter((p) => !published.originals.has(p.path)), ...documents, ...releasedPdfs(dataSet, site)], directories.output),
      writePhotoFiles(published.files, directories.output),
    ]);
    if (published.files.length > 0) options.onPhotos?.({ files: new Set(published.files.map((f) => f.url)).size, encoded: encoded() });
  });
  config.addPlugin(HtmlBasePlugin);
  config.addPlugin(rssPlugin);
}

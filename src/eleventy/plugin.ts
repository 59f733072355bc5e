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
import { photoCacheFor, photoProcessor, writePhotoFiles } from "../pictures/photo-processor.ts";
import { FLOW_PAGE } from "../report/parts.ts";
import type { SiteModel } from "../report/model.ts";
import { alternatesOf } from "../report/alternates.ts";
import { siteModels } from "../report/languages.ts";
import { TEMPLATES, type Settings } from "../settings.ts";
import type { EleventyConfig } from "./config-types.ts";
import { filters } from "./filters.ts";
import { translationFilters } from "./i18n.ts";
import { english, languageFrom, readCatalogues } from "../data/languages/catalogues.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import type { Language } from "../format/language.ts";
import { copyDataFiles } from "./data-files.ts";
import { releasedPdfs } from "../report/corrigenda.ts";
import { photosIn, publishPhotos, type PublishedPhotos, type SitePhotos } from "./shown-photos.ts";
import { languageLinks } from "./languages.ts";
import { CONTENT_SECURITY_POLICY } from "./security.ts";
import { wellFormedXml } from "./xml.ts";

export { TEMPLATES };

export interface ReportPluginOptions {
  readonly settings: Settings;
  /**
   * The validated data and its models, English's first and then each further language's (siteModels), when the
   * caller has them already (the build, the preview); else read from `settings.dataDir` at each build.
   */
  readonly data?: { readonly data: DataSet; readonly sites: readonly SiteModel[] };
  /** Called as each page is written, for a progress display. */
  readonly onPage?: () => void;
  /** The folder that keeps the processed photos between builds; by default the one of `settings.outputDir` (photoCacheFor). The build names the one of its output folder, not of its staging folder. */
  readonly photoCache?: string;
  /** Called once the photos are processed and written: how many copies were published, and how many of them had to be encoded (none on a rebuild with the same photos). */
  readonly onPhotos?: (counts: { readonly files: number; readonly encoded: number }) => void;
}

/** What templates get as `site`: the model, with its pictures drawn and its photos processed. */
export type SiteData = ReturnType<typeof drawPictures> & { readonly photos: SitePhotos };

/** A language's words and formats, by its tag: the project's catalogues and the data folder's, read once per plugin. */
function languagesOf(dataDir: string): (lang: string) => Language {
  const languages = new Map<string, Language>();
  return (lang) => {
    let found = languages.get(lang);
    if (!found) {
      found = lang === SOURCE_LANGUAGE ? english() : languageFrom(readCatalogues(dataDir), lang);
      languages.set(lang, found);
    }
    return found;
  };
}

/** The data and the models of a build: the ones given, or the data folder read again (Eleventy on its own, whose watch mode builds again and again). */
async function dataOf(options: ReportPluginOptions, languageOf: (lang: string) => Language): Promise<{ data: DataSet; sites: readonly SiteModel[] }> {
  if (options.data) return options.data;
  const { data } = await loadDataOrThrow(options.settings.dataDir);
  return { data, sites: siteModels(data, { year: options.settings.year, languageOf }) };
}

export function reportPlugin(config: EleventyConfig, options: ReportPluginOptions): void {
  const { settings } = options;
  const fonts = fontAssets();
  const languageOf = languagesOf(settings.dataDir);
  // Read once per build, by the first template that asks, and shared with the pictures copied after it.
  let current: Promise<{ data: DataSet; sites: readonly SiteModel[] }> | undefined;
  const data = () => (current ??= dataOf(options, languageOf));
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

  // Each language's model with its pictures drawn and its photos, once per build: `sites` (English first), `siteIn`
  // by language, and `site`, English's, for the pages of English alone (the 404 page, the open data, the sitemap).
  // The pages of every language are paginated from `pages`; each page's data file takes its `site` and `lang` from it.
  let shown: Promise<SiteData[]> | undefined;
  const sites = () => (shown ??= Promise.all([data(), photos()]).then(([{ data: dataSet, sites: models }, { published }]) =>
    models.map((site, i) => ({ ...drawPictures(site), photos: i === 0 ? published.shown : photosIn(published.shown, dataIn(dataSet, site.lang), site.urls) }))));
  config.on("eleventy.before", () => {
    shown = undefined;
  });
  config.addGlobalData("sites", sites);
  config.addGlobalData("siteIn", async () => Object.fromEntries((await sites()).map((site) => [site.lang, site])));
  config.addGlobalData("site", async () => (await sites())[0]!);
  config.addGlobalData("pages", async () => {
    const all = await sites();
    return {
      reports: all.flatMap((site) => site.reports),
      events: all.flatMap((site) => site.events),
      hubs: all.flatMap((site) => site.hubs),
      hubIndexes: all.flatMap((site) => site.hubIndexes),
    };
  });
  config.addGlobalData("languages", async () => languageLinks(alternatesOf((await data()).sites)));
  config.addGlobalData("fontFaces", fonts.css);
  config.addGlobalData("withPdf", settings.pdf);
  config.addGlobalData("flowPage", FLOW_PAGE);
  config.addGlobalData("pathPrefix", settings.pathPrefix);
  config.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);
  // The language a page is rendered in: the working language, unless its data file takes its page's; each template passes it on explicitly.
  config.addGlobalData("lang", SOURCE_LANGUAGE);
  for (const [name, fn] of Object.entries(filters)) config.addFilter(name, fn);
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
    const { data: dataSet, sites: models } = await data();
    const { pictures, documents } = dataSet;
    const { published, encoded } = await photos();
    await Promise.all([
      // The released PDFs the data folder keeps, of every language, stay published at their dated addresses (src/report/corrigenda.ts).
      copyDataFiles([...pictures.filter((p) => !published.originals.has(p.path)), ...documents, ...releasedPdfs(dataSet, models)], directories.output),
      writePhotoFiles(published.files, directories.output),
    ]);
    if (published.files.length > 0) options.onPhotos?.({ files: new Set(published.files.map((f) => f.url)).size, encoded: encoded() });
  });
  config.addPlugin(HtmlBasePlugin);
  config.addPlugin(rssPlugin);
}

// Eleventy wiring only: data, filters and assets all live in src/.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import { fontAssets } from "./src/assets/fonts.ts";
import type { EleventyConfig } from "./src/eleventy/config-types.ts";
import { filters } from "./src/eleventy/filters.ts";
import { copyPictures } from "./src/eleventy/pictures.ts";
import { countPage } from "./src/eleventy/progress.ts";
import { CONTENT_SECURITY_POLICY } from "./src/eleventy/security.ts";
import { siteData } from "./src/eleventy/site-data.ts";
import { wellFormedXml } from "./src/eleventy/xml.ts";
import { readSettings } from "./src/settings.ts";

// Absolute, so that the build works from any working directory.
const root = path.dirname(fileURLToPath(import.meta.url));

export default function configure(config: EleventyConfig) {
  const settings = readSettings();
  const fonts = fontAssets();

  config.addGlobalData("site", () => siteData(settings));
  config.addGlobalData("fontFaces", fonts.css);
  config.addGlobalData("withPdf", settings.pdf);
  config.addGlobalData("pathPrefix", settings.pathPrefix);
  config.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);
  for (const [name, fn] of Object.entries(filters)) config.addFilter(name, fn);
  config.addTransform("progress", countPage);
  config.addTransform("well-formed-xml", wellFormedXml);

  config.addPassthroughCopy({ [path.join(root, "templates/assets/static")]: "assets" });
  config.addPassthroughCopy(fonts.files);
  config.addWatchTarget(settings.dataDir);
  config.addPlugin(HtmlBasePlugin);
  // Pictures of the data folder (e.g. the logo), at /images/.
  config.on("eleventy.after", ({ directories }: { directories: { output: string } }) => copyPictures(settings.dataDir, directories.output));
  config.addPlugin(rssPlugin);

  return {
    dir: { input: path.join(root, "templates"), includes: "_includes", data: "_eleventy", output: settings.outputDir },
    pathPrefix: settings.pathPrefix,
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}

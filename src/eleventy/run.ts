/** One Eleventy run of the report through Eleventy's programmatic API, with the report's plugin and no configuration file. */
import type { EleventyConfig } from "./config-types.ts";
import { reportPlugin, type ReportPluginOptions } from "./plugin.ts";

/** Renders the site into `options.settings.outputDir`; resolves to the number of HTML pages written. */
export async function runEleventy(options: ReportPluginOptions): Promise<number> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  // A run of its own each time (also for the live preview): nothing is kept from an earlier one, and errors are thrown, not logged.
  const eleventy = new Eleventy(undefined, options.settings.outputDir, {
    // An empty path is Eleventy's way of reading no configuration file: the plugin is the configuration.
    configPath: "",
    quietMode: true,
    pathPrefix: options.settings.pathPrefix,
    config: (config: EleventyConfig) => reportPlugin(config, options),
  });
  eleventy.disableLogger();
  const [, templates] = (await eleventy.write()) as [unknown, { outputPath: string | false }[]];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
}

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
  const [, templates] = (await withEleventyRejections(() => eleventy.write())) as [unknown, { outputPath: string | false }[]];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
}

/** Eleventy's errors carry their cause as `originalError`; its copy of passthrough files fails as one of these. */
const isEleventyError = (reason: unknown): boolean => reason instanceof Error && /^Eleventy|^TemplatePassthrough/.test(reason.constructor.name);

/** Whether the listener of withEleventyRejections is in place: once, for the rest of the process. */
let listening = false;

/**
 * Runs `write` with Eleventy's rejections that no one awaits caught. Eleventy 3.1 starts
 * copying the passthrough files, then awaits the template map before it attaches a handler to
 * that copy, and attaches none when the templates fail first: a copy that fails meanwhile or
 * afterwards (a full disk) is an unhandled rejection, which would end the process with a stack
 * trace and leave the build's lock and staging folder behind. Such a rejection is awaited by
 * the write, or the write has already failed of another error: either way the write's own
 * outcome is what the build reports. The listener stays for the rest of the process, since a
 * copy may fail after the write has settled; any other unhandled rejection is thrown on.
 */
export async function withEleventyRejections<T>(write: () => Promise<T>): Promise<T> {
  if (!listening) {
    process.on("unhandledRejection", (reason: unknown) => {
      if (!isEleventyError(reason)) throw reason;
    });
    listening = true;
  }
  return write();
}

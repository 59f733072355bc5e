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

/**
 * Runs `write` while catching the rejections of Eleventy's that no one awaits yet. Eleventy 3.1
 * starts copying the passthrough files, then awaits the template map before it attaches a handler
 * to that copy: a copy that fails meanwhile (a full disk) is an unhandled rejection, which ends
 * the process with a stack trace and leaves the build's lock and staging folder behind. Such a
 * rejection is awaited later, or the write fails of another error: either way `write` settles,
 * and its own outcome is what the build reports. Any other unhandled rejection is thrown on.
 */
export async function withEleventyRejections<T>(write: () => Promise<T>): Promise<T> {
  const listener = (reason: unknown) => {
    if (!isEleventyError(reason)) throw reason;
  };
  process.on("unhandledRejection", listener);
  try {
    return await write();
  } finally {
    process.off("unhandledRejection", listener);
  }
}

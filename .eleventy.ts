// For `npm run eleventy` (Eleventy on its own): the report's plugin, with settings from the environment.
// The build and the preview run Eleventy through its API with the same plugin (src/build.ts).
import type { EleventyConfig } from "./src/eleventy/config-types.ts";
import { reportPlugin } from "./src/eleventy/plugin.ts";
import { readSettings } from "./src/settings.ts";

export default function configure(config: EleventyConfig) {
  const settings = readSettings();
  reportPlugin(config, { settings });
  return { pathPrefix: settings.pathPrefix };
}

/** The part of Eleventy's configuration API that the report's plugin uses (Eleventy ships no TypeScript types). */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  addTransform(name: string, fn: (content: string) => string): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  on(event: string, listener: (...args: never[]) => unknown): void;
  setInputDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  setTemplateFormats(formats: readonly string[]): void;
}

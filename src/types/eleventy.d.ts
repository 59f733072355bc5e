// Eleventy ships JavaScript without declarations; this types the part the project calls.
declare module "@11ty/eleventy" {
  export const HtmlBasePlugin: unknown;
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: {
      /** An empty path reads no configuration file. */
      configPath?: string;
      quietMode?: boolean;
      source?: string;
      runMode?: string;
      pathPrefix?: string;
      /** The configuration, in place of a configuration file's. */
      config?: (config: never) => unknown;
    });
    write(): Promise<unknown>;
    init(): Promise<void>;
    setIsVerbose(verbose: boolean): void;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  export const rssPlugin: unknown;
}

declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}

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

declare module "@11ty/eleventy-img" {
  import type { Sharp } from "sharp";
  /** One output file, as eleventy-img describes it; `buffer` is set with `dryRun`. */
  export interface ImageFile {
    format: string;
    width: number;
    height: number;
    url: string;
    filename?: string;
    outputPath?: string;
    size?: number;
    buffer?: Buffer;
  }
  export interface ImageOptions {
    widths?: (number | "auto" | null)[];
    formats?: string[];
    urlPath?: string;
    outputDir?: string;
    dryRun?: boolean;
    fixOrientation?: boolean;
    useCache?: boolean;
    /** Called once for each output it encodes (not for one found in its cache). */
    transform?: (image: Sharp) => void | Promise<void>;
    sharpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    [option: string]: unknown;
  }
  /** The output files by format, each list ascending by width. */
  function Image(src: string | Buffer, options?: ImageOptions): Promise<Record<string, ImageFile[]>>;
  namespace Image {
    let concurrency: number;
  }
  export default Image;
}

/** The parts of `xliff` (XLIFF 1.2 ⇄ JS) the translation files use; the package ships no types. */
declare module "xliff/jsToXliff12" {
  import type { XliffJs } from "xliff";
  export default function jsToXliff12(js: XliffJs, options?: { indent?: string; xmlLangAttr?: boolean }): Promise<string>;
}
declare module "xliff/xliff12ToJs" {
  import type { XliffJs } from "xliff";
  export default function xliff12ToJs(xml: string, options?: { captureSpacesBetweenElements?: boolean }): Promise<XliffJs>;
}
declare module "xliff" {
  export interface XliffUnit {
    source?: unknown;
    target?: unknown;
    note?: unknown;
    additionalAttributes?: Record<string, string>;
  }
  export interface XliffJs {
    resources: Record<string, Record<string, XliffUnit>>;
    sourceLanguage?: string;
    targetLanguage?: string;
  }
}

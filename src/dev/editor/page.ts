/**
 * The editor's pages at /admin/ of the live preview: its page, its
 * configuration (config.ts, made anew for each request from the data
 * folder's ids), its own script (client.js) and Decap CMS itself, from the
 * npm package decap-cms: nothing is loaded from elsewhere, which the page's
 * Content-Security-Policy also says.
 */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { definitionsOf, termsOf } from "../../data/contract/json-schema.ts";
import { readReferenceFiles } from "../../data/read.ts";
import { PROJECT_ROOT } from "../../settings.ts";
import type { Reply } from "../server.ts";
import { editorConfigYaml } from "./config.ts";
import { editorLanguages } from "./i18n.ts";
import { siteTexts } from "./translation-forms.ts";

/** The editor's folder in the site, below the path prefix. */
export const EDITOR_FOLDER = "admin";

export const CLIENT = path.join(PROJECT_ROOT, "src/dev/editor/client.js");
export const DECAP = path.join(path.dirname(createRequire(import.meta.url).resolve("decap-cms/package.json")), "dist");

/** The files of Decap's bundle that are served: its scripts, style and WebAssembly, not its source maps. */
let decapFiles: ReadonlySet<string> | undefined;
export const servedDecapFiles = () => (decapFiles ??= new Set(readdirSync(DECAP).filter((f) => /^[\w.-]+\.(?:js|css|wasm)$/.test(f) && !f.startsWith("cms."))));

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm" };

/**
 * What the page may load: only this server. Decap compiles its configuration's schema with
 * `new Function` (ajv), and its styles are written by script (emotion); pictures are shown from blobs,
 * which it also reads back to keep a draft's media in the browser's own storage.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The published editor's policy: the same, with the Git host's API (and its users' pictures) besides this site. */
function publishedPolicy(api: string): string {
  return CSP.replace("connect-src 'self' blob:", `connect-src 'self' blob: ${api}`).replace("img-src 'self' blob: data:", "img-src 'self' blob: data: https:");
}

/**
 * The editor's page. `published`: on the published site, whose static host sends no headers of
 * ours, the page's policy is in the page itself and names the Git host's API as well; there the
 * editor's script adds no preview of its own (the live preview is not there).
 */
export function indexPage(published?: { readonly api: string }): string {
  const policy = published ? publishedPolicy(published.api) : undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${policy ? `<meta http-equiv="Content-Security-Policy" content="${policy}">\n<meta name="activity-report-editor" content="published">\n` : ""}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor of the activity report</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="icon" href="data:,">
<style>
label[for] > span:last-child { display: none }
/* check's messages under a field: as check prints them (Decap writes its own in capitals), file names legible. */
ul[class*="ControlErrorsList"] { text-transform: none; text-align: start; overflow-wrap: anywhere }
/* Under a text of another language's form, the English it translates. */
.english-text { margin: 6px 0 0; font-size: 13px; line-height: 1.45; color: #444; white-space: pre-wrap; overflow-wrap: anywhere }
.english-text > span { font-weight: 600 }
/* The form of the second language, on the right: as wide as its half of the window, clear of the buttons at its right edge. */
.Pane2 { min-width: 0 }
.Pane2 > [class*="ControlPaneContainer"] { padding-inline-end: 60px }
</style>
</head>
<body>
<script src="editor.js"></script>
<script src="decap/decap-cms.js"></script>
</body>
</html>
`;
}

export interface EditorPagesOptions {
  readonly dataDir: string;
  /** The site's path prefix: `/` or `/reports/`. */
  readonly pathPrefix: string;
}

/** The answer to a GET of the editor's folder (`segments` below it), or undefined for what it does not have. */
export async function editorPage(segments: readonly string[], directory: boolean, options: EditorPagesOptions): Promise<Reply | undefined> {
  const html = (body: string): Reply => ({ status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": CSP }, body });
  if (segments.length === 0) return directory ? html(indexPage()) : { status: 301, headers: { Location: `${options.pathPrefix}${EDITOR_FOLDER}/` }, body: "" };
  const [name, file, ...rest] = segments;
  if (rest.length > 0 || directory) return undefined;
  if (name === "config.yml" && file === undefined) {
    const files = await readReferenceFiles(options.dataDir, []);
    const terms = termsOf(definitionsOf(files));
    const languages = editorLanguages((files.report.value ?? files.report.fields)?.editions);
    const body = editorConfigYaml({ terms, proxyUrl: `${options.pathPrefix}${EDITOR_FOLDER}/api/v1`, languages, texts: siteTexts(path.resolve(options.dataDir), files) });
    return { status: 200, headers: { "Content-Type": "text/yaml; charset=utf-8" }, body };
  }
  if (name === "editor.js" && file === undefined) return { status: 200, headers: { "Content-Type": TYPES[".js"]! }, body: await readFile(CLIENT) };
  if (name === "decap" && file !== undefined && servedDecapFiles().has(file)) {
    return { status: 200, headers: { "Content-Type": TYPES[path.extname(file)]!, "Cache-Control": "no-cache" }, body: await readFile(path.join(DECAP, file)) };
  }
  return undefined;
}

/**
 * The style sheets are written in logical directions (margin-inline-start, text-align: end, float: inline-end…),
 * so that a page in a language written right to left mirrors as a whole: no physical left or right where a line's
 * start or end is meant. What is read: every style sheet of the templates (.css, .njk), the <style> elements and
 * style attributes of the templates, and the CSS that src/ writes (in <style> elements of its strings, in what it
 * gives Puppeteer's addStyleTag, and in the editor's inline styles).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.ts";

interface Finding {
  readonly line: number;
  /** The declaration or at-rule, as written. */
  readonly text: string;
  readonly why: string;
}

/** `text` with each match of `pattern` made blank, keeping its line breaks, so that offsets and lines stay. */
const blank = (text: string, pattern: RegExp) => text.replace(pattern, (m) => m.replace(/[^\n]/g, " "));

/** Values of properties that set the four sides in the order top, right, bottom, left. */
const FOUR_SIDES = new Set(["margin", "padding", "inset", "border-width", "border-style", "border-color", "scroll-margin", "scroll-padding"]);

/** A value's parts at the top level: `calc(1px + 2px) 0` is two. */
function parts(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of value.trim()) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (/\s/.test(char) && depth === 0) {
      if (current) out.push(current);
      current = "";
    } else current += char;
  }
  if (current) out.push(current);
  return out;
}

/** Whether a value of four sides (or of four corners) is the same mirrored: left as right, top-left as top-right. */
function mirrored(property: string, value: string): boolean {
  if (property === "border-radius") {
    return value.split("/").every((half) => {
      const [a, b = a, c = a, d = b] = parts(half);
      return a === b && c === d;
    });
  }
  const [, right, , left = right] = parts(value);
  return right === left;
}

/** The physical left and right sides written in a piece of CSS, each with its line (1-based). */
export function physicalSides(css: string): Finding[] {
  // Comments, strings and addresses say nothing of layout.
  const code = blank(blank(blank(css, /\/\*[\s\S]*?\*\//g), /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g), /url\([^)]*\)/g);
  const lineOf = (offset: number) => code.slice(0, offset).split("\n").length;
  const found: Finding[] = [];
  // A page's margin boxes and its left and right pages are named by their physical side: CSS has no logical names for them.
  for (const m of code.matchAll(/@(?:top|bottom)-(?:left|right)(?:-corner)?\b|@(?:left|right)-(?:top|middle|bottom)\b|@page[^{]*:(?:left|right)\b/g)) {
    found.push({ line: lineOf(m.index), text: m[0], why: "a page's physical side" });
  }
  // A declaration follows { or ; and ends at ; or }: a selector's pseudo-class (a:hover {) is none.
  for (const m of code.matchAll(/(?<=[{;]\s*)([-a-zA-Z]+)\s*:\s*([^;{}]*?)\s*(?=[;}])/g)) {
    const [text, name, value] = m as unknown as [string, string, string];
    const property = name.toLowerCase();
    let why: string | undefined;
    if (/(^|-)(left|right)(-|$)/.test(property)) why = "a physical property";
    else if (/\b(left|right)\b/i.test(value)) why = "a physical value";
    else if ((FOUR_SIDES.has(property) || property === "border-radius") && !mirrored(property, value)) why = "different left and right sides";
    if (why) found.push({ line: lineOf(m.index), text: text.trim(), why });
  }
  return found.sort((a, b) => a.line - b.line);
}

/** A piece of CSS in a file, and the line it starts on. */
interface Piece {
  readonly line: number;
  readonly css: string;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** The CSS of a template: a style sheet whole (after its front matter), else its <style> elements and style attributes. */
function templateCss(file: string, text: string): Piece[] {
  if (file.startsWith("assets/")) return [{ line: 1, css: blank(text, /^---\n[\s\S]*?\n---\n/) }];
  return [...text.matchAll(/<style>([\s\S]*?)<\/style>|\sstyle="([^"]*)"/g)].map((m) =>
    m[1] !== undefined ? { line: lineAt(text, m.index), css: m[1] } : { line: lineAt(text, m.index), css: `{${m[2]!}}` });
}

/** The CSS that a module of src/ writes: <style> elements in its strings, addStyleTag's content, the editor's inline styles (React's, in camelCase). */
function sourceCss(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const m of text.matchAll(/<style>([\s\S]*?)<\/style>/g)) pieces.push({ line: lineAt(text, m.index), css: m[1]! });
  for (const m of text.matchAll(/addStyleTag\(\{\s*content:\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g)) pieces.push({ line: lineAt(text, m.index), css: m[2]! });
  for (const m of text.matchAll(/style:\s*\{([^{}]*)\}/g)) {
    const declarations = [...m[1]!.matchAll(/(\w+):\s*("[^"]*"|'[^']*'|[\w.]+)/g)].map(([, key, value]) => `${key!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value!.replace(/^["']|["']$/g, "")};`);
    pieces.push({ line: lineAt(text, m.index), css: `{ ${declarations.join(" ")} }` });
  }
  return pieces;
}

/** The findings of pieces of CSS, on the lines of their file. */
const findings = (pieces: readonly Piece[]): Finding[] => pieces.flatMap((p) => physicalSides(p.css).map((f) => ({ ...f, line: p.line + f.line - 1 })));

const files = (dir: string, pattern: RegExp) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .map((f) => `${dir}/${f.split(path.sep).join("/")}`)
    .filter((f) => pattern.test(f))
    .sort();

/** Every piece of CSS of the project, by file. */
function allCss(): Map<string, Piece[]> {
  const out = new Map<string, Piece[]>();
  for (const file of files("templates", /\.(css|njk)$/)) out.set(file, templateCss(file.slice("templates/".length), readFileSync(path.join(ROOT, file), "utf8")));
  for (const file of [...files("src", /\.(ts|js)$/), ...files("templates", /\.js$/)]) out.set(file, sourceCss(readFileSync(path.join(ROOT, file), "utf8")));
  return out;
}

/**
 * Where a physical side is meant, each with why: file, and the declaration or at-rule as written.
 * Each is checked to be still there, so that none outlives its reason.
 */
const ALLOWED: readonly { readonly file: string; readonly text: string; readonly why: string }[] = [
  // The running header's boxes, styled alike; the print page puts the header's start into the box where lines start (print.njk).
  { file: "templates/assets/static/print.css", text: "@top-left", why: "a page's margin boxes have physical names only" },
  { file: "templates/assets/static/print.css", text: "@top-right", why: "a page's margin boxes have physical names only" },
];

describe("physicalSides", () => {
  it("finds the physical properties, values and sides that a logical one should replace, on their lines", () => {
    const css = [
      ".a { margin-left: 1rem; padding-right: 2px; border-left: 1px solid; border-top-right-radius: 2px; }",
      ".b { position: absolute; left: 0; right: 0 }",
      ".c { text-align: left; float: right; clear: left; background: url(x.png) no-repeat right top; }",
      ".d { margin: 1px 2px 3px 4px; padding: 0 1rem 0 0; inset: 0 auto 0 0; border-radius: 0 4px; }",
      "@page { @top-left { content: 'left'; } @bottom-right-corner { content: none } }",
      "@page :left { margin: 0 }",
    ].join("\n");
    expect(physicalSides(css).map((f) => `${f.line} ${f.text}`)).toEqual([
      "1 margin-left: 1rem", "1 padding-right: 2px", "1 border-left: 1px solid", "1 border-top-right-radius: 2px",
      "2 left: 0", "2 right: 0",
      "3 text-align: left", "3 float: right", "3 clear: left", `3 background: ${" ".repeat(10)} no-repeat right top`,
      "4 margin: 1px 2px 3px 4px", "4 padding: 0 1rem 0 0", "4 inset: 0 auto 0 0", "4 border-radius: 0 4px",
      "5 @top-left", "5 @bottom-right-corner",
      "6 @page :left",
    ]);
  });

  it("leaves alone what is logical or the same on both sides, and left and right in comments, strings, selectors and names", () => {
    const css = [
      "/* the left column */ .left-column:hover { margin-inline-start: 1rem; padding-inline: 2px; border-inline-end: 1px solid; }",
      ".a { inset-inline: 0; text-align: start; float: inline-end; clear: inline-start; content: \"right\"; }",
      ".b { margin: 1px 2px 3px 2px; padding: 0 1rem; margin: 0 auto; border-radius: 4px 4px 0 0; border-start-end-radius: 2px; }",
      "@media (max-width: 40rem) { .c { top: 0; text-align: center; justify-content: space-between } }",
    ].join("\n");
    expect(physicalSides(css)).toEqual([]);
  });

  it("reads the CSS of templates and of modules where it is, on its own lines", () => {
    expect(findings(templateCss("x.njk", '<p>left</p>\n<style>\n.a { right: 0; }\n</style>\n<div style="float: left">'))).toEqual([
      { line: 3, text: "right: 0", why: "a physical property" },
      { line: 5, text: "float: left", why: "a physical value" },
    ]);
    const source = 'const left = 1;\nconst page = `<style>.a{margin-left:0}</style>`;\npage.addStyleTag({ content: "b { text-align: right }" });\nh("p", { style: { paddingRight: "2rem", width: "100%" } });';
    expect(findings(sourceCss(source)).map((f) => `${f.line} ${f.text}`)).toEqual(["2 margin-left:0", "3 text-align: right", "4 padding-right: 2rem"]);
  });
});

describe("the project's style sheets", () => {
  const css = allCss();

  it("are read: the web's and the print's, the templates' and the modules' own", () => {
    for (const file of ["templates/assets/static/site.css", "templates/assets/static/print.css", "templates/_includes/pages/print.njk", "src/dev/editor/page.ts", "src/dev/editor/client.js", "src/dev/preview.ts", "src/pdf/print.ts"]) {
      expect(css.get(file)?.map((p) => p.css).join(" "), file).toMatch(/[a-z]\s*:\s*\S/);
    }
  });

  it("write a line's start and end, not left and right, except where a physical side is meant", () => {
    const found = [...css].flatMap(([file, pieces]) => findings(pieces).map((f) => ({ file, ...f })));
    const allowed = (f: { file: string; text: string }) => ALLOWED.some((a) => a.file === f.file && a.text === f.text);
    expect(found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: ${f.text} (${f.why})`)).toEqual([]);
    expect(ALLOWED.filter((a) => !found.some((f) => f.file === a.file && f.text === a.text))).toEqual([]);
  });
});

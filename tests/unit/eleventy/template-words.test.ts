/**
 * Every word the templates print comes from the catalogue: no English written into a template, its data files or
 * its style sheets, and every key a template names is in the English catalogue.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCatalogue } from "../../../src/format/messages.ts";
import { ROOT } from "../../helpers/data.ts";

const TEMPLATES = path.join(ROOT, "templates");
const files = readdirSync(TEMPLATES, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/")).sort();
const read = (file: string) => readFileSync(path.join(TEMPLATES, file), "utf8");
const english = parseCatalogue(readFileSync(path.join(ROOT, "locales/en.yaml"), "utf8"), "locales/en.yaml", "en").catalogue;

/**
 * Text that is no sentence of any language, allowed in a text node: "PDF", the format's name, which the link to a
 * report's file prints after its words ("Download the report (PDF, 12 pages…)") as every language writes it.
 */
const ALLOWED_TEXT = new Set(["PDF"]);

/** A catalogue key, as templates name them: `site.nav.reports` (a template's name, `components.njk`, is none). */
const KEY = /^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/**
 * Words in a string of an expression: a capitalised word or two words in a row. Single lower-case words are the
 * values templates compare and select with (`held`, `both`), class names and paths, which are no text.
 */
const WORDS = /\b[A-Z][a-z]+\b|\b[A-Za-z]{2,} +[A-Za-z]{2,}\b/;

function problemsOf(file: string, text: string): string[] {
  const problems: string[] = [];
  let body = text;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    for (const line of front[1]!.split("\n")) {
      const value = /^\s*(title|description):\s*(.+)$/.exec(line);
      if (value && !value[2]!.includes("{{")) problems.push(`${file}: front matter ${value[1]}: ${value[2]}`);
    }
    body = body.slice(front[0].length);
  }
  body = body.replace(/\{#[\s\S]*?#\}/g, "").replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<script>[\s\S]*?<\/script>/g, "");
  for (const [expression] of body.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g)) {
    for (const [, , literal] of expression.matchAll(/(["'])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
      if (KEY.test(literal!) && !literal!.endsWith(".njk")) {
        if (!english.messages.has(literal!)) problems.push(`${file}: the key "${literal}" is not in locales/en.yaml`);
      } else if (WORDS.test(literal!)) {
        problems.push(`${file}: words in an expression: "${literal}"`);
      }
    }
  }
  const markup = body.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, "");
  for (const [, name, value] of markup.matchAll(/\s(aria-label|title|alt|data-label|data-empty|placeholder|label)="([^"]*)"/g)) {
    if (/[A-Za-z]{2,}/.test(value!)) problems.push(`${file}: ${name}="${value}"`);
  }
  const textNodes = markup.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, " ").replace(/&[#\w]+;/g, " ");
  for (const [word] of textNodes.matchAll(/[A-Za-z]{2,}/g)) {
    if (!ALLOWED_TEXT.has(word)) problems.push(`${file}: text "${word}"`);
  }
  return problems;
}

describe("templates", () => {
  it("print no word that is not in the catalogue", () => {
    const problems = files.filter((f) => f.endsWith(".njk") && !f.startsWith("assets/")).flatMap((f) => problemsOf(f, read(f)));
    expect(problems).toEqual([]);
  });

  it("compute no sentence in their data files", () => {
    const problems = files.filter((f) => f.endsWith(".11tydata.js")).flatMap((f) => {
      const code = read(f).replace(/\/\/.*$/gm, "");
      return [...code.matchAll(/`([^`]*)`|"([^"]*)"/g)]
        .map((m) => (m[1] ?? m[2])!.replace(/\$\{[^}]*\}/g, ""))
        .filter((literal) => !KEY.test(literal) && WORDS.test(literal))
        .map((literal) => `${f}: "${literal}"`);
    });
    expect(problems).toEqual([]);
  });

  it("have style sheets that generate no words", () => {
    const problems = files.filter((f) => f.endsWith(".css") || f.endsWith(".css.njk")).flatMap((f) =>
      [...read(f).replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/content:\s*("[^"]*"|'[^']*')/g)].filter((m) => /[A-Za-z]{2,}/.test(m[1]!)).map((m) => `${f}: content: ${m[1]}`));
    expect(problems).toEqual([]);
  });

  it("finds what it looks for", () => {
    expect(problemsOf("x.njk", '---\ntitle: About\n---\n<p>Hello {{ "nav.none" | t(lang) }}</p><a aria-label="Main">{{ "Strands" if x }}</a>')).toEqual([
      "x.njk: front matter title: About",
      'x.njk: the key "nav.none" is not in locales/en.yaml',
      'x.njk: words in an expression: "Strands"',
      'x.njk: aria-label="Main"',
      'x.njk: text "Hello"',
    ]);
    expect(problemsOf("x.njk", '<p>{{ "site.nav.reports" | t(lang) }} · {{ x | join(", ") }} (PDF)</p>{# Some comment #}')).toEqual([]);
  });
});

/**
 * The catalogues of the report's words: the project's, in locales/<lang>.yaml
 * (English, the reference, and the languages the project ships), and a data
 * folder's own, in <data>/locales/<lang>.yaml. A data folder may so bring a
 * language the project does not ship, or change some of a shipped language's
 * messages, key by key, with no change to the code. English is the project's
 * alone: it is the reference every other catalogue is checked against.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { language, type Language } from "../../format/language.ts";
import { SOURCE_LANGUAGE, isLanguageTag } from "../../format/locale.ts";
import { compileMessages, parseCatalogue, translationProblems, type Catalogue, type CatalogueProblem } from "../../format/messages.ts";
import { PROJECT_ROOT } from "../../settings.ts";
import type { Diagnostic } from "../diagnostics.ts";

/** The project's catalogues. */
export const PROJECT_LOCALES = path.join(PROJECT_ROOT, "locales");

/** A catalogue's file name: its language tag, `.yaml`. */
const CATALOGUE_FILE = /^(.+)\.yaml$/;

/** Each catalogue file as last parsed, by path: parsed again only when its text has changed (check and the build read the project's twice). */
const parsed = new Map<string, { readonly text: string; readonly result: ReturnType<typeof parseCatalogue> }>();

function parseFile(file: string, lang: string): ReturnType<typeof parseCatalogue> {
  const text = readFileSync(file, "utf8");
  const known = parsed.get(file);
  if (known && known.text === text && known.result.catalogue.lang === lang) return known.result;
  const result = parseCatalogue(text, file, lang);
  parsed.set(file, { text, result });
  return result;
}

function readFolder(dir: string, own = false): { catalogues: Catalogue[]; problems: CatalogueProblem[] } {
  if (!existsSync(dir)) return { catalogues: [], problems: [] };
  const catalogues: Catalogue[] = [];
  const problems: CatalogueProblem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const match = CATALOGUE_FILE.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const lang = match[1]!;
    if (!isLanguageTag(lang)) {
      problems.push({ file, line: 1, col: 1, message: `"${lang}" is not a language tag: name a catalogue by its language, as en.yaml, ru.yaml or pt-BR.yaml` });
      continue;
    }
    if (own && lang === SOURCE_LANGUAGE) {
      problems.push({ file, line: 1, col: 1, message: `English is the report's reference catalogue, which comes with activity-report (locales/${SOURCE_LANGUAGE}.yaml); a data folder brings other languages only: remove ${name}` });
      continue;
    }
    const { catalogue, problems: found } = parseFile(file, lang);
    catalogues.push(catalogue);
    problems.push(...found);
  }
  return { catalogues, problems };
}

/** One language's catalogue: the data folder's messages over the project's, each keeping the place it was written. */
function merged(base: Catalogue | undefined, over: Catalogue): Catalogue {
  if (!base) return over;
  return {
    lang: over.lang,
    file: over.file,
    messages: new Map([...base.messages, ...over.messages]),
    // Worked out when a diagnostic asks for a place (parseCatalogue).
    get groups() { return new Map([...base.groups, ...over.groups]); },
  };
}

export interface Catalogues {
  /** By language; English always. */
  readonly byLanguage: ReadonlyMap<string, Catalogue>;
  /** Unreadable catalogues, messages that do not parse, keys that English lacks, placeholders that disagree: errors. */
  readonly errors: readonly CatalogueProblem[];
  /** Keys a language lacks: warnings (English is printed in their place). */
  readonly missing: readonly CatalogueProblem[];
}

/** Reads the project's catalogues and a data folder's, and compares each language with English. */
export function readCatalogues(dataDir?: string, projectDir = PROJECT_LOCALES): Catalogues {
  const project = readFolder(projectDir);
  const own = dataDir ? readFolder(path.join(dataDir, "locales"), true) : { catalogues: [], problems: [] };
  const byLanguage = new Map<string, Catalogue>();
  for (const c of [...project.catalogues, ...own.catalogues]) byLanguage.set(c.lang, merged(byLanguage.get(c.lang), c));
  const english = byLanguage.get(SOURCE_LANGUAGE);
  if (!english) throw new Error(`the English catalogue ${path.join(projectDir, `${SOURCE_LANGUAGE}.yaml`)} is missing`);
  const errors = [...project.problems, ...own.problems];
  const missing: CatalogueProblem[] = [];
  for (const catalogue of byLanguage.values()) {
    if (catalogue.lang === SOURCE_LANGUAGE) continue;
    for (const problem of translationProblems(english, catalogue)) (/ has no .* text; /.test(problem.message) ? missing : errors).push(problem);
  }
  return { byLanguage, errors, missing };
}

/**
 * The catalogue problems as the command prints them: errors, and a warning per key a language lacks, an error in a
 * language of `finals` (a final edition is published in it, which must print no English).
 */
export function catalogueDiagnostics(catalogues: Catalogues, finals: ReadonlySet<string> = new Set()): Diagnostic[] {
  const diagnostic = (severity: Diagnostic["severity"]) => (p: CatalogueProblem): Diagnostic => ({ severity, file: p.file, line: p.line, col: p.col, message: p.message });
  const missing = catalogues.missing.map((p) => {
    const lang = catalogueLanguage(catalogues, p.file);
    return lang !== undefined && finals.has(lang)
      ? { ...diagnostic("error")(p), message: `${p.message.replace(/; [^;]*$/, "")}; a final edition is published in this language, which must print no English: translate it` }
      : diagnostic("warning")(p);
  });
  return [...catalogues.errors.map(diagnostic("error")), ...missing];
}

/** The language of a catalogue file of `catalogues`. */
function catalogueLanguage(catalogues: Catalogues, file: string): string | undefined {
  for (const c of catalogues.byLanguage.values()) if (c.file === file || path.basename(file) === `${c.lang}.yaml`) return c.lang;
  return undefined;
}

/** A language of the report from the catalogues: its messages, English where it lacks one. */
export function languageFrom(catalogues: Catalogues, lang: string): Language {
  const english = compileMessages(catalogues.byLanguage.get(SOURCE_LANGUAGE)!);
  if (lang === SOURCE_LANGUAGE) return language(english);
  const catalogue = catalogues.byLanguage.get(lang);
  if (!catalogue) throw new Error(`no catalogue for the language "${lang}": add locales/${lang}.yaml`);
  return language(compileMessages(catalogue, english));
}

let projectEnglish: Language | undefined;

/** English from the project's catalogue, read once: the report's language unless another is asked for. */
export function english(): Language {
  if (!projectEnglish) {
    // English alone: a mistake in another language's catalogue is check's to report, and stops no English build.
    const file = path.join(PROJECT_LOCALES, `${SOURCE_LANGUAGE}.yaml`);
    const { catalogue, problems } = parseFile(file, SOURCE_LANGUAGE);
    const first = problems[0];
    if (first) throw new Error(`${first.file}:${first.line}:${first.col}: ${first.message}`);
    projectEnglish = language(compileMessages(catalogue));
  }
  return projectEnglish;
}

import path from "node:path";
import { ReportError } from "../errors.ts";
import { plural } from "../format/text.ts";

export type Severity = "error" | "warning";

/**
 * The kinds of warning that readers of a published report would see (`check --release` refuses a report that has
 * one): the site has no address for its feed and sitemap, a report is undated, a report year has no edition, an
 * adopted document names no language it exists in, an abbreviation no report uses. A translation that is missing
 * or out of date, once reports are published in other languages, is such a kind too: it goes in this list.
 */
export const READER_WARNINGS = ["no-site-url", "undated-edition", "no-edition", "unversioned-document", "unused-abbreviation", "stale-translation"] as const;
export type ReaderWarning = (typeof READER_WARNINGS)[number];

/** One problem in the data, placed at a file, line and column (1-based). */
export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
  /**
   * For a warning that readers would see: its kind, and the report year it concerns when that is not told by its
   * file (an event's file concerns the event's report); without a year, and outside an event file, every report.
   */
  readonly about?: { readonly kind: ReaderWarning; readonly year?: number };
}

/** A file path as editors should see it: relative to where they run the command. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/**
 * What a terminal acts on or a reader cannot see, as messages may quote it from the data: control characters but
 * tab (ESC starts sequences that move the cursor or clear the screen; a line end would start a line that looks
 * like another message), line and paragraph separators, invisible and direction-changing characters, and halves
 * of a character.
 */
const UNPRINTABLE = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u200B\u2028\u2029\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Each such character as the escape that writes it between double quotes in YAML: `\x1B`, `\u202E`. */
const shownAsEscapes = (text: string) =>
  text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });

/** `path:line:col: message`, the form editors' editors and terminals link to; on one line, whatever the data holds. */
export function formatDiagnostic(d: Diagnostic, cwd?: string): string {
  const place = d.line === undefined ? displayPath(d.file, cwd) : `${displayPath(d.file, cwd)}:${d.line}:${d.col ?? 1}`;
  return shownAsEscapes(`${place}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`);
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0),
  );
}

/** `1 error, 2 warnings` */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return `${plural(errors, "error")}, ${plural(diagnostics.length - errors, "warning")}`;
}

/** Thrown when the data has errors; carries every diagnostic, warnings included. Printed as the diagnostics themselves. */
export class DataError extends ReportError {
  override readonly name = "DataError";
  override readonly hint: string;
  constructor(readonly diagnostics: readonly Diagnostic[], hint = "Nothing was written: fix the errors above and build again.") {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `The data has ${errors.length} error${errors.length === 1 ? "" : "s"}:\n` +
        errors.map((d) => formatDiagnostic(d)).join("\n"),
    );
    this.hint = hint;
  }

  override lines(): string[] {
    return [...this.diagnostics.map((d) => formatDiagnostic(d)), countDiagnostics(this.diagnostics)];
  }
}

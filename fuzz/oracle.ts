/**
 * What a fuzz case must show, judged from what `check` and `build` printed and
 * how they ended: no crash, no stack trace, no failure that names no file, an
 * exit code that says the same as the other command's, every problem placed
 * at a line and column that exist in its file.
 */
import path from "node:path";

/** One command run to its end (or not). */
export interface Run {
  /** The exit code; undefined when the command never ended (crash, time limit). */
  readonly code?: number;
  /** The lines it printed on standard output and on standard error. */
  readonly out: readonly string[];
  readonly err: readonly string[];
  /** Whatever else the process wrote while the command ran (libraries writing to the console). */
  readonly raw: string;
  /** The process died, or threw past the command: what it said. */
  readonly crash?: string;
  readonly timedOut?: boolean;
  readonly ms: number;
}

export interface Finding {
  /** A short name of the kind of failure, the same for every case that shows it. */
  readonly kind: string;
  readonly detail: string;
}

export interface CaseContext {
  /** The case's data folder, as the commands were given it (absolute). */
  readonly dataDir: string;
  /** The text of every YAML file of the data folder, by its path there (`events/2019/….yaml`). */
  readonly texts: ReadonlyMap<string, string>;
}

/** A frame of a JavaScript stack trace, or the words of an error that escaped the code that should have said what it means. */
const STACK = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+|\(native\)|\(<anonymous>\))$|^\s*at (async )?[\w.<>$]+ \(|node:internal|file:\/\/\/.*\.[cm]?[jt]s:\d+/m;
const JS_ERROR = /\b(TypeError|RangeError|ReferenceError|InternalError|AggregateError|EvalError)\b|Cannot read propert|is not a function|is not iterable|Maximum call stack|heap out of memory|Invalid string length|Invalid array length/;
/** How the command prints an error that is none of its own: a fault, not a problem it found in the data. */
const UNNAMED = /^activity-report (check|build) failed: /;
/** What a terminal acts on: C0 controls but tab, DEL, C1. */
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F-\x9F]/;
/** `path:line:col: message` or `path: message`, as formatDiagnostic writes them. */
const DIAGNOSTIC = /^(.+?):(\d+):(\d+): (warning: )?/;
const COUNT = /^\d+ errors?, \d+ warnings?$/;
/** A message quoting this much of a value floods the terminal. */
export const LONGEST_LINE = 2000;

export interface Diag {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly warning: boolean;
  readonly text: string;
}

/** The diagnostic a line prints, when it is one of a file in the data folder. */
export function parseDiagnostic(line: string, dataDir: string): Diag | undefined {
  const placed = DIAGNOSTIC.exec(line);
  if (placed && inside(placed[1]!, dataDir)) {
    return { file: placed[1]!, line: Number(placed[2]), col: Number(placed[3]), warning: Boolean(placed[4]), text: line };
  }
  if (line.startsWith(dataDir)) {
    const colon = line.indexOf(": ", dataDir.length);
    if (colon > 0) return { file: line.slice(0, colon), warning: line.startsWith("warning: ", colon + 2), text: line };
  }
  return undefined;
}

const inside = (file: string, dir: string) => {
  const relative = path.relative(dir, path.resolve(file));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

/** Lines of `text` as the data's positions count them: \r\n, \r and \n each end one. */
const linesOf = (text: string) => text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);

function commonFindings(command: string, run: Run, context: CaseContext): Finding[] {
  const findings: Finding[] = [];
  if (run.timedOut) findings.push({ kind: `${command}: did not end`, detail: `still running after ${Math.round(run.ms / 1000)} s` });
  if (run.crash) findings.push({ kind: `${command}: crash`, detail: run.crash.split("\n")[0]! });
  const all = [...run.out, ...run.err];
  const printed = `${all.join("\n")}\n${run.raw}`;
  const stack = STACK.exec(printed);
  if (stack) findings.push({ kind: `${command}: stack trace`, detail: stack[0].trim() });
  const jsError = JS_ERROR.exec(printed);
  if (jsError && !run.crash) findings.push({ kind: `${command}: a JavaScript error shown`, detail: all.find((l) => JS_ERROR.test(l)) ?? jsError[0] });
  for (const line of all) {
    if (UNNAMED.test(line)) findings.push({ kind: `${command}: failure naming no file`, detail: line });
    const control = CONTROL.exec(line);
    if (control) findings.push({ kind: `${command}: raw control character printed`, detail: `U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")} in ${JSON.stringify(line.slice(0, 200))}` });
    if (line.length > LONGEST_LINE) findings.push({ kind: `${command}: a line of thousands of characters`, detail: `${line.length} characters: ${line.slice(0, 160)}…` });
    if (/\[object Object\]|\bundefined\b/.test(line) && ![...context.texts.values()].some((t) => t.includes("undefined"))) {
      findings.push({ kind: `${command}: a message with an unfilled value`, detail: line.slice(0, 300) });
    }
  }
  for (const line of run.err) {
    const d = parseDiagnostic(line, context.dataDir);
    if (!d || d.line === undefined) continue;
    const text = context.texts.get(path.relative(context.dataDir, d.file));
    if (text === undefined) continue;
    const lines = linesOf(text);
    if (d.line < 1 || d.line > Math.max(1, lines.length) || d.col! < 1 || d.col! > (lines[d.line - 1]?.length ?? 0) + 1) {
      findings.push({ kind: `${command}: a position outside the file`, detail: `${line.slice(0, 300)} (the file has ${lines.length} lines; line ${d.line} has ${lines[d.line - 1]?.length ?? 0} characters)` });
    }
  }
  return findings;
}

const diagnostics = (run: Run, dataDir: string) => run.err.map((l) => parseDiagnostic(l, dataDir)).filter((d): d is Diag => d !== undefined);

/** `check`: exit 0 with no error, or exit 1 with every error placed at a file of the data folder. */
export function judgeCheck(run: Run, context: CaseContext): Finding[] {
  const findings = commonFindings("check", run, context);
  if (run.code === undefined) return findings;
  if (run.code !== 0 && run.code !== 1) findings.push({ kind: "check: unexpected exit code", detail: `exit ${run.code}: ${run.err.at(-1) ?? ""}` });
  const found = diagnostics(run, context.dataDir);
  const errors = found.filter((d) => !d.warning);
  if (run.code === 1 && errors.length === 0) findings.push({ kind: "check: failed without an error at a file", detail: run.err.find((l) => !COUNT.test(l)) ?? run.err.join(" | ") });
  if (run.code === 0 && errors.length > 0) findings.push({ kind: "check: passed with errors", detail: errors[0]!.text });
  if (run.code === 0 && !run.out.some((l) => l.startsWith("ok: "))) findings.push({ kind: "check: passed without saying so", detail: run.out.join(" | ") });
  // Every line on standard error is a problem at a file, or the count of them.
  const stray = run.err.filter((l) => !COUNT.test(l) && !parseDiagnostic(l, context.dataDir));
  if (stray.length > 0) findings.push({ kind: "check: a line naming no file", detail: stray[0]!.slice(0, 300) });
  return findings;
}

/**
 * `build`, after `check` of the same data: a build of data that check passed
 * succeeds, with the same warnings; a build of data that check refused fails
 * with exactly check's problems, and writes nothing.
 */
export function judgeBuild(run: Run, check: Run, context: CaseContext, command = "build"): Finding[] {
  const findings = commonFindings(command, run, context);
  if (run.code === undefined || check.code === undefined) return findings;
  const lines = (r: Run, warning: boolean) => [...new Set(diagnostics(r, context.dataDir).filter((d) => d.warning === warning).map((d) => d.text))].sort();
  if (check.code === 0 && run.code !== 0) {
    const why = run.err.filter((l) => !COUNT.test(l)).find((l) => !/^(Checked|Rendered|Published|Printed|Built|Note:)/.test(l)) ?? run.err.at(-1) ?? "";
    findings.push({ kind: `${command}: failed where check passed`, detail: `exit ${run.code}: ${why.slice(0, 400)}` });
  }
  if (check.code === 1 && run.code !== 1) findings.push({ kind: `${command}: did not fail where check failed`, detail: `exit ${run.code}` });
  if (check.code === 1 && run.code === 1) {
    const [was, is] = [lines(check, false), lines(run, false)];
    if (was.join("\n") !== is.join("\n")) {
      findings.push({ kind: `${command}: errors other than check's`, detail: `check: ${was.find((l) => !is.includes(l)) ?? "–"}; ${command}: ${is.find((l) => !was.includes(l)) ?? "–"}` });
    }
  }
  if (check.code === 0 && run.code === 0) {
    const [was, is] = [lines(check, true), lines(run, true)];
    if (was.join("\n") !== is.join("\n")) {
      findings.push({ kind: `${command}: warnings other than check's`, detail: `check: ${was.find((l) => !is.includes(l)) ?? "–"}; ${command}: ${is.find((l) => !was.includes(l)) ?? "–"}` });
    }
  }
  return findings;
}

/** The same for every case that shows the same failure: its kind and its detail without numbers, quotes, paths. */
export function signature(finding: Finding, dataDir: string): string {
  const detail = finding.detail
    .split(dataDir).join("DATA")
    .replace(/DATA\/\S+?:\d+:\d+/g, "FILE")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .replace(/\d+/g, "N")
    .slice(0, 120);
  return `${finding.kind}: ${detail}`;
}

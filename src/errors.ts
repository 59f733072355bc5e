/**
 * Errors that say what they mean for the command: how they are printed, the
 * exit code, and what to do next. The command prints each the same way
 * (src/cli.ts); an error that is not one of them is a fault of the build or of
 * the machine, and is printed as such.
 */

/** The command's exit codes: success (warnings may be printed), errors in the data or the build, a wrong command or option, no browser for the PDFs. */
export const EXIT = { ok: 0, failed: 1, usage: 2, noBrowser: 3 } as const;

export abstract class ReportError extends Error {
  /** The exit code the command ends with. */
  readonly exitCode: number = EXIT.failed;
  /** What to do next, on a line of its own after the error. */
  readonly hint?: string;
  /** Whether the command's usage follows (a wrong command or option). */
  readonly showUsage: boolean = false;

  /** The lines the command prints; `prefix` names the command (`activity-report build: `). */
  lines(prefix: string): string[] {
    return this.message.split("\n").map((line) => `${prefix}${line}`);
  }
}

/** A wrong or missing option: exit 2, with the command's usage. */
export class UsageError extends ReportError {
  override readonly exitCode: number = EXIT.usage;
  override readonly showUsage = true;
  override readonly name = "UsageError";
}

/** The words of anything thrown: an error's message, a text as it is, another value as JSON. */
export function thrownText(thrown: unknown): string {
  if (typeof thrown === "string") return thrown;
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === "object" && thrown !== null) {
    const { message } = thrown as { message?: unknown };
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(thrown);
    } catch {
      return Object.prototype.toString.call(thrown);
    }
  }
  if (typeof thrown === "number" || typeof thrown === "boolean" || typeof thrown === "bigint") return String(thrown);
  return typeof thrown === "symbol" ? thrown.toString() : "undefined";
}

/**
 * What went wrong, for an error that is not a ReportError: its message and
 * those of the errors it was caused by, each once. Libraries wrap the
 * machine's own error ("Having trouble copying") and keep what it was
 * ("ENOSPC: no space left on device") in `cause`, or, in Eleventy's errors,
 * `originalError`.
 */
export function failureMessage(error: unknown): string {
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const causeOf = (e: unknown) => (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = causeOf(e)) {
    seen.add(e);
    const message = thrownText(e);
    const last = messages.at(-1);
    if (message && !(last !== undefined && last.includes(message))) messages.push(message.replace(/[.:\s]+$/, ""));
  }
  return messages.join(": ") || "unknown error";
}

/** What `new` writes: each file it edits, the values given with the paths they are written at, and the error that tells a value it cannot write. */
import { formatDiagnostic, type Diagnostic } from "../data/diagnostics.ts";
import { ReportError } from "../errors.ts";

/** A value `new` cannot write, told by the option it was given as. */
export class ScaffoldError extends ReportError {
  override readonly name = "ScaffoldError";
  /** `elsewhere`: problems in files `new` did not change, at their places there. */
  constructor(message: string, readonly elsewhere: readonly Diagnostic[] = []) {
    super(message);
  }

  override lines(prefix: string): string[] {
    return [...this.elsewhere.map((d) => formatDiagnostic(d)), ...super.lines(prefix)];
  }
}

export type Segment = string | number;

/** A value given as an option (or an answer), the path it is written at, and what it must read back as. */
export interface Given {
  readonly option: string;
  /** As typed, for messages. */
  readonly typed: string;
  readonly path: readonly Segment[];
  readonly value: unknown;
  /** The value is the new entry's key (the place's id, the edition's year). */
  readonly key?: boolean;
}

/** One file as `new` writes it. */
export interface Edit {
  readonly file: string;
  /** The file's text before, when `new` adds to a file; undefined for a new file. */
  readonly before?: string;
  readonly text: string;
  /** Where the new lines are in `text`: [start, end). */
  readonly added: readonly [number, number];
  /** How many characters of `before` the new lines replace: an empty `[]` or `{}` that they fill. */
  readonly replaced?: number;
  /** The path of the new entry in the file's value; [] for a file of its own. */
  readonly entry: readonly Segment[];
  /** `the new place "vienna"`, for problems that belong to no one option. */
  readonly what: string;
  readonly given: readonly Given[];
}

// SPDX-License-Identifier: LGPL-3.0-or-later
// Types of the datascale module (wasm/api.js).

/** An assumption a result rests on: a catalogue item or a session variable. */
export interface Assumption {
  name: string;
  /** The value as written, e.g. "3 MB". */
  value: string | null;
  /** Where it comes from: the catalogue's source and year, "set in this
   * session", or "defined in FILE:LINE". */
  source: string | null;
}

/** One row of `datascale --json`: the result of one line. Every row has
 * the same keys, success or failure, null where one does not apply
 * (docs/datascale-row.schema.json). */
export interface Row {
  /** The line as evaluated. */
  input: string;
  /** Its input line number (in run(): in the text), or null. */
  line: number | null;
  /** true when the line evaluated, false when it failed (see error). */
  ok: boolean;
  /** The value as a double in `unit`; null for a range, a command, a
   * failed line, or when it does not fit a double. */
  value: number | null;
  /** The exact value as "N" or "N/D" (read it as a string: it may have any
   * number of digits), or null when it is not exact or a range. */
  exact: string | null;
  /** A range's bounds, as doubles and exact strings; null otherwise. */
  low: number | null;
  high: number | null;
  low_exact: string | null;
  high_exact: string | null;
  /** The unit the value is in ("" when dimensionless and for a command;
   * null for a failed line). */
  unit: string | null;
  /** The line the command prints, e.g. "≈ 470 million photos (1,400 TB at 3
   * MB per photo); ≈ 490 million if TB and MB are read as 1024-based"; for
   * a failed line, the message. */
  text: string;
  /** For an assignment, the name bound; else null. */
  name: string | null;
  /** Assumptions the result used. */
  assumptions: Assumption[];
  /** Notes, such as the other reading of KB..YB. */
  warnings: string[];
  /** null, or for a failed line: the message, the 1-based column (or null)
   * and the input line number when there is one. */
  error: { message: string; column: number | null; line?: number } | null;
  /** `to equivalents` only: the items chosen; else null. */
  equivalents: unknown[] | null;
  /** The derivation, with the session option explain. */
  explain?: string | null;
  /** Keys a later version of the library may add. */
  [key: string]: unknown;
}

/** Options of a session; they mean what the command's options of the same
 * names mean. A value outside its range throws a RangeError. */
export interface SessionOptions {
  /** Read KB MB GB TB PB EB ZB YB as powers of 1024 (--binary). */
  binary?: boolean;
  /** Read and write 1.400,5 for 1400.5, as German, Spanish or Italian copy
   * does; JSON numbers and exact fractions keep the point (--decimal-comma). */
  decimalComma?: boolean;
  /** Significant digits of approximate results, 1 to 1000 (--digits). */
  digits?: number;
  /** The full decimal expansion and the exact fraction in `text` (--exact). */
  exact?: boolean;
  /** Notes on results (default true; false skips the second reading). */
  warnings?: boolean;
  /** Keep the derivation in each row's `explain` (--explain). */
  explain?: boolean | "text" | "markdown";
  /** Limits (--max-bits, --max-depth, --max-line, --max-work, --precision). */
  maxBits?: number;
  maxDepth?: number;
  maxLine?: number;
  maxWork?: number;
  precision?: number;
  /** Definitions in the syntax of a units file, loaded first (--units-file). */
  units?: string | string[];
  /** Assignments made before anything else (--assume): {photo: "4 MB"} or
   * ["photo = 4 MB"]. */
  assume?: Record<string, string> | string[];
}

/** A session: variables, settings and limits carry from one line to the next. */
export declare class Session {
  private constructor();
  /** Evaluates one line; its row. */
  eval(expr: string): Row;
  /** Evaluates one line; its row as the JSON text the command prints.
   * `line` > 0 is the line number an error row carries. */
  evalJSON(expr: string, line?: number): string;
  /** Runs lines as `datascale --json -f FILE`: blank and '#' lines skipped. */
  run(text: string): Row[];
  /** The same as JSON Lines text: one row and a newline per evaluated line. */
  runJSON(text: string): string;
  /** Loads definitions (units file syntax); throws DatascaleError. */
  loadUnits(text: string, name?: string): void;
  /** Converts numbers between units: exact factor, each value rounded once. */
  convert(values: ArrayLike<number> | Iterable<number>, from: string, to: string): Float64Array;
  /** Frees the session now. */
  close(): void;
}

/** A loaded module. */
export declare class Datascale {
  private constructor();
  /** The library's version, "MAJOR.MINOR.PATCH". */
  readonly version: string;
  /** A new session. */
  session(options?: SessionOptions): Session;
  /** One line in a new session, like `datascale --json EXPR`. */
  eval(expr: string, options?: SessionOptions): Row;
  /** Lines in a new session, like `datascale --json -f FILE`. */
  run(text: string, options?: SessionOptions): Row[];
  /** Converts numbers between units in a new session. */
  convert(values: ArrayLike<number> | Iterable<number>, from: string, to: string, options?: SessionOptions): Float64Array;
}

/** An error of the library (a bad option, definitions that do not load) or
 * of the module (it ran out of memory: load a new one). A line that fails is
 * not an error: its row has ok false. */
export declare class DatascaleError extends Error {
  /** The library's status code (DS_E_*), when there is one. */
  status?: number;
}

/** Loads the module; the wasm binary is inside the file. */
export declare function datascale(): Promise<Datascale>;
export default datascale;

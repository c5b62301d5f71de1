/**
 * Reading tables for the CLI: CSV (csv-parse, streaming) and JSON Lines, from a file or a
 * stream, keeping only the asked columns.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { FairnessInputError } from "../data/errors.js";
import { decimalOf } from "./convert.js";

/** A cell value: strings from CSV, JSON values from JSON Lines. */
export type Cell = string | number | boolean | null;

/** Input file formats. */
export type TableFormat = "csv" | "tsv" | "jsonl";

export interface ReadOptions {
  /** Columns to keep (all others are skipped while reading). */
  readonly columns: readonly string[];
  /** @defaultValue from the file extension (`.jsonl`/`.ndjson`, `.tsv`, else CSV) */
  readonly format?: TableFormat;
  /**
   * Columns read as decimal numbers while reading (as `toNumbers` reads them; other text is
   * NaN), so the table holds numbers rather than their text. @defaultValue none
   */
  readonly numeric?: readonly string[];
  /** Called with the bytes read so far and the total (undefined for streams). */
  readonly onProgress?: (bytes: number, total: number | undefined) => void;
}

/** Distinct texts of one column held as one shared string each; past this many, as read. */
const SHARED_TEXTS = 65_536;

/**
 * What one column keeps of a cell: a number for a numeric column; else the text, one shared
 * string per distinct value (a group or label column repeats few values, and holding millions of
 * copies of each would multiply the memory the table takes).
 */
function cellReader(column: string, options: ReadOptions): (cell: string) => Cell {
  if (options.numeric?.includes(column)) return decimalOf;
  const shared = new Map<string, string>();
  return (cell) => {
    const known = shared.get(cell);
    if (known !== undefined) return known;
    if (shared.size < SHARED_TEXTS) shared.set(cell, cell);
    return cell;
  };
}

/** The kept columns, row-aligned. */
export interface TableColumns {
  readonly rows: number;
  readonly columns: ReadonlyMap<string, Cell[]>;
}

/**
 * The format of a file from its name.
 *
 * @example
 * formatOf("scores.ndjson"); // => "jsonl"
 */
export function formatOf(path: string): TableFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".tsv")) return "tsv";
  return "csv";
}

function missingColumns(wanted: readonly string[], available: readonly string[]): void {
  const missing = wanted.filter((c) => !available.includes(c));
  if (missing.length === 0) return;
  throw new FairnessInputError(
    missing.map((c) => ({
      code: "missing_field",
      path: ["input", c],
      message: `no column ${JSON.stringify(c)}; the columns are ${available.map((a) => JSON.stringify(a)).join(", ")}`,
    })),
  );
}

function duplicateColumns(wanted: readonly string[], header: readonly string[]): void {
  const twice = wanted.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (twice.length === 0) return;
  throw new FairnessInputError(
    twice.map((c) => ({
      code: "invalid_type",
      path: ["input", c],
      message: `the header names column ${JSON.stringify(c)} more than once (columns ${header.flatMap((h, i) => (h === c ? [i + 1] : [])).join(" and ")}); rename one`,
    })),
  );
}

function tracked(stream: Readable, total: number | undefined, options: ReadOptions): Readable {
  const onProgress = options.onProgress;
  if (!onProgress) return stream;
  let bytes = 0;
  stream.on("data", (chunk: Buffer | string) => {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
    onProgress(bytes, total);
  });
  return stream;
}

async function readCsv(
  stream: Readable,
  options: ReadOptions,
  delimiter: string,
): Promise<TableColumns> {
  const parser = stream.pipe(
    parse({ delimiter, bom: true, relax_column_count: false, skip_empty_lines: true }),
  );
  // pipe() does not forward the source's errors (an unreadable file): end the parse with them.
  stream.on("error", (error) => parser.destroy(error));
  const kept = options.columns.map(() => [] as Cell[]);
  const keep = options.columns.map((c) => cellReader(c, options));
  let indices: number[] | undefined;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (indices === undefined) {
        missingColumns(options.columns, record);
        duplicateColumns(options.columns, record);
        indices = options.columns.map((c) => record.indexOf(c));
        continue;
      }
      for (let i = 0; i < indices.length; i++) kept[i]!.push(keep[i]!(record[indices[i]!]!));
      rows++;
    }
  } catch (error) {
    if (error instanceof FairnessInputError) throw error;
    const e = error as Error & { lines?: number; code?: string };
    if (typeof e.code === "string" && e.code.startsWith("E") && e.lines === undefined) {
      throw new FairnessInputError([
        { code: "missing_field", path: ["input"], message: `cannot read the input: ${e.message}` },
      ]);
    }
    throw new FairnessInputError([
      {
        code: "invalid_type",
        path: ["input", ...(e.lines === undefined ? [] : [`line ${e.lines}`])],
        message: `not valid CSV: ${e.message}`,
      },
    ]);
  }
  if (indices === undefined) {
    throw new FairnessInputError([
      { code: "empty_input", path: ["input"], message: "no header row" },
    ]);
  }
  return { rows, columns: new Map(options.columns.map((c, i) => [c, kept[i]!])) };
}

async function readJsonLines(stream: Readable, options: ReadOptions): Promise<TableColumns> {
  const columns = new Map<string, Cell[]>(options.columns.map((c) => [c, []]));
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let rows = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new FairnessInputError([
        {
          code: "invalid_type",
          path: ["input", `line ${line}`],
          message: `not valid JSON: ${(error as Error).message}`,
        },
      ]);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new FairnessInputError([
        {
          code: "invalid_type",
          path: ["input", `line ${line}`],
          message: "expected a JSON object",
        },
      ]);
    }
    const record = value as Record<string, unknown>;
    if (rows === 0) missingColumns(options.columns, Object.keys(record));
    for (const c of options.columns) {
      const v = Object.hasOwn(record, c) ? record[c] : null;
      const cell = typeof v === "object" && v !== null ? JSON.stringify(v) : (v as Cell);
      columns.get(c)!.push(options.numeric?.includes(c) ? decimalOf(cell) : cell);
    }
    rows++;
  }
  if (rows === 0) {
    throw new FairnessInputError([{ code: "empty_input", path: ["input"], message: "no rows" }]);
  }
  return { rows, columns };
}

/**
 * Reads the asked columns of a CSV, TSV or JSON Lines table from a file path, or from a stream
 * (`-` on the command line). CSV goes through csv-parse (RFC 4180 quoting, BOM removed).
 *
 * Cost: one streaming pass; memory for the kept columns only.
 *
 * @throws FairnessInputError on a missing file, a missing column or malformed rows
 * @example
 * formatOf("adult.csv"); // => "csv"
 */
export async function readTable(
  source: string | Readable,
  options: ReadOptions,
): Promise<TableColumns> {
  let stream: Readable;
  let total: number | undefined;
  let format = options.format;
  if (typeof source === "string") {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(source);
    } catch {
      throw new FairnessInputError([
        { code: "missing_field", path: ["input"], message: `cannot read file ${source}` },
      ]);
    }
    if (stat.isDirectory()) {
      throw new FairnessInputError([
        {
          code: "invalid_type",
          path: ["input"],
          message: `${source} is a directory; give a CSV, TSV or JSON Lines file`,
        },
      ]);
    }
    total = stat.size;
    format ??= formatOf(source);
    stream = createReadStream(source);
  } else {
    stream = source;
  }
  const input = tracked(stream, total, options);
  if ((format ?? "csv") === "jsonl") return readJsonLines(input, options);
  return readCsv(input, options, format === "tsv" ? "\t" : ",");
}

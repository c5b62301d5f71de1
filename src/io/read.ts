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
   * NaN), so the table holds a `Float64Array` rather than their text. @defaultValue none
   */
  readonly numeric?: readonly string[];
  /** Called with the bytes read so far and the total (undefined for streams). */
  readonly onProgress?: (bytes: number, total: number | undefined) => void;
}

/** Distinct texts a coded column holds (its codes fit 16 bits); past this many, cells as read. */
const CODED_TEXTS = 65_536;

/**
 * A text column held as one 16-bit code per row into its distinct cells (in order of first
 * appearance): a label or group column repeats few values, and a code per row takes a quarter of
 * the memory of a reference per row.
 */
export interface CodedCells {
  readonly codes: Uint16Array;
  readonly values: readonly Cell[];
}

/**
 * One kept column: numbers for a numeric column, coded text for a CSV text column of at most
 * {@link CODED_TEXTS} distinct values, else the cells as read.
 */
export type TableColumn = Float64Array | CodedCells | readonly Cell[];

/**
 * The cells of a column, one per row, as read (numbers for a numeric column).
 *
 * @example
 * cellsOf({ codes: Uint16Array.of(1, 0, 1), values: ["a", "b"] }); // => ["b", "a", "b"]
 */
export function cellsOf(column: TableColumn): Cell[] {
  if (column instanceof Float64Array) return Array.from(column);
  if (!("codes" in column)) return [...column];
  return Array.from(column.codes, (code) => column.values[code]!);
}

/** Collects one column's values while reading. */
interface ColumnBuilder {
  add(cell: Cell): void;
  finish(rows: number): TableColumn;
}

/** Rows per block of a growing column. */
const BLOCK = 65_536;

/**
 * A typed array grown in fixed blocks and joined once at the end, so a column never holds more
 * than its rows plus one block while reading (doubling would hold up to twice that, and trimming
 * copies it again).
 */
function blocks<T extends Float64Array | Uint16Array>(
  make: (length: number) => T,
): { push(value: number): void; length(): number; join(rows: number): T } {
  const full: T[] = [];
  let block = make(BLOCK);
  let at = 0;
  return {
    push(value) {
      if (at === BLOCK) {
        full.push(block);
        block = make(BLOCK);
        at = 0;
      }
      block[at++] = value;
    },
    length: () => full.length * BLOCK + at,
    join(rows) {
      const out = make(rows);
      let offset = 0;
      for (let b = full.shift(); b !== undefined; b = full.shift()) {
        out.set(b, offset);
        offset += BLOCK;
      }
      out.set(block.subarray(0, at), offset);
      return out;
    },
  };
}

/** Numbers read as {@link decimalOf} reads them. */
function numberBuilder(): ColumnBuilder {
  const values = blocks((length) => new Float64Array(length));
  return { add: (cell) => values.push(decimalOf(cell)), finish: (rows) => values.join(rows) };
}

/** Codes into the distinct texts while they are at most {@link CODED_TEXTS}, then cells as read. */
function textBuilder(): ColumnBuilder {
  const codes = blocks((length) => new Uint16Array(length));
  const values: Cell[] = [];
  const index = new Map<Cell, number>();
  let plain: Cell[] | undefined;
  return {
    add(cell) {
      if (plain !== undefined) {
        plain.push(cell);
        return;
      }
      let code = index.get(cell);
      if (code === undefined) {
        if (values.length === CODED_TEXTS) {
          plain = Array.from(codes.join(codes.length()), (c) => values[c]!);
          plain.push(cell);
          index.clear();
          return;
        }
        code = values.length;
        values.push(cell);
        index.set(cell, code);
      }
      codes.push(code);
    },
    finish: (rows) => plain ?? { codes: codes.join(rows), values },
  };
}

/** The kept columns, row-aligned. */
export interface TableColumns {
  readonly rows: number;
  readonly columns: ReadonlyMap<string, TableColumn>;
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
  const kept = options.columns.map((c) =>
    options.numeric?.includes(c) ? numberBuilder() : textBuilder(),
  );
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
      for (let i = 0; i < indices.length; i++) kept[i]!.add(record[indices[i]!]!);
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
  return { rows, columns: new Map(options.columns.map((c, i) => [c, kept[i]!.finish(rows)])) };
}

async function readJsonLines(stream: Readable, options: ReadOptions): Promise<TableColumns> {
  const columns = new Map<string, Cell[]>(options.columns.map((c) => [c, []]));
  const numeric = new Map(
    options.columns.flatMap((c) => (options.numeric?.includes(c) ? [[c, numberBuilder()]] : [])),
  );
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
      const builder = numeric.get(c);
      if (builder === undefined) columns.get(c)!.push(cell);
      else builder.add(cell);
    }
    rows++;
  }
  if (rows === 0) {
    throw new FairnessInputError([{ code: "empty_input", path: ["input"], message: "no rows" }]);
  }
  return {
    rows,
    columns: new Map(
      options.columns.map((c) => [c, numeric.get(c)?.finish(rows) ?? columns.get(c)!]),
    ),
  };
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

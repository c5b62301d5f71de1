/**
 * Runs the statements in embedded DuckDB over a CSV or Parquet file of any size (DuckDB
 * streams it), loading `@duckdb/node-api` (an optional peer dependency) only when called.
 */
import type { GroupMetricsOptions } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { type BiasScanOptions, type BiasScanResult, biasScanOfCells } from "../scan/biasScan.js";
import type { ScanLevel } from "../scan/features.js";
import { groupMetricsOfRows, type SqlRow } from "./rows.js";
import {
  confusionStatement,
  type ScanSqlSpec,
  type SqlSpec,
  type SqlStatement,
  scanCellsStatement,
} from "./statements.js";

/** A file to read: its path, and its format (from the extension when omitted). */
export interface DuckDbFile {
  /** Path of the file, as DuckDB sees it. */
  readonly path: string;
  /** File format. @defaultValue "parquet" for a `.parquet` path, else "csv" */
  readonly format?: "csv" | "parquet";
}

/** A DuckDB string literal: single quotes, an inner quote doubled. */
const stringLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The table expression reading the file, the path a bound parameter. The CSV columns named in
 * `textColumns` (the group columns) are read as text, as the memory engine reads them, so DuckDB's
 * type detection cannot merge `1` and `1.0` or round long numeric identifiers; Parquet columns
 * keep their stored types.
 *
 * @example
 * fileTable({ path: "scores.csv" }, ["sex"]).expression; // => "read_csv_auto(?, types = {'sex': 'VARCHAR'})"
 */
export function fileTable(
  file: DuckDbFile,
  textColumns: readonly string[] = [],
): Exclude<SqlSpec["table"], string> {
  const format = file.format ?? (/\.parquet$/i.test(file.path) ? "parquet" : "csv");
  if (format === "parquet") return { expression: "read_parquet(?)", params: [file.path] };
  if (textColumns.some((c) => c.includes("\0"))) {
    throw new TypeError("fileTable: NUL in a column name");
  }
  const types = [...new Set(textColumns)].map((c) => `${stringLiteral(c)}: 'VARCHAR'`);
  return {
    expression:
      types.length === 0 ? "read_csv_auto(?)" : `read_csv_auto(?, types = {${types.join(", ")}})`,
    params: [file.path],
  };
}

async function loadDuckDb(): Promise<typeof import("@duckdb/node-api")> {
  try {
    return await import("@duckdb/node-api");
  } catch {
    throw new Error(
      "fairscope/sql: the DuckDB runner needs the optional peer dependency @duckdb/node-api (npm install @duckdb/node-api)",
    );
  }
}

/**
 * Runs one statement in a fresh in-memory DuckDB and returns its rows (bigints for counts).
 *
 * Cost: DuckDB's scan of the source, on all cores, in memory bounded by the aggregate.
 */
export async function runDuckDb(statement: SqlStatement): Promise<SqlRow[]> {
  const { DuckDBInstance } = await loadDuckDb();
  const instance = await DuckDBInstance.create(":memory:");
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(statement.sql, [...statement.params]);
      return reader.getRowObjectsJS();
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * `groupMetrics` (count metrics) of a CSV or Parquet file computed in DuckDB: the confusion
 * counts are aggregated by the engine, the metrics finished by the in-memory code.
 *
 * @example
 * const r = await groupMetricsDuckDb(
 *   { path: "adult.csv" },
 *   { label: "income", posLabel: ">50K", score: "p", groups: ["sex"] },
 * );
 */
export async function groupMetricsDuckDb(
  file: DuckDbFile,
  spec: Omit<SqlSpec, "table">,
  options: GroupMetricsOptions = {},
): Promise<GroupMetricsResult> {
  const statement = confusionStatement({ ...spec, table: fileTable(file, spec.groups) }, "duckdb");
  const rows = await runDuckDb(statement);
  return groupMetricsOfRows(rows, spec.groups, {
    ...options,
    weighted: spec.weight !== undefined,
  });
}

/**
 * `biasScan` over a CSV or Parquet file of any size: DuckDB aggregates the scan's sufficient
 * statistics (rows and positive outcomes per combination of feature levels and probability,
 * {@link scanCellsStatement}) and `biasScanOfCells` searches them in memory. A null or missing
 * feature value, outcome or probability is an error, as in memory.
 *
 * Cost: one DuckDB scan of the file; the search's cost depends on the number of cells, not rows.
 *
 * @example
 * const r = await biasScanDuckDb({ path: "scores.parquet" }, { label: "y", score: "p", features: ["sex", "age_band"] }, { replicates: 199 });
 */
export async function biasScanDuckDb(
  file: DuckDbFile,
  spec: Omit<ScanSqlSpec, "table">,
  options: BiasScanOptions = {},
): Promise<BiasScanResult> {
  const rows = await runDuckDb(scanCellsStatement({ ...spec, table: fileTable(file) }, "duckdb"));
  const count = (value: unknown) => (typeof value === "bigint" ? Number(value) : Number(value));
  const level = (value: unknown) =>
    (typeof value === "bigint" ? Number(value) : value) as ScanLevel;
  return biasScanOfCells(
    {
      features: Object.fromEntries(
        spec.features.map((name, i) => [name, rows.map((row) => level(row[`g${i}`]))]),
      ),
      rows: rows.map((row) => count(row.n)),
      outcomeSums: rows.map((row) => count(row.y)),
      ...(spec.score === undefined
        ? {}
        : { expectations: rows.map((row) => (row.p === null ? Number.NaN : Number(row.p))) }),
    },
    options,
  );
}

/**
 * Runs the statements in embedded DuckDB over a CSV or Parquet file of any size (DuckDB
 * streams it), loading `@duckdb/node-api` (an optional peer dependency) only when called.
 */
import type { GroupMetricsOptions } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { groupMetricsOfRows, type SqlRow } from "./rows.js";
import { confusionStatement, type SqlSpec, type SqlStatement } from "./statements.js";

/** A file to read: its path, and its format (from the extension when omitted). */
export interface DuckDbFile {
  /** Path of the file, as DuckDB sees it. */
  readonly path: string;
  /** File format. @defaultValue "parquet" for a `.parquet` path, else "csv" */
  readonly format?: "csv" | "parquet";
}

/** The table expression reading the file, the path a bound parameter. */
export function fileTable(file: DuckDbFile): SqlSpec["table"] {
  const format = file.format ?? (/\.parquet$/i.test(file.path) ? "parquet" : "csv");
  return {
    expression: format === "parquet" ? "read_parquet(?)" : "read_csv_auto(?)",
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
  const statement = confusionStatement({ ...spec, table: fileTable(file) }, "duckdb");
  const rows = await runDuckDb(statement);
  return groupMetricsOfRows(rows, spec.groups, {
    ...options,
    weighted: spec.weight !== undefined,
  });
}

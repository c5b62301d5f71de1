/**
 * `fairscope audit --engine duckdb`: the count metrics of a CSV or Parquet file aggregated by
 * embedded DuckDB (the file is never read into JavaScript memory), then finished and reported by
 * the in-memory code. The CLI imports this file only for that engine, so nothing else loads
 * DuckDB.
 */
import type { AuditOptions } from "../report/options.js";
import type { FairnessReportData } from "../report/types.js";
import { fileTable, runDuckDb } from "../sql/duckdb.js";
import { reportOfConfusion } from "../sql/report.js";
import { confusionOfRows } from "../sql/rows.js";
import { confusionStatement, type SqlSpec, scoreRangeStatement } from "../sql/statements.js";

/** What the DuckDB engine audits: the file, its columns and the report's options. */
export interface DuckDbAudit {
  readonly path: string;
  readonly spec: Omit<SqlSpec, "table">;
  readonly margin: boolean;
  /** The audit's options (those that apply to counts are used; defaults as `audit`). */
  readonly options: AuditOptions;
}

/** The fields of `options` named in `keys` that are set. */
function pick<T extends object, K extends keyof T>(options: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]),
  ) as Pick<T, K>;
}

/** The note every DuckDB-engine report carries. */
export const DUCKDB_NOTE =
  "computed by DuckDB (--engine duckdb): count metrics only, without confidence intervals, score metrics (rocAuc, brierScore), calibration or ROC curves; use the memory engine for those";

/** An input problem found in the engine's rows (the CLI reports it as a usage error). */
export class DuckDbInputError extends Error {}

/**
 * Runs the confusion statement on the file in DuckDB and builds the report the memory engine
 * builds for count metrics (values, gaps, criteria, findings, warnings).
 *
 * Cost: one DuckDB scan of the file (all cores, memory bounded by the aggregate), then
 * O(groups × metrics).
 */
export async function auditDuckDb(request: DuckDbAudit): Promise<FairnessReportData> {
  const { spec } = request;
  const statement = confusionStatement(
    { ...spec, table: fileTable({ path: request.path }, spec.groups) },
    "duckdb",
  );
  if (spec.score !== undefined && !request.margin) {
    const range = scoreRangeStatement(
      { ...spec, table: fileTable({ path: request.path }, spec.groups) },
      "duckdb",
    );
    const [found] = await runDuckDb(range);
    const count = Number(found?.n ?? 0);
    if (count > 0) {
      throw new DuckDbInputError(
        `--score ${spec.score}: ${count} rows are not probabilities in [0, 1] (smallest ${String(found!.min)}, largest ${String(found!.max)}); pass --margin for unbounded scores`,
      );
    }
  }
  const rows = await runDuckDb(statement);
  const weighted = spec.weight !== undefined;
  const { stats, groups: index } = confusionOfRows(rows, spec.groups, weighted);
  index.levels.forEach((levels, f) => {
    if (levels.includes(null)) {
      throw new DuckDbInputError(
        `--group ${index.featureNames[f]} has missing values; --engine duckdb needs every row to have a group`,
      );
    }
  });
  const given = spec.prediction !== undefined;
  return reportOfConfusion(stats, index, {
    ...pick(request.options, ["metrics", "criteria", "reference", "minGroupSize", "title"]),
    input: {
      predictions: given ? "given" : "thresholded",
      scores: given ? null : request.margin ? "margin" : "probability",
      threshold: given ? null : (spec.threshold ?? (request.margin ? 0 : 0.5)),
      thresholdRule: given ? null : (spec.thresholdRule ?? ">="),
    },
    warnings: [{ code: "engineDuckDb", message: DUCKDB_NOTE }],
  }).toJSON();
}

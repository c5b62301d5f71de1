/**
 * `fairscope/sql`: SQL pushdown of the sufficient statistics, and the DuckDB runner.
 */
export {
  biasScanDuckDb,
  type DuckDbFile,
  fileTable,
  groupMetricsDuckDb,
  runDuckDb,
} from "./duckdb.js";
export { type ConfusionReportOptions, reportOfConfusion } from "./report.js";
export {
  confusionOfRows,
  groupMetricsOfRows,
  histogramsOfRows,
  type ScoreHistogram,
  type SqlRow,
} from "./rows.js";
export {
  confusionStatement,
  histogramStatement,
  quoteIdentifier,
  type ScanSqlSpec,
  type SqlDialect,
  type SqlParameter,
  type SqlSpec,
  type SqlStatement,
  scanCellsStatement,
} from "./statements.js";

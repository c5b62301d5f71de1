/**
 * Portable SQL for the sufficient statistics: `GROUP BY` statements whose result rows are the
 * per-group confusion counts (at a threshold) or fine score histograms. Identifiers are quoted;
 * values (labels, thresholds, bin counts) are bound parameters (`?`, positional), never
 * interpolated into the text.
 */

/** SQL dialects whose quoting and types differ. */
export type SqlDialect = "ansi" | "duckdb" | "trino" | "spark" | "bigquery";

/** A value bound to a `?` parameter. */
export type SqlParameter = string | number | boolean;

/** What the data is and where it lives. */
export interface SqlSpec {
  /**
   * The table: a (possibly dotted) name such as `analytics.predictions`, each part quoted; or
   * `{ expression }` for a table expression written by the caller (for example a DuckDB
   * `read_parquet(?)`), with its parameters.
   */
  readonly table:
    | string
    | {
        /** A table expression, e.g. `read_parquet(?)`. */
        readonly expression: string;
        /** Values of its `?` parameters, in order. */
        readonly params?: readonly SqlParameter[];
      };
  /** Column of the true label. */
  readonly label: string;
  /** The label value that is positive. @defaultValue 1 */
  readonly posLabel?: SqlParameter;
  /** Column(s) of the sensitive features; groups are their combinations. */
  readonly groups: readonly string[];
  /** Column of hard predictions (compared with `posLabel`), or… */
  readonly prediction?: string;
  /** …column of scores, thresholded at `threshold` with `thresholdRule`. */
  readonly score?: string;
  /** Threshold turning scores into predictions. @defaultValue 0.5 */
  readonly threshold?: number;
  /** How scores are compared with the threshold. @defaultValue ">=" */
  readonly thresholdRule?: ">=" | ">";
  /** Column of sample weights. */
  readonly weight?: string;
}

/** A statement and its positional parameters. */
export interface SqlStatement {
  /** The statement, with `?` placeholders. */
  readonly sql: string;
  /** Values of the placeholders, in order. */
  readonly params: readonly SqlParameter[];
}

/**
 * A GoogleSQL (BigQuery) quoted identifier's body: quoted identifiers take the escape sequences
 * of string literals and no doubling, so a backslash, a backtick and control characters are
 * escaped (`\\`, `` \` ``, `\n`, `\u001b`).
 */
function googleSqlBody(part: string): string {
  let body = "";
  for (const c of part) {
    const code = c.charCodeAt(0);
    if (c === "\\" || c === "`") body += `\\${c}`;
    else if (c === "\n") body += "\\n";
    else if (c === "\r") body += "\\r";
    else if (c === "\t") body += "\\t";
    else if (code < 0x20 || code === 0x7f) body += `\\u${code.toString(16).padStart(4, "0")}`;
    else body += c;
  }
  return body;
}

/**
 * Quotes an identifier by its dialect's lexical rules: `"name"` with `"` doubled (ANSI, DuckDB,
 * Trino); `` `name` `` with `` ` `` doubled (Spark); `` `name` `` with backslash escapes
 * (BigQuery, whose quoted identifiers do not double). Dotted names quote each part.
 *
 * @example
 * quoteIdentifier('my "table"', "duckdb"); // => "\"my \"\"table\"\"\""
 * quoteIdentifier("db.t", "spark"); // => "`db`.`t`"
 * quoteIdentifier("g\\`", "bigquery"); // => "`g\\\\\\``"
 */
export function quoteIdentifier(name: string, dialect: SqlDialect = "ansi", dotted = true): string {
  if (typeof name !== "string" || name.length === 0) {
    throw new TypeError("quoteIdentifier: an identifier must be a non-empty string");
  }
  if (name.includes("\0")) throw new TypeError("quoteIdentifier: NUL in an identifier");
  const parts = dotted ? name.split(".") : [name];
  const quote = (p: string): string => {
    if (dialect === "bigquery") return `\`${googleSqlBody(p)}\``;
    if (dialect === "spark") return `\`${p.replaceAll("`", "``")}\``;
    return `"${p.replaceAll('"', '""')}"`;
  };
  return parts.map(quote).join(".");
}

const doubleType = (dialect: SqlDialect) => (dialect === "bigquery" ? "FLOAT64" : "DOUBLE");
const intType = (dialect: SqlDialect) => (dialect === "bigquery" ? "INT64" : "INTEGER");

function checkSpec(spec: SqlSpec, fn: string): void {
  if (spec.groups.length === 0) throw new TypeError(`${fn}: give at least one group column`);
  if ((spec.prediction === undefined) === (spec.score === undefined)) {
    throw new TypeError(`${fn}: give exactly one of prediction and score`);
  }
  const threshold = spec.threshold ?? 0.5;
  if (typeof threshold !== "number" || !Number.isFinite(threshold)) {
    throw new RangeError(`${fn}: threshold must be a finite number`);
  }
  const rule = spec.thresholdRule ?? ">=";
  if (rule !== ">=" && rule !== ">")
    throw new RangeError(`${fn}: thresholdRule must be ">=" or ">"`);
}

/** The inner SELECT list shared by both statements, and its parameters. */
function derivedColumns(
  spec: SqlSpec,
  dialect: SqlDialect,
  extra: readonly string[],
): { select: string; params: SqlParameter[]; from: string } {
  const id = (name: string) => quoteIdentifier(name, dialect, false);
  const params: SqlParameter[] = [];
  const columns = spec.groups.map((g, i) => `${id(g)} AS ${id(`g${i}`)}`);
  columns.push(`CASE WHEN ${id(spec.label)} = ? THEN 1 ELSE 0 END AS ${id("label")}`);
  params.push(spec.posLabel ?? 1);
  if (spec.prediction !== undefined) {
    columns.push(`CASE WHEN ${id(spec.prediction)} = ? THEN 1 ELSE 0 END AS ${id("pred")}`);
    params.push(spec.posLabel ?? 1);
  } else {
    const op = spec.thresholdRule ?? ">=";
    columns.push(`CASE WHEN ${id(spec.score!)} ${op} ? THEN 1 ELSE 0 END AS ${id("pred")}`);
    params.push(spec.threshold ?? 0.5);
  }
  const w = spec.weight === undefined ? "1" : `CAST(${id(spec.weight)} AS ${doubleType(dialect)})`;
  columns.push(`${w} AS ${id("w")}`, ...extra);
  return { select: columns.join(",\n    "), params, from: tableSource(spec, dialect) };
}

/** What a statement reads from: the quoted table name, or the user's table expression. */
function tableSource(spec: Pick<SqlSpec, "table">, dialect: SqlDialect): string {
  return typeof spec.table === "string"
    ? quoteIdentifier(spec.table, dialect)
    : spec.table.expression;
}

function tableParams(spec: Pick<SqlSpec, "table">): readonly SqlParameter[] {
  return typeof spec.table === "string" ? [] : (spec.table.params ?? []);
}

/**
 * An aggregate over the derived rows: `SELECT keys, aggregates FROM (SELECT select FROM from)
 * GROUP BY keys ORDER BY keys`.
 */
function groupedSelect(
  keys: string,
  aggregates: string,
  select: string,
  from: string,
  dialect: SqlDialect,
): string {
  return `SELECT ${keys}, ${aggregates}
FROM (
  SELECT
    ${select}
  FROM ${from}
) ${quoteIdentifier("fairscope_rows", dialect, false)}
GROUP BY ${keys}
ORDER BY ${keys}`;
}

/**
 * Counts the rows whose score is not a probability (outside [0, 1], NaN or null), with the
 * smallest and largest score, so an engine can refuse them as `prepare` does in memory.
 *
 * @example
 * scoreRangeStatement({ table: "t", groups: ["g"], label: "y", score: "p" }).sql.split("\n")[0];
 * // => 'SELECT COUNT(*) AS "n", MIN("p") AS "min", MAX("p") AS "max"'
 */
export function scoreRangeStatement(spec: SqlSpec, dialect: SqlDialect = "ansi"): SqlStatement {
  if (spec.score === undefined) throw new TypeError("scoreRangeStatement: give score");
  const id = (name: string) => quoteIdentifier(name, dialect, false);
  const score = `CAST(${id(spec.score)} AS ${doubleType(dialect)})`;
  const from = tableSource(spec, dialect);
  return {
    sql: `SELECT COUNT(*) AS ${id("n")}, MIN(${id("p")}) AS ${id("min")}, MAX(${id("p")}) AS ${id("max")}
FROM (SELECT ${score} AS ${id("p")} FROM ${from}) AS ${id("scores")}
WHERE ${id("p")} IS NULL OR NOT (${id("p")} >= 0 AND ${id("p")} <= 1)`,
    params: [...tableParams(spec)],
  };
}

/**
 * The statement computing per-group confusion counts at the threshold: one row per
 * (groups…, label, pred) with columns `g0…`, `label`, `pred` (0/1), `n` (rows) and `w` (sum of
 * weights, or rows when unweighted).
 *
 * Cost on the engine: one scan and a hash aggregate of at most groups × 4 rows.
 *
 * @example
 * confusionStatement({ table: "t", label: "y", prediction: "yhat", groups: ["sex"] }).params; // => [1, 1]
 */
export function confusionStatement(spec: SqlSpec, dialect: SqlDialect = "ansi"): SqlStatement {
  checkSpec(spec, "confusionStatement");
  const id = (name: string) => quoteIdentifier(name, dialect, false);
  const inner = derivedColumns(spec, dialect, []);
  const keys = [...spec.groups.map((_, i) => id(`g${i}`)), id("label"), id("pred")].join(", ");
  const aggregates = `COUNT(*) AS ${id("n")}, SUM(${id("w")}) AS ${id("w")}`;
  const sql = groupedSelect(keys, aggregates, inner.select, inner.from, dialect);
  return { sql, params: [...inner.params, ...tableParams(spec)] };
}

/**
 * The statement computing fine score histograms: one row per (groups…, label, bin) with `n`,
 * `w` (weight), `sw` (Σ w·score) and `sww` (Σ w·score²); bin = ⌊score · bins⌋ capped at
 * bins − 1 (scores in [0, 1]). From these rows come calibration curves and binned ROC.
 *
 * @example
 * histogramStatement({ table: "t", label: "y", score: "p", groups: ["g"] }, 100).params; // => [1, 0.5, 100, 99]
 */
export function histogramStatement(
  spec: SqlSpec,
  bins: number,
  dialect: SqlDialect = "ansi",
): SqlStatement {
  checkSpec(spec, "histogramStatement");
  if (spec.score === undefined) throw new TypeError("histogramStatement: needs a score column");
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError("histogramStatement: bins must be a positive integer");
  }
  const id = (name: string) => quoteIdentifier(name, dialect, false);
  const score = `CAST(${id(spec.score)} AS ${doubleType(dialect)})`;
  const bin = `LEAST(CAST(FLOOR(${score} * ?) AS ${intType(dialect)}), ?) AS ${id("bin")}`;
  const inner = derivedColumns(spec, dialect, [`${score} AS ${id("s")}`, bin]);
  const keys = [...spec.groups.map((_, i) => id(`g${i}`)), id("label"), id("bin")].join(", ");
  const w = id("w");
  const s = id("s");
  const aggregates = `COUNT(*) AS ${id("n")}, SUM(${w}) AS ${w}, SUM(${w} * ${s}) AS ${id("sw")}, SUM(${w} * ${s} * ${s}) AS ${id("sww")}`;
  const sql = groupedSelect(keys, aggregates, inner.select, inner.from, dialect);
  return { sql, params: [...inner.params, bins, bins - 1, ...tableParams(spec)] };
}

/** What the scan's statement reads: the table, the outcome, the expectation and the features. */
export interface ScanSqlSpec {
  /** The table, as in {@link SqlSpec}. */
  readonly table: SqlSpec["table"];
  /** Column of the outcome. */
  readonly label: string;
  /** The label value that is positive. @defaultValue 1 */
  readonly posLabel?: SqlParameter;
  /** Column of the model's probabilities (omitted: the scan expects the overall rate). */
  readonly score?: string;
  /** Columns of the search features (categorical; bucket numeric ones in the table expression). */
  readonly features: readonly string[];
}

/**
 * The statement computing the bias scan's sufficient statistics: one row per combination of
 * feature levels (`g0…`) and probability (`p`, when a score column is given) with `n` (rows) and
 * `y` (positive outcomes); `biasScanOfCells` scans them.
 *
 * Cost on the engine: one scan and a hash aggregate of at most (level combinations × distinct
 * probabilities) rows.
 *
 * @example
 * scanCellsStatement({ table: "t", label: "y", score: "p", features: ["sex", "age"] }).params; // => [1]
 */
export function scanCellsStatement(spec: ScanSqlSpec, dialect: SqlDialect = "ansi"): SqlStatement {
  if (spec.features.length === 0)
    throw new TypeError("scanCellsStatement: give at least one feature column");
  const id = (name: string) => quoteIdentifier(name, dialect, false);
  const columns = spec.features.map((f, i) => `${id(f)} AS ${id(`g${i}`)}`);
  columns.push(`CASE WHEN ${id(spec.label)} = ? THEN 1 ELSE 0 END AS ${id("label")}`);
  if (spec.score !== undefined)
    columns.push(`CAST(${id(spec.score)} AS ${doubleType(dialect)}) AS ${id("p")}`);
  const keys = [
    ...spec.features.map((_, i) => id(`g${i}`)),
    ...(spec.score === undefined ? [] : [id("p")]),
  ].join(", ");
  const aggregates = `COUNT(*) AS ${id("n")}, SUM(${id("label")}) AS ${id("y")}`;
  const sql = groupedSelect(
    keys,
    aggregates,
    columns.join(",\n    "),
    tableSource(spec, dialect),
    dialect,
  );
  return { sql, params: [spec.posLabel ?? 1, ...tableParams(spec)] };
}

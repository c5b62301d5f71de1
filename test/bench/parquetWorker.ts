/**
 * Child process of the Parquet case (run with `node --import tsx --import ./test/bench/peak.mjs`,
 * so its peak memory is printed at exit): `generate <path> <rows> <seed>` writes the synthetic
 * Parquet file with DuckDB; `audit <path>` computes every count metric per group through
 * `groupMetricsDuckDb` and prints the time, DuckDB's settings and a checksum as one JSON line.
 */
import { METRICS } from "../../src/metrics/registry.js";
import { groupMetricsDuckDb, runDuckDb } from "../../src/sql/duckdb.js";

/**
 * The generator: rows i = 0…rows−1 of DuckDB's `range`, each column from DuckDB's 64-bit
 * `hash()` of its own integer 4·(i + seed·2³²) + k (k = 0…3, so columns and seeds never share an
 * input): group g = h₀ mod 8; label = 1 when (h₁ mod 10⁶)/10⁶ < 0.2 + 0.05·g (base rates 0.2 to
 * 0.55); score = round(min(1, 0.35·label + 0.65·(h₂ mod 10⁶)/10⁶), 4) (informative, 10⁴
 * distinct values); weight = 0.5 + 0.5·(h₃ mod 4) (0.5, 1, 1.5 or 2). Deterministic for a
 * DuckDB version (its `hash` is not specified across versions).
 */
export function generatorSql(path: string, rows: number, seed: number): string {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(seed)) {
    throw new RangeError("generatorSql: rows and seed must be safe integers");
  }
  const h = (k: number) => `hash(4 * (i + ${seed} * 4294967296) + ${k})`;
  return `COPY (
  SELECT g, label, ROUND(LEAST(1.0, 0.35 * label + 0.65 * us), 4) AS score, 0.5 + 0.5 * wb AS weight
  FROM (
    SELECT g, CAST(uy < 0.2 + 0.05 * g AS INTEGER) AS label, us, wb
    FROM (
      SELECT CAST(${h(0)} % 8 AS INTEGER) AS g,
        CAST(${h(1)} % 1000000 AS DOUBLE) / 1e6 AS uy,
        CAST(${h(2)} % 1000000 AS DOUBLE) / 1e6 AS us,
        CAST(${h(3)} % 4 AS INTEGER) AS wb
      FROM range(${rows}) t(i)
    )
  )
) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`;
}

const [mode, path, rows, seed] = process.argv.slice(2);
if (path === undefined)
  throw new Error("parquetWorker.ts: generate <path> <rows> <seed> | audit <path>");
const t0 = performance.now();
if (mode === "generate") {
  await runDuckDb({ sql: generatorSql(path, Number(rows), Number(seed)), params: [] });
  console.log(JSON.stringify({ ms: performance.now() - t0 }));
} else {
  const result = await groupMetricsDuckDb(
    { path },
    { label: "label", score: "score", groups: ["g"], weight: "weight" },
    { metrics: METRICS.filter((m) => m.input === "counts").map((m) => m.id) },
  );
  const ms = performance.now() - t0;
  const [settings] = await runDuckDb({
    sql: "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memoryLimit",
    params: [],
  });
  console.log(
    JSON.stringify({
      ms,
      rows: result.byGroup.reduce((a, g) => a + g.count, 0),
      accuracy: result.overall.accuracy,
      threads: Number(settings!.threads),
      memoryLimit: settings!.memoryLimit,
    }),
  );
}

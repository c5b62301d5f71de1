/**
 * `npm run bench -- --parquet [--rows 1e8]`: a Parquet file of `rows` synthetic rows (default
 * 100M; see `generatorSql` in parquetWorker.ts) written by DuckDB in a temporary directory,
 * audited through `groupMetricsDuckDb` and through the CLI (`--engine duckdb`), each in a fresh
 * process whose wall time and peak memory are printed; the file is deleted afterwards. Not part
 * of the default run (minutes, and several hundred MB of disk).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const worker = fileURLToPath(new URL("./parquetWorker.ts", import.meta.url));
const peak = fileURLToPath(new URL("./peak.mjs", import.meta.url));
/** Bytes per row the generated file takes, with margin (measured: about 3.5). */
const BYTES_PER_ROW = 8;

interface Measured {
  readonly wallMs: number;
  readonly stdout: string;
  readonly vmHwmKiB: number | null;
  readonly maxRssKiB: number;
}

/** Runs node with the peak-memory preload; wall time from spawn to exit. */
function measure(args: readonly string[]): Measured {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ["--import", peak, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) {
    throw new Error(`bench --parquet: ${args.join(" ")} failed:\n${child.stderr}`);
  }
  const line = child.stderr.split("\n").find((l) => l.startsWith("fairscope-bench-peak "));
  if (line === undefined) throw new Error("bench --parquet: no peak memory line");
  const { vmHwmKiB, maxRssKiB } = JSON.parse(line.slice("fairscope-bench-peak ".length));
  return { wallMs, stdout: child.stdout, vmHwmKiB, maxRssKiB };
}

const mib = (kib: number | null) => (kib === null ? "n/a" : `${(kib / 1024).toFixed(0)} MiB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The Parquet case; `args` are the bench's command-line arguments. */
export function parquetBench(args: readonly string[]): void {
  const rowsArg = args.includes("--rows") ? args[args.indexOf("--rows") + 1] : undefined;
  const rows = Number(rowsArg ?? 1e8);
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new RangeError("--rows must be a positive integer");
  const dir = mkdtempSync(join(tmpdir(), "fairscope-bench-parquet-"));
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free < rows * BYTES_PER_ROW) {
    rmSync(dir, { recursive: true });
    throw new Error(
      `bench --parquet: ${(free / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}, need ${((rows * BYTES_PER_ROW) / 2 ** 30).toFixed(1)} GiB`,
    );
  }
  const file = join(dir, "synthetic.parquet");
  const size = rows.toExponential(0).replace("+", "");
  try {
    const tsx = ["--import", "tsx", worker];
    const gen = measure([...tsx, "generate", file, String(rows), "20240607"]);
    console.log(
      `${`generate ${size} rows to Parquet (DuckDB COPY)`.padEnd(58)} ${seconds(gen.wallMs).padStart(9)}  ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB file, peak RSS ${mib(gen.vmHwmKiB)}`,
    );
    const fn = measure([...tsx, "audit", file]);
    const out = JSON.parse(fn.stdout.trim().split("\n").at(-1)!);
    if (out.rows !== rows)
      throw new Error(`bench --parquet: counted ${out.rows} rows, not ${rows}`);
    console.log(
      `${`groupMetricsDuckDb, ${size} rows Parquet, weighted`.padEnd(58)} ${seconds(out.ms).padStart(9)}  ${(rows / out.ms / 1e3).toFixed(1)} M rows/s; process ${seconds(fn.wallMs)} wall, peak RSS ${mib(fn.vmHwmKiB)} (maxRSS ${mib(fn.maxRssKiB)}); DuckDB threads ${out.threads}, memory_limit ${out.memoryLimit}`,
    );
    const cli = measure([
      ...[join(root, "dist/cli.js"), "audit", file, "--engine", "duckdb"],
      ...["--label", "label", "--score", "score", "--group", "g", "--weight", "weight"],
      ...["--format", "json"],
    ]);
    const report = JSON.parse(cli.stdout);
    if (report.metadata.input.rows !== rows)
      throw new Error("bench --parquet: the CLI counted other rows");
    console.log(
      `${`CLI audit --engine duckdb, ${size} rows Parquet, weighted`.padEnd(58)} ${seconds(cli.wallMs).padStart(9)}  wall (node startup included), peak RSS ${mib(cli.vmHwmKiB)} (maxRSS ${mib(cli.maxRssKiB)}); accuracy ${report.overall.accuracy.value.toFixed(6)} (function: ${out.accuracy.toFixed(6)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `deleted ${dir}; ${execFileSync("df", ["-h", tmpdir()]).toString().trim().split("\n").at(-1)}`,
  );
}

/**
 * `npm run bench`: fairscope against the cost of reading its input once. Every case prints its
 * time, its rows/s, and its ratio to baselines measured in the same run on the same arrays.
 * Options: `--sizes 1e6,1e7` (default both; the memory case runs at the same sizes), `--json
 * file` to save the results, `--summary` to print only one line per case, `case | rows | ratio`,
 * for CI logs; `--cases a,b` to run only the cases whose name contains one of the substrings
 * (for example `--cases "groupMetrics,ROC AUC"`); every ratio with a target prints the target
 * and whether it is met; `--parquet [--rows 1e8]` runs only the DuckDB Parquet case (parquet.ts); `--scan`
 * runs only the bias scan cases (scan.ts).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Bench } from "tinybench";
import { calibrationByGroup } from "../../src/calibration/byGroup.js";
import { prepare } from "../../src/data/prepare.js";
import { groupMetrics, groupMetricsOfColumns } from "../../src/frame/groupMetrics.js";
import { METRICS } from "../../src/metrics/registry.js";
import { ThresholdOptimizer } from "../../src/mitigation/thresholdOptimizer.js";
import { createWorkerPool, parallelBootstrapGroupMetrics } from "../../src/parallel/index.js";
import { audit } from "../../src/report/audit.js";
import { createAccumulator, type FairnessAccumulator } from "../../src/stream/accumulator.js";
import { bootstrapGroupMetrics } from "../../src/uncertainty/groupBootstrap.js";
import { GROUPS, quantize, type SyntheticData, slice, syntheticData, toColumns } from "./data.js";
import { importTime } from "./importTime.js";
import { parquetBench } from "./parquet.js";
import { scanBench } from "./scan.js";

/** A baseline a case is compared with, and the largest ratio to it the case aims for. */
interface Ratio {
  readonly baseline: string;
  readonly ms: number;
  readonly target?: number;
}

/** `ratio× baseline`, and when the ratio has a target, `(target ≤ t: met|missed)`. */
function ratioText(ms: number, b: Ratio, withBaselineMs: boolean): string {
  const ratio = ms / b.ms;
  const base = withBaselineMs ? `${b.baseline} (${b.ms.toFixed(1)} ms)` : b.baseline;
  const target =
    b.target === undefined
      ? ""
      : ` (target ≤ ${b.target}×: ${ratio <= b.target ? "met" : "missed"})`;
  return `${ratio.toFixed(2)}× ${base}${target}`;
}

/** Whether a case's name passes the `--cases a,b` filter (substrings; no filter: every case). */
let caseFilter: readonly string[] | undefined;
const selected = (name: string) =>
  caseFilter === undefined || caseFilter.some((part) => name.includes(part));

interface CaseResult {
  readonly name: string;
  readonly rows: number;
  readonly ms: number;
  /** Timed runs the time is the minimum of (1: a single run, for cases of tens of seconds). */
  readonly runs: number;
  readonly ratios: readonly Ratio[];
}

const COUNT_METRICS = METRICS.filter((m) => m.input === "counts").map((m) => m.id);
const DECLARED_GROUPS = Array.from({ length: GROUPS }, (_, g) => g);
/** Group names of the plain-array case (one per synthetic group). */
const GROUP_NAMES = [
  "Asian",
  "Black",
  "Hispanic",
  "Native",
  "Other",
  "Pacific",
  "Two or more",
  "White",
];
/** Distinct scores of the threshold-optimizer case (the scores are rounded to 1e-5). */
const SCORE_LEVELS = 100_000;
let sink = 0;

/**
 * Best time in ms of `fn` (after one warm-up call): at least 3 runs and 400 ms. The minimum,
 * not the mean, because the machine is shared and interference only ever adds time.
 */
async function time(fn: () => void | Promise<void>): Promise<{ ms: number; runs: number }> {
  const bench = new Bench({ iterations: 3, time: 400, warmupIterations: 1, warmupTime: 0 });
  bench.add("case", fn);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state === "errored") throw result.error;
  if (result.state !== "completed") throw new Error(`benchmark failed: ${result.state}`);
  return { ms: result.latency.min, runs: result.latency.samplesCount };
}

/**
 * The speed-up this machine gives right now to a CPU-bound loop split over two worker threads
 * (best of three), the ceiling of any two-thread case measured in the same run.
 */
async function twoThreadSpeedUp(): Promise<number> {
  const code = `const { parentPort } = require("node:worker_threads");
parentPort.on("message", (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); parentPort.postMessage(s); });`;
  const workers = [new Worker(code, { eval: true }), new Worker(code, { eval: true })];
  const run = (w: Worker, n: number) =>
    new Promise<number>((resolve) => {
      w.once("message", resolve);
      w.postMessage(n);
    });
  const loop = 5e7;
  await Promise.all(workers.map((w) => run(w, 1e6)));
  let best = 0;
  for (let rep = 0; rep < 3; rep++) {
    let t0 = performance.now();
    await run(workers[0]!, loop);
    const one = performance.now() - t0;
    t0 = performance.now();
    await Promise.all(workers.map((w) => run(w, loop / 2)));
    best = Math.max(best, one / (performance.now() - t0));
  }
  for (const w of workers) await w.terminate();
  return best;
}

/** The bare loop: read label, prediction, group (and weight) once and sum them. */
function readOnce(data: SyntheticData, weighted: boolean): () => void {
  const { n, label, pred, group, weight } = data;
  return weighted
    ? () => {
        let s = 0;
        for (let r = 0; r < n; r++) s += label[r]! + pred[r]! + group[r]! + weight[r]!;
        sink += s;
      }
    : () => {
        let s = 0;
        for (let r = 0; r < n; r++) s += label[r]! + pred[r]! + group[r]!;
        sink += s;
      };
}

/** The CSV-like baseline: plain arrays read once, with one `Map` lookup of the group per row. */
function mapLookupOnce(rows: StringRows): () => void {
  const { yTrue, yPred, groups } = rows;
  const codes = new Map(GROUP_NAMES.map((name, i) => [name, i]));
  return () => {
    let s = 0;
    for (let r = 0; r < yTrue.length; r++) s += yTrue[r]! + yPred[r]! + codes.get(groups[r]!)!;
    sink += s;
  };
}

/** The rows as a CSV reader gives them: plain arrays, the groups as strings. */
interface StringRows {
  readonly yTrue: number[];
  readonly yPred: number[];
  readonly groups: string[];
}

/** The synthetic rows as plain arrays, the groups named. */
function stringRows(data: SyntheticData): StringRows {
  return {
    yTrue: Array.from(data.label),
    yPred: Array.from(data.pred),
    groups: Array.from(data.group, (g) => GROUP_NAMES[g]!),
  };
}

/** One `Float64Array.prototype.sort` of a copy of `score`. */
function sortOnce(score: Float64Array): () => void {
  const copy = new Float64Array(score.length);
  return () => {
    copy.set(score);
    copy.sort();
    sink += copy[0]!;
  };
}

function inputOf(data: SyntheticData, weighted: boolean, fields: "pred" | "score" | "both") {
  return {
    yTrue: data.label,
    ...(fields === "score" ? {} : { yPred: data.pred }),
    ...(fields === "pred" ? {} : { yScore: data.score }),
    sensitiveFeatures: data.group,
    ...(weighted ? { sampleWeight: data.weight } : {}),
  };
}

/** Feeds rows `from..to` to `acc` in batches of `batch` rows (views, no copies). */
function feed(
  acc: FairnessAccumulator,
  data: SyntheticData,
  weighted: boolean,
  from: number,
  to: number,
  batch: number,
): FairnessAccumulator {
  for (let r = from; r < to; r += batch) {
    acc.update(inputOf(slice(data, r, Math.min(to, r + batch)), weighted, "pred"));
  }
  return acc;
}

async function sizeCases(rows: number, print: (r: CaseResult) => void): Promise<CaseResult[]> {
  const data = syntheticData(rows, 20240607);
  const results: CaseResult[] = [];
  const sortMs = (await time(sortOnce(data.score))).ms;
  const size = rows.toExponential(0).replace("+", "");
  const small = rows <= 1e6;
  for (const weighted of [false, true]) {
    const tag = `${size} ${weighted ? "weighted" : "unweighted"}`;
    const columns = toColumns(data, weighted);
    const readMs = (await time(readOnce(data, weighted))).ms;
    const readRatio = { baseline: "read once", ms: readMs };
    const sortRatio = { baseline: "one sort", ms: sortMs };
    /** Measures and prints a selected case; returns its time (NaN when not selected). */
    const add = async (
      name: string,
      measure: () => Promise<{ ms: number; runs: number }> | { ms: number; runs: number },
      ratios: Ratio[],
    ) => {
      if (!selected(`${name}, ${tag}`)) return Number.NaN;
      const r = { name: `${name}, ${tag}`, rows, ...(await measure()), ratios };
      print(r);
      results.push(r);
      return r.ms;
    };
    const predInput = inputOf(data, weighted, "pred");

    await add(
      "count metrics by group (columns)",
      () =>
        time(() => {
          sink += groupMetricsOfColumns(columns, { metrics: COUNT_METRICS }).overall.accuracy!;
        }),
      [readRatio],
    );
    const point = () => {
      sink += groupMetrics(predInput, { metrics: COUNT_METRICS }).overall.accuracy!;
    };
    let pointMs = await add("count metrics by group (groupMetrics)", () => time(point), [
      { ...readRatio, target: 3 },
    ]);
    if (!weighted) {
      const strings = stringRows(data);
      const stringInput = {
        yTrue: strings.yTrue,
        yPred: strings.yPred,
        sensitiveFeatures: strings.groups,
      };
      const mapMs = (await time(mapLookupOnce(strings))).ms;
      await add(
        "count metrics by group (groupMetrics, plain arrays, string groups)",
        () =>
          time(() => {
            sink += groupMetrics(stringInput, { metrics: COUNT_METRICS }).overall.accuracy!;
          }),
        [{ baseline: "one Map lookup per row", ms: mapMs, target: 2 }],
      );
    }
    await add(
      "prepare()",
      () =>
        time(() => {
          sink += prepare(predInput).n;
        }),
      [readRatio],
    );
    await add(
      "exact ROC AUC by group (columns)",
      () =>
        time(() => {
          sink += groupMetricsOfColumns(columns, { metrics: ["rocAuc"] }).overall.rocAuc!;
        }),
      [{ ...sortRatio, target: 1 }],
    );
    // The multinomial bootstrap on the confusion counts; weighted, each cell's weighted sum is
    // drawn given its count (src/uncertainty/weightedCounts.ts).
    const boot = () => {
      const r = bootstrapGroupMetrics(predInput, { metrics: COUNT_METRICS, nBoot: 1000 });
      sink += r.metrics.accuracy!.overall.estimate;
    };
    const bootName = "count metrics + 1000 bootstrap replicates";
    if (Number.isNaN(pointMs) && selected(`${bootName}, ${tag}`)) pointMs = (await time(point)).ms;
    const bootMs = await add(bootName, () => time(boot), [
      { baseline: "groupMetrics", ms: pointMs, target: weighted ? 10 : undefined },
      readRatio,
    ]);
    const workersName = `${bootName}, workers: 2`;
    if (!weighted && selected(`${workersName}, ${tag}`)) {
      // Two worker threads kept between calls (as a service would keep them): the timed runs
      // follow a warm-up run, so thread start-up is not counted.
      const pool = createWorkerPool(2);
      const oneThreadMs = Number.isNaN(bootMs) ? (await time(boot)).ms : bootMs;
      await add(
        workersName,
        () =>
          time(async () => {
            const r = await parallelBootstrapGroupMetrics(predInput, {
              metrics: COUNT_METRICS,
              nBoot: 1000,
              workers: pool,
            });
            sink += r.metrics.accuracy!.overall.estimate;
          }),
        // A speed-up of at least 1.6 is a time of at most 1 / 1.6 of one thread's.
        [{ baseline: "one thread", ms: oneThreadMs, target: 0.625 }, readRatio],
      );
      await pool.close();
      const ceiling = await twoThreadSpeedUp();
      console.log(
        `machine check: a CPU-bound loop split over 2 threads runs ${ceiling.toFixed(2)}× as fast as on 1 (about 2 on two idle cores; near 1 when other processes hold the cores)`,
      );
    }
    if (!small) continue;

    const scoreInput = inputOf(data, weighted, "score");
    await add(
      "calibrationByGroup",
      () =>
        time(() => {
          sink += calibrationByGroup(scoreInput).overall.expectedCalibrationError;
        }),
      [readRatio, { ...sortRatio, target: 4 }],
    );

    const coarse = quantize(data.score, SCORE_LEVELS);
    const coarseSortMs = (await time(sortOnce(coarse))).ms;
    const toInput = { ...scoreInput, yScore: coarse };
    const toColumnsOf = { ...columns, score: coarse, scoreKind: "margin" as const };
    const coarseSort = { baseline: "one sort of its scores", ms: coarseSortMs };
    for (const objective of ["balancedAccuracy", "accuracy"] as const) {
      const optimizer = new ThresholdOptimizer({ constraints: "equalizedOdds", objective });
      await add(
        `ThresholdOptimizer eq. odds ${objective} fit()`,
        () =>
          time(() => {
            sink += optimizer.fit(toInput).groups.length;
          }),
        [coarseSort],
      );
      await add(
        `ThresholdOptimizer eq. odds ${objective} fitColumns()`,
        () =>
          time(() => {
            sink += optimizer.fitColumns(toColumnsOf).groups.length;
          }),
        [coarseSort],
      );
    }

    const auditInput = inputOf(data, weighted, "both");
    const auditOnce = () => {
      sink += audit(auditInput).groups.length;
    };
    await add("audit() with default intervals", () => time(auditOnce), [
      readRatio,
      { ...sortRatio, target: 20 },
    ]);

    const options = { groups: DECLARED_GROUPS, weighted };
    const onePassMs = await add(
      "accumulator: one update of all rows",
      () =>
        time(() => {
          sink += feed(createAccumulator(options), data, weighted, 0, rows, rows).rows;
        }),
      [readRatio],
    );
    const onePass = { baseline: "one update", ms: onePassMs };
    await add(
      `accumulator: 100 updates of ${rows / 100} rows`,
      () =>
        time(() => {
          sink += feed(createAccumulator(options), data, weighted, 0, rows, rows / 100).rows;
        }),
      [onePass, readRatio],
    );
    await add(
      "accumulator: 2 halves (50 updates each) + merge",
      () =>
        time(() => {
          const a = feed(createAccumulator(options), data, weighted, 0, rows / 2, rows / 100);
          const b = feed(createAccumulator(options), data, weighted, rows / 2, rows, rows / 100);
          sink += a.merge(b).rows;
        }),
      [onePass, readRatio],
    );
  }
  return results;
}

/** One line for CI logs: `case | rows | ratio to each baseline (target, met or missed)`. */
function summaryLine(r: CaseResult): string {
  const ratios = r.ratios.map((b) => ratioText(r.ms, b, false)).join(", ");
  return `${r.name} | ${r.rows} | ${ratios}`;
}

function format(r: CaseResult): string {
  const rate = (r.rows / r.ms) * 1000;
  const ratios = r.ratios.map((b) => ratioText(r.ms, b, true)).join(", ");
  const runs = r.runs === 1 ? " [1 run]" : "";
  return `${r.name.padEnd(58)} ${r.ms.toFixed(1).padStart(9)} ms  ${(rate / 1e6).toFixed(2).padStart(7)} M rows/s  ${ratios}${runs}`;
}

/** Memory in use after counting `rows` rows through the accumulator, in a fresh process. */
function memoryAfter(rows: number): {
  rows: number;
  before: { heapUsed: number; arrayBuffers: number };
  after: { heapUsed: number; arrayBuffers: number };
  peakRssBytes: number | undefined;
} {
  const script = fileURLToPath(new URL("./memory.ts", import.meta.url));
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, String(rows)],
    { cwd: root },
  );
  return JSON.parse(out.toString().trim().split("\n").at(-1)!);
}

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const nproc = execFileSync("nproc").toString().trim();
  return `${cpu}, nproc ${nproc}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--parquet")) {
    console.log(`fairscope bench --parquet: ${machine()}; load average ${loadAverage()}`);
    parquetBench(args);
    console.log(`load average at end: ${loadAverage()}`);
    return;
  }
  if (args.includes("--scan")) {
    console.log(`fairscope bench --scan: ${machine()}; load average ${loadAverage()}`);
    scanBench();
    console.log(`load average at end: ${loadAverage()}`);
    return;
  }
  const summary = args.includes("--summary");
  const casesArg = args.includes("--cases") ? args[args.indexOf("--cases") + 1] : undefined;
  caseFilter = casesArg?.split(",");
  const sizeArg = args[args.indexOf("--sizes") + 1];
  const sizes = args.includes("--sizes") && sizeArg ? sizeArg.split(",").map(Number) : [1e6, 1e7];
  const jsonArg = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
  const started = performance.now();
  const loadStart = loadAverage();
  console.log(`fairscope bench: ${machine()}`);
  console.log(`load average at start: ${loadStart}`);
  const results: CaseResult[] = [];
  for (const rows of sizes) {
    const print = (c: CaseResult) => console.log(summary ? summaryLine(c) : format(c));
    for (const r of await sizeCases(rows, print)) results.push(r);
  }
  const memory = selected("accumulator memory") ? sizes.map(memoryAfter) : [];
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  for (const m of memory) {
    const growth =
      m.after.heapUsed + m.after.arrayBuffers - m.before.heapUsed - m.before.arrayBuffers;
    if (summary) {
      console.log(`accumulator memory | ${m.rows} | growth ${(growth / 1024).toFixed(0)} KiB`);
      continue;
    }
    console.log(
      `${`accumulator memory after ${m.rows.toExponential(0).replace("+", "")} rows (batches of 1e5)`.padEnd(58)} heap ${mb(m.after.heapUsed)} + buffers ${mb(m.after.arrayBuffers)}, growth while counting ${(growth / 1024).toFixed(0)} KiB, peak RSS ${m.peakRssBytes === undefined ? "n/a" : mb(m.peakRssBytes)}`,
    );
  }
  if (selected("import('fairscope')") || selected("fairscope --version")) {
    const imports = await importTime(5);
    const startup = { baseline: "node start-up", ms: imports.nodeStartup };
    const lines: CaseResult[] = [
      {
        name: "import('fairscope') in a fresh process",
        rows: 0,
        ms: imports.median,
        runs: imports.runs.length,
        ratios: [{ ...startup, target: 0.5 }],
      },
      {
        name: "fairscope --version (wall time)",
        rows: 0,
        ms: imports.cliVersion,
        runs: imports.runs.length,
        ratios: [{ ...startup, target: 1.5 }],
      },
      {
        name: "fairscope --help (wall time)",
        rows: 0,
        ms: imports.cliHelp,
        runs: imports.runs.length,
        ratios: [{ ...startup, target: 1.5 }],
      },
    ];
    for (const line of lines) console.log(summary ? summaryLine(line) : format(line));
    results.push(...lines);
  }
  const loadEnd = loadAverage();
  const seconds = (performance.now() - started) / 1000;
  console.log(`load average at end: ${loadEnd}; bench took ${seconds.toFixed(0)} s`);
  if (jsonArg)
    writeFileSync(
      jsonArg,
      `${JSON.stringify({ machine: machine(), loadStart, loadEnd, seconds, results, memory }, null, 2)}\n`,
    );
  if (sink === 0.5) console.log("");
}

await main();

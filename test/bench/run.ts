/**
 * `npm run bench`: fairscope against the cost of reading its input once. Every case prints its
 * time, its rows/s, and its ratio to a baseline measured in the same run on the same arrays.
 * Options: `--sizes 1e6,1e7` (default both), `--json file` to save the results.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { Bench } from "tinybench";
import { prepare } from "../../src/data/prepare.js";
import { groupMetricsOfColumns } from "../../src/metrics/groupMetrics.js";
import { METRICS } from "../../src/metrics/registry.js";
import { type SyntheticData, syntheticData, toColumns } from "./data.js";
import { importTime } from "./importTime.js";

interface CaseResult {
  readonly name: string;
  readonly rows: number;
  readonly ms: number;
  readonly baseline: string;
  readonly baselineMs: number;
}

const COUNT_METRICS = METRICS.filter((m) => m.input === "counts").map((m) => m.id);
let sink = 0;

/**
 * Best time in ms of `fn` (after one warm-up call): at least 3 runs and 400 ms. The minimum,
 * not the mean, because the machine is shared and interference only ever adds time.
 */
async function time(fn: () => void): Promise<number> {
  const bench = new Bench({ iterations: 3, time: 400, warmupIterations: 1, warmupTime: 0 });
  bench.add("case", fn);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== "completed") throw new Error(`benchmark failed: ${JSON.stringify(result)}`);
  return result.latency.min;
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

function sortOnce(data: SyntheticData): () => void {
  const copy = new Float64Array(data.n);
  return () => {
    copy.set(data.score);
    copy.sort();
    sink += copy[0]!;
  };
}

async function sizeCases(rows: number): Promise<CaseResult[]> {
  const data = syntheticData(rows, 20240607);
  const results: CaseResult[] = [];
  const sortMs = await time(sortOnce(data));
  for (const weighted of [false, true]) {
    const tag = `${rows.toExponential(0).replace("+", "")} ${weighted ? "weighted" : "unweighted"}`;
    const columns = toColumns(data, weighted);
    const baselineMs = await time(readOnce(data, weighted));
    const add = async (name: string, fn: () => void, baseline: string, base: number) => {
      results.push({
        name: `${name}, ${tag}`,
        rows,
        ms: await time(fn),
        baseline,
        baselineMs: base,
      });
    };
    await add(
      "count metrics by group",
      () => {
        sink += groupMetricsOfColumns(columns, { metrics: COUNT_METRICS }).overall.accuracy!;
      },
      "read once",
      baselineMs,
    );
    const input = {
      yTrue: data.label,
      yPred: data.pred,
      sensitiveFeatures: data.group,
      sampleWeight: weighted ? data.weight : undefined,
    };
    await add(
      "prepare()",
      () => {
        sink += prepare(input).n;
      },
      "read once",
      baselineMs,
    );
    await add(
      "exact ROC AUC by group",
      () => {
        sink += groupMetricsOfColumns(columns, { metrics: ["rocAuc"] }).overall.rocAuc!;
      },
      "one sort",
      sortMs,
    );
  }
  return results;
}

function format(r: CaseResult): string {
  const rate = (r.rows / r.ms) * 1000;
  return `${r.name.padEnd(44)} ${r.ms.toFixed(1).padStart(9)} ms  ${(rate / 1e6).toFixed(1).padStart(7)} M rows/s  ${(r.ms / r.baselineMs).toFixed(2).padStart(6)}× ${r.baseline} (${r.baselineMs.toFixed(1)} ms)`;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const nproc = execFileSync("nproc").toString().trim();
  return `${cpu}, nproc ${nproc}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizeArg = args[args.indexOf("--sizes") + 1];
  const sizes = args.includes("--sizes") && sizeArg ? sizeArg.split(",").map(Number) : [1e6, 1e7];
  const jsonArg = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
  console.log(`fairscope bench: ${machine()}`);
  const results: CaseResult[] = [];
  for (const rows of sizes) {
    for (const r of await sizeCases(rows)) {
      console.log(format(r));
      results.push(r);
    }
  }
  const imports = await importTime(5);
  console.log(
    `${"import('fairscope') in a fresh process".padEnd(44)} ${imports.median.toFixed(1).padStart(9)} ms  (median of ${imports.runs.length}; node startup ${imports.nodeStartup.toFixed(1)} ms not included)`,
  );
  if (jsonArg)
    writeFileSync(
      jsonArg,
      `${JSON.stringify({ machine: machine(), results, imports }, null, 2)}\n`,
    );
  if (sink === 0.5) console.log("");
}

await main();

/**
 * Benchmark (not a test): 1000 multinomial-bootstrap replicates of every count metric, their
 * disparities and the criteria on 10M rows in 8 groups, against the point estimate (one counting
 * pass plus the metrics). Run: `npx tsx test/uncertainty/benchmark.ts [rows] [groups] [nBoot]`.
 * Prints the median of 3 runs of each and their ratio (issue #4 target: at most 5×).
 */
import { Bench } from "tinybench";
import { COUNT_METRICS } from "../../src/metrics/counts.js";
import { confusionOf, countConfusion } from "../../src/stats/confusion.js";
import { bootstrapConfusionCounts } from "../../src/uncertainty/countBootstrap.js";
import { randomSource } from "../../src/uncertainty/random.js";

const [rows = 10_000_000, k = 8, nBoot = 1000] = process.argv.slice(2).map(Number);

const rng = randomSource(1);
const label = new Uint8Array(rows);
const pred = new Uint8Array(rows);
const group = new Uint32Array(rows);
for (let i = 0; i < rows; i++) {
  group[i] = rng.integer(0, k - 1);
  label[i] = rng.uniform() < 0.3 + 0.05 * (group[i] as number) ? 1 : 0;
  pred[i] = rng.uniform() < (label[i] ? 0.7 : 0.2) ? 1 : 0;
}
const columns = {
  n: rows,
  label,
  pred,
  weight: undefined,
  group,
  groups: { featureNames: ["g"], levels: [[]], keys: Array.from({ length: k }, (_, g) => [g]) },
};

const pointEstimate = () => {
  const stats = countConfusion(columns);
  for (let g = 0; g < k; g++) for (const m of COUNT_METRICS) m.fromCounts(confusionOf(stats, g));
};
const withBootstrap = () => {
  const stats = countConfusion(columns);
  bootstrapConfusionCounts(stats.counts, COUNT_METRICS, { nBoot, seed: 1 });
};

const bench = new Bench({ iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
bench.add("point estimate", pointEstimate).add(`point + ${nBoot} replicates`, withBootstrap);
await bench.run();
const median = (name: string) => {
  const task = bench.getTask(name)?.result;
  if (task === undefined || !("latency" in task)) throw new Error(`benchmark ${name} did not run`);
  return task.latency.p50 as number;
};
const point = median("point estimate");
const boot = median(`point + ${nBoot} replicates`);
console.log(`${rows} rows, ${k} groups, ${COUNT_METRICS.length} count metrics + gaps + criteria`);
console.log(`point estimate: ${point.toFixed(1)} ms`);
console.log(`point estimate + ${nBoot} multinomial replicates: ${boot.toFixed(1)} ms`);
console.log(`ratio: ${(boot / point).toFixed(2)}x`);

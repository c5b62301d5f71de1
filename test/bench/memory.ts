/**
 * Child process of the memory case (run with `--expose-gc`): counts `rows` synthetic rows
 * through a weighted accumulator, batch by batch, each batch made on the fly (the data never
 * exist whole), and prints the memory in use after a full garbage collection, before and after.
 * Usage: `node --expose-gc --import tsx test/bench/memory.ts <rows> [batch]`.
 */
import { readFileSync } from "node:fs";
import { METRICS } from "../../src/metrics/registry.js";
import { createAccumulator } from "../../src/stream/accumulator.js";
import { GROUPS, syntheticBatches } from "./data.js";

const [rows = 1e6, batch = 1e5] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("memory.ts: run node with --expose-gc");

/** Heap and typed-array memory in use after a full collection, in bytes. */
function inUse(): { heapUsed: number; arrayBuffers: number } {
  gc!();
  gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}

/**
 * This process's peak resident set (Linux `VmHWM`, reset by exec; `getrusage`'s maxRSS is not:
 * it keeps the parent's peak across fork and exec). Undefined off Linux.
 */
function peakRss(): number | undefined {
  try {
    const line = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const acc = createAccumulator({
  groups: Array.from({ length: GROUPS }, (_, g) => g),
  weighted: true,
});
const feed = (n: number, seed: number) => {
  for (const b of syntheticBatches(n, batch, seed)) {
    acc.update({
      yTrue: b.label,
      yPred: b.pred,
      sensitiveFeatures: b.group,
      sampleWeight: b.weight,
    });
  }
};
// One batch before measuring, so code and first-use allocations are in both figures.
feed(batch, 1);
const before = inUse();
feed(rows - batch, 20240607);
const after = inUse();
const accuracy = acc.result({
  metrics: METRICS.filter((m) => m.input === "counts").map((m) => m.id),
}).overall.accuracy;
console.log(
  JSON.stringify({
    rows: acc.rows,
    before,
    after,
    peakRssBytes: peakRss(),
    accuracy,
  }),
);

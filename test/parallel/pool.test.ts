import { describe, expect, it } from "vitest";
import type { ChunkInput } from "../../src/parallel/chunks.js";
import { createWorkerPool, outcomeOf, transferables } from "../../src/parallel/pool.js";

const chunks: ChunkInput[] = [
  { yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] },
  { yTrue: [1, 7, 3], yPred: [1, 1, 0], sensitiveFeatures: ["a", "b", "a"] },
  { yTrue: Uint8Array.of(0, 0, 1), yPred: Uint8Array.of(1, 0, 1), sensitiveFeatures: [2, 2, 3] },
];

describe("outcomeOf", () => {
  it("gives the statistics, an input failure, or another error by name and message", () => {
    const stats = outcomeOf(chunks[0]!);
    expect(stats.kind).toBe("stats");
    expect(outcomeOf(chunks[1]!)).toEqual({ kind: "input" });
    const broken = {
      get yTrue(): never {
        throw new RangeError("unreadable");
      },
    } as unknown as ChunkInput;
    expect(outcomeOf(broken)).toEqual({ kind: "error", name: "RangeError", message: "unreadable" });
  });

  it("lists the statistics' buffers for transfer", () => {
    const outcome = outcomeOf({ ...chunks[0]!, sampleWeight: [1, 2] });
    if (outcome.kind !== "stats") throw new Error("expected statistics");
    expect(transferables(outcome)).toEqual([
      outcome.stats.counts.buffer,
      outcome.stats.weightSum!.buffer,
      outcome.stats.weightComp!.buffer,
    ]);
    expect(transferables({ kind: "input" })).toEqual([]);
  });
});

describe("WorkerPool", () => {
  it("with no workers, computes the chunks on the calling thread, in chunk order", async () => {
    const pool = createWorkerPool(0);
    const outcomes = await pool.run(chunks.length, (i) => chunks[i]!);
    expect(outcomes).toEqual(chunks.map(outcomeOf));
    await pool.close();
    await expect(pool.run(1, () => chunks[0]!)).rejects.toThrow("closed");
  });

  it("on worker threads, returns the outcomes in chunk order, call after call", async () => {
    const pool = createWorkerPool(2);
    try {
      const many = Array.from({ length: 9 }, (_, i) => chunks[i % chunks.length]!);
      const [first, second] = await Promise.all([
        pool.run(many.length, (i) => many[i]!),
        pool.run(2, (i) => chunks[2 - i]!),
      ]);
      expect(first).toEqual(many.map(outcomeOf));
      expect(second).toEqual([outcomeOf(chunks[2]!), outcomeOf(chunks[1]!)]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("refuses a number of workers that is not a non-negative integer", () => {
    expect(() => createWorkerPool(-1)).toThrow(RangeError);
    expect(() => createWorkerPool(1.5)).toThrow(RangeError);
  });
});

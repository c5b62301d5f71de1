import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ChunkReply } from "../../src/parallel/pool.js";
import { outcomeOf } from "../../src/parallel/pool.js";

/** The worker script run as the pool runs it from the sources (through tsx). */
function startWorker(): Worker {
  const script = new URL("../../src/parallel/worker.ts", import.meta.url).href;
  return new Worker(
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`,
    { eval: true },
  );
}

describe("the worker script", () => {
  it("answers each chunk with its index and outcome, the counts' buffers transferred", async () => {
    const worker = startWorker();
    try {
      const chunk = {
        yTrue: Uint8Array.of(1, 0, 1),
        yPred: Uint8Array.of(1, 1, 1),
        sensitiveFeatures: ["x", "y", "x"],
      };
      const replies: ChunkReply[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on("error", reject);
        worker.on("message", (reply: ChunkReply) => {
          replies.push(reply);
          if (replies.length === 2) resolve();
        });
        worker.postMessage({ index: 4, chunk });
        worker.postMessage({ index: 5, chunk: { ...chunk, yTrue: [1, 2, 3] } });
      });
      expect(replies[0]).toEqual({ index: 4, outcome: outcomeOf(chunk) });
      expect(
        replies[0]!.outcome.kind === "stats" && replies[0]!.outcome.stats.counts,
      ).toBeInstanceOf(Float64Array);
      expect(replies[1]).toEqual({ index: 5, outcome: { kind: "input" } });
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

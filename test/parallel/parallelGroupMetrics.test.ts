import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import type { FairnessInput } from "../../src/data/inputTypes.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { METRICS } from "../../src/metrics/registry.js";
import {
  createWorkerPool,
  parallelBootstrapGroupMetrics,
  parallelGroupMetrics,
} from "../../src/parallel/index.js";
import { bootstrapGroupMetrics } from "../../src/uncertainty/groupBootstrap.js";
import { expectClose } from "../helpers/close.js";

const COUNT_METRICS = METRICS.filter((m) => m.input === "counts").map((m) => m.id);

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** The error a call throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

const rowArbitrary = fc.record({
  y: fc.integer({ min: 0, max: 1 }),
  p: fc.integer({ min: 0, max: 1 }),
  a: fc.constantFrom("x", "y", "z", 3, 10),
  b: fc.constantFrom(true, false),
  c: fc.integer({ min: 0, max: 5 }),
  w: fc.double({ min: 0.001, max: 1000, noNaN: true }),
});

/**
 * Small inputs of every form the chunks cut: plain or typed, one or two features (typed: integer
 * codes), weights.
 */
const inputArbitrary = fc
  .record({
    rows: fc.array(rowArbitrary, { minLength: 1, maxLength: 40 }),
    typed: fc.boolean(),
    twoFeatures: fc.boolean(),
    weighted: fc.boolean(),
    intersections: fc.constantFrom("observed" as const, "all" as const),
  })
  .map(({ rows, typed, twoFeatures, weighted, intersections }): FairnessInput => {
    const labels = (f: (r: (typeof rows)[number]) => number) =>
      typed ? Uint8Array.from(rows, f) : rows.map(f);
    const a = typed ? Uint32Array.from(rows, (r) => r.c) : rows.map((r) => r.a);
    return {
      yTrue: labels((r) => r.y),
      yPred: labels((r) => r.p),
      sensitiveFeatures: twoFeatures ? { a, b: rows.map((r) => r.b) } : a,
      ...(weighted ? { sampleWeight: Float64Array.from(rows, (r) => r.w) } : {}),
      intersections,
    };
  });

describe("parallelGroupMetrics", () => {
  it("gives groupMetrics' values for any chunk size (property, on the calling thread)", async () => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary, fc.integer({ min: 1, max: 7 }), async (input, chunkSize) => {
        const expected = groupMetrics(input, { metrics: COUNT_METRICS }).toJSON();
        const actual = await parallelGroupMetrics(input, {
          metrics: COUNT_METRICS,
          workers: 0,
          chunkSize,
        });
        if (input.sampleWeight === undefined) expect(actual.toJSON()).toEqual(expected);
        else expectClose(actual.toJSON(), expected);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("gives the bytes of one thread for any number of workers", async () => {
    const pool = createWorkerPool(2);
    const one = createWorkerPool(1);
    try {
      const inputs = fc.sample(inputArbitrary, { seed: 17, numRuns: 12 });
      for (const [i, input] of inputs.entries()) {
        const options = { metrics: COUNT_METRICS, chunkSize: 1 + (i % 4) };
        const here = await parallelGroupMetrics(input, { ...options, workers: 0 });
        const two = await parallelGroupMetrics(input, { ...options, workers: pool });
        const single = await parallelGroupMetrics(input, { ...options, workers: one });
        expect(JSON.stringify(two.toJSON())).toBe(JSON.stringify(here.toJSON()));
        expect(JSON.stringify(single.toJSON())).toBe(JSON.stringify(here.toJSON()));
      }
    } finally {
      await pool.close();
      await one.close();
    }
  }, 60_000);

  it("starts and ends its own workers when given a number", async () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 1],
      yPred: [1, 0, 0, 0, 1, 0],
      sensitiveFeatures: ["a", "b", "a", "b", "c", "c"],
    };
    const r = await parallelGroupMetrics(input, {
      metrics: ["selectionRate"],
      workers: 2,
      chunkSize: 2,
    });
    expect(r.toJSON()).toEqual(groupMetrics(input, { metrics: ["selectionRate"] }).toJSON());
  }, 60_000);

  describe("invalid input: the error one thread gives", () => {
    const pool = createWorkerPool(2);
    afterAll(() => pool.close());

    const cases: [string, FairnessInput][] = [
      [
        "a bad label in the second chunk",
        {
          yTrue: [1, 0, 1, 2, 0],
          yPred: [1, 1, 0, 0, 1],
          sensitiveFeatures: ["a", "a", "b", "b", "b"],
        },
      ],
      [
        "labels valid in each chunk but not together",
        { yTrue: [0, 0, -1, -1], yPred: [0, 0, -1, -1], sensitiveFeatures: ["a", "b", "a", "b"] },
      ],
      [
        "three label values, two per chunk",
        {
          yTrue: ["u", "v", "v", "w"],
          yPred: ["u", "v", "v", "w"],
          sensitiveFeatures: [1, 1, 2, 2],
          posLabel: "v",
        },
      ],
      [
        "a missing group in the last chunk",
        { yTrue: [1, 0, 1], yPred: [1, 0, 1], sensitiveFeatures: ["a", "b", null] },
      ],
      [
        "a value that cannot be sent to a worker",
        {
          yTrue: [1, 0, () => 1, 0] as never,
          yPred: [1, 0, 1, 0],
          sensitiveFeatures: ["a", "a", "b", "b"],
        },
      ],
      [
        "a length mismatch",
        { yTrue: [1, 0, 1, 0], yPred: [1, 0, 1], sensitiveFeatures: ["a", "a", "b", "b"] },
      ],
    ];
    for (const [name, input] of cases) {
      it(name, async () => {
        const expected = thrown(() => groupMetrics(input));
        expect(expected).toBeInstanceOf(FairnessInputError);
        for (const workers of [0, pool]) {
          const error = await rejection(parallelGroupMetrics(input, { workers, chunkSize: 2 }));
          expect(error).toBeInstanceOf(FairnessInputError);
          expect((error as FairnessInputError).issues).toEqual(
            (expected as FairnessInputError).issues,
          );
        }
      }, 60_000);
    }
  });

  it("computes chunks invalid alone but valid together (all weights zero in one chunk)", async () => {
    const input = {
      yTrue: [1, 0, 1, 0],
      yPred: [1, 1, 0, 0],
      sensitiveFeatures: ["a", "b", "a", "b"],
      sampleWeight: [0, 0, 2, 1],
    };
    const r = await parallelGroupMetrics(input, {
      metrics: COUNT_METRICS,
      workers: 0,
      chunkSize: 2,
    });
    expect(r.toJSON()).toEqual(groupMetrics(input, { metrics: COUNT_METRICS }).toJSON());
  });

  it("leaves score metrics, control features and intervals to groupMetrics", async () => {
    const base = {
      yTrue: [1, 0, 1, 0, 1, 0],
      yScore: [0.9, 0.2, 0.4, 0.6, 0.7, 0.1],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    };
    const withControl = { ...base, controlFeatures: ["u", "v", "u", "v", "u", "v"] };
    for (const [input, options] of [
      [base, {}],
      [withControl, { metrics: ["accuracy"] }],
      [base, { metrics: ["accuracy"], ci: { seed: 3, nBoot: 50 } }],
    ] as const) {
      const r = await parallelGroupMetrics(input, { ...options, workers: 0, chunkSize: 2 });
      expect(r.toJSON()).toEqual(groupMetrics(input, options).toJSON());
    }
  });

  it("checks its options", async () => {
    const input = { yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] };
    expect(await rejection(parallelGroupMetrics(input, { workers: -1 }))).toBeInstanceOf(
      RangeError,
    );
    expect(
      await rejection(parallelGroupMetrics(input, { workers: 0, chunkSize: 0 })),
    ).toBeInstanceOf(RangeError);
    const unknown = await rejection(
      parallelGroupMetrics(input, { workers: 0, worker: 2 } as never),
    );
    expect(unknown).toBeInstanceOf(FairnessInputError);
    expect((unknown as FairnessInputError).issues[0]!.message).toContain('"workers"');
  });
});

describe("parallelBootstrapGroupMetrics", () => {
  it("gives bootstrapGroupMetrics' result byte for byte (property, on the calling thread)", async () => {
    const unweighted = inputArbitrary.map(({ sampleWeight: _w, ...input }) => input);
    await fc.assert(
      fc.asyncProperty(
        unweighted,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1000 }),
        async (input, chunkSize, seed) => {
          const options = { metrics: COUNT_METRICS, nBoot: 40, seed, method: "bca" as const };
          const expected = JSON.stringify(bootstrapGroupMetrics(input, options));
          const actual = await parallelBootstrapGroupMetrics(input, {
            ...options,
            workers: 0,
            chunkSize,
          });
          expect(JSON.stringify(actual)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it("gives the same result on worker threads", async () => {
    const pool = createWorkerPool(2);
    try {
      const input = {
        yTrue: Uint8Array.from({ length: 500 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0)),
        yPred: Uint8Array.from({ length: 500 }, (_, i) => ((i * 5) % 4 === 0 ? 1 : 0)),
        sensitiveFeatures: Uint32Array.from({ length: 500 }, (_, i) => i % 5),
      };
      const options = { metrics: COUNT_METRICS, nBoot: 200, seed: 9, reference: 2 };
      const actual = await parallelBootstrapGroupMetrics(input, {
        ...options,
        workers: pool,
        chunkSize: 64,
      });
      expect(JSON.stringify(actual)).toBe(JSON.stringify(bootstrapGroupMetrics(input, options)));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("bootstraps weighted data and score metrics on the calling thread", async () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1, 0],
      yPred: [1, 0, 0, 0, 1, 1],
      yScore: [0.9, 0.2, 0.4, 0.6, 0.7, 0.1],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
      sampleWeight: [1, 2, 1, 2, 1, 2],
    };
    const options = { nBoot: 30, seed: 4 };
    const actual = await parallelBootstrapGroupMetrics(input, { ...options, workers: 0 });
    expect(JSON.stringify(actual)).toBe(JSON.stringify(bootstrapGroupMetrics(input, options)));
  });
});

describe("worker clean-up", () => {
  it("a process that used workers (and a pool left open) exits by itself", () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), "exitFixture.ts");
    const out = execFileSync(process.execPath, ["--import", "tsx", script], {
      timeout: 60_000,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("0.5 0.5");
  }, 70_000);
});

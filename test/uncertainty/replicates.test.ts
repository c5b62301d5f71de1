import { describe, expect, it } from "vitest";
import { AGGREGATES, aggregateInto, combineParts } from "../../src/disparity/aggregate.js";
import { bootstrapInterval } from "../../src/uncertainty/bootstrapInterval.js";
import {
  aggregateReplicates,
  type Block,
  combineReplicates,
  replicatesInterval,
  statisticReplicates,
} from "../../src/uncertainty/replicates.js";

// One metric over k = 2 groups with nBoot = 3 replicates; statistics: overall, group 0, group 1.
// Statistic-major replicates: statistic s, replicate b at s · 3 + b.
const nBoot = 3;
const block: Block = {
  replicates: Float64Array.of(0.5, 0.4, 0.6, 0.2, 0.3, 0.1, 0.8, 0.5, 0.7),
  estimates: Float64Array.of(0.5, 0.25, 0.75),
  jackknife: [
    { values: Float64Array.of(0.45, 0.55), weights: Float64Array.of(1, 2) },
    { values: Float64Array.of(0.2, 0.3), weights: Float64Array.of(1, 2) },
    { values: Float64Array.of(0.7, 0.8), weights: Float64Array.of(1, 2) },
  ],
};
const slot = { block, base: 0, resampling: "rows" as const };

describe("statisticReplicates(slot, s, nBoot)", () => {
  it("statisticReplicates(…) reads one statistic's replicates, estimate and jackknife", () => {
    const group1 = statisticReplicates(slot, 2, nBoot);
    expect(Array.from(group1.replicates)).toEqual([0.8, 0.5, 0.7]);
    expect(group1.estimate).toBe(0.75);
    expect(group1.jackknife).toBe(block.jackknife![2]);
  });
});

describe("aggregateReplicates(slot, k, nBoot, aggregate, reference)", () => {
  it("aggregateReplicates(…) recomputes the aggregate replicate by replicate", () => {
    const difference = aggregateReplicates(slot, 2, nBoot, "difference", -1);
    // |group 1 − group 0| per replicate: 0.6, 0.2, 0.6; estimate 0.5.
    expect(Array.from(difference.replicates).map((v) => Number(v.toFixed(12)))).toEqual([
      0.6, 0.2, 0.6,
    ]);
    expect(difference.estimate).toBe(0.5);
    // Jackknife values: 0.7 − 0.2 and 0.8 − 0.3, weights kept.
    expect(Array.from(difference.jackknife!.values).map((v) => Number(v.toFixed(12)))).toEqual([
      0.5, 0.5,
    ]);
    expect(difference.jackknife!.weights).toBe(block.jackknife![0]!.weights);
  });

  it("aggregateReplicates(…) gives every aggregate as aggregateInto does on each replicate", () => {
    for (const aggregate of AGGREGATES) {
      for (const reference of [-1, 0, 1]) {
        const r = aggregateReplicates(slot, 2, nBoot, aggregate, reference);
        for (let b = 0; b < nBoot; b++) {
          const out = new Float64Array(AGGREGATES.length);
          const values = [block.replicates[nBoot + b]!, block.replicates[2 * nBoot + b]!];
          aggregateInto(values, block.replicates[b]!, reference, out, 0);
          expect(Object.is(r.replicates[b], out[AGGREGATES.indexOf(aggregate)])).toBe(true);
        }
      }
    }
  });

  it("aggregateReplicates(…) has no jackknife when the block has none", () => {
    const percentile = { ...slot, block: { ...block, jackknife: undefined } };
    expect(aggregateReplicates(percentile, 2, nBoot, "ratio", -1).jackknife).toBeUndefined();
  });
});

describe("combineReplicates(parts, comparison, aggregation)", () => {
  const a = statisticReplicates(slot, 1, nBoot);
  const b = statisticReplicates(slot, 2, nBoot);

  it("combineReplicates(…) of one part is that part", () => {
    expect(combineReplicates([a], "difference", "worstCase")).toBe(a);
  });

  it("combineReplicates(…) combines replicates, estimates and jackknife values by combineParts", () => {
    const worst = combineReplicates([a, b], "difference", "worstCase");
    expect(Array.from(worst.replicates)).toEqual([0.8, 0.5, 0.7]);
    expect(worst.estimate).toBe(0.75);
    const mean = combineReplicates([a, b], "ratio", "mean");
    for (let r = 0; r < nBoot; r++) {
      expect(mean.replicates[r]).toBe(
        combineParts([a.replicates[r]!, b.replicates[r]!], "ratio", "mean"),
      );
    }
    expect(Array.from(mean.jackknife!.values)).toEqual([
      combineParts([0.2, 0.7], "ratio", "mean"),
      combineParts([0.3, 0.8], "ratio", "mean"),
    ]);
    const noJackknife = combineReplicates([a, { ...b, jackknife: undefined }], "ratio", "mean");
    expect(noJackknife.jackknife).toBeUndefined();
  });
});

describe("replicatesInterval(replicates, reading)", () => {
  it("replicatesInterval(…) is bootstrapInterval of the statistic's replicates", () => {
    const r = statisticReplicates(slot, 2, nBoot);
    const reading = { nBoot, levels: [0.9], method: "percentile" as const };
    expect(replicatesInterval(r, reading)).toEqual(
      bootstrapInterval(r.replicates, r.estimate, [0.9], "percentile", r.jackknife),
    );
  });
});

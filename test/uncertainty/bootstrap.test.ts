import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CountMetric } from "../../src/metrics/types.js";
import type { Confusion } from "../../src/stats/confusion.js";
import { bootstrapInterval } from "../../src/uncertainty/bootstrapInterval.js";
import { bootstrapConfusionCounts } from "../../src/uncertainty/countBootstrap.js";
import { wilsonInterval } from "../../src/uncertainty/proportion.js";
import { proportionIntervals } from "../../src/uncertainty/proportionIntervals.js";
import {
  quantilePositions,
  quantileSorted,
  selectedWithoutNaN,
  sortedWithoutNaN,
} from "../../src/uncertainty/quantile.js";
import { randomSource } from "../../src/uncertainty/random.js";
import {
  countJackknife,
  multinomialCountReplicates,
  rowJackknife,
  rowReplicates,
} from "../../src/uncertainty/resample.js";
import { expectClose } from "../helpers/close.js";

function rate(
  id: string,
  numerator: (c: Confusion) => number,
  denominator: (c: Confusion) => number,
): CountMetric {
  return {
    id,
    name: id,
    description: id,
    range: [0, 1],
    better: "neither",
    input: "counts",
    fromCounts: (c) => numerator(c) / denominator(c),
    proportion: { numerator, denominator },
    needsPrediction: true,
  };
}
const truePositiveRate = rate(
  "truePositiveRate",
  (c) => c.tp,
  (c) => c.tp + c.fn,
);
const selectionRate = rate(
  "selectionRate",
  (c) => c.tp + c.fp,
  (c) => c.tn + c.fp + c.fn + c.tp,
);
const f1: CountMetric = {
  ...truePositiveRate,
  id: "f1",
  fromCounts: (c) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn),
  proportion: undefined,
};

// scipy 1.17.1: stats.bootstrap((x,), np.mean, n_resamples=60, confidence_level=0.9,
// rng=np.random.default_rng(7)) on the data below; replicates = res.bootstrap_distribution.
const SCIPY_DATA = [0.3, 1.2, 0.1, 4.5, 0.8, 2.2, 0.05, 7.1, 0.6, 1.9, 0.4, 3.3];
const SCIPY_REPLICATES = [
  1.9624999999999997, 1.916666666666667, 1.6749999999999998, 2.058333333333333, 2.141666666666666,
  1.4083333333333334, 2.454166666666666, 1.3333333333333333, 2.7624999999999997, 2.3708333333333336,
  2.2416666666666667, 1.45, 2.1624999999999996, 1.2458333333333333, 2.0125, 1.633333333333333,
  1.5166666666666664, 1.6375000000000002, 1.2083333333333333, 1.8708333333333327,
  1.7125000000000001, 1.0458333333333336, 1.7708333333333337, 1.2125000000000001,
  1.1583333333333334, 2.5083333333333333, 2.1, 3.1166666666666667, 2.525, 0.7999999999999998,
  1.2291666666666667, 1.6124999999999998, 2.033333333333333, 2.458333333333334, 0.9958333333333336,
  2.6541666666666663, 2.1416666666666666, 3.870833333333333, 1.6166666666666663, 2.6375,
  3.008333333333333, 2.05, 1.8833333333333335, 1.1, 1.9833333333333332, 1.5916666666666668, 1.4875,
  1.491666666666667, 1.7875000000000003, 2.4666666666666663, 2.541666666666667, 1.0791666666666666,
  1.5458333333333334, 1.4999999999999998, 1.6416666666666668, 1.325, 1.9166666666666667,
  1.8666666666666665, 1.3416666666666668, 1.3958333333333337,
];

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Expands k×4 counts into rows (cell index 2·label + prediction and group code). */
function expand(counts: readonly number[]): { cell: Uint8Array; group: Uint32Array } {
  const cell: number[] = [];
  const group: number[] = [];
  counts.forEach((c, i) => {
    for (let r = 0; r < c; r++) {
      cell.push(i % 4);
      group.push(Math.floor(i / 4));
    }
  });
  return { cell: Uint8Array.from(cell), group: Uint32Array.from(group) };
}

/** TPR per group and its max − min: the statistic both bootstraps compare. */
function tprStatistic(k: number) {
  const fromTable = (t: Float64Array, out: Float64Array) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let g = 0; g < k; g++) {
      const v = (t[4 * g + 3] as number) / ((t[4 * g + 3] as number) + (t[4 * g + 2] as number));
      out[g] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out[k] = max - min;
  };
  return fromTable;
}

describe("quantileSorted(sorted, q) and sortedWithoutNaN(values)", () => {
  it("quantileSorted(…) interpolates linearly like numpy", () => {
    // numpy 2.4: np.quantile([1, 2, 3, 4], 0.5) = 2.5; np.quantile(range(1, 11), 0.025) = 1.225
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(
      quantileSorted(
        Float64Array.from({ length: 10 }, (_, i) => i + 1),
        0.025,
      ),
    ).toBeCloseTo(1.225, 14);
    expect(quantileSorted(Float64Array.of(), 0.5)).toBeNaN();
  });

  it("sortedWithoutNaN(…) drops and counts NaN", () => {
    const { sorted, nanCount } = sortedWithoutNaN([3, Number.NaN, 1, Number.NaN]);
    expect(Array.from(sorted)).toEqual([1, 3]);
    expect(nanCount).toBe(2);
  });
});

describe("bootstrapInterval(replicates, estimate, levels, method, jackknife)", () => {
  it("bootstrapInterval(…) reproduces scipy's percentile and BCa intervals", () => {
    const n = SCIPY_DATA.length;
    const jackknife = {
      values: Float64Array.from(SCIPY_DATA, (_, i) => mean(SCIPY_DATA.filter((_, j) => j !== i))),
      weights: new Float64Array(n).fill(1),
    };
    const est = mean(SCIPY_DATA);
    const bca = bootstrapInterval(SCIPY_REPLICATES, est, [0.9], "bca", jackknife).intervals[0];
    expect(bca?.lower).toBeCloseTo(1.2090353907518325, 12);
    expect(bca?.upper).toBeCloseTo(3.1299622997842755, 12);
    const pct = bootstrapInterval(SCIPY_REPLICATES, est, [0.9], "percentile").intervals[0];
    expect(pct?.lower).toBeCloseTo(1.0775000000000001, 12);
    expect(pct?.upper).toBeCloseTo(2.774791666666666, 12);
  });

  it("bootstrapInterval(…) gives one interval per level, nested", () => {
    const r = bootstrapInterval(SCIPY_REPLICATES, 2, [0.8, 0.95], "percentile");
    const [narrow, wide] = r.intervals;
    expect(wide!.lower).toBeLessThanOrEqual(narrow!.lower);
    expect(wide!.upper).toBeGreaterThanOrEqual(narrow!.upper);
  });

  it("bootstrapInterval(…) skips NaN replicates, counts them, and collapses constant ones", () => {
    const r = bootstrapInterval([0.5, Number.NaN, 0.5, 0.5], 0.5, [0.95], "bca", {
      values: Float64Array.of(0.5),
      weights: Float64Array.of(1),
    });
    expect(r.nanReplicates).toBe(1);
    expect(r.intervals[0]).toEqual({ level: 0.95, lower: 0.5, upper: 0.5 });
    expect(bootstrapInterval([Number.NaN], 1, [0.9], "percentile").intervals[0]?.lower).toBeNaN();
  });

  it("bootstrapInterval(…) BCa equals percentile when bias and acceleration vanish", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.constantFrom(0.8, 0.9, 0.95), (m, level) => {
        // Replicates symmetric about 0 (z0 = 0), symmetric jackknife values (a = 0).
        const reps = Float64Array.from({ length: 2 * m }, (_, i) => (i < m ? -(i + 1) : i - m + 1));
        const jackknife = { values: Float64Array.of(-1, 1), weights: Float64Array.of(1, 1) };
        const a = bootstrapInterval(reps, 0, [level], "bca", jackknife).intervals[0];
        const b = bootstrapInterval(reps, 0, [level], "percentile").intervals[0];
        expect(a?.lower).toBeCloseTo(b?.lower as number, 9);
        expect(a?.upper).toBeCloseTo(b?.upper as number, 9);
      }),
    );
  });
});

describe("multinomial bootstrap on counts", () => {
  // Group 0: 8 tn, 2 fp, 3 fn, 7 tp; group 1: 20 tn, 6 fp, 5 fn, 9 tp; group 2: 5, 1, 2, 4.
  const counts = [8, 2, 3, 7, 20, 6, 5, 9, 5, 1, 2, 4];
  const k = 3;

  it("multinomialCountReplicates(…) agrees with the row bootstrap within Monte-Carlo error", () => {
    const nBoot = 4000;
    const levels = [0.025, 0.1, 0.5, 0.9, 0.975];
    const rows = expand(counts);
    const statistic = tprStatistic(k);
    const m = k + 1;
    for (const stratified of [true, false]) {
      const multinomial = multinomialCountReplicates(Float64Array.from(counts), statistic, m, {
        nBoot,
        rng: randomSource(1),
        stratified,
      });
      const table = new Float64Array(4 * k);
      const byRows = rowReplicates(
        rows.group,
        k,
        (idx, out) => {
          table.fill(0);
          for (const i of idx)
            table[4 * (rows.group[i] as number) + (rows.cell[i] as number)]! += 1;
          statistic(table, out);
        },
        m,
        { nBoot, rng: randomSource(2), stratified },
      );
      for (let s = 0; s < m; s++) {
        const a = sortedWithoutNaN(multinomial.subarray(s * nBoot, (s + 1) * nBoot)).sorted;
        const b = sortedWithoutNaN(byRows.subarray(s * nBoot, (s + 1) * nBoot)).sorted;
        for (const q of levels) {
          // Monte-Carlo error on the probability scale (valid for discrete statistics, whose
          // quantiles jump between atoms): each sample's q-quantile lies between the other's
          // (q ∓ δ)-quantiles, δ = 5 standard errors of the difference of two empirical CDFs.
          const delta = 5 * Math.sqrt((2 * q * (1 - q)) / nBoot);
          const qa = quantileSorted(a, q);
          const qb = quantileSorted(b, q);
          expect(qa).toBeGreaterThanOrEqual(quantileSorted(b, Math.max(0, q - delta)));
          expect(qa).toBeLessThanOrEqual(quantileSorted(b, Math.min(1, q + delta)));
          expect(qb).toBeGreaterThanOrEqual(quantileSorted(a, Math.max(0, q - delta)));
          expect(qb).toBeLessThanOrEqual(quantileSorted(a, Math.min(1, q + delta)));
        }
        const sd = Math.sqrt(mean(Array.from(a, (x) => x * x)) - mean(Array.from(a)) ** 2);
        expect(Math.abs(mean(Array.from(a)) - mean(Array.from(b)))).toBeLessThan(
          (5 * Math.SQRT2 * sd) / Math.sqrt(nBoot),
        );
      }
    }
  });

  it("multinomialCountReplicates(…) keeps group sizes when stratified", () => {
    const sizes = new Float64Array(3 * 50);
    multinomialCountReplicates(
      Float64Array.from(counts),
      (t, out) => {
        for (let g = 0; g < k; g++)
          out[g] = t[4 * g]! + t[4 * g + 1]! + t[4 * g + 2]! + t[4 * g + 3]!;
      },
      k,
      { nBoot: 50, rng: randomSource(3), stratified: true },
    ).forEach((v, i) => {
      sizes[i] = v;
    });
    for (let b = 0; b < 50; b++) {
      expect([sizes[b], sizes[50 + b], sizes[100 + b]]).toEqual([20, 40, 12]);
    }
  });

  it("countJackknife(…) equals the row jackknife on the expanded rows", () => {
    const rows = expand(counts);
    const statistic = tprStatistic(k);
    const table = new Float64Array(4 * k);
    const fromCounts = countJackknife(Float64Array.from(counts), statistic, k + 1);
    const fromRows = rowJackknife(
      rows.cell.length,
      (idx, out) => {
        table.fill(0);
        for (const i of idx) table[4 * (rows.group[i] as number) + (rows.cell[i] as number)]! += 1;
        statistic(table, out);
      },
      k + 1,
    );
    for (let s = 0; s <= k; s++) {
      const a = fromCounts[s]!;
      const b = fromRows[s]!;
      // Same multiset of values: compare weighted sums of value and value².
      const moments = (j: { values: Float64Array; weights: Float64Array }) => {
        let m1 = 0;
        let m2 = 0;
        j.values.forEach((v, i) => {
          m1 += j.weights[i]! * v;
          m2 += j.weights[i]! * v * v;
        });
        return [m1, m2];
      };
      const [a1, a2] = moments(a);
      const [b1, b2] = moments(b);
      expect(a1).toBeCloseTo(b1 as number, 12);
      expect(a2).toBeCloseTo(b2 as number, 12);
      expect(a.weights.reduce((x, y) => x + y, 0)).toBe(rows.cell.length);
    }
  });
});

describe("bootstrapConfusionCounts(counts, metrics, options)", () => {
  const counts = Float64Array.of(8, 2, 3, 7, 20, 6, 5, 9, 5, 1, 2, 4);

  it("bootstrapConfusionCounts(…) gives the same bytes for the same seed and differs across seeds", () => {
    const run = (seed: number) =>
      JSON.stringify(
        bootstrapConfusionCounts(counts, [truePositiveRate, f1], {
          seed,
          nBoot: 200,
          method: "bca",
        }),
      );
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it("bootstrapConfusionCounts(…) records how it resampled", () => {
    const r = bootstrapConfusionCounts(counts, [selectionRate], { seed: 9, nBoot: 50 });
    expect(r.provenance).toMatchObject({
      seed: 9,
      nBoot: 50,
      method: "percentile",
      stratified: true,
      resampling: "multinomial",
      levels: [0.95],
    });
    expect(r.provenance.random).toMatch(/xoroshiro128plus/);
  });

  it("bootstrapConfusionCounts(…) estimates are the metrics and criteria on the data", () => {
    const r = bootstrapConfusionCounts(counts, [truePositiveRate], { seed: 1, nBoot: 20 });
    const tpr = [7 / 10, 9 / 14, 4 / 6];
    const fpr = [2 / 10, 6 / 26, 1 / 6];
    const t = r.metrics.truePositiveRate!;
    expect(t.overall.estimate).toBeCloseTo(20 / 30, 15);
    expect(t.byGroup.map((e) => e.estimate)).toEqual(tpr);
    expect(t.difference.estimate).toBeCloseTo(0.7 - 9 / 14, 15);
    expect(t.ratio.estimate).toBeCloseTo(9 / 14 / 0.7, 15);
    const eo = Math.max(0.7 - 9 / 14, Math.max(...fpr) - Math.min(...fpr));
    expect(r.criteria.equalizedOddsDifference!.betweenGroups.estimate).toBeCloseTo(eo, 15);
    expect(r.criteria.equalOpportunityDifference!.betweenGroups.estimate).toBeCloseTo(
      0.7 - 9 / 14,
      15,
    );
  });

  it("bootstrapConfusionCounts(…) percentile intervals contain the group rates within one count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        (cells, seed) => {
          const r = bootstrapConfusionCounts(Float64Array.from(cells), [selectionRate], {
            seed,
            nBoot: 200,
          });
          r.metrics.selectionRate!.byGroup.forEach((e, g) => {
            const n = cells.slice(4 * g, 4 * g + 4).reduce((s, x) => s + x, 0);
            if (n === 0) return;
            const ci = e.intervals[0]!;
            expect(ci.lower).toBeLessThanOrEqual(e.estimate + 1 / n);
            expect(ci.upper).toBeGreaterThanOrEqual(e.estimate - 1 / n);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("bootstrapConfusionCounts(…) with unit weights draws exactly the unweighted replicates", () => {
    const rows = expand(Array.from(counts));
    const weighted = bootstrapConfusionCounts(
      counts,
      [truePositiveRate],
      { seed: 4, nBoot: 200 },
      { ...rows, weight: new Float64Array(rows.cell.length).fill(1), k: 3 },
    );
    const plain = bootstrapConfusionCounts(counts, [truePositiveRate], { seed: 4, nBoot: 200 });
    // One weight value per cell: the cell counts are drawn by the same calls, and each cell's
    // weighted sum is 1 × its count.
    expect(weighted.provenance.resampling).toBe("weightedMultinomial");
    expectClose(weighted.metrics, plain.metrics);
  });

  it("bootstrapConfusionCounts(…) rejects non-integer unweighted counts and bad options", () => {
    expect(() => bootstrapConfusionCounts(Float64Array.of(1.5, 1, 1, 1), [f1])).toThrow(
      /bootstrapConfusionCounts/,
    );
    expect(() => bootstrapConfusionCounts(counts, [f1], { nBoot: 1 })).toThrow(RangeError);
    expect(() => bootstrapConfusionCounts(counts, [f1], { level: 1.2 })).toThrow(RangeError);
  });
});

describe("proportionIntervals(counts, metrics, level)", () => {
  it("proportionIntervals(…) gives Wilson and Clopper–Pearson per group for proportion metrics", () => {
    const r = proportionIntervals(Float64Array.of(8, 2, 3, 7, 0, 0, 0, 0), [truePositiveRate, f1]);
    expect(Object.keys(r)).toEqual(["truePositiveRate"]);
    expect(r.truePositiveRate!.wilson[0]).toEqual(wilsonInterval(7, 10));
    expect(r.truePositiveRate!.clopperPearson[1]!.lower).toBeNaN();
    expect(r.truePositiveRate!.denominators).toEqual([10, 0]);
  });
});

describe("selectedWithoutNaN(values, positions)", () => {
  it("puts at the asked positions what a full sort puts there, so percentile intervals are unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: false }),
            fc.constantFrom(0, -0, 1, 0.5, Number.NaN),
            fc.integer({ min: -3, max: 3 }),
          ),
          { minLength: 0, maxLength: 80 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (values, qs) => {
          const full = sortedWithoutNaN(values);
          const positions = (m: number) => qs.flatMap((q) => quantilePositions(m, q));
          const selected = selectedWithoutNaN(values, positions);
          expect(selected.nanCount).toBe(full.nanCount);
          const m = full.sorted.length;
          for (const p of [0, m - 1, ...positions(m)].filter((p) => p >= 0 && p < m)) {
            expect(Object.is(selected.sorted[p], full.sorted[p])).toBe(true);
          }
          for (const q of qs) {
            expect(
              Object.is(quantileSorted(selected.sorted, q), quantileSorted(full.sorted, q)),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

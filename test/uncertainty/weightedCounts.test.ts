import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/stats/distributions.js";
import { quantileSorted, sortedWithoutNaN } from "../../src/uncertainty/quantile.js";
import { randomSource } from "../../src/uncertainty/random.js";
import type { CellRows, CountStatistic } from "../../src/uncertainty/resample.js";
import { multinomialCountReplicates } from "../../src/uncertainty/resample.js";
import {
  NORMAL_WEIGHT_SUM_TOLERANCE,
  weightedCountReplicates,
} from "../../src/uncertainty/weightedCounts.js";

/** The statistic that copies the k×4 table: replicates are the cell sums themselves. */
const copyTable: CountStatistic = (t, out) => out.set(t);

/** Rows from (group, cell, weight) triples. */
function cellRows(triples: readonly (readonly [number, number, number])[], k: number): CellRows {
  return {
    group: Uint32Array.from(triples, (t) => t[0]),
    cell: Uint8Array.from(triples, (t) => t[1]),
    weight: Float64Array.from(triples, (t) => t[2]),
    k,
  };
}

/** The weighted sum of each cell. */
function sumsOf(rows: CellRows): Float64Array {
  const sums = new Float64Array(4 * rows.k);
  rows.weight.forEach((w, i) => {
    sums[4 * rows.group[i]! + rows.cell[i]!]! += w;
  });
  return sums;
}

/** `weightedCountReplicates` with the rows' cell sums. */
const replicatesOf = (
  rows: CellRows,
  statistic: CountStatistic,
  m: number,
  plan: Parameters<typeof weightedCountReplicates>[4],
) => weightedCountReplicates(rows, sumsOf(rows), statistic, m, plan);

/** Replicate b of statistic s. */
const at = (out: Float64Array, nBoot: number, s: number, b: number) => out[s * nBoot + b]!;

/** Frequency of each value among replicates of statistic s. */
function frequencies(out: Float64Array, nBoot: number, s: number): Map<number, number> {
  const freq = new Map<number, number>();
  for (let b = 0; b < nBoot; b++) {
    const v = at(out, nBoot, s, b);
    freq.set(v, (freq.get(v) ?? 0) + 1);
  }
  return freq;
}

/** Four standard errors of a frequency with probability p over n draws. */
const fourSe = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

/** The stratified row bootstrap, written out: draw each group's rows, sum weights per cell. */
function rowBootstrap(rows: CellRows, nBoot: number, seed: number): Float64Array {
  const rng = randomSource(seed);
  const cells = 4 * rows.k;
  const members: number[][] = Array.from({ length: rows.k }, () => []);
  for (let i = 0; i < rows.group.length; i++) members[rows.group[i]!]!.push(i);
  const out = new Float64Array(cells * nBoot);
  for (let b = 0; b < nBoot; b++) {
    for (const list of members) {
      for (let j = 0; j < list.length; j++) {
        const i = list[rng.integer(0, list.length - 1)]!;
        out[(4 * rows.group[i]! + rows.cell[i]!) * nBoot + b]! += rows.weight[i]!;
      }
    }
  }
  return out;
}

/** Mean and (sample) variance of statistic s's replicates. */
function moments(out: Float64Array, nBoot: number, s: number): { mean: number; variance: number } {
  let sum = 0;
  for (let b = 0; b < nBoot; b++) sum += at(out, nBoot, s, b);
  const mean = sum / nBoot;
  let squares = 0;
  for (let b = 0; b < nBoot; b++) squares += (at(out, nBoot, s, b) - mean) ** 2;
  return { mean, variance: squares / (nBoot - 1) };
}

/**
 * The row bootstrap's mean and variance of cell c's weighted sum, stratified: the group's n rows
 * are drawn n times, so the sum is n i.i.d. copies of w·1{row in c}, with variance
 * Σ_c w² − (Σ_c w)² / n.
 */
function rowMoments(rows: CellRows, c: number): { mean: number; variance: number } {
  const g = Math.floor(c / 4);
  let n = 0;
  let sum = 0;
  let squares = 0;
  rows.group.forEach((group, i) => {
    if (group !== g) return;
    n += 1;
    if (4 * g + rows.cell[i]! !== c) return;
    sum += rows.weight[i]!;
    squares += rows.weight[i]! ** 2;
  });
  return { mean: sum, variance: squares - (sum * sum) / n };
}

describe("replicatesOf(rows, statistic, m, plan)", () => {
  it("draws a cell's sum from its distinct weights: two rows, TPR ∈ {1, 1/4, 0} with P = 1/4, 1/2, 1/4", () => {
    // One group: a true positive of weight 1 and a false negative of weight 3. Drawing 2 rows:
    // both the tp (p 1/4) gives TPR 1; one of each (p 1/2) gives 1 / (1 + 3); both the fn, 0.
    const rows = cellRows(
      [
        [0, 3, 1],
        [0, 2, 3],
      ],
      1,
    );
    const tpr: CountStatistic = (t, out) => {
      out[0] = t[3]! / (t[3]! + t[2]!);
    };
    const nBoot = 4000;
    const r = replicatesOf(rows, tpr, 1, {
      nBoot,
      rng: randomSource(3),
      stratified: true,
    });
    expect(r.resampling).toBe("weightedMultinomial");
    const freq = frequencies(r.replicates, nBoot, 0);
    expect([...freq.keys()].sort()).toEqual([0, 0.25, 1]);
    for (const [value, p] of [
      [1, 0.25],
      [0.25, 0.5],
      [0, 0.25],
    ] as const) {
      expect(Math.abs(freq.get(value)! / nBoot - p)).toBeLessThan(fourSe(p, nBoot));
    }
  });

  it("draws a cell's sum as Σ value × Multinomial count: 3 rows of weight 1 and 1 of weight 2", () => {
    // All 4 rows in the tp cell: the sum is 4 + N₂ with N₂ ~ Binomial(4, 1/4).
    const rows = cellRows(
      [
        [0, 3, 1],
        [0, 3, 1],
        [0, 3, 2],
        [0, 3, 1],
      ],
      1,
    );
    const nBoot = 4000;
    const r = replicatesOf(rows, copyTable, 4, {
      nBoot,
      rng: randomSource(11),
      stratified: true,
    });
    const freq = frequencies(r.replicates, nBoot, 3);
    const binomial = [81, 108, 54, 12, 1].map((x) => x / 256);
    binomial.forEach((p, j) => {
      expect(Math.abs((freq.get(4 + j) ?? 0) / nBoot - p)).toBeLessThan(fourSe(p, nBoot));
    });
    for (const empty of [0, 1, 2])
      expect(frequencies(r.replicates, nBoot, empty)).toEqual(new Map([[0, nBoot]]));
  });

  it("with one weight value w, replicates w × the unweighted cell counts (same seed)", () => {
    const table = fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 16 });
    fc.assert(
      fc.property(
        table.filter((t) => t.length % 4 === 0 && t.some((x) => x > 0)),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.boolean(),
        fc.nat(),
        (counts, w, stratified, seed) => {
          const k = counts.length / 4;
          const triples: [number, number, number][] = [];
          counts.forEach((c, i) => {
            for (let r = 0; r < c; r++) triples.push([Math.floor(i / 4), i % 4, w]);
          });
          const nBoot = 20;
          const m = counts.length;
          const weighted = replicatesOf(cellRows(triples, k), copyTable, m, {
            nBoot,
            rng: randomSource(seed),
            stratified,
          });
          const plain = multinomialCountReplicates(Float64Array.from(counts), copyTable, m, {
            nBoot,
            rng: randomSource(seed),
            stratified,
          });
          expect(weighted.resampling).toBe("weightedMultinomial");
          expect(Array.from(weighted.replicates)).toEqual(Array.from(plain, (x) => x * w));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives the same replicates for the same seed and different ones for another", () => {
    const rng = randomSource(21);
    const triples = Array.from(
      { length: 300 },
      () => [rng.integer(0, 1), rng.integer(0, 3), 0.5 + rng.uniform()] as [number, number, number],
    );
    const rows = cellRows(triples, 2);
    const run = (seed: number) =>
      replicatesOf(rows, copyTable, 8, {
        nBoot: 50,
        rng: randomSource(seed),
        stratified: true,
      }).replicates;
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("draws the rows of cells with many distinct weights too few for the normal, with the row bootstrap's moments", () => {
    // 100 rows in one cell with 100 distinct, skewed weights (w = 1.05^i): the Berry–Esseen bound
    // at 100 rows is far above the tolerance, so rows are drawn.
    const triples = Array.from(
      { length: 100 },
      (_, i) => [0, i % 2 === 0 ? 3 : 1, 1.05 ** i] as [number, number, number],
    );
    const rows = cellRows(triples, 1);
    const nBoot = 2000;
    const r = replicatesOf(rows, copyTable, 4, {
      nBoot,
      rng: randomSource(8),
      stratified: true,
    });
    expect(r.resampling).toBe("weightedMultinomial");
    for (const c of [1, 3]) {
      const expected = rowMoments(rows, c);
      const got = moments(r.replicates, nBoot, c);
      // The mean of B replicates has standard error √(V / B); the sample variance of B roughly
      // normal replicates has relative standard error √(2 / (B − 1)); four of each.
      expect(Math.abs(got.mean - expected.mean)).toBeLessThan(
        4 * Math.sqrt(expected.variance / nBoot),
      );
      expect(Math.abs(got.variance / expected.variance - 1)).toBeLessThan(
        4 * Math.sqrt(2 / (nBoot - 1)),
      );
    }
  });

  describe("continuous weights (the normal approximation)", () => {
    // One group, 5000 rows per cell, weights uniform on [0, 2): ρ/σ³ = 1.299 for the uniform, so
    // the Berry–Esseen bound 0.4748 · 1.299 / √N is below 0.01 from N ≈ 3800 rows drawn. The
    // weights' spread carries about a third of each cell sum's variance (n/3 of n/3 + 0.75 n).
    const rng = randomSource(2024);
    const perCell = 5000;
    const triples: [number, number, number][] = [];
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < perCell; r++) triples.push([0, c, 2 * rng.uniform()]);
    }
    const rows = cellRows(triples, 1);
    const nBoot = 1000;

    it("has the row bootstrap's mean and variance for every cell sum", () => {
      const nBoot = 20_000;
      const r = replicatesOf(rows, copyTable, 4, {
        nBoot,
        rng: randomSource(1),
        stratified: true,
      });
      expect(r.resampling).toBe("weightedNormal");
      for (let c = 0; c < 4; c++) {
        const expected = rowMoments(rows, c);
        const got = moments(r.replicates, nBoot, c);
        expect(Math.abs(got.mean - expected.mean)).toBeLessThan(
          4 * Math.sqrt(expected.variance / nBoot),
        );
        expect(Math.abs(got.variance / expected.variance - 1)).toBeLessThan(
          4 * Math.sqrt(2 / (nBoot - 1)),
        );
      }
    });

    it("gives percentile endpoints of TPR and precision within Monte-Carlo error of the row bootstrap", () => {
      const stats: CountStatistic = (t, out) => {
        out[0] = t[3]! / (t[3]! + t[2]!);
        out[1] = t[3]! / (t[3]! + t[1]!);
      };
      const approx = replicatesOf(rows, stats, 2, {
        nBoot,
        rng: randomSource(7),
        stratified: true,
      }).replicates;
      const tables = rowBootstrap(rows, nBoot, 9);
      const exact = new Float64Array(2 * nBoot);
      const table = new Float64Array(4);
      const values = new Float64Array(2);
      for (let b = 0; b < nBoot; b++) {
        for (let c = 0; c < 4; c++) table[c] = tables[c * nBoot + b]!;
        stats(table, values);
        exact[b] = values[0]!;
        exact[nBoot + b] = values[1]!;
      }
      for (const s of [0, 1]) {
        const a = sortedWithoutNaN(approx.subarray(s * nBoot, (s + 1) * nBoot)).sorted;
        const e = sortedWithoutNaN(exact.subarray(s * nBoot, (s + 1) * nBoot)).sorted;
        const sd = Math.sqrt(moments(exact, nBoot, s).variance);
        for (const q of [0.025, 0.975]) {
          // Monte-Carlo: the q-quantile of B replicates of a roughly normal statistic with standard
          // deviation σ has standard error σ √(q(1 − q)/B) / φ(z_q); two independent runs, four
          // standard errors. Method: the statistic is monotone in each of the 2 cells it reads,
          // so its distribution function moves by at most 2 × the tolerance, which moves the
          // q-quantile by at most 2τ σ / φ(z_q).
          const z = normalQuantile(q);
          const density = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
          const monteCarlo = (4 * Math.SQRT2 * sd * Math.sqrt((q * (1 - q)) / nBoot)) / density;
          const method = (2 * NORMAL_WEIGHT_SUM_TOLERANCE * sd) / density;
          expect(Math.abs(quantileSorted(a, q) - quantileSorted(e, q))).toBeLessThan(
            monteCarlo + method,
          );
        }
      }
    });
  });

  it("gives the same replicates, to the bit, when the cells' row counts are given as when it counts them", () => {
    // Weights from a few values (drawn by value) or many (normal or by rows), in small groups.
    const triple = fc.tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 3 }),
      fc.oneof(fc.constantFrom(0.5, 1, 2), fc.double({ min: 0.01, max: 5, noNaN: true })),
    );
    fc.assert(
      fc.property(fc.array(triple, { minLength: 1, maxLength: 300 }), fc.boolean(), (t, strat) => {
        const rows = cellRows(t, 3);
        const counts = new Float64Array(12);
        rows.group.forEach((g, i) => {
          counts[4 * g + rows.cell[i]!]! += 1;
        });
        const plan = () => ({ nBoot: 50, rng: randomSource(11), stratified: strat });
        const counted = replicatesOf(rows, copyTable, 12, plan());
        const given = weightedCountReplicates(rows, sumsOf(rows), copyTable, 12, plan(), counts);
        expect(given.resampling).toBe(counted.resampling);
        expect(Array.from(given.replicates)).toEqual(Array.from(counted.replicates));
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  confusionOf,
  countConfusion,
  mergeConfusion,
  prepare,
  totalConfusion,
} from "../../src/metrics/index.js";
import { countCleanConfusion } from "../../src/stats/confusion.js";
import { neumaierSum } from "../../src/stats/summation.js";
import { rowsArbitrary } from "../helpers/arbitraries.js";

const columnsOf = (
  rows: { yTrue: number[]; yPred: number[]; group: string[]; weight: number[] },
  levels: string[],
) =>
  prepare({
    yTrue: rows.yTrue,
    yPred: rows.yPred,
    sampleWeight: rows.weight,
    // Every level present in every batch's index: encode against the same sorted levels.
    sensitiveFeatures: rows.group.map((g) => levels.indexOf(g)),
  });

/** Row-by-row Neumaier sums of the weights of each cell (group × label × prediction). */
function rowByRowSums(
  group: Uint32Array,
  label: Uint8Array,
  pred: Uint8Array,
  weight: Float64Array,
) {
  const cells: number[][] = Array.from({ length: 12 }, () => []);
  for (let r = 0; r < weight.length; r++) {
    const i = 4 * group[r]! + 2 * label[r]! + pred[r]!;
    cells[i]!.push(weight[r]!);
  }
  return cells;
}

describe("confusion statistics", () => {
  it("countConfusion(…) weighted sums are within 1e-13 relative of row-by-row Neumaier sums (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, offset, seed) => {
          // A linear congruential stream: rows of 3 groups, weights over twelve decades, and
          // views at any byte offset (the byte-per-row path as well as the word path).
          let x = seed;
          const next = () => {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            return x / 2 ** 32;
          };
          const label = new Uint8Array(n + offset).subarray(offset);
          const pred = new Uint8Array(n + offset).subarray(offset);
          const group = new Uint32Array(n);
          const weight = new Float64Array(n);
          for (let r = 0; r < n; r++) {
            label[r] = next() < 0.4 ? 1 : 0;
            pred[r] = next() < 0.5 ? 1 : 0;
            group[r] = Math.floor(next() * 3);
            weight[r] = next() < 0.1 ? 0 : 10 ** (12 * next() - 6);
          }
          const stats = countConfusion({
            n,
            label,
            pred,
            weight,
            group,
            groups: { featureNames: ["g"], levels: [], keys: [[], [], []] },
          });
          const expected = rowByRowSums(group, label, pred, weight);
          for (let i = 0; i < 12; i++) {
            const want = neumaierSum(expected[i]!);
            const got = stats.weightSum![i]! + stats.weightComp![i]!;
            expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * want);
            expect(stats.counts[i]).toBe(expected[i]!.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("countConfusion(…) counts a hand example", () => {
    const c = prepare({
      yTrue: [1, 0, 1, 0, 1],
      yPred: [1, 1, 0, 0, 1],
      sampleWeight: [2, 1, 1, 3, 0.5],
      sensitiveFeatures: ["a", "a", "a", "b", "b"],
    });
    const stats = countConfusion(c);
    expect(confusionOf(stats, 0)).toEqual({ tn: 0, fp: 1, fn: 1, tp: 2 });
    expect(confusionOf(stats, 0, true)).toEqual({ tn: 0, fp: 1, fn: 1, tp: 1 });
    expect(confusionOf(stats, 1)).toEqual({ tn: 3, fp: 0, fn: 0, tp: 0.5 });
    expect(totalConfusion(stats)).toEqual({ tn: 3, fp: 1, fn: 1, tp: 2.5 });
  });

  it("mergeConfusion(a, b) equals one pass over the concatenated rows", () => {
    fc.assert(
      fc.property(rowsArbitrary(2), fc.nat(), (rows, cut) => {
        const k = 1 + (cut % (rows.yTrue.length - 1));
        const levels = ["a", "b", "c", "d"];
        const all = columnsOf({ ...rows, group: rows.group }, levels);
        const part = (from: number, to: number) =>
          columnsOf(
            {
              yTrue: rows.yTrue.slice(from, to),
              yPred: rows.yPred.slice(from, to),
              group: rows.group.slice(from, to),
              weight: rows.weight.slice(from, to),
            },
            levels,
          );
        const a = part(0, k);
        const b = part(k, rows.yTrue.length);
        // Recode each part's groups to the level index so the three share one code space.
        const recode = (c: ReturnType<typeof columnsOf>) =>
          countConfusion(
            c,
            Uint32Array.from(c.group, (g) => c.groups.keys[g]![0] as number),
            4,
          );
        const merged = mergeConfusion(recode(a), recode(b));
        const single = recode(all);
        expect(Array.from(merged.counts)).toEqual(Array.from(single.counts));
        for (let g = 0; g < 4; g++) expect(confusionOf(merged, g)).toEqual(confusionOf(single, g));
      }),
    );
  });

  it("neumaierSum(…) keeps the small terms that naive summation loses", () => {
    expect(neumaierSum([1e100, 1, -1e100])).toBe(1);
    expect(neumaierSum(Array.from({ length: 10 }, () => 0.1))).toBe(1);
  });
});

describe("countCleanConfusion", () => {
  /** Rows of 0/1 labels and predictions, codes 0..31 and non-negative weights. */
  const cleanRows = fc.integer({ min: 1, max: 300 }).chain((n) =>
    fc.record({
      label: fc.uint8Array({ min: 0, max: 1, minLength: n, maxLength: n }),
      pred: fc.uint8Array({ min: 0, max: 1, minLength: n, maxLength: n }),
      code: fc.uint32Array({ min: 0, max: 31, minLength: n, maxLength: n }),
      weight: fc.float64Array({
        min: 0,
        max: 1e6,
        noNaN: true,
        noDefaultInfinity: true,
        minLength: n,
        maxLength: n,
      }),
      offset: fc.integer({ min: 0, max: 3 }),
    }),
  );

  /** A copy of `values` starting `offset` bytes into its buffer (unaligned labels). */
  const shifted = (values: Uint8Array, offset: number) => {
    const out = new Uint8Array(values.length + offset).subarray(offset);
    out.set(values);
    return out;
  };

  it("equals countConfusion over 32 groups, to the bit, weighted or not; leaves unaligned labels to the full path", () => {
    fc.assert(
      fc.property(cleanRows, fc.boolean(), ({ label, pred, code, weight, offset }, weighted) => {
        const w = weighted ? weight : undefined;
        const positive = weighted && weight.some((x) => x > 0);
        const l = shifted(label, offset);
        const expected = countConfusion(
          {
            n: label.length,
            label: l,
            pred,
            weight: w,
            group: code,
            groups: { featureNames: ["g"], levels: [], keys: [] },
          },
          code,
          32,
        );
        const got = countCleanConfusion(l, pred, code, w);
        if (offset !== 0 || (weighted && !positive)) {
          expect(got).toBeUndefined();
          return;
        }
        expect(got).toEqual(expected);
      }),
    );
  });

  it("refuses a label or prediction other than 0/1, a code past 31 and a bad weight", () => {
    fc.assert(
      fc.property(
        cleanRows,
        fc.nat(),
        fc.constantFrom("label", "pred", "code", "negative", "nan", "infinity"),
        ({ label, pred, code, weight }, at, defect) => {
          const row = at % label.length;
          const w = Float64Array.from(weight, (x) => x + 1);
          if (defect === "label") label[row] = 2 + (at % 254);
          if (defect === "pred") pred[row] = 2 + (at % 254);
          if (defect === "code") code[row] = 32 + at;
          if (defect === "negative") w[row] = -1e-300;
          if (defect === "nan") w[row] = Number.NaN;
          if (defect === "infinity") w[row] = Number.POSITIVE_INFINITY;
          const weighted = ["negative", "nan", "infinity"].includes(defect) || at % 2 === 0;
          expect(countCleanConfusion(label, pred, code, weighted ? w : undefined)).toBeUndefined();
        },
      ),
    );
  });

  it("refuses weights whose total times the rows nears the largest finite number", () => {
    const weight = Float64Array.of(1e301, 1e301);
    expect(
      countCleanConfusion(Uint8Array.of(0, 1), Uint8Array.of(1, 1), Uint32Array.of(0, 0), weight),
    ).toBeUndefined();
  });
});

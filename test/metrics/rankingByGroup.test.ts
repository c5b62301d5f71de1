import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averagePrecision, rocAuc, rocAucByGroup } from "../../src/metrics/ranking.js";
import { partitionRows, take } from "../../src/stats/partition.js";
import { referenceRocAucByGroup } from "./rocAucByGroupReference.js";

const rows = fc
  .array(
    fc.record({
      label: fc.integer({ min: 0, max: 1 }),
      // Few distinct scores, so ties within and across groups are frequent.
      score: fc.integer({ min: 0, max: 6 }).map((k) => k / 6),
      group: fc.integer({ min: 0, max: 3 }),
      weight: fc.double({ min: 0.01, max: 5, noNaN: true }),
    }),
    { minLength: 1, maxLength: 120 },
  )
  .map((rs) => ({
    label: Uint8Array.from(rs, (r) => r.label),
    score: Float64Array.from(rs, (r) => r.score),
    group: Uint32Array.from(rs, (r) => r.group),
    weight: Float64Array.from(rs, (r) => r.weight),
  }));

/** Rows of many sizes: scores with ties, ±0, subnormals and huge values; weights over decades. */
const hardRows = fc
  .record({
    groups: fc.integer({ min: 1, max: 6 }),
    rows: fc.array(
      fc.record({
        label: fc.integer({ min: 0, max: 1 }),
        score: fc.oneof(
          fc.integer({ min: -4, max: 4 }).map((k) => k / 4),
          fc.constantFrom(-0, 0, Number.MIN_VALUE, 2 ** -1060, 1e300, -1e300),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        ),
        group: fc.nat(),
        weight: fc.oneof(fc.double({ min: 1e-8, max: 1e8, noNaN: true }), fc.constant(1)),
      }),
      { minLength: 1, maxLength: 400 },
    ),
  })
  .map(({ groups, rows: rs }) => ({
    groups,
    label: Uint8Array.from(rs, (r) => r.label),
    score: Float64Array.from(rs, (r) => r.score),
    group: Uint32Array.from(rs, (r) => r.group % groups),
    weight: Float64Array.from(rs, (r) => r.weight),
  }));

/** AUC from its definition: pairs (positive, negative) with the positive above count w⁺w⁻, ties half. */
function pairwiseAuc(label: Uint8Array, score: Float64Array): number {
  let pairs = 0;
  let above = 0;
  for (let i = 0; i < label.length; i++) {
    for (let j = 0; j < label.length; j++) {
      if (label[i] !== 1 || label[j] !== 0) continue;
      pairs++;
      above += score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0;
    }
  }
  return pairs === 0 ? Number.NaN : above / pairs;
}

describe("rocAucByGroup", () => {
  it("rocAucByGroup(…) equals the one-sort comparator implementation to the bit (property)", () => {
    fc.assert(
      fc.property(hardRows, fc.boolean(), (d, weighted) => {
        const weight = weighted ? d.weight : undefined;
        const out = rocAucByGroup(d.label, d.score, weight, d.group, d.groups);
        const expected = referenceRocAucByGroup(d.label, d.score, weight, d.group, d.groups);
        expect(Array.from(out)).toEqual(Array.from(expected));
        expect(out.every((v, g) => Object.is(v, expected[g]))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("rocAucByGroup(…) unweighted equals the pairwise definition in each group (property)", () => {
    fc.assert(
      fc.property(hardRows, (d) => {
        const out = rocAucByGroup(d.label, d.score, undefined, d.group, d.groups);
        const { offsets, rows: order } = partitionRows(d.group, d.groups);
        for (let g = 0; g < d.groups; g++) {
          const idx = order.subarray(offsets[g], offsets[g + 1]);
          const expected = pairwiseAuc(take(d.label, idx), take(d.score, idx));
          if (Number.isNaN(expected)) expect(out[g]).toBeNaN();
          else expect(out[g]).toBeCloseTo(expected, 12);
        }
        const all = pairwiseAuc(d.label, d.score);
        if (Number.isNaN(all)) expect(out[d.groups]).toBeNaN();
        else expect(out[d.groups]).toBeCloseTo(all, 12);
      }),
      { numRuns: 50 },
    );
  });

  it("rocAucByGroup(…) gives each group's AUC and the overall AUC last", () => {
    // group 0: positive 0.9 above negative 0.1 → 1; group 1: positive 0.2 below negative 0.8 → 0;
    // overall: pairs (0.9>0.1, 0.9>0.8, 0.2>0.1, 0.2<0.8) → 3/4.
    const out = rocAucByGroup(
      Uint8Array.of(0, 1, 0, 1),
      Float64Array.of(0.1, 0.9, 0.8, 0.2),
      undefined,
      Uint32Array.of(0, 0, 1, 1),
      2,
    );
    expect(Array.from(out)).toEqual([1, 0, 0.75]);
  });

  it("rocAucByGroup(…) equals rocAuc on each group's rows and on all rows (property)", () => {
    fc.assert(
      fc.property(rows, fc.boolean(), (d, weighted) => {
        const weight = weighted ? d.weight : undefined;
        const out = rocAucByGroup(d.label, d.score, weight, d.group, 4);
        const { offsets, rows: order } = partitionRows(d.group, 4);
        for (let g = 0; g < 4; g++) {
          const idx = order.subarray(offsets[g], offsets[g + 1]);
          const expected =
            idx.length === 0
              ? Number.NaN
              : rocAuc(take(d.label, idx), take(d.score, idx), weight && take(weight, idx));
          if (Number.isNaN(expected)) expect(out[g]).toBeNaN();
          else expect(out[g]).toBeCloseTo(expected, 12);
        }
        const all = rocAuc(d.label, d.score, weight);
        if (Number.isNaN(all)) expect(out[4]).toBeNaN();
        else expect(out[4]).toBeCloseTo(all, 12);
      }),
    );
  });

  it("rocAuc with unit weights equals unweighted rocAuc, and averagePrecision likewise (property)", () => {
    fc.assert(
      fc.property(rows, (d) => {
        const ones = new Float64Array(d.label.length).fill(1);
        const a = rocAuc(d.label, d.score);
        const b = rocAuc(d.label, d.score, ones);
        if (Number.isNaN(a)) expect(b).toBeNaN();
        else expect(b).toBeCloseTo(a, 12);
        const p = averagePrecision(d.label, d.score);
        const q = averagePrecision(d.label, d.score, ones);
        if (Number.isNaN(p)) expect(q).toBeNaN();
        else expect(q).toBeCloseTo(p, 12);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupMetrics, METRICS } from "../../src/index.js";
import {
  duplicateByWeight,
  near,
  permuteRows,
  type Rows,
  rowsArbitrary,
} from "../helpers/arbitraries.js";

const ALL = METRICS.map((m) => m.id);
const WEIGHT_FREE = ALL.filter((id) => id !== "count" && id !== "weightedCount");
/**
 * Calibration metrics that read weights as relative (rescaled to the number of rows): equal-mass
 * bin edges and the Hosmer–Lemeshow p-value depend on the number of rows, so duplicating rows
 * changes them by design, while scaling every weight does not.
 */
const ROW_COUNT_DEPENDENT = ["expectedCalibrationErrorQuantile", "hosmerLemeshowPValue"];

const run = (rows: Omit<Rows, "weight"> & { weight?: number[] }, weighted: boolean) =>
  groupMetrics(
    {
      yTrue: rows.yTrue,
      yPred: rows.yPred,
      yScore: rows.yScore,
      sensitiveFeatures: { g: rows.group },
      ...(weighted && rows.weight ? { sampleWeight: rows.weight } : {}),
    },
    { metrics: ALL },
  );

const byLabel = (r: ReturnType<typeof run>) => new Map(r.byGroup.map((g) => [g.label, g.values]));

function expectSameValues(
  a: ReturnType<typeof run>,
  b: ReturnType<typeof run>,
  ids: readonly string[],
) {
  const ga = byLabel(a);
  const gb = byLabel(b);
  expect([...ga.keys()]).toEqual([...gb.keys()]);
  for (const id of ids) {
    expect(near(a.overall[id]!, b.overall[id]!), `${id} overall`).toBe(true);
    for (const [label, values] of ga) {
      expect(near(values[id]!, gb.get(label)![id]!), `${id} ${label}`).toBe(true);
    }
  }
}

describe("groupMetrics properties", () => {
  it("groupMetrics(…) is invariant under row permutation", () => {
    fc.assert(
      fc.property(
        rowsArbitrary().chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray([...rows.yTrue.keys()], { minLength: rows.yTrue.length }),
          ),
        ),
        ([rows, order]) => {
          expectSameValues(run(rows, true), run(permuteRows(rows, order), true), ALL);
        },
      ),
    );
  });

  it("groupMetrics(…) with integer weights equals the unweighted metrics of duplicated rows", () => {
    fc.assert(
      fc.property(rowsArbitrary(), (rows) => {
        expectSameValues(
          run(rows, true),
          run(duplicateByWeight(rows), false),
          WEIGHT_FREE.filter((id) => !ROW_COUNT_DEPENDENT.includes(id)),
        );
      }),
    );
  });

  it("groupMetrics(…) does not change any rate when all weights are scaled", () => {
    fc.assert(
      fc.property(rowsArbitrary(), fc.constantFrom(0.001, 3, 1e6), (rows, scale) => {
        const scaled = { ...rows, weight: rows.weight.map((w) => w * scale) };
        expectSameValues(run(rows, true), run(scaled, true), WEIGHT_FREE);
      }),
    );
  });

  it("groupMetrics(…) relabelling groups permutes byGroup and keeps the values", () => {
    const rename: Record<string, string> = { a: "z", b: "y", c: "x", d: "w" };
    fc.assert(
      fc.property(rowsArbitrary(), (rows) => {
        const a = run(rows, true);
        const b = run({ ...rows, group: rows.group.map((g) => rename[g]!) }, true);
        const gb = byLabel(b);
        expect(b.byGroup.map((g) => g.label)).toEqual(
          [...a.byGroup.map((g) => rename[g.label]!)].sort(),
        );
        for (const g of a.byGroup) {
          for (const id of ALL)
            expect(near(g.values[id]!, gb.get(rename[g.label]!)![id]!)).toBe(true);
        }
      }),
    );
  });

  it("difference(…) ≥ 0 and ratio(…) ∈ [0, 1] for non-negative metrics, for every method", () => {
    const nonNegative = METRICS.filter((m) => m.range[0] >= 0).map((m) => m.id);
    fc.assert(
      fc.property(rowsArbitrary(), (rows) => {
        const r = run(rows, true);
        for (const method of ["betweenGroups", "toOverall"] as const) {
          const d = r.difference({ method });
          const q = r.ratio({ method });
          for (const id of nonNegative) {
            if (!Number.isNaN(d[id]!)) expect(d[id]!).toBeGreaterThanOrEqual(0);
            if (!Number.isNaN(q[id]!)) {
              expect(q[id]!).toBeGreaterThanOrEqual(0);
              expect(q[id]!).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
    );
  });

  it("TPR + FNR = 1, TNR + FPR = 1, precision + FDR = 1 wherever defined", () => {
    fc.assert(
      fc.property(rowsArbitrary(), (rows) => {
        const r = run(rows, true);
        for (const v of [r.overall, ...r.byGroup.map((g) => g.values)]) {
          for (const [a, b] of [
            ["truePositiveRate", "falseNegativeRate"],
            ["trueNegativeRate", "falsePositiveRate"],
            ["precision", "falseDiscoveryRate"],
            ["accuracy", "errorRate"],
          ] as const) {
            if (!Number.isNaN(v[a]!)) expect(v[a]! + v[b]!).toBeCloseTo(1, 12);
            else expect(v[b]).toBeNaN();
          }
        }
      }),
    );
  });
});

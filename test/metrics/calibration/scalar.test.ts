import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationSummary } from "../../../src/calibration/byGroup.js";
import {
  binnedErrors,
  brierDecomposition,
  calibrationInTheLarge,
  generalizedRates,
  observedExpectedRatio,
} from "../../../src/metrics/calibration/scalar.js";
import { validateProbabilities } from "../../../src/metrics/calibration/validate.js";

const cols = (y: number[], p: number[], w?: number[]) => validateProbabilities(y, p, w);

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const rowsArb = fc.array(fc.tuple(fc.boolean(), probability), { minLength: 1, maxLength: 80 });

/** Clusters of m rows sharing p = k/m with exactly k positives: calibrated by construction. */
const calibratedClusters = fc.array(
  fc
    .integer({ min: 1, max: 12 })
    .chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: m }))),
  { minLength: 1, maxLength: 15 },
);

function expand(clusters: [number, number][]) {
  const y: number[] = [];
  const p: number[] = [];
  for (const [m, k] of clusters) {
    for (let i = 0; i < m; i++) {
      y.push(i < k ? 1 : 0);
      p.push(k / m);
    }
  }
  return { y, p };
}

describe("binned calibration errors", () => {
  it("binnedErrors(…) on a hand-computed case", () => {
    // bins of width 0.5: {0.1, 0.4 | y 0, 1} → |0.5 − 0.25| = 0.25; {0.8 | y 1} → 0.2
    const e = binnedErrors(cols([0, 1, 1], [0.1, 0.4, 0.8]), 2, "uniform");
    expect(e.ece).toBeCloseTo((2 / 3) * 0.25 + (1 / 3) * 0.2, 15);
    expect(e.mce).toBeCloseTo(0.25, 15);
  });

  it("ECE and MCE lie in [0, 1], ECE ≤ MCE", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom("uniform" as const, "quantile" as const), (rows, s) => {
        const e = binnedErrors(
          cols(
            rows.map((r) => (r[0] ? 1 : 0)),
            rows.map((r) => r[1]),
          ),
          10,
          s,
        );
        expect(e.ece).toBeGreaterThanOrEqual(0);
        expect(e.mce).toBeLessThanOrEqual(1);
        expect(e.ece).toBeLessThanOrEqual(e.mce + 1e-15);
      }),
    );
  });

  it("ECE is 0 when every bin's mean prediction equals its observed rate", () => {
    fc.assert(
      fc.property(
        calibratedClusters,
        fc.constantFrom("uniform" as const, "quantile" as const),
        (cl, s) => {
          const { y, p } = expand(cl);
          const e = binnedErrors(cols(y, p), 10, s);
          expect(e.ece).toBeLessThan(1e-12);
          expect(e.mce).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it("is invariant under permutation of the rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const y = rows.map((r) => (r[0] ? 1 : 0));
        const p = rows.map((r) => r[1]);
        const a = binnedErrors(cols(y, p), 10, "quantile");
        const b = binnedErrors(cols([...y].reverse(), [...p].reverse()), 10, "quantile");
        expect(b.ece).toBeCloseTo(a.ece, 13);
        expect(b.mce).toBeCloseTo(a.mce, 13);
      }),
    );
  });

  it("integer weights equal duplicated rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), probability, fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          fc.pre(rows.some((r) => r[2] > 0));
          const ex = rows.flatMap((r) => Array.from({ length: r[2] }, () => r));
          const w = cols(
            rows.map((r) => (r[0] ? 1 : 0)),
            rows.map((r) => r[1]),
            rows.map((r) => r[2]),
          );
          const d = cols(
            ex.map((r) => (r[0] ? 1 : 0)),
            ex.map((r) => r[1]),
          );
          for (const s of ["uniform", "quantile"] as const) {
            expect(binnedErrors(w, 10, s).ece).toBeCloseTo(binnedErrors(d, 10, s).ece, 12);
          }
          expect(brierDecomposition(w, 10, "uniform").reliability).toBeCloseTo(
            brierDecomposition(d, 10, "uniform").reliability,
            12,
          );
        },
      ),
    );
  });
});

describe("brierDecomposition", () => {
  it("Brier = reliability − resolution + uncertainty when p is constant within bins", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), {
          minLength: 1,
          maxLength: 80,
        }),
        (rows) => {
          // every row of bin b predicts (b + 0.5) / 10
          const d = brierDecomposition(
            cols(
              rows.map((r) => (r[1] ? 1 : 0)),
              rows.map((r) => (r[0] + 0.5) / 10),
            ),
            10,
            "uniform",
          );
          expect(d.remainder).toBeCloseTo(0, 13);
          expect(d.brier).toBeCloseTo(d.reliability - d.resolution + d.uncertainty, 13);
        },
      ),
    );
  });

  it("brierDecomposition(…) on a hand-computed case", () => {
    // p = [0.2, 0.2, 0.8, 0.8], y = [0, 1, 1, 1]; ȳ = 0.75; bins: {0.2: ȳ 0.5}, {0.8: ȳ 1}
    const d = brierDecomposition(cols([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8]), 10, "uniform");
    expect(d.brier).toBeCloseTo((0.04 + 0.64 + 0.04 + 0.04) / 4, 15);
    expect(d.reliability).toBeCloseTo(0.5 * 0.09 + 0.5 * 0.04, 15);
    expect(d.resolution).toBeCloseTo(0.5 * 0.0625 + 0.5 * 0.0625, 15);
    expect(d.uncertainty).toBeCloseTo(0.1875, 15);
  });
});

describe("large-scale and generalized measures", () => {
  it("calibrationInTheLarge, observedExpectedRatio and generalizedRates on a hand-computed case", () => {
    const c = cols([1, 0, 1, 0], [0.9, 0.3, 0.5, 0.1], [1, 1, 2, 1]);
    // Σw = 5, Σw·y = 3, Σw·p = 0.9 + 0.3 + 1.0 + 0.1 = 2.3
    expect(calibrationInTheLarge(c)).toBeCloseTo(2.3 / 5 - 3 / 5, 15);
    expect(observedExpectedRatio(c)).toBeCloseTo(3 / 2.3, 15);
    const g = generalizedRates(c);
    expect(g.truePositiveRate).toBeCloseTo(1.9 / 3, 15);
    expect(g.falsePositiveRate).toBeCloseTo(0.4 / 2, 15);
    expect(generalizedRates(cols([1, 1], [0.2, 0.4])).falsePositiveRate).toBeNaN();
  });

  it("calibrationSummary(…) matches the doc example", () => {
    expect(calibrationSummary([0, 1, 0, 1], [0.25, 0.75, 0.25, 0.75]).calibrationInTheLarge).toBe(
      0,
    );
  });

  it("calibrationSummary(…) is invariant under permutation of the rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const y = rows.map((r) => (r[0] ? 1 : 0));
        const p = rows.map((r) => r[1]);
        const a = calibrationSummary(y, p);
        const b = calibrationSummary([...y].reverse(), [...p].reverse());
        expect(b.expectedCalibrationErrorQuantile).toBeCloseTo(
          a.expectedCalibrationErrorQuantile,
          12,
        );
        expect(b.brier.brier).toBeCloseTo(a.brier.brier, 12);
        expect(b.logLoss).toBeCloseTo(a.logLoss, 10);
        const hl = [a.hosmerLemeshow.statistic, b.hosmerLemeshow.statistic];
        if (Number.isNaN(hl[0])) expect(hl[1]).toBeNaN();
        else expect(hl[1]).toBeCloseTo(hl[0]!, 8);
        if (a.recalibration.converged && b.recalibration.converged) {
          expect(b.recalibration.slope).toBeCloseTo(a.recalibration.slope, 6);
        }
      }),
    );
  });
});

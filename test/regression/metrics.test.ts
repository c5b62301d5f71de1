import { describe, expect, it } from "vitest";
import {
  DEFAULT_REGRESSION_METRICS,
  getRegressionMetric,
  REGRESSION_METRICS,
} from "../../src/regression/metrics.js";
import { regressionSums } from "../../src/regression/sums.js";

/** Every metric's value on one cell of rows (y, ŷ), tolerance 0.5. */
function values(y: number[], yhat: number[], weight?: number[]) {
  const sums = regressionSums(
    Float64Array.from(y),
    Float64Array.from(yhat),
    weight && Float64Array.from(weight),
    new Uint32Array(y.length),
    1,
    0.5,
  );
  return Object.fromEntries(REGRESSION_METRICS.map((m) => [m.id, m.fromSums(sums, 0)]));
}

describe("the regression metric registry", () => {
  it("each metric has scikit-learn's value on a hand-computed cell", () => {
    // y = 1, 2, 3, 4; ŷ = 2, 2, 2, 6: residuals −1, 0, 1, −2; ȳ = 2.5, SS_tot = 5, SS_res = 6.
    const v = values([1, 2, 3, 4], [2, 2, 2, 6]);
    expect(v.count).toBe(4);
    expect(v.meanAbsoluteError).toBeCloseTo(1, 15);
    expect(v.meanSquaredError).toBeCloseTo(1.5, 15);
    expect(v.rootMeanSquaredError).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(v.r2Score).toBeCloseTo(1 - 6 / 5, 14);
    expect(v.meanPrediction).toBeCloseTo(3, 15);
    expect(v.meanTarget).toBeCloseTo(2.5, 15);
    expect(v.meanResidual).toBeCloseTo(-0.5, 15);
    // Over by more than 0.5: rows 1 and 4; under: row 3.
    expect(v.overPredictionRate).toBeCloseTo(0.5, 15);
    expect(v.underPredictionRate).toBeCloseTo(0.25, 15);
  });

  it("weights count as repeated rows", () => {
    const weighted = values([1, 2, 4], [2, 2, 6], [1, 2, 1]);
    const repeated = values([1, 2, 2, 4], [2, 2, 2, 6]);
    for (const id of Object.keys(weighted)) {
      if (id === "count") continue;
      expect(weighted[id]).toBeCloseTo(repeated[id]!, 12);
    }
  });

  it("R² follows scikit-learn's force_finite: 1 or 0 for a constant target, NaN below two rows", () => {
    expect(values([2, 2], [2, 2]).r2Score).toBe(1);
    expect(values([2, 2], [1, 3]).r2Score).toBe(0);
    expect(values([2], [2]).r2Score).toBeNaN();
    const r2 = getRegressionMetric("r2Score")!;
    const one = regressionSums(
      Float64Array.of(2),
      Float64Array.of(2),
      undefined,
      new Uint32Array(1),
      1,
      0,
    );
    expect(r2.undefinedWhen!(one, 0)).toBe("R² is not well-defined with less than two rows");
  });

  it("ids are unique, losses are the lower-is-better metrics, and the defaults are registered", () => {
    const ids = REGRESSION_METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of REGRESSION_METRICS) {
      if (m.loss) expect(m.better).toBe("lower");
      expect(getRegressionMetric(m.id)).toBe(m);
    }
    for (const id of DEFAULT_REGRESSION_METRICS) expect(getRegressionMetric(id)).toBeDefined();
    expect(getRegressionMetric("mae")).toBeUndefined();
  });
});

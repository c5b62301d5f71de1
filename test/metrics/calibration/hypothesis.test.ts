import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival,
  groupCalibrationTest,
  hosmerLemeshow,
} from "../../../src/metrics/calibration/hypothesis.js";
import { logitColumn } from "../../../src/metrics/calibration/recalibration.js";
import { validateProbabilities } from "../../../src/metrics/calibration/validate.js";
import { normalCdf } from "../../../src/stats/distributions.js";

const fixture = JSON.parse(readFileSync("test/fixtures/fairlearn_reference.json", "utf8")) as {
  cases: Record<string, unknown>[];
};

describe("chiSquareSurvival", () => {
  it("equals the closed forms of one and two degrees of freedom, also in the far tail", () => {
    for (const x of [0.5, 3.7, 12, 40]) {
      // df = 1: P(χ² > x) = 2Φ(−√x); df = 2: e^(−x/2)
      expect(chiSquareSurvival(x, 1) / (2 * normalCdf(-Math.sqrt(x))) - 1).toBeLessThan(1e-13);
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2) - 1).toBeLessThan(1e-13);
    }
    // df = 2: survival is exp(−x/2) exactly
    expect(chiSquareSurvival(80, 2) / Math.exp(-40) - 1).toBeLessThan(1e-13);
    expect(chiSquareSurvival(1, 0)).toBeNaN();
  });
});

describe("groupCalibrationTest", () => {
  it("groupCalibrationTest(…) reproduces statsmodels on the inline synthetic case", () => {
    // statsmodels GLM + scipy.stats.chi2.sf, fixture synthetic_calibration_regression_miscalibrated
    const c = fixture.cases.find(
      (x) => x.name === "synthetic_calibration_regression_miscalibrated",
    )!;
    const inputs = c.inputs as {
      y_true: number[];
      y_score: number[];
      sensitive_features: string[];
    };
    const expected = c.lr_test_group_calibration as Record<string, number>;
    const code = Uint32Array.from(inputs.sensitive_features, (g) => (g === "g0" ? 0 : 1));
    const test = groupCalibrationTest(
      Uint8Array.from(inputs.y_true),
      logitColumn(Float64Array.from(inputs.y_score), 1e-6),
      undefined,
      code,
      2,
    );
    expect(test.df).toBe(expected.df);
    expect(test.statistic / expected.statistic! - 1).toBeLessThan(1e-7);
    expect(Math.abs(test.pValue / expected.pvalue! - 1)).toBeLessThan(1e-6);
    expect(test.converged).toBe(true);
  });

  it("leaves out groups without rows", () => {
    const y = Uint8Array.from([0, 1, 1, 0, 1, 0]);
    const z = Float64Array.from([-1, 0.5, 1, 0, 2, -2]);
    const test = groupCalibrationTest(y, z, undefined, Uint32Array.from([0, 0, 0, 2, 2, 2]), 3);
    expect(test.groupCount).toBe(2);
    expect(test.df).toBe(2);
  });
});

describe("hosmerLemeshow", () => {
  it("hosmerLemeshow(…) on a hand-computed case", () => {
    // 3 equal-mass bins {0.1, 0.1}, {0.5, 0.5}, {0.9, 0.9}; O = 1, 1, 2; E = 0.2, 1, 1.8;
    // H = 0.8²/(0.2·0.9) + 0 + 0.2²/(1.8·0.1) = 34/9, df = 1
    const c = validateProbabilities([0, 1, 0, 1, 1, 1], [0.1, 0.1, 0.5, 0.5, 0.9, 0.9], undefined);
    const hl = hosmerLemeshow(c, 3);
    expect(hl.bins).toBe(3);
    expect(hl.df).toBe(1);
    expect(hl.statistic).toBeCloseTo(34 / 9, 13);
    expect(hl.pValue).toBeCloseTo(2 * normalCdf(-Math.sqrt(34 / 9)), 13);
  });

  it("is NaN with fewer than 3 non-empty bins", () => {
    const c = validateProbabilities([0, 1], [0.3, 0.3], undefined);
    expect(hosmerLemeshow(c, 10).pValue).toBeNaN();
  });
});

/**
 * Exponentiated gradient keeps its constraint on the training data across bounds: for eps in
 * {0.005, 0.01, 0.02, 0.05, 0.1} and demographic parity / equalized odds on Adult by sex, the
 * returned mixture's moments γ_k (|E[h | event, group] − E[h | event]|, Fairlearn's
 * UtilityParity) stay within eps plus Fairlearn's documented slack: the violation of the
 * returned mixture is at most 2·(eps + best_gap) (Fairlearn's ExponentiatedGradient docstring,
 * from Agarwal et al. 2018, Theorem 1), i.e. γ_max − eps ≤ eps + 2·best_gap. The rows are the
 * first 2,500 of the bundled adult.csv (fast enough for the unit suite with the plain-JS
 * learner; the full-data figures are in docs/tfjs.md).
 */
import { describe, expect, it } from "vitest";
import { exponentiatedGradient } from "../../src/tfjs/reductions/exponentiatedGradient.js";
import { type ReductionConstraint, UtilityParity } from "../../src/tfjs/reductions/moments.js";
import { DatasetLoader } from "../conformance/datasets.js";

const ROWS = 2500;
const EPS = [0.005, 0.01, 0.02, 0.05, 0.1];
const CONSTRAINTS: ReductionConstraint[] = ["demographicParity", "equalizedOdds"];

const data = new DatasetLoader([new URL("../../examples/data", import.meta.url).pathname]).load(
  "adult_reductions",
);
const training = data.training!;
const x = {
  data: training.xTrain.subarray(0, ROWS * training.cols),
  rows: ROWS,
  cols: training.cols,
};
const yTrue = training.yTrain.slice(0, ROWS);
const sex = training.featuresTrain.sex!.slice(0, ROWS);
const group = Uint32Array.from(sex, (s) => (s === "Male" ? 1 : 0));

describe("exponentiatedGradient keeps the bound on the training data (Adult by sex)", () => {
  for (const constraint of CONSTRAINTS) {
    for (const eps of EPS) {
      it(`${constraint}, eps ${eps}`, () => {
        const eg = exponentiatedGradient(x, { yTrue, sensitiveFeatures: sex }, { constraint, eps });
        const moments = new UtilityParity(constraint, Uint8Array.from(yTrue), group, 2, eps);
        const violation = Math.max(...moments.gamma(eg.predictProba(x))) - eps;
        expect(violation).toBeLessThanOrEqual(eps + 2 * eg.bestGap);
      }, 120_000);
    }
  }
});

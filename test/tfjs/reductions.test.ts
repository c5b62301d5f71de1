import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { LogisticRegressionLearner } from "../../src/tfjs/learners/logisticRegression.js";
import { TfLogisticRegressionLearner } from "../../src/tfjs/learners/tfLearners.js";
import { type DenseMatrix, denseMatrix } from "../../src/tfjs/learners/types.js";
import { uniforms } from "../../src/tfjs/random.js";
import { exponentiatedGradient } from "../../src/tfjs/reductions/exponentiatedGradient.js";
import { gridSearch } from "../../src/tfjs/reductions/gridSearch.js";
import {
  errorRate,
  REDUCTION_CONSTRAINTS,
  UtilityParity,
} from "../../src/tfjs/reductions/moments.js";
import { randomSource } from "../../src/uncertainty/random.js";

tf.enableProdMode();

/** Seeded synthetic data: group 1 has larger x1, and y follows x1, so the groups' rates differ. */
function synthetic(n: number, seed: number) {
  const u = uniforms(3 * n, randomSource(seed));
  const rows: number[][] = [];
  const y: number[] = [];
  const group: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = u[i]! < 0.5 ? 1 : 0;
    const x1 = u[n + i]! + 0.6 * g;
    rows.push([x1, g]);
    y.push(x1 + 0.4 * u[2 * n + i]! > 0.9 ? 1 : 0);
    group.push(g === 1 ? "b" : "a");
  }
  return { x: denseMatrix(rows), rows, y, group };
}

function selectionGap(p: ArrayLike<number>, group: readonly string[]): number {
  const mean = (level: string) => {
    let s = 0;
    let c = 0;
    group.forEach((g, i) => {
      if (g === level) {
        s += p[i]!;
        c++;
      }
    });
    return s / c;
  };
  return Math.abs(mean("a") - mean("b"));
}

describe("UtilityParity", () => {
  it("gamma(…) for demographic parity is each group's selection rate minus the overall one", () => {
    // Hand-computed: E[h] = 1/4, E[h|0] = 1/2, E[h|1] = 0.
    const m = new UtilityParity(
      "demographicParity",
      Uint8Array.from([1, 0, 1, 0]),
      Uint32Array.from([0, 0, 1, 1]),
      2,
      0.01,
    );
    expect(Array.from(m.gamma([1, 0, 0, 0]))).toEqual([0.25, -0.25, -0.25, 0.25]);
    expect(m.labels.map((l) => `${l.sign}${l.event}:${l.group}`)).toEqual([
      "+all:0",
      "+all:1",
      "-all:0",
      "-all:1",
    ]);
  });

  it("gamma(…) for equalized odds compares rates within each label", () => {
    // label=0 rows: h = [1, 0 | 0]; label=1 rows: h = [1 | 1, 0].
    const m = new UtilityParity(
      "equalizedOdds",
      Uint8Array.from([0, 0, 0, 1, 1, 1]),
      Uint32Array.from([0, 0, 1, 0, 1, 1]),
      2,
      0.01,
    );
    const g = Array.from(m.gamma([1, 0, 0, 1, 1, 0]));
    // label=0: E = 1/3, group 0: 1/2, group 1: 0; label=1: E = 2/3, group 0: 1, group 1: 1/2.
    expect(g.slice(0, 4)).toEqual([0.5 - 1 / 3, -1 / 3, 1 - 2 / 3, 0.5 - 2 / 3].map((v) => v));
  });

  it("signedWeights(λ) is minus n times the gradient of λ·γ(h) in h, for every constraint", () => {
    const arb = fc.integer({ min: 4, max: 30 }).chain((n) =>
      fc.record({
        y: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
        g: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
        h1: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        h2: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        lambda: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), {
          minLength: 12,
          maxLength: 12,
        }),
      }),
    );
    for (const constraint of REDUCTION_CONSTRAINTS) {
      fc.assert(
        fc.property(arb, ({ y, g, h1, h2, lambda }) => {
          const m = new UtilityParity(constraint, Uint8Array.from(y), Uint32Array.from(g), 3, 0);
          const l = Float64Array.from(lambda.slice(0, m.size));
          const g1 = m.gamma(h1);
          const g2 = m.gamma(h2);
          let lhs = 0;
          for (let k = 0; k < m.size; k++) lhs += l[k]! * (g1[k]! - g2[k]!);
          const w = m.signedWeights(l);
          let rhs = 0;
          for (let i = 0; i < y.length; i++) rhs -= (w[i]! * (h1[i]! - h2[i]!)) / y.length;
          expect(lhs).toBeCloseTo(rhs, 9);
        }),
        { seed: 1, numRuns: 50 },
      );
    }
  });

  it("projectLambda(λ) nets each cell's + and − multipliers", () => {
    const m = new UtilityParity(
      "demographicParity",
      Uint8Array.from([0, 1]),
      Uint32Array.from([0, 1]),
      2,
      0,
    );
    expect(Array.from(m.projectLambda([3, 1, 1, 2]))).toEqual([2, 0, 0, 1]);
  });
});

describe("LogisticRegressionLearner", () => {
  it("fit(…) on one-hot groups without intercept and penalty learns each group's log-odds", () => {
    // Analytic MLE: β_g = logit(positives_g / n_g) = logit(3/4), logit(1/5).
    const rows = [...Array(4).fill([1, 0]), ...Array(5).fill([0, 1])];
    const y = Uint8Array.from([1, 1, 1, 0, 1, 0, 0, 0, 0]);
    const lr = new LogisticRegressionLearner({ fitIntercept: false, c: 1e12 });
    lr.fit(denseMatrix(rows), y, new Float64Array(9).fill(1));
    expect(lr.coef[0]).toBeCloseTo(Math.log(3), 6);
    expect(lr.coef[1]).toBeCloseTo(Math.log(1 / 4), 6);
  });

  it("fit(…) with integer weights equals fit on rows repeated that many times", () => {
    const { x, y } = synthetic(60, 3);
    const w = Float64Array.from({ length: 60 }, (_, i) => (i % 3) + 1);
    const weighted = new LogisticRegressionLearner();
    weighted.fit(x, Uint8Array.from(y), w);
    const rows: number[][] = [];
    const yRep: number[] = [];
    for (let i = 0; i < 60; i++) {
      for (let k = 0; k < w[i]!; k++) {
        rows.push([x.data[2 * i]!, x.data[2 * i + 1]!]);
        yRep.push(y[i]!);
      }
    }
    const repeated = new LogisticRegressionLearner();
    repeated.fit(denseMatrix(rows), Uint8Array.from(yRep), new Float64Array(rows.length).fill(1));
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 8);
    expect(weighted.coef[0]).toBeCloseTo(repeated.coef[0]!, 8);
    expect(weighted.coef[1]).toBeCloseTo(repeated.coef[1]!, 8);
  });
});

describe("exponentiatedGradient", () => {
  const { x, y, group } = synthetic(400, 11);

  it("exponentiatedGradient(…) with demographicParity shrinks the selection-rate gap", () => {
    const lr = new LogisticRegressionLearner();
    lr.fit(x, Uint8Array.from(y), new Float64Array(400).fill(1));
    const before = selectionGap(lr.predict(x), group);
    const eg = exponentiatedGradient(x, { yTrue: y, sensitiveFeatures: group }, { eps: 0.01 });
    const after = selectionGap(eg.predictProba(x), group);
    expect(before).toBeGreaterThan(0.3);
    // Each group within eps of the overall rate, plus the duality-gap slack.
    expect(after).toBeLessThan(0.05);
    expect(eg.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(eg.gapHistory).toHaveLength(eg.lastIter + 1);
    expect(eg.bestGap).toBe(eg.gapHistory[eg.bestIter]!.gap);
  });

  it("exponentiatedGradient(…) with equalizedOdds lowers the error on the constrained moments", () => {
    const eg = exponentiatedGradient(
      x,
      { yTrue: y, sensitiveFeatures: group },
      { constraint: "equalizedOdds", eps: 0.02 },
    );
    const m = new UtilityParity(
      "equalizedOdds",
      Uint8Array.from(y),
      Uint32Array.from(group, (g) => (g === "a" ? 0 : 1)),
      2,
      0.02,
    );
    const worst = Math.max(...m.gamma(eg.predictProba(x)));
    expect(worst).toBeLessThan(0.02 + 0.02);
    expect(errorRate(Uint8Array.from(y), eg.predictProba(x))).toBeLessThan(0.5);
  });

  it("predict(x, { seed }) is reproducible and averages to predictProba", () => {
    const eg = exponentiatedGradient(x, { yTrue: y, sensitiveFeatures: group });
    expect(eg.predict(x, { seed: 5 })).toEqual(eg.predict(x, { seed: 5 }));
    const p = eg.predictProba(x);
    const draws = 200;
    const sums = new Float64Array(400);
    for (let s = 0; s < draws; s++) {
      eg.predict(x, { seed: s }).forEach((v, i) => {
        sums[i]! += v;
      });
    }
    let maxDiff = 0;
    sums.forEach((v, i) => {
      maxDiff = Math.max(maxDiff, Math.abs(v / draws - p[i]!));
    });
    expect(maxDiff).toBeLessThan(0.15);
  });

  it("exponentiatedGradient(…) rejects non-binary labels and bad options", () => {
    expect(() =>
      exponentiatedGradient(x, { yTrue: [2, ...y.slice(1)], sensitiveFeatures: group }),
    ).toThrow(FairnessInputError);
    expect(() =>
      exponentiatedGradient(x, { yTrue: y, sensitiveFeatures: group }, { eps: 0 }),
    ).toThrow(RangeError);
  });

  it("exponentiatedGradient(…) with the tfjs logistic learner runs without tensor leaks", () => {
    const small = synthetic(120, 4);
    const before = tf.memory().numTensors;
    const xt = tf.tensor2d(small.rows);
    const eg = exponentiatedGradient<tf.Tensor2D>(
      xt,
      { yTrue: small.y, sensitiveFeatures: small.group },
      {
        learner: () =>
          new TfLogisticRegressionLearner({ epochs: 10, batchSize: 120, learningRate: 0.2 }),
        maxIter: 3,
      },
    );
    const p = eg.predictProba(xt);
    expect(p).toHaveLength(120);
    expect(eg.oracleCalls).toBeGreaterThan(2);
    eg.dispose();
    xt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("gridSearch", () => {
  it("gridSearch(…) picks the grid model with the smallest trade-off objective", () => {
    const { x, y, group } = synthetic(300, 21);
    const gs = gridSearch<DenseMatrix>(x, { yTrue: y, sensitiveFeatures: group }, { gridSize: 11 });
    expect(gs.grid.length).toBeGreaterThanOrEqual(11);
    const value = (p: { error: number; violation: number }) => 0.5 * p.error + 0.5 * p.violation;
    const best = value(gs.grid[gs.bestIndex]!);
    for (const point of gs.grid) expect(best).toBeLessThanOrEqual(value(point));
    // λ = 0 is on the grid: the unconstrained fit.
    expect(gs.grid.some((p) => p.basis.every((v) => v === 0))).toBe(true);
    expect(selectionGap(gs.predict(x), group)).toBeLessThan(
      selectionGap(
        gs.predictors[gs.grid.findIndex((p) => p.basis[0] === 0)]!.learner!.predict(x),
        group,
      ) + 1e-12,
    );
  });
});

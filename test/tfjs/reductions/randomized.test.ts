import { describe, expect, it } from "vitest";
import type { Learner } from "../../../src/tfjs/learners/types.js";
import { uniforms } from "../../../src/tfjs/random.js";
import { RandomizedClassifier } from "../../../src/tfjs/reductions/randomized.js";
import { randomSource } from "../../../src/uncertainty/random.js";

/** A learner that predicts fixed labels and records whether it was disposed. */
function fixed(labels: number[]): Learner<number[]> & { disposed: boolean } {
  return {
    disposed: false,
    fit() {},
    predict: () => labels,
    dispose() {
      this.disposed = true;
    },
  };
}

describe("RandomizedClassifier", () => {
  const a = fixed([1, 1, 0, 0]);
  const b = fixed([1, 0, 1, 0]);
  const classifier = new RandomizedClassifier<number[]>(
    [
      { learner: a, constant: undefined },
      { learner: b, constant: undefined },
      { learner: undefined, constant: 1 },
    ],
    Float64Array.of(0.5, 0.3, 0.2),
  );
  const x = [0, 0, 0, 0];

  it("predictProba(x) is Σ_h Q_h h(x)", () => {
    // Rows: 0.5 + 0.3 + 0.2, 0.5 + 0.2, 0.3 + 0.2, 0.2.
    const p = classifier.predictProba(x);
    expect(Array.from(p).map((v) => Number(v.toFixed(12)))).toEqual([1, 0.7, 0.5, 0.2]);
  });

  it("predictProba(x) skips predictors without weight", () => {
    const unused = fixed([0, 0, 0, 0]);
    const only = new RandomizedClassifier<number[]>(
      [
        { learner: unused, constant: undefined },
        { learner: b, constant: undefined },
      ],
      Float64Array.of(0, 1),
    );
    expect(Array.from(only.predictProba(x))).toEqual([1, 0, 1, 0]);
  });

  it("predict(x, { seed }) is 1 where P(1|x) ≥ U, U drawn from the seed", () => {
    const p = classifier.predictProba(x);
    const u = uniforms(4, randomSource(8));
    const expected = Array.from(p, (pi, i) => (pi >= u[i]! && pi > 0 ? 1 : 0));
    expect(Array.from(classifier.predict(x, { seed: 8 }))).toEqual(expected);
    expect(Array.from(classifier.predict(x, { seed: 8 }))).toEqual(expected);
    expect(classifier.predict(x)[0]).toBe(1);
  });

  it("dispose() disposes every learner", () => {
    classifier.dispose();
    expect([a.disposed, b.disposed]).toEqual([true, true]);
  });
});

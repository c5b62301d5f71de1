import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { demographicParityDifference } from "../../src/frame/criteria.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { audit } from "../../src/report/audit.js";
import { fromTensors, withTensors } from "../../src/tfjs/adapters.js";
import { auditModel, predictInBatches } from "../../src/tfjs/auditModel.js";

tf.enableProdMode();

const yTrue = [1, 0, 1, 1, 0, 0, 1, 0];
const yPred = [1, 0, 0, 1, 1, 0, 1, 1];
const sex = [0, 0, 0, 0, 1, 1, 1, 1];

describe("fromTensors", () => {
  it("fromTensors(…) accepts 1-D and [n, 1] tensors of bool, int32 and float32 dtypes", () => {
    const expected = groupMetrics({ yTrue, yPred, sensitiveFeatures: sex });
    const before = tf.memory().numTensors;
    const cases: [tf.Tensor, tf.Tensor, tf.Tensor][] = [
      [tf.tensor1d(yTrue, "bool"), tf.tensor1d(yPred, "bool"), tf.tensor1d(sex, "int32")],
      [
        tf.tensor2d(yTrue, [8, 1], "int32"),
        tf.tensor2d(yPred, [8, 1], "int32"),
        tf.tensor2d(sex, [8, 1]),
      ],
      [tf.tensor1d(yTrue, "float32"), tf.tensor1d(yPred, "float32"), tf.tensor1d(sex, "float32")],
    ];
    for (const [t, p, s] of cases) {
      const result = withTensors(groupMetrics)({ yTrue: t, yPred: p, sensitiveFeatures: s });
      expect(result.byGroup.map((g) => g.values)).toEqual(expected.byGroup.map((g) => g.values));
      expect(result.overall).toEqual(expected.overall);
    }
    for (const c of cases) for (const t of c) t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("fromTensors(…) reads named feature tensors, weights and scores; arrays pass through", () => {
    const w = tf.tensor1d([1, 2, 1, 2, 1, 2, 1, 2]);
    const score = tf.tensor1d([0.9, 0.1, 0.4, 0.8, 0.7, 0.2, 0.6, 0.55]);
    const race = tf.tensor1d([1, 2, 1, 2, 1, 2, 1, 2], "int32");
    const input = fromTensors({
      yTrue,
      yScore: score,
      sampleWeight: w,
      sensitiveFeatures: { sex, race },
    });
    expect(input.yTrue).toBe(yTrue);
    expect(Array.from(input.sampleWeight!)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect((input.sensitiveFeatures as Record<string, unknown>).sex).toBe(sex);
    expect(Array.from((input.sensitiveFeatures as Record<string, Int32Array>).race!)).toEqual([
      1, 2, 1, 2, 1, 2, 1, 2,
    ]);
    for (const t of [w, score, race]) t.dispose();
  });

  it("fromTensors(…) rejects a [n, 2] tensor, naming the field", () => {
    const bad = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    expect(() => fromTensors({ yTrue: bad, yPred: [1, 0], sensitiveFeatures: ["a", "b"] })).toThrow(
      FairnessInputError,
    );
    try {
      fromTensors({ yTrue: bad, yPred: [1, 0], sensitiveFeatures: ["a", "b"] });
    } catch (e) {
      expect((e as FairnessInputError).issues[0]!.path).toEqual(["yTrue"]);
    }
    bad.dispose();
  });

  it("withTensors(demographicParityDifference) equals the array call", () => {
    const p = tf.tensor1d(yPred, "int32");
    expect(
      withTensors(demographicParityDifference)({ yTrue, yPred: p, sensitiveFeatures: sex }),
    ).toBe(demographicParityDifference({ yTrue, yPred, sensitiveFeatures: sex }));
    p.dispose();
  });
});

describe("auditModel", () => {
  // A fixed logistic model: P(1 | x) = σ(2x − 1).
  function fixedModel(): tf.Sequential {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid" }));
    model.setWeights([tf.tensor2d([[2]]), tf.tensor1d([-1])]);
    return model;
  }
  const xs = [-1, 0.2, 0.8, 2, -0.5, 0.4, 1.5, 3];

  it("predictInBatches(…) equals one predict call for any batch size and leaks nothing", () => {
    const model = fixedModel();
    const x = tf.tensor2d(xs, [8, 1]);
    const expected = xs.map((v) => 1 / (1 + Math.exp(-(2 * v - 1))));
    const before = tf.memory().numTensors;
    for (const batchSize of [1, 3, 8, 100]) {
      const p = predictInBatches(model, x, batchSize);
      for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(expected[i]!, 6);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it("auditModel(…) gives the audit report of the thresholded probabilities", () => {
    const model = fixedModel();
    const x = tf.tensor2d(xs, [8, 1]);
    const sexTensor = tf.tensor1d(sex, "int32");
    const before = tf.memory().numTensors;
    const result = auditModel(model, x, yTrue, sexTensor, { batchSize: 3, seed: 5 });
    expect(tf.memory().numTensors).toBe(before);
    // σ(2x − 1) ≥ 0.5 ⇔ x ≥ 0.5.
    const hard = xs.map((v): number => (v >= 0.5 ? 1 : 0));
    const scores = xs.map((v) => 1 / (1 + Math.exp(-(2 * v - 1))));
    const expected = groupMetrics({ yTrue, yScore: scores, sensitiveFeatures: sex });
    expect(result.groups.map((g) => g.values.selectionRate!.value)).toEqual(
      [0, 1].map((g) => hard.filter((_, i) => sex[i] === g).reduce((a, b) => a + b, 0) / 4),
    );
    expect(result.groups.map((g) => g.values.accuracy!.value)).toEqual(
      expected.byGroup.map((g) => g.values.accuracy),
    );
    // The same report as the core audit on the predicted scores.
    const core = audit(
      { yTrue, yScore: Array.from(predictInBatches(model, x)), sensitiveFeatures: sex },
      { seed: 5 },
    );
    expect(result.toJSON()).toEqual(core.toJSON());
    x.dispose();
    sexTensor.dispose();
    model.dispose();
  });
});

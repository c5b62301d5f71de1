import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { demographicParityPenalty, equalizedOddsPenalty } from "../../src/tfjs/penalties.js";
import { uniforms } from "../../src/tfjs/random.js";
import { trainWeighted } from "../../src/tfjs/weightedTraining.js";
import { randomSource } from "../../src/uncertainty/random.js";

tf.enableProdMode();

function batch(y: number[], group: number[], weight?: number[]) {
  return {
    yTrue: tf.tensor1d(y),
    group: tf.tensor1d(group, "int32"),
    weight: tf.tensor1d(weight ?? y.map(() => 1)),
  };
}

function disposeBatch(b: ReturnType<typeof batch>) {
  b.yTrue.dispose();
  b.group.dispose();
  b.weight.dispose();
}

describe("demographicParityPenalty", () => {
  it("demographicParityPenalty(…) is strength × (max − min) of the groups' mean probabilities", () => {
    // Hand-computed: group 0 mean (0.9 + 0.7)/2 = 0.8, group 1 mean (0.2 + 0.4)/2 = 0.3.
    const before = tf.memory().numTensors;
    const b = batch([1, 0, 1, 0], [0, 0, 1, 1]);
    const p = tf.tensor1d([0.9, 0.7, 0.2, 0.4]);
    const value = demographicParityPenalty({ strength: 2, groups: 3 })(p, b);
    expect(value.dataSync()[0]).toBeCloseTo(2 * 0.5, 6);
    // d gap / d p_i = ±1/2 within the highest and lowest groups.
    const grad = tf.grad((q: tf.Tensor) =>
      demographicParityPenalty({ strength: 1, groups: 3 })(q as tf.Tensor1D, b),
    )(p);
    expect(Array.from(grad.dataSync())).toEqual([0.5, 0.5, -0.5, -0.5]);
    for (const t of [value, grad, p]) t.dispose();
    disposeBatch(b);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("demographicParityPenalty(…) uses sample weights and is 0 with one group present", () => {
    // Weighted group 0 mean (3·0.9 + 1·0.5)/4 = 0.8; group 1 mean 0.2.
    const b = batch([1, 0, 1], [0, 0, 1], [3, 1, 1]);
    const p = tf.tensor1d([0.9, 0.5, 0.2]);
    const penalty = demographicParityPenalty({ strength: 1, groups: 2 });
    const value = penalty(p, b);
    expect(value.dataSync()[0]).toBeCloseTo(0.6, 6);
    const single = batch([1, 0], [1, 1]);
    const p2 = tf.tensor1d([0.3, 0.6]);
    const zero = penalty(p2, single);
    expect(zero.dataSync()[0]).toBe(0);
    for (const t of [value, p, p2, zero]) t.dispose();
    disposeBatch(b);
    disposeBatch(single);
  });
});

describe("equalizedOddsPenalty", () => {
  it("equalizedOddsPenalty(…) is the larger of the gaps among positives and among negatives", () => {
    // Positives: group 0 p = 0.9, group 1 p = 0.5 → 0.4; negatives: 0.3 vs 0.2 → 0.1.
    const b = batch([1, 0, 1, 0], [0, 0, 1, 1]);
    const p = tf.tensor1d([0.9, 0.3, 0.5, 0.2]);
    const value = equalizedOddsPenalty({ strength: 3, groups: 2 })(p, b);
    expect(value.dataSync()[0]).toBeCloseTo(3 * 0.4, 6);
    value.dispose();
    p.dispose();
    disposeBatch(b);
  });
});

describe("trainWeighted with a penalty", () => {
  it("a demographic-parity penalty narrows the selection-rate gap of a logistic model", () => {
    const n = 200;
    const u = uniforms(2 * n, randomSource(3));
    const group = Array.from({ length: n }, (_, i) => (u[i]! < 0.5 ? 1 : 0));
    const rows = group.map((g, i) => [u[n + i]! + 0.5 * g, g]);
    const y = rows.map(([x1]) => (x1! > 0.75 ? 1 : 0));
    const before = tf.memory().numTensors;
    const gap = (strength: number) => {
      const model = tf.sequential();
      model.add(
        tf.layers.dense({
          units: 1,
          inputShape: [2],
          activation: "sigmoid",
          kernelInitializer: tf.initializers.zeros(),
        }),
      );
      const x = tf.tensor2d(rows);
      const optimizer = tf.train.adam(0.1);
      trainWeighted(model, x, y, {
        optimizer,
        epochs: 60,
        batchSize: n,
        groups: group,
        penalty: demographicParityPenalty({ strength, groups: 2 }),
      });
      const p = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
      x.dispose();
      model.dispose();
      optimizer.dispose();
      const mean = (g: number) => {
        const idx = group.flatMap((v, i) => (v === g ? [i] : []));
        return idx.reduce((s, i) => s + p[i]!, 0) / idx.length;
      };
      return Math.abs(mean(1) - mean(0));
    };
    const plain = gap(0);
    const penalised = gap(5);
    expect(penalised).toBeLessThan(plain / 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { trainWeighted } from "../../src/tfjs/weightedTraining.js";

tf.enableProdMode();

// Label depends only on the group: group 0 has 30 positives of 40 rows, group 1 has 12 of 60.
function groupOnlyData() {
  const group: number[] = [];
  const y: number[] = [];
  const cells: [number, number, number][] = [
    [0, 1, 30],
    [0, 0, 10],
    [1, 1, 12],
    [1, 0, 48],
  ];
  for (const [g, label, count] of cells) {
    for (let k = 0; k < count; k++) {
      group.push(g);
      y.push(label);
    }
  }
  return { group, y };
}

// Kamiran & Calders reweighing, W(g, y) = P(g) P(y) / P(g, y), computed from the counts above.
function reweighingWeights(group: number[], y: number[]): number[] {
  const n = y.length;
  const count = (pred: (i: number) => boolean) => y.filter((_, i) => pred(i)).length;
  return y.map((label, i) => {
    const g = group[i];
    const pg = count((j) => group[j] === g) / n;
    const py = count((j) => y[j] === label) / n;
    const pgy = count((j) => group[j] === g && y[j] === label) / n;
    return (pg * py) / pgy;
  });
}

// Logistic model on the one-hot group, no bias: its two weights are the group intercepts.
function interceptModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [2],
      useBias: false,
      activation: "sigmoid",
      kernelInitializer: tf.initializers.zeros(),
    }),
  );
  return model;
}

function fitIntercepts(weights: number[] | undefined): number[] {
  const { group, y } = groupOnlyData();
  const model = interceptModel();
  const x = tf.tensor2d(group.map((g) => (g === 0 ? [1, 0] : [0, 1])));
  const optimizer = tf.train.adam(0.1);
  trainWeighted(model, x, y, {
    sampleWeight: weights,
    optimizer,
    epochs: 300,
    batchSize: 100,
    shuffle: false,
  });
  const kernel = Array.from(model.getWeights()[0]!.dataSync());
  x.dispose();
  model.dispose();
  optimizer.dispose();
  return kernel;
}

const logit = (p: number) => Math.log(p / (1 - p));

describe("trainWeighted", () => {
  it("trainWeighted(…) without weights learns each group's log-odds (30/40 and 12/60)", () => {
    const before = tf.memory().numTensors;
    const [a, b] = fitIntercepts(undefined);
    expect(a).toBeCloseTo(logit(0.75), 2);
    expect(b).toBeCloseTo(logit(0.2), 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trainWeighted(…) with reweighing weights learns equal group intercepts, logit(P(y=1))", () => {
    // Weighted positive share in every group becomes P(y=1) = 42/100, so both intercepts are
    // logit(0.42) analytically.
    const { group, y } = groupOnlyData();
    const before = tf.memory().numTensors;
    const [a, b] = fitIntercepts(reweighingWeights(group, y));
    expect(a).toBeCloseTo(logit(0.42), 2);
    expect(b).toBeCloseTo(logit(0.42), 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trainWeighted(…) with mini-batches and a seed is reproducible and leak-free", () => {
    const { group, y } = groupOnlyData();
    const run = () => {
      const model = interceptModel();
      const x = tf.tensor2d(group.map((g) => (g === 0 ? [1, 0] : [0, 1])));
      const history = trainWeighted(model, x, y, { epochs: 3, batchSize: 16, seed: 7 });
      x.dispose();
      model.dispose();
      return history.loss;
    };
    const before = tf.memory().numTensors;
    const first = run();
    expect(first).toHaveLength(3);
    expect(run()).toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trainWeighted(…) rejects negative weights and non-binary labels without leaking", () => {
    const model = interceptModel();
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const before = tf.memory().numTensors;
    expect(() => trainWeighted(model, x, [1, 0], { sampleWeight: [1, -2] })).toThrow(
      FairnessInputError,
    );
    expect(() => trainWeighted(model, x, [1, 2])).toThrow(/y\[1\]/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});

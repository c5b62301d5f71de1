/**
 * Fairness in training with TensorFlow.js on Adult (UCI; examples/data/README.md): a logistic
 * model trained with `trainWeighted` and a demographic-parity penalty of growing strength, next
 * to reweighing and exponentiated gradient, evaluated on the held-out test file.
 *
 * Run: npx tsx examples/tfjs-fairness-penalty.ts
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { parse } from "csv-parse/sync";
import { demographicParityDifference, equalizedOddsDifference, reweighing } from "fairscope";
import type { Estimate } from "fairscope/report";
import {
  auditModel,
  demographicParityPenalty,
  denseMatrix,
  exponentiatedGradient,
  trainWeighted,
} from "fairscope/tfjs";

// tfjs prints a banner recommending its Node backend on first use; production mode silences it.
tf.enableProdMode();

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse(readFileSync(new URL(`data/${file}`, import.meta.url), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Row[];
const train = read("adult.csv");
const test = read("adult_test.csv");

// Standardised numeric columns and one-hot categorical columns, fitted on the training file.
const numeric = ["age", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
const categorical = [
  "workclass",
  "education",
  "marital-status",
  "occupation",
  "relationship",
  "race",
  "sex",
];
const scale = numeric.map((c) => {
  const v = train.map((r) => Number(r[c]));
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { c, mean, sd };
});
const levels = categorical.map((c) => ({
  c,
  values: [...new Set(train.map((r) => r[c]!))].sort(),
}));
const encode = (rows: Row[]) =>
  rows.map((r) => [
    ...scale.map(({ c, mean, sd }) => (Number(r[c]) - mean) / sd),
    ...levels.flatMap(({ c, values }) => values.map((v) => (r[c] === v ? 1 : 0))),
  ]);
const xTrainRows = encode(train);
const xTestRows = encode(test);
const yTrain = train.map((r) => (r.income === ">50K" ? 1 : 0));
const yTest = test.map((r) => (r.income === ">50K." ? 1 : 0));
const sexTrain = train.map((r) => r.sex!);
const sexTest = test.map((r) => r.sex!);
const groupCodes = sexTrain.map((s) => (s === "Female" ? 0 : 1));

const xTrain = tf.tensor2d(xTrainRows);
const xTest = tf.tensor2d(xTestRows);

interface Row4 {
  method: string;
  accuracy: number;
  dp: number;
  eo: number;
}
const table: Row4[] = [];
function evaluate(method: string, yPred: ArrayLike<number>) {
  const pred = Array.from(yPred);
  const input = { yTrue: yTest, yPred: pred, sensitiveFeatures: sexTest };
  const accuracy = pred.reduce((s, p, i) => s + (p === yTest[i] ? 1 : 0), 0) / pred.length;
  table.push({
    method,
    accuracy,
    dp: demographicParityDifference(input),
    eo: equalizedOddsDifference(input),
  });
}

function logisticModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [xTrain.shape[1]],
      activation: "sigmoid",
      kernelInitializer: tf.initializers.zeros(),
    }),
  );
  return model;
}

function trainAndPredict(options: Parameters<typeof trainWeighted>[3], audit = false): Uint8Array {
  const model = logisticModel();
  const optimizer = tf.train.adam(0.05);
  trainWeighted(model, xTrain, yTrain, {
    optimizer,
    epochs: 4,
    batchSize: 256,
    seed: 1,
    ...options,
  });
  if (audit) {
    const report = auditModel(model, xTest, yTest, sexTest, { batchSize: 4096, seed: 1 });
    console.log("Audit of the unmitigated model (test set), with 95% bootstrap intervals:");
    const digits = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));
    const show = (e: Estimate | undefined) =>
      e === undefined
        ? "–"
        : e.interval === undefined
          ? digits(e.value)
          : `${digits(e.value)} [${digits(e.interval.lower)}, ${digits(e.interval.upper)}]`;
    for (const g of report.groups) {
      const v = g.values;
      console.log(
        `  ${g.label.padEnd(8)} n ${g.count}  selection ${show(v.selectionRate)}  TPR ${show(v.truePositiveRate)}  FPR ${show(v.falsePositiveRate)}  AUC ${show(v.rocAuc)}`,
      );
    }
    for (const f of report.findings.slice(0, 3)) console.log(`  ${f.text}`);
  }
  const p = tf.tidy(() => (model.predict(xTest) as tf.Tensor).dataSync());
  model.dispose();
  optimizer.dispose();
  return Uint8Array.from(p, (v) => (v >= 0.5 ? 1 : 0));
}

const started = performance.now();
// 1. The gap/accuracy trade-off of the demographic-parity penalty.
for (const strength of [0, 0.1, 0.25, 0.5, 1, 2]) {
  const penalty = demographicParityPenalty({ strength, groups: 2 });
  evaluate(
    strength === 0 ? "tfjs logistic, no mitigation" : `tfjs logistic + DP penalty ${strength}`,
    trainAndPredict({ groups: groupCodes, penalty }, strength === 0),
  );
}

// 2. Reweighing (Kamiran & Calders): W(g, y) = P(g) P(y) / P(g, y).
const weights = Array.from(
  reweighing({ yTrue: yTrain, sensitiveFeatures: groupCodes }).sampleWeight,
);
evaluate("tfjs logistic + reweighing", trainAndPredict({ sampleWeight: weights }));

// 3. Exponentiated gradient under equalized odds, with the plain-JS logistic learner.
const eg = exponentiatedGradient(
  denseMatrix(xTrainRows),
  { yTrue: yTrain, sensitiveFeatures: sexTrain },
  { constraint: "equalizedOdds", eps: 0.01 },
);
evaluate(
  "exponentiated gradient (equalized odds)",
  eg.predict(denseMatrix(xTestRows), { seed: 0 }),
);

xTrain.dispose();
xTest.dispose();
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const pad = (s: string, w: number) => s.padEnd(w);
console.log(`${pad("method", 42)} accuracy  DP diff  EO diff`);
for (const r of table) {
  console.log(
    `${pad(r.method, 42)} ${r.accuracy.toFixed(4)}    ${r.dp.toFixed(4)}   ${r.eo.toFixed(4)}`,
  );
}
console.log(`(Adult test set, ${test.length} rows; trained in ${seconds} s)`);

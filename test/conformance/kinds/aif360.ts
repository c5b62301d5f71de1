/**
 * Kind `aif360`: AIF360 `Reweighing` on a two-group BinaryLabelDataset, and the dataset and
 * classification metrics before and after reweighing. The reweighing block goes through
 * fairscope's public `reweighing`; the metrics are recomputed from weighted counts (the plain group
 * metrics), which checks the new weights row by row. Entropy-index and bias-amplification
 * metrics are outside this handler.
 */
import { reweighing } from "../../../src/mitigation/reweighing.js";
import type { Checker } from "../compare.js";
import type { KindHandler } from "../runner.js";

interface Aif360Params {
  readonly protected_attribute: string;
  readonly favorable_label: number;
}

interface Rows {
  /** 0 = privileged, 1 = unprivileged. */
  readonly group: Uint32Array;
  /** 0 = favorable, 1 = unfavorable. */
  readonly cls: Uint32Array;
  /** 1 where the prediction is favorable. */
  readonly predFavorable: Uint8Array | undefined;
}

type Block = Record<string, unknown>;
const GROUPS = ["privileged", "unprivileged"] as const;

function rows(
  testCase: Parameters<KindHandler>[0],
  data: Parameters<KindHandler>[1]["data"],
): Rows {
  const params = testCase.params as Aif360Params;
  const inputs = testCase.inputs as Record<string, unknown>;
  const protectedValues =
    data === undefined
      ? (inputs.protected as number[])
      : data.aif360Protected[params.protected_attribute];
  const yTrue = data === undefined ? (inputs.y_true as number[]) : data.yTrue;
  const yPred = data === undefined ? (inputs.y_pred as number[] | undefined) : data.yPred;
  if (protectedValues === undefined) throw new Error("no protected attribute column");
  const n = yTrue.length;
  const group = new Uint32Array(n);
  const cls = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    group[i] = protectedValues[i] === 1 ? 0 : 1;
    cls[i] = yTrue[i] === params.favorable_label ? 0 : 1;
  }
  const predFavorable =
    inputs.predictions === null || yPred === undefined
      ? undefined
      : Uint8Array.from(yPred, (p) => (p === params.favorable_label ? 1 : 0));
  return { group, cls, predFavorable };
}

/** Weighted counts per group (0, 1) and overall (2): [n, fav, tp, fp, fn, tn]. */
function counts(r: Rows, weight: Float64Array | undefined) {
  const out = Array.from({ length: 3 }, () => new Float64Array(6));
  for (let i = 0; i < r.cls.length; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    const fav = r.cls[i] === 0;
    const pred = r.predFavorable === undefined ? false : r.predFavorable[i] === 1;
    for (const target of [out[r.group[i]!]!, out[2]!]) {
      target[0]! += w;
      if (fav) target[1]! += w;
      target[fav ? (pred ? 2 : 4) : pred ? 3 : 5]! += w;
    }
  }
  return out;
}

function value(block: Block, key: string, who: "all" | "privileged" | "unprivileged"): unknown {
  const entry = block[key] as Record<string, { value: unknown }> | undefined;
  return entry?.[who]?.value;
}

function checkDatasetMetrics(check: Checker, path: string, block: Block, c: Float64Array[]) {
  const who = ["privileged", "unprivileged", "all"] as const;
  const baseRate = c.map((x) => x[1]! / x[0]!);
  for (let k = 0; k < 3; k++) {
    const x = c[k]!;
    const w = who[k]!;
    check.number(`${path}.num_instances.${w}`, x[0]!, value(block, "num_instances", w), 1e-12);
    check.number(`${path}.num_positives.${w}`, x[1]!, value(block, "num_positives", w), 1e-12);
    check.number(
      `${path}.num_negatives.${w}`,
      x[0]! - x[1]!,
      value(block, "num_negatives", w),
      1e-12,
      1e-9,
    );
    check.number(`${path}.base_rate.${w}`, baseRate[k]!, value(block, "base_rate", w), 1e-12);
  }
  const di = (block.disparate_impact as { value: unknown }).value;
  check.number(`${path}.disparate_impact`, baseRate[1]! / baseRate[0]!, di, 1e-12);
  const spd = (block.statistical_parity_difference as { value: unknown }).value;
  check.number(`${path}.statistical_parity_difference`, baseRate[1]! - baseRate[0]!, spd, 0, 1e-12);
  // AIF360's smoothed EDF: Dirichlet-smoothed base rates (alpha = 1/2 per class), worst log ratio.
  const smoothed = [0, 1].map((g) => (c[g]![1]! + 0.5) / (c[g]![0]! + 1));
  const [s0, s1] = smoothed as [number, number];
  const edf = Math.max(
    Math.abs(Math.log(s0) - Math.log(s1)),
    Math.abs(Math.log(1 - s0) - Math.log(1 - s1)),
  );
  const expected = (block.smoothed_empirical_differential_fairness as { value: unknown }).value;
  check.number(`${path}.smoothed_empirical_differential_fairness`, edf, expected, 1e-9, 1e-12);
}

function checkClassificationMetrics(check: Checker, path: string, block: Block, c: Float64Array[]) {
  const who = ["privileged", "unprivileged", "all"] as const;
  for (let k = 0; k < 3; k++) {
    const [n, , tp, fp, fn, tn] = c[k]! as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const w = who[k]!;
    const computed: Record<string, number> = {
      num_true_positives: tp,
      num_false_positives: fp,
      num_false_negatives: fn,
      num_true_negatives: tn,
      true_positive_rate: tp / (tp + fn),
      false_positive_rate: fp / (fp + tn),
      false_negative_rate: fn / (tp + fn),
      true_negative_rate: tn / (fp + tn),
      positive_predictive_value: tp / (tp + fp),
      false_discovery_rate: fp / (tp + fp),
      false_omission_rate: fn / (fn + tn),
      negative_predictive_value: tn / (fn + tn),
      accuracy: (tp + tn) / n,
      error_rate: (fp + fn) / n,
      num_pred_positives: tp + fp,
      num_pred_negatives: tn + fn,
      selection_rate: (tp + fp) / n,
    };
    for (const [key, actual] of Object.entries(computed)) {
      check.number(`${path}.${key}.${w}`, actual, value(block, key, w), 1e-10, 1e-12);
    }
  }
}

export const aif360: KindHandler = (testCase, { data, check }) => {
  const r = rows(testCase, data);
  const result = reweighing({ yTrue: r.cls, sensitiveFeatures: r.group });
  const weights = result.sampleWeight;
  const expected = testCase.reweighing as Block;
  const cell = (g: number, c: number) =>
    result.table.find((t) => t.group[0] === g && t.label === c) ?? { factor: NaN, count: NaN };
  const factor = (g: number, c: number) => cell(g, c).factor;
  check.number("reweighing.w_p_fav", factor(0, 0), expected.w_p_fav);
  check.number("reweighing.w_p_unfav", factor(0, 1), expected.w_p_unfav);
  check.number("reweighing.w_up_fav", factor(1, 0), expected.w_up_fav);
  check.number("reweighing.w_up_unfav", factor(1, 1), expected.w_up_unfav);
  for (const entry of expected.weights_by_cell as Block[]) {
    const g = entry.group === GROUPS[0] ? 0 : 1;
    const c = entry.label === "favorable" ? 0 : 1;
    const where = `reweighing.weights_by_cell.${entry.group}.${entry.label}`;
    check.number(`${where}.count`, cell(g, c).count, entry.count);
    check.number(`${where}.weight`, factor(g, c), entry.weight);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  check.number("reweighing.sum_of_weights", sum, expected.sum_of_weights, 1e-12);

  const before = counts(r, undefined);
  const after = counts(r, weights);
  checkDatasetMetrics(check, "dataset_metrics", testCase.dataset_metrics as Block, before);
  checkDatasetMetrics(
    check,
    "dataset_metrics_reweighed",
    testCase.dataset_metrics_reweighed as Block,
    after,
  );
  if (r.predFavorable !== undefined && testCase.classification_metrics !== undefined) {
    const cm = testCase.classification_metrics as Block;
    checkClassificationMetrics(check, "classification_metrics", cm, before);
    const cmr = testCase.classification_metrics_reweighed as Block;
    checkClassificationMetrics(check, "classification_metrics_reweighed", cmr, after);
  }
};

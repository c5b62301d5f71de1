/**
 * Kind `aif360`: AIF360 `Reweighing` on a two-group BinaryLabelDataset, and the dataset and
 * classification metrics before and after reweighing. The reweighing block goes through
 * fairscope's public `reweighing`; every recorded metric (counts, rates, generalized counts and
 * rates, differences and ratios, entropy indices and their between-group forms, differential
 * fairness and bias amplification) goes through `privilegedComparison`, before and after
 * reweighing (the reweighed blocks use the new weights as sample weights). A recorded field
 * without a counterpart fails the case.
 */
import { reweighing } from "../../../src/index.js";
import {
  type PrivilegedComparison,
  type PrivilegedDifferences,
  type PrivilegedRates,
  privilegedComparison,
} from "../../../src/metrics/index.js";
import type { Checker } from "../compare.js";
import type { KindHandler } from "../runner.js";

interface Aif360Params {
  readonly protected_attribute: string;
  readonly favorable_label: number;
  readonly unfavorable_label: number;
  readonly label: string;
  readonly privileged_groups: readonly Record<string, number>[];
  readonly unprivileged_groups: readonly Record<string, number>[];
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

type Who = "all" | "privileged" | "unprivileged";
type Entry = { value: unknown } | Record<Who, { value: unknown }>;

const DATASET_RATES: Readonly<Record<string, (r: PrivilegedRates) => number>> = {
  num_instances: (r) => r.numInstances,
  num_positives: (r) => r.numPositives,
  num_negatives: (r) => r.numNegatives,
  base_rate: (r) => r.baseRate,
};

const DATASET_DIFFERENCES: Readonly<Record<string, (d: PrivilegedDifferences) => number>> = {
  disparate_impact: (d) => d.datasetDisparateImpact,
  statistical_parity_difference: (d) => d.datasetStatisticalParityDifference,
  mean_difference: (d) => d.datasetStatisticalParityDifference,
  smoothed_empirical_differential_fairness: (d) => d.datasetSmoothedEmpiricalDifferentialFairness,
};

type Classification = NonNullable<PrivilegedRates["classification"]>;
type ClassificationDifferences = NonNullable<PrivilegedDifferences["classification"]>;

/** AIF360 ClassificationMetric per-group accessors → fairscope fields. */
const CLASSIFICATION_RATES: Readonly<Record<string, keyof Classification>> = {
  num_true_positives: "numTruePositives",
  num_false_positives: "numFalsePositives",
  num_false_negatives: "numFalseNegatives",
  num_true_negatives: "numTrueNegatives",
  num_generalized_true_positives: "numGeneralizedTruePositives",
  num_generalized_false_positives: "numGeneralizedFalsePositives",
  num_generalized_false_negatives: "numGeneralizedFalseNegatives",
  num_generalized_true_negatives: "numGeneralizedTrueNegatives",
  true_positive_rate: "truePositiveRate",
  false_positive_rate: "falsePositiveRate",
  false_negative_rate: "falseNegativeRate",
  true_negative_rate: "trueNegativeRate",
  generalized_true_positive_rate: "generalizedTruePositiveRate",
  generalized_false_positive_rate: "generalizedFalsePositiveRate",
  positive_predictive_value: "positivePredictiveValue",
  false_discovery_rate: "falseDiscoveryRate",
  false_omission_rate: "falseOmissionRate",
  negative_predictive_value: "negativePredictiveValue",
  accuracy: "accuracy",
  error_rate: "errorRate",
  num_pred_positives: "numPredPositives",
  num_pred_negatives: "numPredNegatives",
  selection_rate: "selectionRate",
};

/** AIF360 ClassificationMetric group comparisons → fairscope fields. */
const CLASSIFICATION_DIFFERENCES: Readonly<Record<string, keyof ClassificationDifferences>> = {
  true_positive_rate_difference: "truePositiveRateDifference",
  false_positive_rate_difference: "falsePositiveRateDifference",
  false_negative_rate_difference: "falseNegativeRateDifference",
  false_omission_rate_difference: "falseOmissionRateDifference",
  false_discovery_rate_difference: "falseDiscoveryRateDifference",
  false_positive_rate_ratio: "falsePositiveRateRatio",
  false_negative_rate_ratio: "falseNegativeRateRatio",
  false_omission_rate_ratio: "falseOmissionRateRatio",
  false_discovery_rate_ratio: "falseDiscoveryRateRatio",
  average_odds_difference: "averageOddsDifference",
  average_abs_odds_difference: "averageAbsOddsDifference",
  average_predictive_value_difference: "averagePredictiveValueDifference",
  equalized_odds_difference: "equalizedOddsDifference",
  generalized_equalized_odds_difference: "generalizedEqualizedOddsDifference",
  error_rate_difference: "errorRateDifference",
  error_rate_ratio: "errorRateRatio",
  disparate_impact: "disparateImpact",
  statistical_parity_difference: "statisticalParityDifference",
  equal_opportunity_difference: "truePositiveRateDifference",
  generalized_entropy_index: "generalizedEntropyIndex",
  theil_index: "theilIndex",
  coefficient_of_variation: "coefficientOfVariation",
  between_group_generalized_entropy_index: "betweenGroupGeneralizedEntropyIndex",
  between_group_theil_index: "betweenGroupTheilIndex",
  between_group_coefficient_of_variation: "betweenGroupCoefficientOfVariation",
  between_all_groups_generalized_entropy_index: "betweenAllGroupsGeneralizedEntropyIndex",
  between_all_groups_theil_index: "betweenAllGroupsTheilIndex",
  between_all_groups_coefficient_of_variation: "betweenAllGroupsCoefficientOfVariation",
  differential_fairness_bias_amplification: "differentialFairnessBiasAmplification",
};

/**
 * Compares every field of an AIF360 metrics block with fairscope's `privilegedComparison`;
 * a field without a counterpart fails the case.
 */
function checkBlock(
  check: Checker,
  path: string,
  block: Block,
  comparison: PrivilegedComparison,
  classification: boolean,
) {
  for (const [key, raw] of Object.entries(block)) {
    const entry = raw as Entry;
    const where = `${path}.${key}`;
    const perGroup = classification ? CLASSIFICATION_RATES[key] : undefined;
    const datasetRate = classification ? undefined : DATASET_RATES[key];
    if (perGroup !== undefined || datasetRate !== undefined) {
      for (const who of ["all", "privileged", "unprivileged"] as const) {
        const rates = comparison[who];
        const actual =
          perGroup !== undefined ? rates.classification![perGroup] : datasetRate!(rates);
        const expected = (entry as Record<Who, { value: unknown }>)[who].value;
        check.number(`${where}.${who}`, actual as number, expected, 1e-12, 1e-14);
      }
      continue;
    }
    const expected = (entry as { value: unknown }).value;
    const d = comparison.differences;
    const field = classification ? CLASSIFICATION_DIFFERENCES[key] : undefined;
    const datasetDifference = classification ? undefined : DATASET_DIFFERENCES[key];
    if (field !== undefined) {
      // Between-group indices average O(1) terms of both signs into 1e-5..1e-4, so they carry an
      // absolute rounding near 1e-16 (kind aif360_individual explains it against the exact
      // rational value); the coefficient of variation √(2 GE) carries it divided by itself.
      const cv = field.endsWith("CoefficientOfVariation") && field.startsWith("between");
      const atol = cv ? 1e-15 / Math.max(expected as number, 1e-12) : 1e-14;
      check.number(where, d.classification![field], expected, 1e-12, atol);
    } else if (datasetDifference !== undefined) {
      // After reweighing the base rates are equal by construction, so ε is rounding noise of
      // O(1) logarithms (1e-5 and below): compared within 1e-12 absolute there.
      const noise = path.endsWith("_reweighed") && key.startsWith("smoothed_");
      check.number(where, datasetDifference(d), expected, 1e-12, noise ? 1e-12 : 1e-14);
    } else check.fail(where, "field not compared");
  }
}

/** Kind `aif360`. */
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
  const favorable = (testCase.params as Aif360Params).favorable_label;
  for (const entry of expected.weights_by_cell as Block[]) {
    const g = entry.group === GROUPS[0] ? 0 : 1;
    const c = entry.label === "favorable" ? 0 : 1;
    const where = `reweighing.weights_by_cell.${entry.group}.${entry.label}`;
    // The cell's identifiers: privileged = protected value 1; favorable = the favorable label.
    check.assert(
      entry,
      entry.protected_value === (g === 0 ? 1 : 0) &&
        (entry.label_value === favorable) === (c === 0) &&
        GROUPS.includes(entry.group as (typeof GROUPS)[number]) &&
        (entry.label === "favorable" || entry.label === "unfavorable"),
      `cell identifiers ${JSON.stringify(entry)} are inconsistent`,
    );
    check.number(`${where}.count`, cell(g, c).count, entry.count);
    check.number(`${where}.weight`, factor(g, c), entry.weight);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  check.number("reweighing.sum_of_weights", sum, expected.sum_of_weights, 1e-12);

  const params = testCase.params as Aif360Params;
  const inputs = testCase.inputs as Record<string, unknown>;
  const name = params.protected_attribute;
  const privileged = params.privileged_groups[0]![name]!;
  check.assert(
    "params",
    privileged === 1 &&
      params.unprivileged_groups[0]![name] === 0 &&
      params.unfavorable_label === 1 - params.favorable_label &&
      typeof params.label === "string",
    "privileged = protected value 1, unprivileged = 0, labels {0, 1}",
  );
  if (data !== undefined) {
    check.assert(
      "inputs",
      inputs.protected === name &&
        inputs.favorable_label === params.favorable_label &&
        typeof inputs.label === "string" &&
        (inputs.scores === undefined || String(inputs.scores).includes("score")),
      "the dataset recipe names the protected column, favorable label and scores used",
    );
  }
  const yTrue = data === undefined ? (inputs.y_true as number[]) : data.yTrue;
  const yPred =
    r.predFavorable === undefined ? undefined : (data?.yPred ?? (inputs.y_pred as number[]));
  // Without recorded scores (the inline case) the prediction dataset's scores are its labels:
  // 1 for a favorable prediction.
  const yScore = data?.aif360Scores ?? yPred?.map((p) => (p === params.favorable_label ? 1 : 0));
  const protectedValues =
    data === undefined
      ? (inputs.protected as number[])
      : data.aif360Protected[params.protected_attribute]!;
  const base = {
    yTrue,
    ...(yPred === undefined ? {} : { yPred }),
    ...(yPred === undefined || yScore === undefined ? {} : { yScore }),
    sensitiveFeatures: protectedValues,
    posLabel: params.favorable_label,
  };
  const before = privilegedComparison(base, { privileged });
  const after = privilegedComparison(
    { ...base, sampleWeight: Array.from(weights) },
    { privileged },
  );
  checkBlock(check, "dataset_metrics", testCase.dataset_metrics as Block, before, false);
  checkBlock(
    check,
    "dataset_metrics_reweighed",
    testCase.dataset_metrics_reweighed as Block,
    after,
    false,
  );
  if (testCase.classification_metrics !== undefined) {
    const cm = testCase.classification_metrics as Block;
    checkBlock(check, "classification_metrics", cm, before, true);
    const cmr = testCase.classification_metrics_reweighed as Block;
    checkBlock(check, "classification_metrics_reweighed", cmr, after, true);
  }
};

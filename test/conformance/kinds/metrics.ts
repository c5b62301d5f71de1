/**
 * Kinds `metrics`, `metrics_control`, `metrics_error`: Fairlearn MetricFrame and fairness
 * functions. Fairlearn returns 0 for rates with a zero denominator, so cases run with
 * `zeroDivision: 0`. Deliberate differences (docs/conformance.md) are asserted as fairscope's
 * documented behaviour instead.
 */
import {
  demographicParityDifference,
  demographicParityRatio,
  type EqualizedOddsOptions,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  type FairnessInput,
  FairnessInputError,
  type GroupMetricsResult,
  groupMetrics,
  type Level,
} from "../../../src/index.js";
import type { Checker } from "../compare.js";
import type { CaseContext, FixtureCase, KindHandler } from "../runner.js";

/** Fairlearn / scikit-learn metric names → fairscope ids. */
export const FAIRLEARN_METRICS: Readonly<Record<string, string>> = {
  selection_rate: "selectionRate",
  true_positive_rate: "truePositiveRate",
  false_positive_rate: "falsePositiveRate",
  true_negative_rate: "trueNegativeRate",
  false_negative_rate: "falseNegativeRate",
  accuracy_score: "accuracy",
  precision_score: "precision",
  recall_score: "truePositiveRate",
  balanced_accuracy_score: "balancedAccuracy",
  roc_auc_score: "rocAuc",
  mean_prediction: "meanPrediction",
  count: "count",
};

const METHODS = { between_groups: "betweenGroups", to_overall: "toOverall" } as const;

interface ExpectedMetric {
  prediction_input: "y_pred" | "y_score";
  sample_weight_used: boolean;
  overall?: unknown;
  by_group?: { group?: Level[]; control?: Level[]; value: number | null }[];
  group_min?: unknown;
  group_max?: unknown;
  difference?: Record<string, unknown>;
  ratio?: Record<string, unknown>;
  error?: { type: string; message: string };
  warnings?: { category: string; message: string }[];
}

type Features = readonly Level[] | Record<string, readonly Level[]>;

/** Builds the fairscope input of a case (without weights). */
export function caseInput(
  testCase: FixtureCase,
  ctx: CaseContext,
): {
  input: Omit<FairnessInput, "sampleWeight">;
  weights: readonly number[] | undefined;
} {
  const inputs = testCase.inputs as Record<string, unknown>;
  const names = (testCase.sensitive_feature_names as string[] | null) ?? [];
  const controlNames = (testCase.control_feature_names as string[] | undefined) ?? [];
  const features = (
    source: unknown,
    featureNames: readonly string[],
    unnamed: string,
  ): Features => {
    if (ctx.data) {
      const list = source as string[];
      return Object.fromEntries(list.map((f) => [f, ctx.data!.features[f]!]));
    }
    // Several features inline: a record by name, or rows of levels (a 2-D array).
    if (Array.isArray(source) && source.length > 0 && source.every(Array.isArray)) {
      const rows = source as Level[][];
      return Object.fromEntries(featureNames.map((name, f) => [name, rows.map((r) => r[f]!)]));
    }
    if (!Array.isArray(source)) return source as Record<string, readonly Level[]>;
    if (featureNames.length === 1 && featureNames[0] !== unnamed) {
      return { [featureNames[0]!]: source as Level[] };
    }
    return source as Level[];
  };
  const d = ctx.data;
  const input = {
    yTrue: (d ? d.yTrue : inputs.y_true) as number[],
    yPred: (d ? d.yPred : inputs.y_pred) as number[] | undefined,
    yScore: (d ? d.yScore : inputs.y_score) as number[] | undefined,
    sensitiveFeatures: features(inputs.sensitive_features, names, "sensitive_feature_0") as never,
    ...(inputs.control_features === undefined
      ? {}
      : {
          controlFeatures: features(
            inputs.control_features,
            controlNames,
            "control_feature_0",
          ) as never,
        }),
  };
  const weights = d
    ? inputs.sample_weight
      ? d.sampleWeight
      : undefined
    : (inputs.sample_weight as number[] | undefined);
  return { input, weights };
}

function inputFor(
  base: Omit<FairnessInput, "sampleWeight">,
  weights: readonly number[] | undefined,
  expected: ExpectedMetric,
): FairnessInput {
  const input: FairnessInput = {
    ...base,
    ...(expected.sample_weight_used && weights ? { sampleWeight: weights } : {}),
  };
  // Fairlearn passes y_score as y_pred for score metrics; predictions are not needed then.
  return expected.prediction_input === "y_score" ? { ...input, yPred: undefined } : input;
}

function checkAggregates(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: {
    group_min?: unknown;
    group_max?: unknown;
    difference?: Record<string, unknown>;
    ratio?: Record<string, unknown>;
  },
  skipToOverall = false,
) {
  if ("group_min" in expected)
    check.number(`${path}.group_min`, result.groupMin()[id]!, expected.group_min);
  if ("group_max" in expected)
    check.number(`${path}.group_max`, result.groupMax()[id]!, expected.group_max);
  for (const [fairlearnMethod, method] of Object.entries(METHODS)) {
    if (skipToOverall && method === "toOverall") continue;
    if (expected.difference && fairlearnMethod in expected.difference) {
      check.number(
        `${path}.difference.${fairlearnMethod}`,
        result.difference({ method })[id]!,
        expected.difference[fairlearnMethod],
      );
    }
    if (expected.ratio && fairlearnMethod in expected.ratio) {
      check.number(
        `${path}.ratio.${fairlearnMethod}`,
        result.ratio({ method })[id]!,
        expected.ratio[fairlearnMethod],
      );
    }
  }
}

function checkByGroup(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: { group?: Level[]; value: number | null }[],
) {
  check.equal(
    `${path}.groups`,
    result.byGroup.map((g) => g.key),
    expected.map((e) => e.group),
  );
  expected.forEach((e, i) => {
    const row = result.byGroup[i];
    if (row === undefined) return;
    // Deliberate difference: an empty intersection has count 0 in fairscope (Fairlearn: NaN).
    if (id === "count" && e.value === null && row.count === 0) return;
    check.number(`${path}.by_group[${i}]`, row.values[id]!, e.value);
  });
}

function checkWarnings(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: ExpectedMetric,
) {
  const undefinedMetric = (expected.warnings ?? []).some(
    (w) => w.category === "UndefinedMetricWarning",
  );
  if (undefinedMetric && !result.warnings.some((w) => w.metric === id)) {
    check.fail(`${path}.warnings`, `Fairlearn warned that ${id} is undefined; fairscope did not`);
  }
}

function expectInputError(check: Checker, path: string, run: () => unknown, code: string) {
  try {
    run();
    check.fail(path, `expected FairnessInputError ${code}`);
  } catch (error) {
    if (!(error instanceof FairnessInputError) || !error.issues.some((i) => i.code === code)) {
      check.fail(path, `expected FairnessInputError ${code}, got ${String(error)}`);
    }
  }
}

/** Cases whose inputs fairscope rejects on purpose (docs/conformance.md). */
function deliberateDifference(testCase: FixtureCase, ctx: CaseContext): boolean {
  const { input } = caseInput(testCase, ctx);
  const { check } = ctx;
  const run = (extra: Partial<FairnessInput> = {}) =>
    groupMetrics({ ...input, ...extra } as FairnessInput, { metrics: ["count"] });
  switch (testCase.name) {
    case "edge_empty_input":
      // Both libraries refuse empty input; fairscope says why.
      expectInputError(check, "empty", () => run(), "empty_input");
      return true;
    case "edge_nonbinary_labels":
      // fairscope's metrics are binary; three label values are an input error.
      expectInputError(check, "nonbinary", () => run(), "not_binary");
      return true;
    case "edge_string_labels": {
      // Without posLabel, 'yes'/'no' are ambiguous: fairscope asks (Fairlearn's selection_rate
      // silently returns 0). With posLabel 'yes', label-symmetric metrics equal Fairlearn's.
      expectInputError(check, "stringLabels", () => run(), "pos_label_required");
      const mf = testCase.metricframe as Record<string, ExpectedMetric>;
      for (const name of ["accuracy_score", "balanced_accuracy_score", "count"]) {
        const id = FAIRLEARN_METRICS[name]!;
        const result = groupMetrics({ ...input, posLabel: "yes" } as FairnessInput, {
          metrics: [id],
        });
        check.number(`${name}.overall`, result.overall[id]!, mf[name]!.overall);
        checkByGroup(check, name, result, id, mf[name]!.by_group!);
      }
      return true;
    }
    default:
      return false;
  }
}

function checkFairnessFunctions(
  testCase: FixtureCase,
  ctx: CaseContext,
  base: Omit<FairnessInput, "sampleWeight">,
  weights: readonly number[] | undefined,
  dropMissing: boolean,
) {
  const expected = testCase.fairness_functions as Record<string, Record<string, unknown>> | null;
  if (!expected) return;
  const input: FairnessInput = {
    ...base,
    ...(testCase.sample_weight_used && weights ? { sampleWeight: weights } : {}),
    ...(dropMissing ? { missingGroup: "drop" as const } : {}),
  };
  const simple = {
    demographic_parity_difference: demographicParityDifference,
    demographic_parity_ratio: demographicParityRatio,
    equal_opportunity_difference: equalOpportunityDifference,
    equal_opportunity_ratio: equalOpportunityRatio,
  };
  for (const [name, fn] of Object.entries(simple)) {
    for (const [fairlearnMethod, method] of Object.entries(METHODS)) {
      if (dropMissing && method === "toOverall") continue;
      const e = (expected[name]?.[fairlearnMethod] as { value?: unknown } | undefined)?.value;
      if (e === undefined) continue;
      ctx.check.number(`${name}.${fairlearnMethod}`, fn(input, { method, zeroDivision: 0 }), e);
    }
  }
  const odds = {
    equalized_odds_difference: equalizedOddsDifference,
    equalized_odds_ratio: equalizedOddsRatio,
  };
  for (const [name, fn] of Object.entries(odds)) {
    for (const [fairlearnAgg, agg] of Object.entries({
      worst_case: "worstCase",
      mean: "mean",
    } as const)) {
      for (const [fairlearnMethod, method] of Object.entries(METHODS)) {
        if (dropMissing && method === "toOverall") continue;
        const block = expected[name]?.[fairlearnAgg] as
          | Record<string, { value?: unknown }>
          | undefined;
        const e = block?.[fairlearnMethod]?.value;
        if (e === undefined) continue;
        const options: EqualizedOddsOptions = { method, agg, zeroDivision: 0 };
        ctx.check.number(`${name}.${fairlearnAgg}.${fairlearnMethod}`, fn(input, options), e);
      }
    }
  }
}

/** Kind `metrics`. */
export const metricsKind: KindHandler = (testCase, ctx) => {
  if (deliberateDifference(testCase, ctx)) return;
  const { input, weights } = caseInput(testCase, ctx);
  const { check } = ctx;
  // Deliberate difference: a missing group value is an error by default in fairscope; with
  // missingGroup 'drop' the row leaves every computation, whereas Fairlearn drops it from the
  // groups but keeps it in `overall` (so only the group-based numbers are compared).
  const dropMissing = testCase.name === "edge_missing_sensitive_value";
  if (dropMissing) {
    expectInputError(
      check,
      "missingDefault",
      () => groupMetrics(input as FairnessInput, { metrics: ["count"] }),
      "missing_group",
    );
  }
  const frames = testCase.metricframe as Record<string, ExpectedMetric>;
  for (const [name, expected] of Object.entries(frames)) {
    const id = FAIRLEARN_METRICS[name];
    if (id === undefined) {
      check.fail(name, "no fairscope metric for this Fairlearn metric");
      continue;
    }
    const result = groupMetrics(
      { ...inputFor(input, weights, expected), ...(dropMissing ? { missingGroup: "drop" } : {}) },
      { metrics: [id], zeroDivision: 0 },
    );
    if (!dropMissing) check.number(`${name}.overall`, result.overall[id]!, expected.overall);
    checkByGroup(check, name, result, id, expected.by_group ?? []);
    checkAggregates(check, name, result, id, expected, dropMissing);
    checkWarnings(check, name, result, id, expected);
  }
  checkFairnessFunctions(testCase, ctx, input, weights, dropMissing);
};

/** Kind `metrics_control`: every aggregate within each control stratum. */
export const metricsControlKind: KindHandler = (testCase, ctx) => {
  const { input, weights } = caseInput(testCase, ctx);
  const { check } = ctx;
  const frames = testCase.metricframe as Record<string, Record<string, unknown>>;
  for (const [name, raw] of Object.entries(frames)) {
    const expected = raw as unknown as ExpectedMetric & {
      overall: { control: Level[]; value: number | null }[];
      group_min: { control: Level[]; value: number | null }[];
      group_max: { control: Level[]; value: number | null }[];
      difference: Record<string, { control: Level[]; value: number | null }[]>;
      ratio: Record<string, { control: Level[]; value: number | null }[]>;
    };
    const id = FAIRLEARN_METRICS[name]!;
    const result = groupMetrics(inputFor(input, weights, expected), {
      metrics: [id],
      zeroDivision: 0,
    });
    const strata = result.strata ?? [];
    check.equal(
      `${name}.controls`,
      strata.map((s) => s.key),
      expected.overall.map((o) => o.control),
    );
    strata.forEach((stratum, s) => {
      const path = `${name}[${stratum.label}]`;
      check.number(`${path}.overall`, stratum.result.overall[id]!, expected.overall[s]?.value);
      const rows = (expected.by_group ?? []).filter(
        (b) => JSON.stringify(b.control) === JSON.stringify(stratum.key),
      );
      checkByGroup(check, path, stratum.result, id, rows);
      const at = (list: { value: number | null }[] | undefined) => list?.[s]?.value;
      checkAggregates(check, path, stratum.result, id, {
        group_min: at(expected.group_min),
        group_max: at(expected.group_max),
        difference: Object.fromEntries(
          Object.entries(expected.difference ?? {}).map(([k, v]) => [k, at(v)]),
        ),
        ratio: Object.fromEntries(Object.entries(expected.ratio ?? {}).map(([k, v]) => [k, at(v)])),
      });
    });
  }
};

/** Kind `metrics_error`: invalid methods and aggregations are refused with a RangeError. */
export const metricsErrorKind: KindHandler = (testCase, ctx) => {
  const { input } = caseInput(testCase, ctx);
  const result = testCase.result as Record<string, { error?: { type: string } }>;
  const attempts: Record<string, () => unknown> = {
    "difference(method='bogus')": () =>
      groupMetrics(input as FairnessInput, { metrics: ["selectionRate"] }).difference({
        method: "bogus" as never,
      }),
    "equalized_odds_difference(agg='bogus')": () =>
      equalizedOddsDifference(input as FairnessInput, { agg: "bogus" as never }),
    "demographic_parity_difference(method='bogus')": () =>
      demographicParityDifference(input as FairnessInput, { method: "bogus" as never }),
  };
  for (const [call, expected] of Object.entries(result)) {
    const attempt = attempts[call];
    if (attempt === undefined) {
      ctx.check.fail(call, "no fairscope equivalent known to the runner");
      continue;
    }
    if (expected.error === undefined) continue;
    try {
      attempt();
      ctx.check.fail(call, `expected a RangeError (Fairlearn: ${expected.error.type})`);
    } catch (error) {
      if (!(error instanceof RangeError))
        ctx.check.fail(call, `expected RangeError, got ${String(error)}`);
    }
  }
};

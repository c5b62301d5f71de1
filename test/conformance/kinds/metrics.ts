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
  type MetricId,
} from "../../../src/index.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
import type { CaseContext, FixtureCase, KindHandler } from "../runner.js";

/** Fairlearn / scikit-learn metric names → fairscope ids. */
export const FAIRLEARN_METRICS: Readonly<Record<string, MetricId>> = {
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
  errors?: Record<string, { type: string; message: string }>;
  warnings?: { category: string; message: string }[];
}

/**
 * Input errors fairscope raises on purpose where Fairlearn computes (docs/conformance.md):
 * labels outside {0, 1} / {-1, 1} / booleans without `posLabel`, and empty input.
 */
const DOCUMENTED_REFUSALS: ReadonlySet<string> = new Set([
  "not_binary",
  "pos_label_required",
  "empty_input",
]);

/** The input error code fairscope raised, if `run` raised one. */
function refusal(run: () => unknown): { code: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof FairnessInputError) return { code: error.issues[0]?.code ?? "" };
    throw error;
  }
}

/** Builds the fairscope input of a case (without weights). */
export function caseInput(
  testCase: FixtureCase,
  ctx: CaseContext,
): {
  input: Omit<FairnessInput, "sampleWeight">;
  weights: readonly number[] | undefined;
  missing: boolean;
} {
  const cols = caseColumns(testCase as unknown as Record<string, unknown>, ctx.data);
  const input = {
    yTrue: cols.yTrue as FairnessInput["yTrue"],
    yPred: cols.yPred as FairnessInput["yPred"],
    yScore: cols.yScore,
    sensitiveFeatures: cols.features as FairnessInput["sensitiveFeatures"],
    // Fairlearn lists the full Cartesian product of the observed levels.
    intersections: "all" as const,
    ...(cols.controlFeatures
      ? { controlFeatures: cols.controlFeatures as FairnessInput["sensitiveFeatures"] }
      : {}),
  };
  const missing = Object.values(cols.features).some((f) =>
    f.some((v) => v === null || v === undefined || Number.isNaN(v)),
  );
  return { input, weights: cols.sampleWeight, missing };
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

/** The recorded aggregates of one metric (or one control stratum of it). */
interface Aggregates {
  group_min?: unknown;
  group_max?: unknown;
  difference?: Record<string, unknown>;
  ratio?: Record<string, unknown>;
}

/**
 * Compares the recorded aggregates; `toOverall` (a missing group value: fairscope's overall is
 * over the kept rows) marks `to_overall` as a documented difference instead.
 */
function checkAggregates(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: Aggregates,
  toOverallDiffers = false,
) {
  if (expected.group_min !== undefined)
    check.number(`${path}.group_min`, result.groupMin()[id]!, expected.group_min);
  if (expected.group_max !== undefined)
    check.number(`${path}.group_max`, result.groupMax()[id]!, expected.group_max);
  for (const [fairlearnMethod, method] of Object.entries(METHODS)) {
    for (const what of ["difference", "ratio"] as const) {
      const block = expected[what];
      if (block === undefined || block[fairlearnMethod] === undefined) continue;
      if (toOverallDiffers && method === "toOverall") {
        check.difference(`${path}.${what}.${fairlearnMethod}`, true, MISSING_GROUP_NOTE);
        continue;
      }
      const value = what === "ratio" ? result.ratio({ method }) : result.difference({ method });
      check.number(`${path}.${what}.${fairlearnMethod}`, value[id]!, block[fairlearnMethod]);
    }
  }
  for (const what of ["difference", "ratio"] as const) {
    for (const key of Object.keys(expected[what] ?? {})) {
      if (!(key in METHODS)) throw new Unsupported(`${path}.${what}.${key}: unknown method`);
    }
  }
}

const MISSING_GROUP_NOTE =
  "a row without a group value: Fairlearn keeps it in overall, fairscope's missingGroup 'drop' removes it from every computation";

function checkByGroup(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: { group?: Level[]; value: number | null }[],
  entryPaths: readonly string[] = expected.map((_, i) => `${path}.by_group[${i}]`),
) {
  check.equal(
    `${path}.groups`,
    result.byGroup.map((g) => g.key),
    expected.map((e) => e.group),
  );
  expected.forEach((e, i) => {
    const row = result.byGroup[i];
    if (row === undefined) return;
    if (id === "count" && e.value === null) {
      check.difference(
        `${entryPaths[i]}.value`,
        row.count === 0,
        `an empty intersection has count 0 in fairscope (Fairlearn: NaN), got ${row.count}`,
      );
      return;
    }
    check.number(`${path}.by_group[${i}]`, row.values[id]!, e.value);
  });
}

/**
 * Each recorded warning. An undefined metric (UndefinedMetricWarning): fairscope must also warn
 * about the metric (in any stratum; any wording). scikit-learn's UserWarnings about the label
 * sets of y_true / y_pred are about its confusion-matrix shape, not the value: a documented
 * difference (fairscope's balanced accuracy averages TPR and TNR and warns only when a rate is
 * undefined).
 */
function checkWarnings(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: ExpectedMetric,
) {
  const warned = [result, ...(result.strata ?? []).map((s) => s.result)].some((r) =>
    r.warnings.some((x) => x.metric === id),
  );
  (expected.warnings ?? []).forEach((w, k) => {
    if (w.category === "UserWarning") {
      check.difference(`${path}.warnings[${k}]`, true, "scikit-learn label-set warning");
      return;
    }
    check.assert(
      `${path}.warnings[${k}]`,
      warned,
      `Fairlearn warned (${w.category}: ${w.message}); fairscope gave no warning for ${id}`,
    );
  });
}

/** Accessors whose Fairlearn call raised: fairscope must give NaN there (or raise). */
function checkAccessorErrors(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  expected: ExpectedMetric,
) {
  for (const accessor of Object.keys(expected.errors ?? {})) {
    const [what, fairlearnMethod] = accessor.split(".");
    let value: number;
    try {
      if (what === "group_min") value = result.groupMin()[id]!;
      else if (what === "group_max") value = result.groupMax()[id]!;
      else {
        const method = METHODS[fairlearnMethod as keyof typeof METHODS];
        if (method === undefined) throw new Unsupported(`accessor ${accessor}`);
        value =
          what === "ratio" ? result.ratio({ method })[id]! : result.difference({ method })[id]!;
      }
    } catch (error) {
      if (error instanceof Unsupported) throw error;
      value = Number.NaN;
    }
    check.assert(
      `${path}.errors.${accessor}`,
      Number.isNaN(value),
      `Fairlearn raised; fairscope gave ${value}`,
    );
  }
}

/**
 * One recorded MetricFrame entry. Returns the fairscope result, or undefined when the entry was
 * settled otherwise (both refused; a documented refusal).
 */
function runEntry(
  check: Checker,
  path: string,
  expected: ExpectedMetric,
  run: () => GroupMetricsResult,
): GroupMetricsResult | undefined {
  let result: GroupMetricsResult | undefined;
  let refused: { code: string } | undefined;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof FairnessInputError)) throw error;
    refused = { code: error.issues[0]?.code ?? "" };
  }
  if (expected.error !== undefined) {
    check.assert(
      `${path}.error`,
      refused !== undefined,
      `Fairlearn raised ${expected.error.type}; fairscope computed`,
    );
    return undefined;
  }
  if (refused !== undefined) {
    check.difference(
      path,
      DOCUMENTED_REFUSALS.has(refused.code),
      `fairscope refuses this input (${refused.code})`,
    );
    return undefined;
  }
  return result;
}

const SIMPLE_FUNCTIONS = {
  demographic_parity_difference: demographicParityDifference,
  demographic_parity_ratio: demographicParityRatio,
  equal_opportunity_difference: equalOpportunityDifference,
  equal_opportunity_ratio: equalOpportunityRatio,
} as const;
const ODDS_FUNCTIONS = {
  equalized_odds_difference: equalizedOddsDifference,
  equalized_odds_ratio: equalizedOddsRatio,
} as const;
const AGGS = { worst_case: "worstCase", mean: "mean" } as const;

function checkFairnessFunctions(
  testCase: FixtureCase,
  check: Checker,
  base: Omit<FairnessInput, "sampleWeight">,
  weights: readonly number[] | undefined,
  dropMissing: boolean,
) {
  const expected = testCase.fairness_functions as Record<string, Record<string, unknown>> | null;
  if (expected === null) check.used("fairness_functions");
  if (!expected) return;
  const input: FairnessInput = {
    ...base,
    ...(testCase.sample_weight_used && weights ? { sampleWeight: weights } : {}),
    ...(dropMissing ? { missingGroup: "drop" as const } : {}),
  };
  const compare = (at: string, entry: { value?: unknown; error?: unknown }, fn: () => number) => {
    if (dropMissing && at.endsWith("to_overall")) {
      check.difference(at, true, MISSING_GROUP_NOTE);
      return;
    }
    let value: number;
    let refused: string | undefined;
    try {
      value = fn();
    } catch (error) {
      if (!(error instanceof FairnessInputError)) throw error;
      refused = error.issues[0]?.code ?? "";
      value = Number.NaN;
    }
    if (entry.error !== undefined) {
      check.assert(`${at}.error`, refused !== undefined || Number.isNaN(value), "Fairlearn raised");
    } else if (refused !== undefined) {
      check.difference(at, DOCUMENTED_REFUSALS.has(refused), `fairscope refuses (${refused})`);
    } else {
      check.number(at, value, entry.value);
    }
  };
  for (const [name, block] of Object.entries(expected)) {
    const simple = SIMPLE_FUNCTIONS[name as keyof typeof SIMPLE_FUNCTIONS];
    const odds = ODDS_FUNCTIONS[name as keyof typeof ODDS_FUNCTIONS];
    if (simple) {
      for (const [fairlearnMethod, entry] of Object.entries(block)) {
        const method = METHODS[fairlearnMethod as keyof typeof METHODS];
        if (method === undefined) throw new Unsupported(`${name}.${fairlearnMethod}`);
        compare(`fairness_functions.${name}.${fairlearnMethod}`, entry as never, () =>
          simple(input, { method, zeroDivision: 0 }),
        );
      }
    } else if (odds) {
      for (const [fairlearnAgg, byMethod] of Object.entries(block)) {
        const agg = AGGS[fairlearnAgg as keyof typeof AGGS];
        if (agg === undefined) throw new Unsupported(`${name}.${fairlearnAgg}`);
        for (const [fairlearnMethod, entry] of Object.entries(
          byMethod as Record<string, unknown>,
        )) {
          const method = METHODS[fairlearnMethod as keyof typeof METHODS];
          if (method === undefined) throw new Unsupported(`${name}.${fairlearnMethod}`);
          const options: EqualizedOddsOptions = { method, agg, zeroDivision: 0 };
          compare(
            `fairness_functions.${name}.${fairlearnAgg}.${fairlearnMethod}`,
            entry as never,
            () => odds(input, options),
          );
        }
      }
    } else {
      throw new Unsupported(`fairness function ${name}`);
    }
  }
}

const metricId = (name: string) => {
  const id = FAIRLEARN_METRICS[name];
  if (id === undefined) throw new Unsupported(`no fairscope metric for Fairlearn's ${name}`);
  return id;
};

/**
 * A missing group value: fairscope refuses by default (`missing_group`); with missingGroup
 * 'drop' the row leaves every computation, so group values and between-group gaps are compared
 * and `overall` / `to_overall` are documented differences.
 */
function checkMissingDefault(check: Checker, input: Omit<FairnessInput, "sampleWeight">) {
  const code = refusal(() => groupMetrics(input as FairnessInput, { metrics: ["count"] }))?.code;
  if (code !== "missing_group") {
    check.fail("inputs.sensitive_features", `expected missing_group by default, got ${code}`);
  }
}

/** Kind `metrics`. */
export const metricsKind: KindHandler = (testCase, ctx) => {
  const { input, weights, missing } = caseInput(testCase, ctx);
  const { check } = ctx;
  if (testCase.sample_weight_used === true && weights === undefined) {
    throw new Unsupported("sample_weight_used without weights in the inputs");
  }
  if (missing) checkMissingDefault(check, input);
  const policy = missing ? { missingGroup: "drop" as const } : {};
  const frames = testCase.metricframe as Record<string, ExpectedMetric>;
  for (const [name, expected] of Object.entries(frames)) {
    const id = metricId(name);
    const path = `metricframe.${name}`;
    const result = runEntry(check, path, expected, () =>
      groupMetrics(
        { ...inputFor(input, weights, expected), ...policy },
        { metrics: [id], zeroDivision: 0 },
      ),
    );
    if (result === undefined) continue;
    if (missing) check.difference(`${path}.overall`, true, MISSING_GROUP_NOTE);
    else check.number(`${path}.overall`, result.overall[id]!, expected.overall);
    checkByGroup(check, path, result, id, expected.by_group ?? []);
    checkAggregates(check, path, result, id, expected, missing);
    checkAccessorErrors(check, path, result, id, expected);
    checkWarnings(check, path, result, id, expected);
  }
  const combined = testCase.combined_metricframe as
    | { metrics: string[]; error?: { type: string } }
    | undefined;
  if (combined) {
    // One MetricFrame with every metric: fairscope computes them in one call, or refuses.
    let names: string[] | undefined;
    try {
      const ids = combined.metrics.map(metricId);
      const result = groupMetrics({ ...input, ...policy } as FairnessInput, {
        metrics: [...new Set(ids)],
        zeroDivision: 0,
      });
      names = combined.metrics.filter((n) => metricId(n) in result.overall);
    } catch (error) {
      if (!(error instanceof FairnessInputError)) throw error;
    }
    if (combined.error !== undefined) {
      check.assert("combined_metricframe.error", names === undefined, "Fairlearn raised");
      check.used("combined_metricframe.metrics");
    } else {
      check.equal("combined_metricframe.metrics", names, combined.metrics);
    }
  }
  checkFairnessFunctions(testCase, check, input, weights, missing);
};

/** Kind `metrics_control`: every aggregate within each control stratum. */
export const metricsControlKind: KindHandler = (testCase, ctx) => {
  const { input, weights } = caseInput(testCase, ctx);
  const { check } = ctx;
  if (testCase.sample_weight_used === true && weights === undefined) {
    throw new Unsupported("sample_weight_used without weights in the inputs");
  }
  type PerControl = { control: Level[]; value: number | null }[];
  const frames = testCase.metricframe as Record<string, Record<string, unknown>>;
  for (const [name, raw] of Object.entries(frames)) {
    const expected = raw as unknown as ExpectedMetric & {
      overall: PerControl;
      group_min: PerControl;
      group_max: PerControl;
      difference: Record<string, PerControl>;
      ratio: Record<string, PerControl>;
    };
    const id = metricId(name);
    const path = `metricframe.${name}`;
    const result = runEntry(check, path, expected, () =>
      groupMetrics(inputFor(input, weights, expected), { metrics: [id], zeroDivision: 0 }),
    );
    if (result === undefined) continue;
    const strata = result.strata ?? [];
    check.equal(
      `${path}.controls`,
      strata.map((s) => s.key),
      expected.overall.map((o) => o.control),
    );
    const sameControl = (entry: { control?: Level[] } | undefined, key: readonly Level[]) =>
      entry !== undefined && JSON.stringify(entry.control) === JSON.stringify(key);
    strata.forEach((stratum, s) => {
      const at = `${path}[${stratum.label}]`;
      check.number(`${at}.overall`, stratum.result.overall[id]!, expected.overall[s]?.value);
      const rows: number[] = [];
      (expected.by_group ?? []).forEach((b, k) => {
        if (sameControl(b, stratum.key)) rows.push(k);
      });
      for (const k of rows)
        check.equal(`${at}.by_group.control`, stratum.key, expected.by_group![k]!.control);
      const byGroup = rows.map((k) => expected.by_group![k]!);
      checkByGroup(
        check,
        at,
        stratum.result,
        id,
        byGroup,
        rows.map((k) => `${path}.by_group[${k}]`),
      );
      const lists: [string, PerControl | undefined][] = [
        ["group_min", expected.group_min],
        ["group_max", expected.group_max],
        ...Object.entries(expected.difference ?? {}).map(
          ([k, v]) => [`difference.${k}`, v] as [string, PerControl],
        ),
        ...Object.entries(expected.ratio ?? {}).map(
          ([k, v]) => [`ratio.${k}`, v] as [string, PerControl],
        ),
      ];
      for (const [, list] of lists) {
        if (list?.[s] !== undefined) check.equal(`${at}.control`, stratum.key, list[s]!.control);
      }
      const at_ = (list: PerControl | undefined) => list?.[s]?.value;
      checkAggregates(check, at, stratum.result, id, {
        group_min: at_(expected.group_min),
        group_max: at_(expected.group_max),
        difference: Object.fromEntries(
          Object.entries(expected.difference ?? {}).map(([k, v]) => [k, at_(v)]),
        ),
        ratio: Object.fromEntries(
          Object.entries(expected.ratio ?? {}).map(([k, v]) => [k, at_(v)]),
        ),
      });
    });
    checkAccessorErrors(check, path, result, id, expected);
    checkWarnings(check, path, result, id, expected);
  }
};

/**
 * A recorded call such as "equalized_odds_difference(agg='mean', method='to_overall')" as a
 * fairscope call: Fairlearn's method and aggregation names are mapped, anything else is passed as
 * given (so an invalid name reaches fairscope's validation). Undefined when fairscope has no
 * equivalent; `scalar` tells whether the call returns the recorded number.
 */
function metricsCall(
  call: string,
  input: FairnessInput,
): { run: () => unknown; scalar: boolean } | undefined {
  const parsed = /^([a-z_.]+)\((.*)\)$/.exec(call);
  if (parsed === null) return undefined;
  const [, fn, list] = parsed as unknown as [string, string, string];
  const args: Record<string, string> = {};
  for (const part of list.split(/,\s*(?=\w+=)/)) {
    if (part.trim() === "") continue;
    const m = /^(\w+)='([^']*)'$/.exec(part.trim());
    if (m === null) return undefined;
    args[m[1]!] = m[2]!;
  }
  const method =
    args.method === undefined
      ? undefined
      : (METHODS[args.method as keyof typeof METHODS] ?? args.method);
  const agg =
    args.agg === undefined ? undefined : (AGGS[args.agg as keyof typeof AGGS] ?? args.agg);
  const keys = Object.keys(args);
  const only = (allowed: string[]) => keys.every((k) => allowed.includes(k));
  if (fn === "difference" || fn === "ratio") {
    // The MetricFrame's metric is not part of the call: only refusals can be compared.
    if (!only(["method"])) return undefined;
    return {
      run: () =>
        groupMetrics(input, { metrics: ["selectionRate"] })[fn](
          method === undefined ? {} : { method: method as never },
        ),
      scalar: false,
    };
  }
  const simple = SIMPLE_FUNCTIONS[fn as keyof typeof SIMPLE_FUNCTIONS];
  if (simple && only(["method"])) {
    return {
      run: () =>
        simple(input, {
          zeroDivision: 0,
          ...(method === undefined ? {} : { method: method as never }),
        }),
      scalar: true,
    };
  }
  const odds = ODDS_FUNCTIONS[fn as keyof typeof ODDS_FUNCTIONS];
  if (odds && only(["method", "agg"])) {
    const options = {
      zeroDivision: 0,
      ...(method === undefined ? {} : { method }),
      ...(agg === undefined ? {} : { agg }),
    } as EqualizedOddsOptions;
    return { run: () => odds(input, options), scalar: true };
  }
  return undefined;
}

/**
 * Kind `metrics_error`: calls with invalid or valid arguments. Where Fairlearn raises ValueError
 * on an invalid method or aggregation, fairscope refuses with a RangeError naming the option (a
 * FairnessInputError where the data is what Fairlearn refuses); a recorded value is compared.
 */
export const metricsErrorKind: KindHandler = (testCase, ctx) => {
  const { input } = caseInput(testCase, ctx);
  const result = testCase.result as Record<string, { error?: { type: string }; value?: unknown }>;
  for (const [call, expected] of Object.entries(result)) {
    const attempt = metricsCall(call, input as FairnessInput);
    if (attempt === undefined) throw new Unsupported(`no fairscope equivalent of ${call}`);
    let error: unknown;
    let value: unknown;
    try {
      value = attempt.run();
    } catch (e) {
      error = e;
    }
    if (expected.error === undefined) {
      if (!attempt.scalar || !("value" in expected)) {
        throw new Unsupported(`${call}: a recorded value fairscope cannot compare`);
      }
      if (error !== undefined) throw error;
      ctx.check.number(`result.${call}.value`, value as number, expected.value);
      continue;
    }
    ctx.check.assert(
      `result.${call}.error`,
      error instanceof RangeError || error instanceof FairnessInputError,
      `expected a RangeError (Fairlearn: ${expected.error.type}), got ${String(error ?? value)}`,
    );
  }
};

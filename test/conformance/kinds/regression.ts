/**
 * Kind `regression`: one Fairlearn MetricFrame per scikit-learn regression metric (MAE, MSE,
 * RMSE, R² with force_finite, mean prediction, count), overall, by group, min/max and the
 * difference and ratio between groups and to the overall value. Every recorded field of every
 * metric entry is compared; an unknown field fails the case.
 */
import { type GroupMetricsResult, type Level, regressionMetrics } from "../../../src/index.js";
import type { RegressionMetricId } from "../../../src/regression/index.js";
import type { Checker } from "../compare.js";
import type { CaseContext, FixtureCase, KindHandler } from "../runner.js";

/** scikit-learn / Fairlearn regression metric names → fairscope ids. */
export const SKLEARN_REGRESSION_METRICS: Readonly<Record<string, RegressionMetricId>> = {
  mean_absolute_error: "meanAbsoluteError",
  mean_squared_error: "meanSquaredError",
  root_mean_squared_error: "rootMeanSquaredError",
  r2_score: "r2Score",
  mean_prediction: "meanPrediction",
  count: "count",
};

const METHODS = { between_groups: "betweenGroups", to_overall: "toOverall" } as const;

/** A MetricFrame entry of the regression and multiclass kinds. */
export interface FrameEntry {
  readonly sample_weight_used: boolean;
  readonly overall?: unknown;
  readonly by_group?: readonly { readonly group: readonly Level[]; readonly value: unknown }[];
  readonly group_min?: unknown;
  readonly group_max?: unknown;
  readonly difference?: Readonly<Record<string, unknown>>;
  readonly ratio?: Readonly<Record<string, unknown>>;
  readonly warnings?: readonly { readonly category: string; readonly message: string }[];
  readonly errors?: Readonly<Record<string, unknown>>;
  readonly error?: unknown;
}

/** The case's sensitive features as fairscope input (a record by name when named). */
export function caseFeatures(
  testCase: FixtureCase,
  ctx: CaseContext,
): readonly Level[] | Record<string, readonly Level[]> {
  const inputs = testCase.inputs as Record<string, unknown>;
  const names = testCase.sensitive_feature_names as string[];
  if (ctx.data) {
    const list = inputs.sensitive_features as string[];
    return Object.fromEntries(list.map((f) => [f, ctx.data!.features[f]!]));
  }
  const source = inputs.sensitive_features as Level[] | Level[][];
  if (source.length > 0 && source.every(Array.isArray)) {
    const rows = source as Level[][];
    return Object.fromEntries(names.map((name, f) => [name, rows.map((r) => r[f]!)]));
  }
  return source as Level[];
}

/** The case's sample weights (inline or from the pipeline), or undefined. */
export function caseWeights(testCase: FixtureCase, ctx: CaseContext): number[] | undefined {
  const inputs = testCase.inputs as Record<string, unknown>;
  if (ctx.data) return inputs.sample_weight ? ctx.data.sampleWeight : undefined;
  return inputs.sample_weight as number[] | undefined;
}

const KNOWN_FIELDS = new Set([
  "sample_weight_used",
  "overall",
  "by_group",
  "group_min",
  "group_max",
  "difference",
  "ratio",
  "warnings",
]);

/**
 * Compares every field of one scalar MetricFrame entry with a fairscope result holding metric
 * `id`; `undefinedWarning` says which recorded warning categories must appear as fairscope
 * warnings on that metric.
 */
export function checkScalarEntry(
  check: Checker,
  path: string,
  result: GroupMetricsResult,
  id: string,
  entry: FrameEntry,
  warningCategories: ReadonlySet<string>,
): void {
  for (const key of Object.keys(entry)) {
    if (!KNOWN_FIELDS.has(key)) check.fail(`${path}.${key}`, "field not compared");
  }
  if ("overall" in entry) check.number(`${path}.overall`, result.overall[id]!, entry.overall);
  if (entry.by_group) {
    check.equal(
      `${path}.groups`,
      result.byGroup.map((g) => g.key),
      entry.by_group.map((e) => e.group),
    );
    entry.by_group.forEach((e, i) => {
      const row = result.byGroup[i];
      if (row === undefined) return;
      // An empty intersection has count 0 in fairscope (Fairlearn: NaN), as in kind `metrics`.
      if (id === "count" && e.value === null && row.count === 0) return;
      check.number(`${path}.by_group[${i}]`, row.values[id]!, e.value);
    });
  }
  if ("group_min" in entry)
    check.number(`${path}.group_min`, result.groupMin()[id]!, entry.group_min);
  if ("group_max" in entry)
    check.number(`${path}.group_max`, result.groupMax()[id]!, entry.group_max);
  // A difference of two values of size v carries their rounding (about 1e-16 v): it is compared
  // within 1e-12 of the operands' size, not of the (possibly much smaller) difference. On the
  // Adult hours case the reference's mean prediction (numpy pairwise sums) is off by 4e-13 from
  // the exact rational value, fairscope's (compensated sums) by 2e-16.
  const scale = Math.max(
    Math.abs(result.overall[id]!),
    ...result.byGroup.map((g) => Math.abs(g.values[id]!)).filter((v) => !Number.isNaN(v)),
  );
  for (const [name, method] of Object.entries(METHODS)) {
    if (entry.difference && name in entry.difference) {
      check.number(
        `${path}.difference.${name}`,
        result.difference({ method })[id]!,
        entry.difference[name],
        1e-12,
        1e-12 * scale,
      );
    }
    if (entry.ratio && name in entry.ratio) {
      check.number(`${path}.ratio.${name}`, result.ratio({ method })[id]!, entry.ratio[name]);
    }
  }
  for (const key of Object.keys(entry.difference ?? {})) {
    if (!(key in METHODS)) check.fail(`${path}.difference.${key}`, "method not compared");
  }
  for (const key of Object.keys(entry.ratio ?? {})) {
    if (!(key in METHODS)) check.fail(`${path}.ratio.${key}`, "method not compared");
  }
  const warned = result.warnings.some((w) => w.metric === id);
  const recorded = (entry.warnings ?? []).filter((w) => warningCategories.has(w.category));
  for (const w of recorded) {
    check.assert(w, warned, `the reference warned (${w.message}); fairscope did not warn on ${id}`);
  }
  if (warningCategories.size > 0 && warned && recorded.length === 0) {
    check.fail(`${path}.warnings`, `fairscope warned on ${id}; the reference did not`);
  }
}

/** The case's `sample_weight_used` flag, checked against the weights the case provides. */
export function checkWeighted(check: Checker, testCase: FixtureCase, ctx: CaseContext): void {
  const weighted = testCase.sample_weight_used as boolean;
  if (weighted && caseWeights(testCase, ctx) === undefined) {
    check.fail("sample_weight_used", "is true, but the case gives no weights");
  }
}

/**
 * Compares the pipeline checks a dataset case records (row count, sums, group counts, class
 * counts) with the loaded data, so a case cannot pass on the wrong rows.
 */
export function checkInputChecks(
  check: Checker,
  testCase: FixtureCase,
  ctx: CaseContext,
  yTrue: readonly unknown[],
  yPred: readonly unknown[],
): void {
  const checks = (testCase.inputs as Record<string, unknown>).checks as
    | Record<string, unknown>
    | undefined;
  if (checks === undefined) return;
  const weights = caseWeights(testCase, ctx);
  const sum = (values: readonly unknown[]) => values.reduce<number>((a, b) => a + (b as number), 0);
  const tally = (values: readonly unknown[]) => {
    const out: Record<string, number> = {};
    for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
    return out;
  };
  for (const [key, expected] of Object.entries(checks)) {
    const path = `inputs.checks.${key}`;
    switch (key) {
      case "n_rows":
        check.number(path, yTrue.length, expected);
        break;
      case "sum_y_true":
        check.number(path, sum(yTrue), expected, 1e-12);
        break;
      case "sum_y_pred":
        check.number(path, sum(yPred), expected, 1e-12);
        break;
      case "sum_sample_weight":
        if (expected === null) check.equal(path, weights === undefined, true);
        else check.number(path, sum(weights ?? []), expected, 1e-12);
        break;
      case "y_true_counts":
      case "y_pred_counts": {
        const actual = tally(key === "y_true_counts" ? yTrue : yPred);
        const e = expected as Record<string, number>;
        check.equal(`${path}.classes`, Object.keys(actual).sort(), Object.keys(e).sort());
        for (const [label, count] of Object.entries(e)) {
          check.number(`${path}.${label}`, actual[label] ?? 0, count);
        }
        break;
      }
      case "group_counts": {
        const features = caseFeatures(testCase, ctx);
        const columns = Array.isArray(features)
          ? [features as readonly Level[]]
          : Object.values(features as Record<string, readonly Level[]>);
        for (const { group, value } of expected as { group: Level[]; value: number }[]) {
          let count = 0;
          for (let i = 0; i < yTrue.length; i++) {
            if (columns.every((c, f) => c[i] === group[f])) count++;
          }
          check.number(`${path}.${group.join(",")}`, count, value);
        }
        break;
      }
      default:
        check.fail(path, "check not compared");
    }
  }
}

/** Kind `regression`. */
export const regression: KindHandler = (testCase, ctx) => {
  const inputs = testCase.inputs as Record<string, unknown>;
  const d = ctx.data;
  const yTrue = (d ? d.yTrue : inputs.y_true) as number[];
  const yPred = (d ? d.yPred : inputs.y_pred) as number[];
  const sensitiveFeatures = caseFeatures(testCase, ctx);
  const weights = caseWeights(testCase, ctx);
  checkInputChecks(ctx.check, testCase, ctx, yTrue, yPred);
  checkWeighted(ctx.check, testCase, ctx);
  const frame = testCase.metricframe as Record<string, FrameEntry>;
  for (const [name, entry] of Object.entries(frame)) {
    const id = SKLEARN_REGRESSION_METRICS[name];
    if (id === undefined) {
      ctx.check.fail(name, "metric not compared");
      continue;
    }
    const result = regressionMetrics(
      {
        yTrue,
        yPred,
        sensitiveFeatures: sensitiveFeatures as never,
        intersections: "all",
        ...(entry.sample_weight_used && weights ? { sampleWeight: weights } : {}),
      },
      { metrics: [id] },
    );
    checkScalarEntry(ctx.check, name, result, id, entry, new Set(["UndefinedMetricWarning"]));
  }
};

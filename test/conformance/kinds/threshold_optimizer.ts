/**
 * Kinds `threshold_optimizer` and `threshold_optimizer_error`: Fairlearn's ThresholdOptimizer on
 * precomputed scores. Checks the fitted per-group rules (Fairlearn's `interpolation_dict`), the
 * chosen point, and the expected outcomes computed from fairscope's `predictProba`.
 */

import { FairnessInputError } from "../../../src/data/errors.js";
import type { ThresholdRuleJSON } from "../../../src/mitigation/ruleTypes.js";
import { ThresholdOptimizer } from "../../../src/mitigation/thresholdOptimizer.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
import type { Level } from "../datasets.js";
import type { FixtureCase, KindHandler } from "../runner.js";

const CONSTRAINTS: Record<string, string> = {
  demographic_parity: "demographicParity",
  selection_rate_parity: "selectionRateParity",
  true_positive_rate_parity: "truePositiveRateParity",
  false_positive_rate_parity: "falsePositiveRateParity",
  true_negative_rate_parity: "trueNegativeRateParity",
  false_negative_rate_parity: "falseNegativeRateParity",
  equalized_odds: "equalizedOdds",
};
const OBJECTIVES: Record<string, string> = {
  accuracy_score: "accuracy",
  balanced_accuracy_score: "balancedAccuracy",
  selection_rate: "selectionRate",
  true_positive_rate: "truePositiveRate",
  true_negative_rate: "trueNegativeRate",
};

const RTOL = 1e-9;
const ATOL = 1e-12;

interface CaseData {
  readonly yTrue: number[];
  readonly yScore: number[];
  /** Fairlearn's group key per row: several features merged into "a,b" (str() of each level). */
  readonly groups: string[];
  /** The fairscope input's sensitive features (one record entry per feature). */
  readonly features: Record<string, readonly Level[]>;
}

/** Fairlearn's merged key of several sensitive feature levels. */
const mergedKey = (levels: readonly unknown[]) => levels.map(String).join(",");

function caseData(testCase: FixtureCase, data: Parameters<KindHandler>[1]["data"]): CaseData {
  const cols = caseColumns(testCase as unknown as Record<string, unknown>, data);
  if (cols.yScore === undefined) throw new Unsupported("threshold optimizer case without scores");
  // Fairlearn's optimisation ignores sample weights and predictions: the recorded ones are
  // inputs it never used.
  const inputs = testCase.inputs as Record<string, unknown>;
  void inputs.y_pred;
  void inputs.sample_weight;
  const names = cols.featureNames;
  return {
    yTrue: cols.yTrue as number[],
    yScore: [...cols.yScore],
    groups: cols.yTrue.map((_, i) => mergedKey(names.map((f) => cols.features[f]![i]))),
    features: cols.features,
  };
}

/** Fairlearn's x_metric_ / y_metric_ of a constraint and objective. */
function axes(params: Record<string, unknown>): [string, string] {
  const constraint = params.constraints as string;
  if (constraint === "equalized_odds") return ["false_positive_rate", "true_positive_rate"];
  const x =
    constraint === "demographic_parity" ? "selection_rate" : constraint.replace(/_parity$/, "");
  return [x, params.objective as string];
}

function options(params: Record<string, unknown>) {
  const constraints = CONSTRAINTS[params.constraints as string];
  const objective = OBJECTIVES[params.objective as string];
  if (constraints === undefined) throw new Unsupported(`constraints ${String(params.constraints)}`);
  if (objective === undefined) throw new Unsupported(`objective ${String(params.objective)}`);
  // The fixture's estimator returns the scores (prefit, predict): fairscope fits on the scores.
  if (params.prefit !== true || params.predict_method !== "predict") {
    throw new Unsupported(
      `prefit ${String(params.prefit)}, predict_method ${String(params.predict_method)}`,
    );
  }
  return {
    constraints,
    objective,
    gridSize: params.grid_size as number,
    flip: params.flip as boolean,
    ...(params.tol === undefined || params.tol === null ? {} : { tol: params.tol as number }),
  } as ConstructorParameters<typeof ThresholdOptimizer>[0];
}

function checkRules(check: Checker, testCase: FixtureCase, json: ThresholdRuleJSON) {
  const fitted = testCase.fitted as Record<string, unknown>;
  const [x, y] = axes(testCase.params as Record<string, unknown>);
  check.equal("fitted.x_metric_", x, fitted.x_metric_);
  check.equal("fitted.y_metric_", y, fitted.y_metric_);
  const byGroup = new Map(json.groups.map((g) => [mergedKey(g.group), g]));
  for (const expected of fitted.interpolation as Record<string, unknown>[]) {
    const key = String(expected.group_key);
    const rule = byGroup.get(key);
    check.equal(
      `interpolation.${key}.group_key`,
      rule && mergedKey(rule.group),
      expected.group_key,
    );
    if (rule === undefined) continue;
    const at = `interpolation.${key}`;
    check.number(`${at}.p0`, rule.p0, expected.p0, RTOL, ATOL);
    check.number(`${at}.p1`, rule.p1, expected.p1, RTOL, ATOL);
    for (const which of ["operation0", "operation1"] as const) {
      const op = expected[which] as { operator: string; threshold: unknown };
      check.equal(`${at}.${which}.operator`, rule[which].operator, op.operator);
      const threshold = rule[which].threshold;
      const t = typeof threshold === "number" ? threshold : Number(threshold);
      check.number(`${at}.${which}.threshold`, t, op.threshold);
    }
    if (expected.p_ignore !== undefined) {
      check.number(`${at}.p_ignore`, rule.pIgnore ?? Number.NaN, expected.p_ignore, RTOL, ATOL);
      check.number(
        `${at}.prediction_constant`,
        rule.predictionConstant ?? Number.NaN,
        expected.prediction_constant,
      );
    }
  }
  const fit = json.fit;
  if (fit === undefined) {
    check.fail("fit", "fit summary missing");
    return;
  }
  check.number("_x_best", fit.constraintValue ?? Number.NaN, fitted._x_best, RTOL, ATOL);
  check.number("_y_best", fit.objectiveValue, fitted._y_best, RTOL, ATOL);
  if (fitted._x_best_per_group !== undefined) {
    const perGroup = new Map(
      fit.constraintValueByGroup.map((e, i) => [mergedKey(json.groups[i]!.group), e]),
    );
    for (const e of fitted._x_best_per_group as { group_key: unknown; x_best: unknown }[]) {
      const key = String(e.group_key);
      check.equal(`_x_best_per_group.${key}`, perGroup.has(key) ? key : undefined, e.group_key);
      check.number(
        `_x_best_per_group.${key}`,
        perGroup.get(key) ?? Number.NaN,
        e.x_best,
        RTOL,
        ATOL,
      );
    }
    check.number("_between_groups", fit.betweenGroups, fitted._between_groups, RTOL, ATOL);
  }
}

function rates(p: Float64Array, y: number[], rows: number[]) {
  let sum = 0;
  let pos = 0;
  let posP = 0;
  let negP = 0;
  let correct = 0;
  for (const i of rows) {
    const pi = p[i]!;
    sum += pi;
    if (y[i] === 1) {
      pos += 1;
      posP += pi;
    } else {
      negP += pi;
    }
    correct += y[i]! * pi + (1 - y[i]!) * (1 - pi);
  }
  const n = rows.length;
  const tpr = posP / pos;
  const fpr = negP / (n - pos);
  return {
    n,
    selection_rate: sum / n,
    true_positive_rate: tpr,
    false_positive_rate: fpr,
    true_negative_rate: 1 - fpr,
    false_negative_rate: 1 - tpr,
    accuracy_score: correct / n,
    balanced_accuracy_score: (tpr + 1 - fpr) / 2,
  };
}

function checkOutcomes(check: Checker, testCase: FixtureCase, d: CaseData, p: Float64Array) {
  const expected = testCase.expected_outcomes as Record<string, unknown>;
  const compare = (at: string, actual: Record<string, number>, e: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(actual)) {
      if (e[key] !== undefined) check.number(`${at}.${key}`, value, e[key], RTOL, 1e-9);
    }
  };
  const all = d.yTrue.map((_, i) => i);
  compare(
    "expected_outcomes.overall",
    rates(p, d.yTrue, all),
    expected.overall as Record<string, unknown>,
  );
  const tuples = new Map<string, Level[]>();
  d.groups.forEach((key, i) => {
    if (!tuples.has(key))
      tuples.set(
        key,
        Object.values(d.features).map((f) => f[i]!),
      );
  });
  const byGroup = expected.by_group as Record<string, unknown>[];
  check.equal(
    "expected_outcomes.by_group.groups",
    [...tuples.keys()].sort().map((k) => tuples.get(k)),
    byGroup.map((e) => e.group),
  );
  const spreads: Record<string, number[]> = {};
  for (const e of byGroup) {
    const key = mergedKey(e.group as unknown[]);
    const rows = all.filter((i) => d.groups[i] === key);
    const r = rates(p, d.yTrue, rows);
    for (const [metric, v] of Object.entries(r)) {
      spreads[metric] = [...(spreads[metric] ?? []), v];
    }
    compare(`expected_outcomes.by_group.${key}`, r, e);
  }
  const spread = (expected.spread_between_groups ?? {}) as Record<string, unknown>;
  for (const [metric, e] of Object.entries(spread)) {
    const values = spreads[metric];
    if (values === undefined) throw new Unsupported(`spread of ${metric}`);
    check.number(
      `spread_between_groups.${metric}`,
      Math.max(...values) - Math.min(...values),
      e,
      RTOL,
      1e-9,
    );
  }
  for (const e of (expected.p_positive_by_group_and_score ?? []) as Record<string, unknown>[]) {
    const key = mergedKey(e.group as unknown[]);
    check.equal(`p_positive.${key}.group`, tuples.get(key), e.group);
    const rows = all.filter((r) => d.groups[r] === key && d.yScore[r] === e.score);
    check.used(e);
    check.equal(`p_positive.${key}.${String(e.score)}.n`, rows.length, e.n);
    const values = new Set(rows.map((i) => p[i]!));
    if (values.size > 1) check.fail(`p_positive.${key}`, "rows with one score got different P");
    check.number(
      `p_positive.${key}.${String(e.score)}`,
      rows.length === 0 ? Number.NaN : p[rows[0]!]!,
      e.p_positive,
      RTOL,
      ATOL,
    );
  }
}

interface FairlearnError {
  readonly type: string;
  readonly message: string;
}

/** The group named by Fairlearn's "Degenerate labels for sensitive feature value …". */
function degenerateGroup(expected: FairlearnError): string | undefined {
  if (expected.type !== "ValueError") return undefined;
  return /^Degenerate labels for sensitive feature value (.*)$/.exec(expected.message)?.[1];
}

/**
 * Fairlearn's degenerate-labels ValueError ↔ fairscope's FairnessInputError `degenerate_labels`
 * naming the same group (Fairlearn's merged key "a,b" is fairscope's "a, b").
 */
function checkDegenerate(check: Checker, expected: FairlearnError, run: () => unknown): void {
  const group = degenerateGroup(expected)!.split(",").join(", ");
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  const issue =
    error instanceof FairnessInputError
      ? error.issues.find((i) => i.code === "degenerate_labels")
      : undefined;
  check.assert(
    expected,
    issue !== undefined && new RegExp(`group ${escapeRegExp(group)}:`).test(issue.message),
    `expected FairnessInputError degenerate_labels naming ${group}, got ${String(error)}`,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export const thresholdOptimizer: KindHandler = (testCase, { data, check }) => {
  const d = caseData(testCase, data);
  const params = testCase.params as Record<string, unknown>;
  // Fairlearn's optimisation ignores sample weights, so the cases are fitted without them.
  const input = { yTrue: d.yTrue, yScore: d.yScore, sensitiveFeatures: d.features };
  const optimizer = new ThresholdOptimizer(options(params));
  if (testCase.fit_error !== undefined) {
    const expected = testCase.fit_error as FairlearnError;
    if (degenerateGroup(expected) === undefined) {
      throw new Unsupported(`fit error ${expected.type}: ${expected.message}`);
    }
    checkDegenerate(check, expected, () => optimizer.fit(input));
    return;
  }
  const rule = optimizer.fit(input);
  checkRules(check, testCase, rule.toJSON());
  checkOutcomes(
    check,
    testCase,
    d,
    rule.predictProba({ yScore: d.yScore, sensitiveFeatures: d.features }),
  );
};

/**
 * The keyword arguments of a recorded call such as "constraints='equalized_odds', tol=0.05":
 * quoted strings, True / False and numbers; anything else is unsupported, never dropped.
 */
function callArguments(call: string): Record<string, string | number | boolean> {
  const args: Record<string, string | number | boolean> = {};
  for (const part of call.split(/,\s*(?=\w+=)/)) {
    const m = /^(\w+)=(.*)$/.exec(part.trim());
    if (m === null) throw new Unsupported(`${call}: argument ${part}`);
    const raw = m[2]!;
    const quoted = /^'([^']*)'$/.exec(raw);
    const value =
      quoted !== null
        ? quoted[1]!
        : raw === "True" || raw === "False"
          ? raw === "True"
          : /^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/.test(raw)
            ? Number(raw)
            : undefined;
    if (value === undefined) throw new Unsupported(`${call}: argument value ${raw}`);
    args[m[1]!] = value;
  }
  return args;
}

/**
 * Kind `threshold_optimizer_error`: invalid arguments. Fairlearn raises ValueError; fairscope
 * refuses them with a RangeError naming the option.
 */
export const thresholdOptimizerError: KindHandler = (testCase, { data, check }) => {
  const d = caseData(testCase, data);
  const input = { yTrue: d.yTrue, yScore: d.yScore, sensitiveFeatures: d.features };
  for (const [call, outcome] of Object.entries(testCase.result as Record<string, unknown>)) {
    const args = callArguments(call);
    const known = new Set(["constraints", "objective", "tol", "grid_size", "flip"]);
    const unknown = Object.keys(args).filter((k) => !known.has(k));
    if (unknown.length > 0) throw new Unsupported(`${call}: arguments ${unknown.join(", ")}`);
    const expected = (outcome as { error?: FairlearnError }).error;
    if (expected === undefined) throw new Unsupported(`${call}: a recorded value, not an error`);
    const constraints = CONSTRAINTS[String(args.constraints ?? "demographic_parity")];
    const objective = OBJECTIVES[String(args.objective ?? "accuracy_score")];
    if (constraints === undefined || objective === undefined) {
      throw new Unsupported(`${call}: constraint or objective`);
    }
    const run = () =>
      new ThresholdOptimizer({
        constraints,
        objective,
        ...(args.tol === undefined ? {} : { tol: args.tol as number }),
        ...(args.grid_size === undefined ? {} : { gridSize: args.grid_size as number }),
        ...(args.flip === undefined ? {} : { flip: args.flip as boolean }),
      } as ConstructorParameters<typeof ThresholdOptimizer>[0]).fit(input);
    if (degenerateGroup(expected) !== undefined) {
      checkDegenerate(check, expected, run);
      continue;
    }
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    check.assert(
      (outcome as { error: object }).error,
      error instanceof RangeError || error instanceof FairnessInputError,
      `expected a RangeError like Fairlearn's ${expected.type} (${expected.message}), got ${String(error)}`,
    );
  }
};

/**
 * Kinds `threshold_optimizer` and `threshold_optimizer_error`: Fairlearn's ThresholdOptimizer on
 * precomputed scores. Checks the fitted per-group rules (Fairlearn's `interpolation_dict`), the
 * chosen point, and the expected outcomes computed from fairscope's `predictProba`.
 */
import { ThresholdOptimizer } from "../../../src/mitigation/thresholdOptimizer.js";
import type { ThresholdRuleJSON } from "../../../src/mitigation/thresholdRule.js";
import type { Checker } from "../compare.js";
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
  readonly groups: string[];
}

function caseData(testCase: FixtureCase, data: Parameters<KindHandler>[1]["data"]): CaseData {
  const inputs = testCase.inputs as Record<string, unknown>;
  if (data === undefined) {
    return {
      yTrue: inputs.y_true as number[],
      yScore: inputs.y_score as number[],
      groups: (inputs.sensitive_features as unknown[]).map(String),
    };
  }
  const [feature] = inputs.sensitive_features as string[];
  const column = data.features[feature!];
  if (column === undefined || data.yScore === undefined) throw new Error("pipeline lacks columns");
  return { yTrue: data.yTrue, yScore: data.yScore, groups: column.map(String) };
}

function options(params: Record<string, unknown>) {
  const constraints = CONSTRAINTS[params.constraints as string];
  const objective = OBJECTIVES[params.objective as string];
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
  const byGroup = new Map(json.groups.map((g) => [String(g.group[0]), g]));
  for (const expected of fitted.interpolation as Record<string, unknown>[]) {
    const key = String(expected.group_key);
    const rule = byGroup.get(key);
    if (rule === undefined) {
      check.fail(`interpolation.${key}`, "group missing from the fitted rule");
      continue;
    }
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
      fit.constraintValueByGroup.map((e, i) => [String(json.groups[i]!.group[0]), e]),
    );
    for (const e of fitted._x_best_per_group as { group_key: unknown; x_best: unknown }[]) {
      const actual = perGroup.get(String(e.group_key)) ?? Number.NaN;
      check.number(`_x_best_per_group.${String(e.group_key)}`, actual, e.x_best, RTOL, ATOL);
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
  for (const e of expected.by_group as Record<string, unknown>[]) {
    const key = String((e.group as unknown[])[0]);
    const rows = all.filter((i) => d.groups[i] === key);
    compare(`expected_outcomes.by_group.${key}`, rates(p, d.yTrue, rows), e);
  }
  for (const e of (expected.p_positive_by_group_and_score ?? []) as Record<string, unknown>[]) {
    const key = String((e.group as unknown[])[0]);
    const i = all.find((r) => d.groups[r] === key && d.yScore[r] === e.score);
    check.number(
      `p_positive.${key}.${String(e.score)}`,
      i === undefined ? Number.NaN : p[i]!,
      e.p_positive,
      RTOL,
      ATOL,
    );
  }
}

export const thresholdOptimizer: KindHandler = (testCase, { data, check }) => {
  const d = caseData(testCase, data);
  const params = testCase.params as Record<string, unknown>;
  // Fairlearn's optimisation ignores sample weights, so the cases are fitted without them.
  const input = { yTrue: d.yTrue, yScore: d.yScore, sensitiveFeatures: d.groups };
  const optimizer = new ThresholdOptimizer(options(params));
  if (testCase.fit_error !== undefined) {
    const expected = (testCase.fit_error as { message: string }).message;
    try {
      optimizer.fit(input);
      check.fail("fit_error", `expected an error like ${JSON.stringify(expected)}`);
    } catch (error) {
      const group = expected.replace("Degenerate labels for sensitive feature value ", "");
      const message = error instanceof Error ? error.message : String(error);
      if (!message.includes(group) || !/label/i.test(message)) {
        check.fail("fit_error", `unclear message ${JSON.stringify(message)}`);
      }
    }
    return;
  }
  const rule = optimizer.fit(input);
  checkRules(check, testCase, rule.toJSON());
  checkOutcomes(
    check,
    testCase,
    d,
    rule.predictProba({ yScore: d.yScore, sensitiveFeatures: d.groups }),
  );
};

export const thresholdOptimizerError: KindHandler = (testCase, { check }) => {
  const inputs = testCase.inputs as Record<string, unknown>;
  const input = {
    yTrue: inputs.y_true as number[],
    yScore: inputs.y_score as number[],
    sensitiveFeatures: (inputs.sensitive_features as unknown[]).map(String),
  };
  for (const [call, outcome] of Object.entries(testCase.result as Record<string, unknown>)) {
    const constraint = /constraints='([a-z_]+)'/.exec(call)?.[1] ?? "";
    const tol = Number(/tol=(-?[0-9.]+)/.exec(call)?.[1]);
    const expected = (outcome as { error: { message: string } }).error.message;
    try {
      new ThresholdOptimizer({
        constraints: CONSTRAINTS[constraint] as "equalizedOdds",
        tol,
      }).fit(input);
      check.fail(call, `expected an error like ${JSON.stringify(expected)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/tol/.test(message)) check.fail(call, `unclear message ${JSON.stringify(message)}`);
    }
  }
};

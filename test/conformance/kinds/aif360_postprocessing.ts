/**
 * Kind `aif360_postprocessing`: AIF360's RejectOptionClassification, CalibratedEqOddsPostprocessing
 * and EqOddsPostprocessing on two groups, through fairscope's k-group implementations.
 */
import { calibratedEqualizedOdds } from "../../../src/mitigation/calibratedEqualizedOdds.js";
import { equalizedOddsPostprocessing } from "../../../src/mitigation/equalizedOddsPostprocessing.js";
import { rejectOptionClassification } from "../../../src/mitigation/rejectOption.js";
import { type Checker, Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";

type Block = Record<string, unknown>;
const WHO = ["all", "privileged", "unprivileged"] as const;
const METRICS: Record<
  string,
  "statisticalParityDifference" | "averageOddsDifference" | "equalOpportunityDifference"
> = {
  "Statistical parity difference": "statisticalParityDifference",
  "Average odds difference": "averageOddsDifference",
  "Equal opportunity difference": "equalOpportunityDifference",
};
const RTOL = 1e-9;
const ATOL = 1e-12;

/**
 * AIF360's rates of P(favorable) (hard labels or probabilities) by all / privileged /
 * unprivileged, with `favorable` = true label is favorable, and unprivileged − privileged
 * differences.
 */
function expectedRates(p: ArrayLike<number>, fav: Uint8Array, priv: readonly number[]) {
  const out: Record<string, Record<string, number>> = {};
  for (const who of WHO) {
    let n = 0;
    let sum = 0;
    let pos = 0;
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < fav.length; i++) {
      if (who !== "all" && (priv[i] === 1) !== (who === "privileged")) continue;
      n += 1;
      sum += p[i]!;
      if (fav[i] === 1) {
        pos += 1;
        tp += p[i]!;
      } else {
        fp += p[i]!;
      }
    }
    const tpr = tp / pos;
    const fpr = fp / (n - pos);
    out[who] = {
      n,
      num_favorable_true: pos,
      base_rate: pos / n,
      selection_rate: sum / n,
      true_positive_rate: tpr,
      false_positive_rate: fpr,
      true_negative_rate: 1 - fpr,
      false_negative_rate: 1 - tpr,
      accuracy: (tp + (n - pos - fp)) / n,
      balanced_accuracy: (tpr + 1 - fpr) / 2,
    };
  }
  const u = out.unprivileged!;
  const pr = out.privileged!;
  out.differences_unprivileged_minus_privileged = Object.fromEntries(
    Object.keys(u).map((k) => [k, u[k]! - pr[k]!]),
  );
  return out;
}

function checkRates(
  check: Checker,
  at: string,
  actual: ReturnType<typeof expectedRates>,
  expected: Block,
) {
  for (const [who, block] of Object.entries(expected)) {
    const computed = actual[who];
    if (computed === undefined) throw new Unsupported(`${at}.${who}`);
    for (const [key, e] of Object.entries(block as Block)) {
      const value = computed[key];
      if (value === undefined) throw new Unsupported(`${at}.${who}.${key}`);
      check.number(`${at}.${who}.${key}`, value, e, RTOL, 1e-10);
    }
  }
}

/** GFPR (mean score over true-unfavorable rows) and GFNR (mean 1 − score over favorable rows). */
function checkScoreRates(
  check: Checker,
  at: string,
  score: ArrayLike<number>,
  fav: Uint8Array,
  priv: readonly number[],
  expected: Block,
) {
  for (const [who, block] of Object.entries(expected)) {
    let negSum = 0;
    let neg = 0;
    let missSum = 0;
    let pos = 0;
    for (let i = 0; i < fav.length; i++) {
      if (who !== "all" && (priv[i] === 1) !== (who === "privileged")) continue;
      if (fav[i] === 1) {
        pos += 1;
        missSum += 1 - score[i]!;
      } else {
        neg += 1;
        negSum += score[i]!;
      }
    }
    const computed: Record<string, number> = {
      generalized_false_positive_rate: negSum / neg,
      generalized_false_negative_rate: missSum / pos,
    };
    for (const [key, e] of Object.entries(block as Block)) {
      const value = computed[key];
      if (value === undefined) throw new Unsupported(`${at}.${who}.${key}`);
      check.number(`${at}.${who}.${key}`, value, e, RTOL);
    }
  }
}

/** AIF360's cost weights of CalibratedEqOddsPostprocessing by cost constraint. */
const COST_WEIGHTS: Record<string, { fp: number; fn: number }> = {
  fnr: { fp: 0, fn: 1 },
  fpr: { fp: 1, fn: 0 },
  weighted: { fp: 1, fn: 1 },
};

/** AIF360's LP variables, in its order. */
const VARIABLES = ["priv_p2p", "priv_n2p", "unpriv_p2p", "unpriv_n2p"];

/** The case's two-group setup, checked against what the kind reproduces. */
function checkSetup(params: Block, inputs: Block) {
  const attr = params.protected_attribute as string;
  const favorable = params.favorable_label as number;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (
    !same(params.privileged_groups, [{ [attr]: 1 }]) ||
    !same(params.unprivileged_groups, [{ [attr]: 0 }]) ||
    params.unfavorable_label !== 1 - favorable ||
    (favorable !== 0 && favorable !== 1) ||
    inputs.protected !== attr ||
    inputs.favorable_label !== favorable
  ) {
    throw new Unsupported("a setup other than two groups (1 = privileged) and 0/1 labels");
  }
  if (!/labels = y_true/.test(String(params.dataset_true))) {
    throw new Unsupported(`dataset_true ${String(params.dataset_true)}`);
  }
  if (
    !/labels = y_pred and scores = score of the favorable label/.test(String(params.dataset_pred))
  ) {
    throw new Unsupported(`dataset_pred ${String(params.dataset_pred)}`);
  }
}

export const aif360Postprocessing: KindHandler = (testCase, { data, check }) => {
  if (data === undefined) throw new Error("dataset case expected");
  const params = testCase.params as Block;
  checkSetup(params, testCase.inputs as Block);
  const attr = params.protected_attribute as string;
  const favorable = params.favorable_label as number;
  const priv = data.aif360Protected[attr];
  if (priv === undefined || data.yPred === undefined || data.aif360Scores === undefined) {
    throw new Error("pipeline lacks AIF360 columns");
  }
  const sensitiveFeatures = { [attr]: priv };
  const input = {
    yTrue: data.yTrue,
    yPred: data.yPred,
    yScore: data.aif360Scores,
    sensitiveFeatures,
    posLabel: favorable,
  };
  const fav = Uint8Array.from(data.yTrue, (y) => (y === favorable ? 1 : 0));
  const algorithm = params.algorithm as string;
  const algo = params.algorithm_params as Block;
  const fitted = testCase.fitted as Block;
  if ("seed" in algo) {
    check.acknowledge(
      "params.algorithm_params.seed",
      "seed of AIF360's randomized predict; the expected outcomes are compared analytically",
    );
  }
  const inputRates = testCase.input_rates as Block;
  checkRates(
    check,
    "input_rates.labels",
    expectedRates(
      data.yPred.map((y) => (y === favorable ? 1 : 0)),
      fav,
      priv,
    ),
    inputRates.labels as Block,
  );
  checkScoreRates(
    check,
    "input_rates.scores",
    data.aif360Scores,
    fav,
    priv,
    inputRates.scores as Block,
  );

  if (algorithm === "RejectOptionClassification") {
    const rule = rejectOptionClassification(input, {
      privilegedGroups: [{ [attr]: 1 }],
      metric: METRICS[algo.metric_name as string]!,
      metricBounds: [algo.metric_lb as number, algo.metric_ub as number],
      lowThreshold: algo.low_class_thresh as number,
      highThreshold: algo.high_class_thresh as number,
      thresholdCount: algo.num_class_thresh as number,
      marginCount: algo.num_ROC_margin as number,
    });
    const state = rule.toJSON();
    check.number(
      "fitted.classification_threshold",
      state.threshold,
      fitted.classification_threshold,
    );
    check.number("fitted.ROC_margin", state.margin, fitted.ROC_margin);
    const labels = rule.predict({ yScore: data.aif360Scores, sensitiveFeatures });
    const counts = { all: 0, privileged: 0, unprivileged: 0 };
    labels.forEach((l, i) => {
      counts.all += l;
      if (priv[i] === 1) counts.privileged += l;
      else counts.unprivileged += l;
    });
    const predictions = testCase.predictions as Block;
    const favorableCounts = predictions.num_favorable as Block;
    for (const who of WHO)
      check.number(`predictions.num_favorable.${who}`, counts[who], favorableCounts[who]);
    const critical = { all: 0, privileged: 0, unprivileged: 0 };
    data.aif360Scores.forEach((score, i) => {
      if (Math.abs(score - state.threshold) <= state.margin) {
        critical.all += 1;
        critical[priv[i] === 1 ? "privileged" : "unprivileged"] += 1;
      }
    });
    const criticalCounts = predictions.num_in_critical_region as Block | undefined;
    for (const who of WHO) {
      if (criticalCounts !== undefined) {
        check.number(
          `predictions.num_in_critical_region.${who}`,
          critical[who],
          criticalCounts[who],
        );
      }
    }
    checkRates(
      check,
      "outcome_rates",
      expectedRates(labels, fav, priv),
      testCase.outcome_rates as Block,
    );
    const m = testCase.outcome_aif360_metrics as Block;
    const outcome = expectedRates(labels, fav, priv);
    const d = outcome.differences_unprivileged_minus_privileged!;
    check.number("outcome_aif360_metrics.accuracy", outcome.all!.accuracy!, m.accuracy, RTOL);
    check.number(
      "outcome_aif360_metrics.statistical_parity_difference",
      d.selection_rate!,
      m.statistical_parity_difference,
      RTOL,
      ATOL,
    );
    if (m.average_odds_difference !== undefined) {
      check.number(
        "outcome_aif360_metrics.average_odds_difference",
        (d.false_positive_rate! + d.true_positive_rate!) / 2,
        m.average_odds_difference,
        RTOL,
        ATOL,
      );
    }
    if (m.equal_opportunity_difference !== undefined) {
      check.number(
        "outcome_aif360_metrics.equal_opportunity_difference",
        d.true_positive_rate!,
        m.equal_opportunity_difference,
        RTOL,
        ATOL,
      );
    }
    if (m.disparate_impact !== undefined) {
      check.number(
        "outcome_aif360_metrics.disparate_impact",
        outcome.unprivileged!.selection_rate! / outcome.privileged!.selection_rate!,
        m.disparate_impact,
        RTOL,
      );
    }
    check.number(
      "outcome_aif360_metrics.balanced_accuracy",
      state.balancedAccuracy,
      m.balanced_accuracy,
      RTOL,
    );
    check.number(
      "outcome_aif360_metrics.optimized_metric_value",
      state.metricValue,
      m.optimized_metric_value,
      RTOL,
      ATOL,
    );
    check.equal(
      "outcome_aif360_metrics.constraint_satisfied",
      state.constraintSatisfied,
      m.constraint_satisfied,
    );
    return;
  }

  if (algorithm === "CalibratedEqOddsPostprocessing") {
    const rule = calibratedEqualizedOdds(input, {
      costConstraint: algo.cost_constraint as "fnr" | "fpr" | "weighted",
    });
    const groups = rule.toJSON().groups;
    const p = groups.find((g) => g.group[0] === 1)!;
    const u = groups.find((g) => g.group[0] === 0)!;
    check.number("fitted.priv_mix_rate", p.rawMixRate, fitted.priv_mix_rate, RTOL, ATOL);
    check.number("fitted.unpriv_mix_rate", u.rawMixRate, fitted.unpriv_mix_rate, RTOL, ATOL);
    check.number("fitted.base_rate_priv", p.baseRate, fitted.base_rate_priv);
    check.number("fitted.base_rate_unpriv", u.baseRate, fitted.base_rate_unpriv);
    check.number("fitted.priv_cost", p.cost, fitted.priv_cost, RTOL);
    check.number("fitted.unpriv_cost", u.cost, fitted.unpriv_cost, RTOL);
    check.number("fitted.priv_trivial_cost", p.trivialCost, fitted.priv_trivial_cost, RTOL);
    const costWeights = COST_WEIGHTS[algo.cost_constraint as string];
    if (costWeights === undefined)
      throw new Unsupported(`cost_constraint ${String(algo.cost_constraint)}`);
    check.number("fitted.fp_rate", costWeights.fp, fitted.fp_rate);
    check.number("fitted.fn_rate", costWeights.fn, fitted.fn_rate);

    check.number("fitted.unpriv_trivial_cost", u.trivialCost, fitted.unpriv_trivial_cost, RTOL);
    const expected = testCase.expected_outcomes as Block;
    const replacement = expected.replacement_probability as Block;
    check.number("replacement_probability.privileged", p.mixRate, replacement.privileged);
    check.number("replacement_probability.unprivileged", u.mixRate, replacement.unprivileged);
    const rows = { yScore: data.aif360Scores, sensitiveFeatures };
    const proba = rule.predictProba(rows, 0.5);
    checkRates(
      check,
      "rates_at_threshold_0.5",
      expectedRates(proba, fav, priv),
      expected["rates_at_threshold_0.5"] as Block,
    );
    const score = rule.expectedScore(rows);
    const scores = expected.expected_scores as Block;
    const costs: Record<string, number> = {};
    for (const who of WHO) {
      let negSum = 0;
      let neg = 0;
      let missSum = 0;
      let pos = 0;
      score.forEach((s, i) => {
        if (who !== "all" && (priv[i] === 1) !== (who === "privileged")) return;
        if (fav[i] === 1) {
          pos += 1;
          missSum += 1 - s;
        } else {
          neg += 1;
          negSum += s;
        }
      });
      const e = scores[who] as Block;
      check.number(
        `expected_scores.${who}.gfpr`,
        negSum / neg,
        e.generalized_false_positive_rate,
        RTOL,
      );
      check.number(
        `expected_scores.${who}.gfnr`,
        missSum / pos,
        e.generalized_false_negative_rate,
        RTOL,
      );
      // AIF360's cost: fp_rate·GFPR·(1 − base rate) + fn_rate·GFNR·base rate, halved when weighted.
      const base = pos / (pos + neg);
      const half = costWeights.fp === 1 && costWeights.fn === 1 ? 0.5 : 1;
      costs[who] =
        half *
        (costWeights.fp * (negSum / neg) * (1 - base) + costWeights.fn * (missSum / pos) * base);
      if (costWeights.fp === 1 && costWeights.fn === 0) costs[who] = negSum / neg;
      if (costWeights.fp === 0 && costWeights.fn === 1) costs[who] = missSum / pos;
      if (e.cost !== undefined)
        check.number(`expected_scores.${who}.cost`, costs[who]!, e.cost, RTOL, ATOL);
    }
    if (expected.cost_difference_unprivileged_minus_privileged !== undefined) {
      check.number(
        "expected_outcomes.cost_difference_unprivileged_minus_privileged",
        costs.unprivileged! - costs.privileged!,
        expected.cost_difference_unprivileged_minus_privileged,
        RTOL,
        1e-12,
      );
    }
    return;
  }

  if (algorithm === "EqOddsPostprocessing") {
    const rule = equalizedOddsPostprocessing(input);
    const state = rule.toJSON();
    const order = [
      state.groups.findIndex((g) => g.group[0] === 1),
      state.groups.findIndex((g) => g.group[0] === 0),
    ];
    const lp = testCase.linear_program as { c: number[]; A_eq: number[][] };
    // fairscope's variables are per group in group order; AIF360's are [priv, unpriv].
    const c = order.flatMap((j) => [
      state.linearProgram.c[2 * j]!,
      state.linearProgram.c[2 * j + 1]!,
    ]);
    c.forEach((v, i) => {
      check.number(`linear_program.c[${i}]`, v, lp.c[i], 1e-12, 1e-14);
    });
    const x = order.flatMap((j) => [
      state.groups[j]!.keepFavorable,
      state.groups[j]!.flipToFavorable,
    ]);
    const fun = x.reduce((a, v, i) => a + lp.c[i]! * v, 0);
    check.number("model_params.fun", fun, fitted["model_params.fun"], 1e-12, 1e-14);
    const program = testCase.linear_program as {
      variables: string[];
      A_eq: number[][];
      b_eq: number[];
      A_ub: number[][];
      b_ub: number[];
      bounds: unknown;
      other_linprog_arguments?: unknown[];
    };
    check.equal("linear_program.variables", VARIABLES, program.variables);
    if (!/^linprog default \(0, None\)/.test(String(program.bounds))) {
      throw new Unsupported(`linprog bounds ${String(program.bounds)}`);
    }
    check.used("linear_program.bounds");
    if ((program.other_linprog_arguments ?? []).length > 0) {
      throw new Unsupported("other linprog arguments");
    }
    // fairscope's optimum must satisfy AIF360's recorded program (x ≥ 0, A_ub x ≤ b_ub, A_eq x = b_eq).
    program.A_eq.forEach((row, r) => {
      const lhs = row.reduce((a, v, i) => a + v * x[i]!, 0);
      check.number(`linear_program.A_eq[${r}]·x`, lhs, program.b_eq[r], 0, 1e-9);
    });
    check.used("linear_program.A_eq");
    program.A_ub.forEach((row, r) => {
      const lhs = row.reduce((a, v, i) => a + v * x[i]!, 0);
      check.assert(
        `linear_program.A_ub[${r}]`,
        lhs <= program.b_ub[r]! + 1e-9,
        `A_ub·x = ${lhs} > b_ub ${program.b_ub[r]}`,
      );
    });
    check.assert(
      "linear_program.b_ub",
      x.every((v) => v >= -1e-12),
      "x must be ≥ 0",
    );
    (fitted["model_params.x"] as number[]).forEach((v, i) => {
      check.number(`model_params.x[${i}]`, x[i]!, v, 1e-12, 1e-14);
    });
    VARIABLES.forEach((name, i) => {
      if (fitted[name] !== undefined)
        check.number(`fitted.${name}`, x[i]!, fitted[name], 1e-12, 1e-14);
    });
    // AIF360's solver reported an optimum (status 0); fairscope's LP found one too.
    check.assert(
      "fitted.model_params.status",
      fitted["model_params.status"] === 0 && x.every(Number.isFinite),
      "expected an optimal solution",
    );
    check.assert("fitted.model_params.success", fitted["model_params.success"] === true, "");
    check.acknowledge("fitted.model_params.message", "the solver's wording");
    const proba = rule.predictProba({
      yPred: Uint8Array.from(data.yPred, (y) => (y === favorable ? 1 : 0)),
      sensitiveFeatures,
    });
    checkRates(
      check,
      "expected_outcomes",
      expectedRates(proba, fav, priv),
      testCase.expected_outcomes as Block,
    );
    return;
  }
  check.fail("params.algorithm", `unknown algorithm ${algorithm}`);
};

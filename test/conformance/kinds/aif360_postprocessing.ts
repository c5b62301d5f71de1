/**
 * Kind `aif360_postprocessing`: AIF360's RejectOptionClassification, CalibratedEqOddsPostprocessing
 * and EqOddsPostprocessing on two groups, through fairscope's k-group implementations.
 */
import { calibratedEqualizedOdds } from "../../../src/mitigation/calibratedEqualizedOdds.js";
import { equalizedOddsPostprocessing } from "../../../src/mitigation/equalizedOddsPostprocessing.js";
import { rejectOptionClassification } from "../../../src/mitigation/rejectOption.js";
import type { Checker } from "../compare.js";
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

/** Expected rates of P(favorable) by all / privileged / unprivileged (label 1 = favorable). */
function expectedRates(p: ArrayLike<number>, fav: Uint8Array, priv: number[]) {
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
    out[who] = {
      selection_rate: sum / n,
      true_positive_rate: tp / pos,
      false_positive_rate: fp / (n - pos),
    };
  }
  return out;
}

function checkRates(
  check: Checker,
  at: string,
  actual: ReturnType<typeof expectedRates>,
  expected: Block,
) {
  for (const who of WHO) {
    const e = expected[who] as Block;
    for (const [key, value] of Object.entries(actual[who]!)) {
      check.number(`${at}.${who}.${key}`, value, e[key], RTOL, 1e-10);
    }
  }
}

export const aif360Postprocessing: KindHandler = (testCase, { data, check }) => {
  if (data === undefined) throw new Error("dataset case expected");
  const params = testCase.params as Block;
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
    const predictions = (testCase.predictions as Block).num_favorable as Block;
    for (const who of WHO)
      check.number(`predictions.num_favorable.${who}`, counts[who], predictions[who]);
    checkRates(
      check,
      "outcome_rates",
      expectedRates(labels, fav, priv),
      testCase.outcome_rates as Block,
    );
    const m = testCase.outcome_aif360_metrics as Block;
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
    lp.A_eq.forEach((row, r) => {
      const residual = row.reduce((a, v, i) => a + v * x[i]!, 0);
      check.number(`A_eq[${r}]·x`, residual, 0, 0, 1e-9);
    });
    (fitted["model_params.x"] as number[]).forEach((v, i) => {
      check.number(`model_params.x[${i}]`, x[i]!, v, 1e-12, 1e-14);
    });
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

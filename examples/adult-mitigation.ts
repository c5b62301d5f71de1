/**
 * Mitigates the gender gaps of a logistic-regression model on the UCI Adult test set: every
 * fairscope mitigation is fitted on one seeded half of the 16,281 people and its effect is
 * measured on the other half.
 *
 * Data: examples/data/adult_test.csv (Becker & Kohavi, UCI, 1996) and the model's scores in
 * examples/data/derived/adult_test_lr_scores.csv (see examples/data/README.md).
 *
 * Run: npx tsx examples/adult-mitigation.ts
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  calibratedEqualizedOdds,
  equalizedOddsPostprocessing,
  groupThresholds,
  mitigationEffect,
  rejectOptionClassification,
  reweighing,
  ThresholdOptimizer,
  ThresholdRule,
} from "fairscope";
import { randomSource } from "fairscope/uncertainty";

const here = new URL("./data/", import.meta.url);
type Person = { income: string; sex: string };
const people = parse(readFileSync(new URL("adult_test.csv", here)), { columns: true }) as Person[];
const scores = parse(readFileSync(new URL("derived/adult_test_lr_scores.csv", here)), {
  columns: true,
}) as { lr_score: string }[];

// A seeded Fisher–Yates shuffle splits the rows into a fitting half and an evaluation half.
const order = people.map((_, i) => i);
const rng = randomSource(20261122);
for (let i = order.length - 1; i > 0; i--) {
  const j = rng.integer(0, i);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
const half = (from: number, to: number) => {
  const rows = order.slice(from, to);
  const yScore = rows.map((i) => Number(scores[i]!.lr_score));
  return {
    yTrue: rows.map((i) => (people[i]!.income === ">50K." ? 1 : 0)),
    yScore,
    yPred: yScore.map((s) => (s >= 0.5 ? 1 : 0)),
    sensitiveFeatures: { sex: rows.map((i) => people[i]!.sex) },
  };
};
const fitting = half(0, order.length >> 1);
const evaluation = half(order.length >> 1, order.length);

const show = (name: string, probability: ArrayLike<number>) => {
  const rows = mitigationEffect(evaluation, probability, {
    metrics: ["selectionRate", "truePositiveRate", "falsePositiveRate", "accuracy"],
  }).summary;
  const cells = rows.map(
    (r) => `${r.metric} gap ${r.differenceBefore.toFixed(3)} → ${r.differenceAfter.toFixed(3)}`,
  );
  const accuracy = rows.find((r) => r.metric === "accuracy")!;
  console.log(
    `${name}: ${cells.slice(0, 3).join(", ")}; accuracy ${accuracy.overallBefore.toFixed(3)} → ${accuracy.overallAfter.toFixed(3)}`,
  );
};

// 1. Reweighing: weights for retraining under which income is independent of sex.
const weights = reweighing({ yTrue: fitting.yTrue, sensitiveFeatures: fitting.sensitiveFeatures });
for (const cell of weights.table.filter((c) => c.label === 1)) {
  console.log(
    `reweighing: P(>50K | ${cell.groupLabel}) ${cell.rateBefore.toFixed(3)} → ${cell.rateAfter.toFixed(3)} (factor ${cell.factor.toFixed(3)})`,
  );
}

// 2. ThresholdOptimizer under equalized odds; the rule survives a JSON round trip.
const optimizer = new ThresholdOptimizer({
  constraints: "equalizedOdds",
  objective: "balancedAccuracy",
});
const rule = ThresholdRule.fromJSON(JSON.parse(JSON.stringify(optimizer.fit(fitting))));
for (const line of rule.explain()) console.log(`thresholdOptimizer: ${line}`);
show("thresholdOptimizer (equalizedOdds)", rule.predictProba(evaluation));

// 3. One deterministic threshold per group at the overall true positive rate of score >= 0.5.
const balanced = groupThresholds(fitting, {
  target: { metric: "truePositiveRate", value: "overall" },
});
show("groupThresholds (equal TPR)", balanced.rule.predictProba(evaluation));

// 4. Reject option classification, men privileged, statistical parity within ±0.05.
const roc = rejectOptionClassification(fitting, { privilegedGroups: [{ sex: "Male" }] });
show("rejectOptionClassification", roc.predict(evaluation));

// 5. Calibrated equalized odds (false-negative cost) and Hardt's LP on hard labels.
const ceo = calibratedEqualizedOdds(fitting, { costConstraint: "fnr" });
show("calibratedEqualizedOdds (fnr)", ceo.predictProba(evaluation));
const eqOdds = equalizedOddsPostprocessing(fitting);
show("equalizedOddsPostprocessing", eqOdds.predictProba(evaluation));

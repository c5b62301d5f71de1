/**
 * `calibration` cases: scikit-learn's calibration_curve (uniform and quantile), brier_score_loss
 * and log_loss, overall and per group (groups sorted by the str() of the level).
 */
import { curveFromColumns } from "../../../src/calibration/curve.js";
import { brierScore } from "../../../src/metrics/calibration/scalar.js";
import { validateProbabilities } from "../../../src/metrics/calibration/validate.js";
import { logLoss } from "../../../src/metrics/probabilistic.js";
import type { Checker } from "../compare.js";
import type { KindHandler } from "../runner.js";

interface CurveJson {
  readonly prob_true: readonly unknown[];
  readonly prob_pred: readonly unknown[];
}

interface Entry {
  readonly group?: readonly unknown[];
  readonly n: number;
  readonly calibration_curve_uniform: CurveJson;
  readonly calibration_curve_quantile: CurveJson;
  readonly brier_score_loss: { readonly value: unknown };
  readonly log_loss: { readonly value: unknown };
}

/** Row indices per level of one feature, levels sorted by their string form. */
export function rowsByLevel(levels: readonly unknown[]): [string, number[]][] {
  const map = new Map<string, number[]>();
  levels.forEach((level, i) => {
    const key = String(level);
    const rows = map.get(key);
    if (rows) rows.push(i);
    else map.set(key, [i]);
  });
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function checkEntry(
  check: Checker,
  path: string,
  entry: Entry,
  yTrue: readonly number[],
  yScore: readonly number[],
) {
  const columns = validateProbabilities(yTrue, yScore, undefined);
  check.equal(`${path}.n`, columns.label.length, entry.n);
  for (const strategy of ["uniform", "quantile"] as const) {
    const curve = curveFromColumns(columns, 10, strategy, 0.05, "relative");
    const expected = entry[`calibration_curve_${strategy}`];
    const p = `${path}.calibration_curve_${strategy}`;
    check.equal(`${p}.length`, curve.probTrue.length, expected.prob_true.length);
    expected.prob_true.forEach((v, i) => {
      check.number(`${p}.prob_true[${i}]`, curve.probTrue[i] ?? Number.NaN, v);
    });
    expected.prob_pred.forEach((v, i) => {
      check.number(`${p}.prob_pred[${i}]`, curve.probPred[i] ?? Number.NaN, v);
    });
  }
  check.number(`${path}.brier_score_loss`, brierScore(columns), entry.brier_score_loss.value);
  check.number(
    `${path}.log_loss`,
    logLoss(columns.label, columns.score, columns.weight),
    entry.log_loss.value,
  );
}

export const calibration: KindHandler = (testCase, { data, check }) => {
  if (data?.yScore === undefined) throw new Error("calibration cases need a pipeline with scores");
  const [feature] = testCase.inputs.sensitive_features as string[];
  const levels = data.features[feature ?? ""];
  if (levels === undefined) throw new Error(`unknown feature ${String(feature)}`);
  const { yTrue, yScore } = data;
  checkEntry(check, "overall", testCase.overall as Entry, yTrue, yScore);
  const groups = rowsByLevel(levels);
  const expected = testCase.by_group as Entry[];
  check.equal("by_group.length", groups.length, expected.length);
  groups.forEach(([key, rows], g) => {
    const entry = expected[g];
    if (entry === undefined) return;
    check.equal(`by_group[${g}].group`, [key], entry.group?.map(String));
    checkEntry(
      check,
      `by_group[${g}]`,
      entry,
      rows.map((i) => yTrue[i]!),
      rows.map((i) => yScore[i]!),
    );
  });
};

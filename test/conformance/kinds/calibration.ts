/**
 * `calibration` cases: scikit-learn's calibration_curve (uniform and quantile), brier_score_loss
 * and log_loss, overall and per group (groups sorted by the str() of the level).
 */
import { curveFromColumns } from "../../../src/calibration/curve.js";
import { brierScore } from "../../../src/metrics/calibration/scalar.js";
import { validateProbabilities } from "../../../src/metrics/calibration/validate.js";
import { logLoss } from "../../../src/metrics/probabilistic.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
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

/** The group order of `conventions.group_order_outside_metricframe`: by str() of the level. */
export function checkGroupOrder(order: unknown) {
  if (typeof order !== "string" || !/sorted by str\(\)/.test(order)) {
    throw new Unsupported(`group order ${JSON.stringify(order)}`);
  }
}

function checkEntry(
  check: Checker,
  path: string,
  entry: Entry,
  yTrue: readonly number[],
  yScore: readonly number[],
  params: { n_bins: number; strategies: readonly string[] },
) {
  const columns = validateProbabilities(yTrue, yScore, undefined);
  check.equal(`${path}.n`, columns.label.length, entry.n);
  for (const strategy of params.strategies) {
    if (strategy !== "uniform" && strategy !== "quantile") {
      throw new Unsupported(`calibration strategy ${strategy}`);
    }
    const curve = curveFromColumns(columns, params.n_bins, strategy, 0.05, "relative");
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
  const params = testCase.params as {
    n_bins: number;
    strategies: string[];
    log_loss_labels: unknown[];
    group_order: unknown;
  };
  if (JSON.stringify(params.log_loss_labels) !== "[0,1]") {
    throw new Unsupported(`log_loss labels ${JSON.stringify(params.log_loss_labels)}`);
  }
  checkGroupOrder(params.group_order);
  const cols = caseColumns(testCase as unknown as Record<string, unknown>, data);
  if (cols.yScore === undefined) throw new Unsupported("calibration case without scores");
  if (cols.sampleWeight !== undefined) throw new Unsupported("weighted calibration case");
  const yTrue = cols.yTrue as number[];
  const yScore = cols.yScore;
  checkEntry(check, "overall", testCase.overall as Entry, yTrue, yScore, params);
  // Several features: groups are their intersections, keyed by the str() of each level.
  const keys = yTrue.map((_, i) =>
    JSON.stringify(cols.featureNames.map((f) => String(cols.features[f]![i]))),
  );
  const groups = rowsByLevel(keys);
  const expected = testCase.by_group as Entry[];
  check.equal("by_group.length", groups.length, expected.length);
  groups.forEach(([key, rows], g) => {
    const entry = expected[g];
    if (entry === undefined) return;
    check.equal(`by_group[${g}].group`, JSON.parse(key), entry.group?.map(String));
    checkEntry(
      check,
      `by_group[${g}]`,
      entry,
      rows.map((i) => yTrue[i]!),
      rows.map((i) => yScore[i]!),
      params,
    );
  });
};

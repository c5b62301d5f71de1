/**
 * The `bias_scan` kind: AIF360's MDSS `bias_scan` on a dataset (see the fixture's
 * `conventions.bias_scan`). A case passes when fairscope's best subset scores at least the
 * recorded unrounded score − 1e-9 and, when every MDSS seed found the same subset, equals the
 * recorded canonical subset (level lists as sets). The scorer is cross-checked subset by subset:
 * every single-feature subset's exact score (Bernoulli: AIF360's formula at scipy's exact root;
 * Berk–Jones: closed form), rows, outcome sum and rates; and the recorded best subset's.
 */
import { biasScan, prepareBiasScan } from "../../../src/scan/biasScan.js";
import { scoreSubset } from "../../../src/scan/search.js";
import type { FixtureCase, KindHandler } from "../runner.js";

type Rec = Record<string, unknown>;
type Subset = Record<string, string[]>;

const SCORE_TOLERANCE = 1e-9;
/** Two exact roots of the same equation (ours, scipy's brentq): scores agree to ~1e-12. */
const EXACT_RTOL = 1e-10;

/** The case's expectations: clip(decile_score / 10, 0.05, 0.95) for Bernoulli, none for Berk–Jones. */
function expectationsOf(
  testCase: FixtureCase,
  records: readonly Record<string, string>[],
): number[] | undefined {
  const spec = String((testCase.params as Rec).expectations);
  if (spec.startsWith("None")) return undefined;
  if (spec !== "p = clip(decile_score / 10, 0.05, 0.95)")
    throw new Error(`unknown expectations ${spec}`);
  return records.map((r) => Math.min(0.95, Math.max(0.05, Number(r.decile_score) / 10)));
}

const sameSubset = (a: Subset, b: Subset) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, levels]) => {
    const other = b[name];
    return (
      other !== undefined &&
      other.length === levels.length &&
      levels.every((v) => other.includes(v))
    );
  });

export const biasScanKind: KindHandler = (testCase, { data, check }) => {
  if (data === undefined) throw new Error("bias_scan cases need their dataset");
  const params = testCase.params as Rec;
  const inputs = testCase.inputs as Rec;
  const names = inputs.search_features as string[];
  const features = Object.fromEntries(names.map((name) => [name, data.features[name] as string[]]));
  const expectations = expectationsOf(testCase, data.records);
  const input = { outcomes: data.yTrue, features, ...(expectations ? { expectations } : {}) };
  const options = {
    scoring: params.scoring === "BerkJones" ? ("berkJones" as const) : ("bernoulli" as const),
    direction: params.overpredicted ? ("overpredicted" as const) : ("underpredicted" as const),
    penalty: params.penalty as number,
    iterations: params.num_iters as number,
    ...(params.alpha === undefined ? {} : { alpha: params.alpha as number }),
  };

  const checks = inputs.checks as Rec;
  check.number("inputs.checks.n_rows", data.n, checks.n_rows);
  check.number(
    "inputs.checks.sum_y_true",
    data.yTrue.reduce((a, b) => a + b, 0),
    checks.sum_y_true,
  );
  if (expectations)
    check.number(
      "inputs.checks.sum_p",
      expectations.reduce((a, b) => a + b, 0),
      checks.sum_p,
    );
  for (const [name, counts] of Object.entries(
    checks.level_counts as Record<string, Record<string, number>>,
  )) {
    for (const [level, count] of Object.entries(counts)) {
      const actual = features[name]!.filter((v) => v === level).length;
      check.number(`inputs.checks.level_counts.${name}.${level}`, actual, count);
    }
  }

  const prepared = prepareBiasScan(input, options);
  const { table } = prepared;
  const codesOf = (subset: Subset) =>
    table.features.names.map((name, j) =>
      subset[name]?.map((level) => table.features.levels[j]!.indexOf(level)).sort((a, b) => a - b),
    );
  const checkSubset = (path: string, record: Rec, subset: Subset) => {
    const score = scoreSubset(
      table,
      prepared.cellOutcomes,
      prepared.scorer,
      codesOf(subset),
      options.penalty,
    );
    const exact =
      options.scoring === "bernoulli" ? record.score_exact_qmle : record.score_unrounded;
    check.number(`${path}.score`, score, exact, EXACT_RTOL, 1e-12);
    const inSubset = data.yTrue.map((_, i) =>
      Object.entries(subset).every(([name, levels]) => levels.includes(features[name]![i]!)),
    );
    const rows = inSubset.filter(Boolean).length;
    const y = data.yTrue.reduce((s, v, i) => s + (inSubset[i] ? v : 0), 0);
    check.number(`${path}.n_rows`, rows, record.n_rows);
    const flipped = options.scoring === "berkJones" && options.direction === "overpredicted";
    check.number(`${path}.observed_sum`, flipped ? rows - y : y, record.observed_sum);
    const p = expectations ?? data.yTrue.map(() => data.yTrue.reduce((a, b) => a + b, 0) / data.n);
    check.number(
      `${path}.expected_rate`,
      p.reduce((s, v, i) => s + (inSubset[i] ? v : 0), 0) / rows,
      record.expected_rate,
    );
  };

  (testCase.single_feature_subsets as Rec[]).forEach((record, k) => {
    checkSubset(`single_feature_subsets[${k}]`, record, record.subset as Subset);
  });
  const recorded = testCase.result as Rec;
  checkSubset("result", recorded, recorded.subset_canonical as Subset);

  const result = biasScan(input, options);
  const best = result.best;
  const floor = (recorded.score_unrounded as number) - SCORE_TOLERANCE;
  if (!(best.score >= floor)) {
    check.fail(
      "result.score_unrounded",
      `best score ${best.score} is below the recorded ${recorded.score_unrounded} − 1e-9`,
    );
  }
  const unique = (testCase.uniqueness_check as Rec).all_seeds_same_subset_and_score === true;
  if (unique && !sameSubset(best.subset as Subset, recorded.subset_canonical as Subset)) {
    check.equal("result.subset_canonical", best.subset, recorded.subset_canonical);
  }
  if (unique) {
    check.number("result.n_rows", best.rows, recorded.n_rows);
    check.number("result.observed_rate_of_y", best.observedRate, recorded.observed_rate_of_y);
    check.number("result.expected_rate", best.expectedRate, recorded.expected_rate);
  }
};

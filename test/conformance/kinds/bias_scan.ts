/**
 * The `bias_scan` kind: AIF360's MDSS `bias_scan` on a dataset (the fixture's
 * `conventions.bias_scan`).
 *
 * The pass rule: fairscope's best subset scores at least the recorded unrounded score − 1e-9 and,
 * when every MDSS seed found the same subset, equals the recorded canonical subset (level lists
 * as sets). Every other recorded value is checked through the scorer, subset by subset (the
 * recorded best, each single-feature subset, each seed's subset): rows, outcome sums, rates, the
 * penalty as AIF360 counts it, the score at AIF360's approximate q (to 1e-12; rounded to 4
 * decimals as AIF360 reports it) and the exact maximum and its q (to 1e-10 against scipy's
 * brentq). fairscope's best must also score at least every AIF360 seed's.
 */
import { biasScan, type PreparedScan, prepareBiasScan } from "../../../src/scan/biasScan.js";
import { mergeParts } from "../../../src/scan/levelSweep.js";
import type { PartStatistics } from "../../../src/scan/scoring.js";
import { type SubsetCodes, scoreSubset } from "../../../src/scan/search.js";
import { Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";

type Rec = Record<string, unknown>;
type Subset = Record<string, string[]>;

const SCORE_TOLERANCE = 1e-9;
/** Two exact roots of the same equation (ours, scipy's brentq with its default xtol). */
const EXACT_RTOL = 1e-10;
/** AIF360 rounds scores to 4 decimals at its approximate q. */
const ROUNDED_ATOL = 6e-5;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The subset without features whose list holds every level (same rows). */
function canonical(subset: Subset, levels: Record<string, readonly string[]>): Subset {
  return Object.fromEntries(
    Object.entries(subset).filter(
      ([name, list]) => !levels[name]!.every((level) => list.includes(level)),
    ),
  );
}

const sameSubset = (a: Subset, b: Subset) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, list]) => {
    const other = b[name];
    return (
      other !== undefined && other.length === list.length && list.every((v) => other.includes(v))
    );
  });

export const biasScanKind: KindHandler = (testCase, { data, check }) => {
  if (data === undefined) throw new Error("bias_scan cases need their dataset");
  const params = testCase.params as Rec;
  const inputs = testCase.inputs as Rec;
  if (params.mode !== "binary") throw new Unsupported(`mode ${String(params.mode)}`);
  if (params.favorable_value !== "high")
    throw new Unsupported(`favorable_value ${String(params.favorable_value)}`);
  const overpredicted = params.overpredicted === true;
  check.assert(
    "params.direction",
    params.direction === (overpredicted ? "negative" : "positive"),
    "AIF360's direction must follow overpredicted",
  );
  // The recorded seed is AIF360's (numpy's); fairscope seeds its own restarts.
  check.used("params.seed");
  const bernoulli = params.scoring === "Bernoulli";
  if (!bernoulli && params.scoring !== "BerkJones")
    throw new Unsupported(`scoring ${String(params.scoring)}`);
  const expectationsSpec = String(params.expectations);
  const names = inputs.search_features as string[];
  const features = Object.fromEntries(names.map((name) => [name, data.features[name] as string[]]));
  // The pipeline's yScore is the MDSS expectation; Berk–Jones uses the overall rate instead.
  const expectations = expectationsSpec.startsWith("None") ? undefined : (data.yScore as number[]);
  const options = {
    scoring: bernoulli ? ("bernoulli" as const) : ("berkJones" as const),
    direction: overpredicted ? ("overpredicted" as const) : ("underpredicted" as const),
    penalty: params.penalty as number,
    iterations: params.num_iters as number,
    ...(params.alpha === undefined ? {} : { alpha: params.alpha as number }),
  };
  const input = { outcomes: data.yTrue, features, ...(expectations ? { expectations } : {}) };

  const checks = inputs.checks as Rec;
  for (const [name, counts] of Object.entries(
    checks.level_counts as Record<string, Record<string, number>>,
  )) {
    for (const [level, count] of Object.entries(counts)) {
      const actual = features[name]!.filter((v) => v === level).length;
      check.number(`inputs.checks.level_counts.${name}.${level}`, actual, count);
    }
  }

  const prepared = prepareBiasScan(input, options);
  const levelsOf = Object.fromEntries(
    prepared.table.features.names.map((name, j) => [
      name,
      prepared.table.features.levels[j]!.map(String),
    ]),
  );
  const codesOf = (subset: Subset): SubsetCodes =>
    prepared.table.features.names.map((name, j) =>
      subset[name]
        ?.map((level) => prepared.table.features.levels[j]!.indexOf(level))
        .sort((a, b) => a - b),
    );
  const flipped = !bernoulli && overpredicted;

  const checkSubset = (path: string, record: Rec, subset: Subset) => {
    const stats = subsetStatistics(prepared, codesOf(subset));
    const listed = Object.values(subset).reduce((total, list) => total + list.length, 0);
    const penalty = options.penalty * listed;
    check.number(`${path}.n_rows`, stats.n, record.n_rows);
    check.number(
      `${path}.observed_sum`,
      flipped ? stats.n - stats.y : stats.y,
      record.observed_sum,
    );
    check.number(
      `${path}.observed_rate`,
      (flipped ? stats.n - stats.y : stats.y) / stats.n,
      record.observed_rate,
    );
    check.number(`${path}.expected_rate`, stats.expected / stats.n, record.expected_rate);
    check.number(`${path}.penalty_total`, penalty, record.penalty_total);
    // AIF360's score at its own q: Berk–Jones q is a rate of the (flipped) observations.
    const qAif = record.q_aif360 as number;
    const parameter = bernoulli ? Math.log(qAif) : flipped ? 1 - qAif : qAif;
    const atAif = prepared.scorer.contribution(stats.part)(parameter)[0] - penalty;
    check.number(`${path}.score_unrounded`, atAif, record.score_unrounded, 1e-12, 1e-12);
    check.number(
      `${path}.score_rounded_aif360`,
      round4(atAif),
      record.score_rounded_aif360,
      0,
      1e-12,
    );
    const best = prepared.scorer.maximum(stats.part);
    const q = prepared.scorer.q(best.parameter);
    if (bernoulli) {
      // AIF360 bisects for q on [1e-3, 1e3] to a width of 1e-3.
      check.number(`${path}.q_aif360`, q, qAif, 0, 1e-3);
    } else {
      check.number(`${path}.q_aif360`, flipped ? 1 - q : q, qAif);
    }
    if (bernoulli) {
      check.number(
        `${path}.score_exact_qmle`,
        best.score - penalty,
        record.score_exact_qmle,
        EXACT_RTOL,
        1e-12,
      );
      check.number(
        `${path}.q_exact`,
        prepared.scorer.q(best.parameter),
        record.q_exact,
        EXACT_RTOL,
      );
    }
    return atAif;
  };

  (testCase.single_feature_subsets as Rec[]).forEach((record, k) => {
    const subset = record.subset as Subset;
    check.used(subset);
    checkSubset(`single_feature_subsets[${k}]`, record, subset);
  });

  const recorded = testCase.result as Rec;
  const recordedCanonical = recorded.subset_canonical as Subset;
  for (const key of ["subset", "subset_sorted"] as const) {
    check.assert(
      recorded[key] as object,
      sameSubset(canonical(recorded[key] as Subset, levelsOf), recordedCanonical),
      `${key} without its all-level features differs from subset_canonical`,
    );
  }
  const atAif = checkSubset("result", recorded, recorded.subset as Subset);
  check.number("result.score", round4(atAif), recorded.score, 0, 1e-12);
  const recordedStats = subsetStatistics(prepared, codesOf(recordedCanonical));
  check.number(
    "result.observed_rate_of_y",
    recordedStats.y / recordedStats.n,
    recorded.observed_rate_of_y,
  );

  const unique = (testCase.uniqueness_check as Rec).all_seeds_same_subset_and_score === true;
  const best = biasScan(input, options).best;
  if (!(best.score >= (recorded.score_unrounded as number) - SCORE_TOLERANCE)) {
    check.fail(
      "result",
      `best score ${best.score} is below the recorded ${recorded.score_unrounded} − 1e-9`,
    );
  }
  if (unique) {
    check.assert(
      recordedCanonical,
      sameSubset(best.subset as Subset, recordedCanonical),
      `every AIF360 seed found ${JSON.stringify(recordedCanonical)}, fairscope ${JSON.stringify(best.subset)}`,
    );
  } else {
    check.difference(
      recordedCanonical,
      best.score >=
        scoreSubset(
          prepared.table,
          prepared.cellOutcomes,
          prepared.scorer,
          codesOf(recordedCanonical),
          options.penalty,
        ) -
          SCORE_TOLERANCE,
      "AIF360's seeds disagree (a local optimum); fairscope's best subset must score at least seed 0's",
    );
  }

  const uniqueness = testCase.uniqueness_check as Rec;
  check.used("uniqueness_check.all_seeds_same_subset_and_score");
  // AIF360's score of a seed's subset, listed levels and all (all-level lists keep their penalty).
  const seedScore = (subset: Subset) =>
    scoreSubset(
      prepared.table,
      prepared.cellOutcomes,
      prepared.scorer,
      codesOf(subset),
      options.penalty,
    );
  (uniqueness.seeds as Rec[]).forEach((seed, k) => {
    check.used(`uniqueness_check.seeds[${k}].seed`);
    check.used(seed.subset as object);
    check.number(
      `uniqueness_check.seeds[${k}].score`,
      round4(seedScore(seed.subset as Subset)),
      seed.score,
      0,
      ROUNDED_ATOL,
    );
  });
  const bestOverSeeds = uniqueness.best_over_seeds_0_to_5 as Rec;
  check.used("uniqueness_check.best_over_seeds_0_to_5.seed");
  check.used(bestOverSeeds.subset as object);
  check.assert(
    bestOverSeeds.subset_canonical as object,
    sameSubset(
      canonical(bestOverSeeds.subset as Subset, levelsOf),
      bestOverSeeds.subset_canonical as Subset,
    ),
    "best_over_seeds_0_to_5.subset without its all-level features differs from its subset_canonical",
  );
  check.assert(
    "uniqueness_check.best_over_seeds_0_to_5.score",
    best.score >= (bestOverSeeds.score as number) - ROUNDED_ATOL,
    `fairscope's best (${best.score}) scores below AIF360's best over seeds 0-5 (${bestOverSeeds.score})`,
  );
  check.assert(
    "uniqueness_check.seed0_is_best_over_seeds",
    (uniqueness.seed0_is_best_over_seeds === true) ===
      round4(atAif) >= (bestOverSeeds.score as number),
    "seed0_is_best_over_seeds disagrees with the recorded scores",
  );
  check.acknowledge(
    "scan_seconds",
    "AIF360's wall-clock time (the benchmark reports it beside fairscope's)",
  );
};

/** Rows, outcome sum, expectation sum and the scorer's statistics of a subset. */
function subsetStatistics(prepared: PreparedScan, subset: SubsetCodes) {
  const { table, cellOutcomes } = prepared;
  let n = 0;
  let y = 0;
  let expected = 0;
  const part: PartStatistics = { y: 0, n: 0, expectations: [], counts: [] };
  for (let c = 0; c < table.cellRows.length; c++) {
    if (
      !subset.every((levels, j) => levels === undefined || levels.includes(table.cellCodes[j]![c]!))
    )
      continue;
    n += table.cellRows[c]!;
    y += cellOutcomes[c]!;
    expected += table.cellRows[c]! * table.cellExpectation[c]!;
    part.expectations.push(table.cellExpectation[c]!);
    part.counts.push(table.cellRows[c]!);
  }
  part.y = y;
  part.n = n;
  return { n, y, expected, part: mergeParts([part]) };
}

/**
 * `calibration_regression` cases: statsmodels GLM slope and offset models, ECE / MCE on
 * equal-width and equal-mass bins, the Murphy decomposition, and the likelihood-ratio test of
 * group-specific calibration. Every number uses p after the case's clipping to [1e-6, 1 − 1e-6].
 */
import { type BinStrategy, binEdges, binSums } from "../../../src/metrics/calibration/binning.js";
import { groupCalibrationTest } from "../../../src/metrics/calibration/hypothesis.js";
import {
  fitInterceptWithOffset,
  fitSlope,
  logitColumn,
} from "../../../src/metrics/calibration/recalibration.js";
import {
  binnedErrors,
  brierDecomposition,
  totals,
} from "../../../src/metrics/calibration/scalar.js";
import {
  type ProbabilityColumns,
  validateProbabilities,
} from "../../../src/metrics/calibration/validate.js";
import { caseColumns } from "../columns.js";
import { type Checker, Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";
import { checkGroupOrder, rowsByLevel } from "./calibration.js";

/** GLM coefficients and llf are converged solutions: compare at 1e-6 relative (fixture). */
const GLM_RTOL = 1e-6;
/**
 * statsmodels stops IRLS when the deviance changes by ≤ 1e-8 and reports the information of the
 * previous iterate, so its standard errors can differ from those at the exact maximum by ~1e-5
 * relative (German under_25); test/calibration/recalibration.test.ts replays statsmodels' IRLS
 * and reproduces its value to 1e-10.
 */
const SE_RTOL = 3e-5;
/** Binned quantities and the decomposition: the issue asks for 1e-8. */
const RTOL = 1e-8;
const CLIP = 1e-6;

type Json = Record<string, unknown>;

function checkBinned(
  check: Checker,
  path: string,
  c: ProbabilityColumns,
  strategy: BinStrategy,
  e: Json,
) {
  const edges = binEdges(c.score, 10, strategy, c.weight);
  (e.edges as unknown[]).forEach((v, i) => {
    check.number(`${path}.edges[${i}]`, edges[i] ?? Number.NaN, v, RTOL);
  });
  const errors = binnedErrors(c, 10, strategy);
  check.number(`${path}.ece`, errors.ece, e.ece, RTOL);
  check.number(`${path}.mce`, errors.mce, e.mce, RTOL);
  const sums = binSums(c.label, c.score, c.weight, edges);
  const nonEmpty = Array.from(sums.weight).flatMap((w, b) => (w > 0 ? [b] : []));
  check.equal(
    `${path}.bins[].bin`,
    nonEmpty,
    (e.bins as Json[]).map((bin) => bin.bin),
  );
  for (const [k, bin] of (e.bins as Json[]).entries()) {
    const b = bin.bin as number;
    const w = sums.weight[b] ?? Number.NaN;
    check.number(`${path}.bins[${k}].n`, sums.count[b] ?? Number.NaN, bin.n);
    check.number(`${path}.bins[${k}].mean_p`, (sums.sumP[b] ?? Number.NaN) / w, bin.mean_p, RTOL);
    check.number(`${path}.bins[${k}].mean_y`, (sums.sumY[b] ?? Number.NaN) / w, bin.mean_y, RTOL);
  }
}

const IRLS_NOTE =
  "statsmodels' IRLS iteration count (deviance tolerance); fairscope's Newton steps stop on the step size, and the converged solutions are compared";

function checkEntry(check: Checker, path: string, c: ProbabilityColumns, e: Json) {
  const t = totals(c);
  check.number(`${path}.n`, t.weight, e.n);
  check.number(`${path}.n_positive`, t.sumY, e.n_positive);
  check.number(`${path}.mean_y`, t.sumY / t.weight, e.mean_y, RTOL);
  check.number(`${path}.mean_p`, t.sumP / t.weight, e.mean_p, RTOL);
  const z = logitColumn(c.score, CLIP);
  const slope = fitSlope(c.label, z, c.weight);
  const s = e.slope_model as Json;
  check.equal(`${path}.slope_model.converged`, slope.converged, s.converged);
  check.acknowledge(`${path}.slope_model.iterations`, IRLS_NOTE);
  check.number(`${path}.slope_model.intercept`, slope.intercept, s.intercept, GLM_RTOL, 1e-9);
  check.number(`${path}.slope_model.slope`, slope.slope, s.slope, GLM_RTOL);
  check.number(`${path}.slope_model.se_intercept`, slope.seIntercept, s.se_intercept, SE_RTOL);
  check.number(`${path}.slope_model.se_slope`, slope.seSlope, s.se_slope, SE_RTOL);
  check.number(`${path}.slope_model.llf`, slope.logLikelihood, s.llf, GLM_RTOL);
  check.number(`${path}.slope_model.deviance`, slope.deviance, s.deviance, GLM_RTOL);
  const citl = fitInterceptWithOffset(c.label, z, c.weight);
  const o = e.citl_model as Json;
  check.equal(`${path}.citl_model.converged`, citl.converged, o.converged);
  check.acknowledge(`${path}.citl_model.iterations`, IRLS_NOTE);
  check.number(`${path}.citl_model.intercept`, citl.intercept, o.intercept, GLM_RTOL, 1e-9);
  check.number(`${path}.citl_model.se_intercept`, citl.seIntercept, o.se_intercept, SE_RTOL);
  check.number(`${path}.citl_model.llf`, citl.logLikelihood, o.llf, GLM_RTOL);
  check.number(`${path}.citl_model.deviance`, citl.deviance, o.deviance, GLM_RTOL);
  checkBinned(check, `${path}.ece_uniform`, c, "uniform", e.ece_uniform as Json);
  checkBinned(check, `${path}.ece_quantile`, c, "quantile", e.ece_quantile as Json);
  const d = brierDecomposition(c, 10, "uniform");
  const b = e.brier as Json;
  check.number(`${path}.brier.brier_score_loss`, d.brier, b.brier_score_loss, RTOL);
  check.number(`${path}.brier.reliability`, d.reliability, b.reliability, RTOL);
  check.number(`${path}.brier.resolution`, d.resolution, b.resolution, RTOL);
  check.number(`${path}.brier.uncertainty`, d.uncertainty, b.uncertainty, RTOL);
  check.number(
    `${path}.brier.reliability_minus_resolution_plus_uncertainty`,
    d.reliability - d.resolution + d.uncertainty,
    b.reliability_minus_resolution_plus_uncertainty,
    RTOL,
  );
  check.number(
    `${path}.brier.brier_minus_decomposition`,
    d.remainder,
    b.brier_minus_decomposition,
    RTOL,
    1e-12,
  );
}

/** The model descriptions of `params`, checked against what fairscope fits. */
function checkParams(params: Json) {
  const expect = (key: string, pattern: RegExp) => {
    if (!pattern.test(String(params[key]))) {
      throw new Unsupported(`params.${key}: ${String(params[key])}`);
    }
  };
  expect("logit", /z = log\(p \/ \(1 - p\)\)/);
  expect("slope_model", /GLM Binomial.*y ~ 1 \+ z/);
  expect("citl_model", /GLM Binomial.*y ~ 1 with offset z/);
  checkGroupOrder(params.group_order);
  if (params.n_bins !== 10) throw new Unsupported(`params.n_bins ${String(params.n_bins)}`);
}

export const calibrationRegression: KindHandler = (testCase, { data, check }) => {
  checkParams(testCase.params as Json);
  const cols = caseColumns(testCase as unknown as Json, data);
  if (cols.yScore === undefined) throw new Unsupported("calibration_regression needs scores");
  if (cols.sampleWeight !== undefined) throw new Unsupported("weighted calibration_regression");
  const yTrue = cols.yTrue as number[];
  // p is the case's probability (inputs.score_spec); the logit clips at 1e-6 as statsmodels'
  // inputs never reach 0 or 1 after the case's clipping.
  const p = cols.yScore;
  const levels = yTrue.map((_, i) =>
    cols.featureNames.map((f) => String(cols.features[f]![i])).join(","),
  );
  const all = validateProbabilities(yTrue, p, undefined);
  checkEntry(check, "overall", all, testCase.overall as Json);
  const groups = rowsByLevel(levels);
  const expected = testCase.by_group as Json[];
  check.equal("by_group.length", groups.length, expected.length);
  const code = new Uint32Array(p.length);
  groups.forEach(([key, rows], g) => {
    for (const i of rows) code[i] = g;
    const e = expected[g];
    if (e === undefined) return;
    check.equal(`by_group[${g}].group`, key, (e.group as unknown[]).map(String).join(","));
    const c = validateProbabilities(
      rows.map((i) => yTrue[i]!),
      rows.map((i) => p[i]!),
      undefined,
    );
    checkEntry(check, `by_group[${g}]`, c, e);
  });
  const lr = testCase.lr_test_group_calibration as Json;
  if (!/per-group intercept and slope/.test(String(lr.full_model))) {
    throw new Unsupported(`full model ${String(lr.full_model)}`);
  }
  if (!/shared intercept and slope/.test(String(lr.reduced_model))) {
    throw new Unsupported(`reduced model ${String(lr.reduced_model)}`);
  }
  check.used("lr_test_group_calibration.full_model");
  check.used("lr_test_group_calibration.reduced_model");
  const test = groupCalibrationTest(
    all.label,
    logitColumn(all.score, CLIP),
    undefined,
    code,
    groups.length,
  );
  check.equal("lr_test.k_groups", test.groupCount, lr.k_groups);
  check.equal("lr_test.df", test.df, lr.df);
  check.number("lr_test.llf_full", test.logLikelihoodFull, lr.llf_full, GLM_RTOL);
  check.number("lr_test.llf_reduced", test.logLikelihoodReduced, lr.llf_reduced, GLM_RTOL);
  check.number("lr_test.statistic", test.statistic, lr.statistic, GLM_RTOL);
  check.number("lr_test.pvalue", test.pValue, lr.pvalue, GLM_RTOL);
};

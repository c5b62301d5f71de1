/**
 * Tests of calibration: the likelihood-ratio test of group-specific recalibration against a
 * shared one, and the Hosmer–Lemeshow goodness-of-fit test.
 */
import { regularizedGamma } from "../../stats/special.js";
import { type BinningCache, binColumns } from "./binning.js";
import { fitSlope, type SlopeFit } from "./recalibration.js";
import type { ProbabilityColumns } from "./validate.js";

/** Upper tail of the chi-square distribution, Q(df/2, x/2), exact in the far tail. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGamma(df / 2, x / 2).upper;
}

/** Likelihood-ratio test of per-group intercept and slope against a shared intercept and slope. */
export interface GroupCalibrationTest {
  /** 2 (llFull − llReduced). */
  readonly statistic: number;
  /** 2 (k − 1), k = groups with rows. */
  readonly df: number;
  /** Upper tail of χ²(df) at the statistic. */
  readonly pValue: number;
  /** Σ over groups of the group's slope-model log-likelihood (block-diagonal full model). */
  readonly logLikelihoodFull: number;
  /** Log-likelihood of one slope model on all rows. */
  readonly logLikelihoodReduced: number;
  /** Groups that entered the test. */
  readonly groupCount: number;
  /** Whether every fit converged; when false the statistic is not trustworthy. */
  readonly converged: boolean;
}

/**
 * The full model (columns 1{g}, z·1{g} per group) is block-diagonal, so its maximum
 * log-likelihood is the sum of the per-group fits. Groups without rows are left out. `scale`
 * multiplies every weight (see `WeightKind`).
 * Cost: O(n) per Newton iteration, per group plus once overall.
 */
export function groupCalibrationTest(
  label: Uint8Array,
  z: Float64Array,
  weight: Float64Array | undefined,
  group: Uint32Array,
  groupCount: number,
  scale = 1,
): GroupCalibrationTest {
  const rows: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < group.length; i++) {
    if (weight === undefined || weight[i]! > 0) rows[group[i]!]!.push(i);
  }
  const fits = rows.map((r) =>
    r.length === 0
      ? undefined
      : fitSlope(
          Uint8Array.from(r, (i) => label[i]!),
          Float64Array.from(r, (i) => z[i]!),
          weight === undefined ? undefined : Float64Array.from(r, (i) => weight[i]!),
        ),
  );
  return groupCalibrationTestOfFits(fitSlope(label, z, weight), fits, scale);
}

/**
 * {@link groupCalibrationTest} from fits already made (unscaled weights): `reduced` on all rows,
 * `fits[g]` on group g's rows of positive weight (undefined for a group without any).
 */
export function groupCalibrationTestOfFits(
  reduced: SlopeFit,
  fits: readonly (SlopeFit | undefined)[],
  scale = 1,
): GroupCalibrationTest {
  let full = 0;
  let converged = reduced.converged;
  let k = 0;
  for (const fit of fits) {
    if (fit === undefined) continue;
    k++;
    full += fit.logLikelihood;
    converged &&= fit.converged;
  }
  const statistic = 2 * scale * (full - reduced.logLikelihood);
  const df = 2 * (k - 1);
  return {
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    logLikelihoodFull: full * scale,
    logLikelihoodReduced: reduced.logLikelihood * scale,
    groupCount: k,
    converged,
  };
}

/** Hosmer–Lemeshow test on equal-mass bins. */
export interface HosmerLemeshowTest {
  /** Σ_b (O_b − E_b)² / (E_b (1 − E_b / W_b)) over non-empty bins. */
  readonly statistic: number;
  /** Non-empty bins − 2. */
  readonly df: number;
  /** Upper tail of χ²(df) at the statistic. */
  readonly pValue: number;
  /** Non-empty bins used. */
  readonly bins: number;
}

/**
 * Hosmer & Lemeshow (1980) "deciles of risk" test: rows are cut into `bins` equal-mass bins
 * (the quantile edges of {@link binEdges}), O_b = Σw·y and E_b = Σw·p per bin; under good
 * calibration the statistic is approximately χ² with (bins − 2) degrees of freedom. NaN when
 * a bin has E_b (1 − E_b/W_b) = 0 or fewer than 3 bins are non-empty. `scale` multiplies every
 * weight (the statistic scales with it); `cache` shares the binning with other measures.
 * Cost: O(n log n).
 */
export function hosmerLemeshow(
  c: ProbabilityColumns,
  bins: number,
  scale = 1,
  cache?: BinningCache,
): HosmerLemeshowTest {
  const s = binColumns(c, bins, "quantile", scale, cache).sums;
  let statistic = 0;
  let used = 0;
  for (let b = 0; b < bins; b++) {
    const w = s.weight[b]!;
    if (!(w > 0)) continue;
    used++;
    const expected = s.sumP[b]!;
    const variance = expected * (1 - expected / w);
    statistic += variance > 0 ? (s.sumY[b]! - expected) ** 2 / variance : Number.NaN;
  }
  statistic *= scale;
  const df = used - 2;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), bins: used };
}

/**
 * Scan statistics of a subset of rows, and each level's contribution to them at a fixed
 * parameter, for the two MDSS scoring functions.
 *
 * Bernoulli (expectation-based, Zhang and Neill 2016, "Identifying significant predictive bias in
 * classifiers"): the subset's odds are multiplied by q, and the score is the log-likelihood ratio
 * F(q) = Y log q − Σ_i log(1 − p_i + q p_i) maximised over q (q ≤ 1 when the model overpredicts,
 * q ≥ 1 when it underpredicts). We work in t = log q, where F is concave, and take the maximiser as
 * the root of the decreasing F'(t) = Y − Σ_i σ(logit p_i + t), solved to full precision.
 *
 * Berk–Jones (Berk and Jones 1979, as used by MDSS with a constant expected rate α): the
 * binomial log-likelihood ratio N · KL(Y/N ‖ α) when the observed rate Y/N lies on the tested side
 * of α, else 0. For a fixed rate q it is Y log(q/α) + (N − Y) log((1 − q)/(1 − α)), concave in q.
 *
 * For a fixed parameter both scores are sums over disjoint parts of the subset (levels of one
 * feature), which is what makes the exact attribute step linear in the number of levels.
 */
import { bracketedRoot, type ValueAndSlope } from "./root.js";

/** Which way the model is wrong in the subgroup sought. */
export type ScanDirection = "overpredicted" | "underpredicted";

/** The scan statistic: `bernoulli` (per-row expectations) or `berkJones` (a constant rate α). */
export type ScanScoring = "bernoulli" | "berkJones";

/**
 * The rows of one part of a subset, compressed: the outcome sum, the row count and, for the
 * Bernoulli score, the distinct expectations with their row counts.
 */
export interface PartStatistics {
  /** Σ outcomes. */
  y: number;
  /** Rows. */
  n: number;
  /** Distinct expectations (Bernoulli only; empty for Berk–Jones). */
  expectations: number[];
  /** Rows with each expectation. */
  counts: number[];
}

/** A score's maximum over its parameter and where it is attained. */
export interface ScoreMaximum {
  /** The maximised log-likelihood ratio (0 when the data lie on the other side). */
  readonly score: number;
  /** The maximising parameter: t = log q for Bernoulli, the rate q for Berk–Jones. */
  readonly parameter: number;
}

/**
 * One scoring function in one direction, as the scan uses it: the parameter's domain, the point
 * where every contribution is 0, contributions at a fixed parameter and exact maxima.
 */
export interface Scorer {
  readonly scoring: ScanScoring;
  readonly direction: ScanDirection;
  /** The parameter's domain [low, high] (ends may be infinite). */
  readonly low: number;
  readonly high: number;
  /** The parameter at which every part contributes 0 (one end of the domain). */
  readonly neutral: number;
  /** The contribution of a part at a parameter, with its derivative. */
  contribution(part: PartStatistics): ValueAndSlope;
  /** The contribution's limit at the end of the domain away from `neutral`. */
  farLimit(part: PartStatistics): number;
  /** The exact maximum over the domain. */
  maximum(part: PartStatistics): ScoreMaximum;
  /** The parameter as the factor q on the odds (Bernoulli) or the rate q (Berk–Jones). */
  q(parameter: number): number;
}

/** Creates the scorer for a scoring function, direction and (Berk–Jones) rate α. */
export function createScorer(scoring: ScanScoring, direction: ScanDirection, alpha = 0): Scorer {
  return scoring === "bernoulli" ? bernoulliScorer(direction) : berkJonesScorer(direction, alpha);
}

function bernoulliScorer(direction: ScanDirection): Scorer {
  const negative = direction === "overpredicted";
  const contribution =
    (part: PartStatistics): ValueAndSlope =>
    (t) => {
      // Neumaier-compensated sums of the log terms and of the slope terms.
      let logSum = 0;
      let logComp = 0;
      let slopeSum = 0;
      let slopeComp = 0;
      const growth = Math.expm1(t);
      const factor = Math.exp(t);
      for (let k = 0; k < part.expectations.length; k++) {
        const p = part.expectations[k]!;
        const c = part.counts[k]!;
        const x = c * Math.log1p(p * growth);
        const u = logSum + x;
        logComp += Math.abs(logSum) >= Math.abs(x) ? logSum - u + x : x - u + logSum;
        logSum = u;
        const z = (c * p * factor) / (1 - p + p * factor);
        const v = slopeSum + z;
        slopeComp += Math.abs(slopeSum) >= Math.abs(z) ? slopeSum - v + z : z - v + slopeSum;
        slopeSum = v;
      }
      return [part.y * t - (logSum + logComp), part.y - (slopeSum + slopeComp)] as const;
    };
  const limit = (part: PartStatistics, toward: "zero" | "infinity"): number => {
    // t → −∞ (q → 0): F → −Σ log(1 − p) when Y = 0, else −∞; t → ∞: F → −Σ log p when Y = N.
    if (toward === "zero" ? part.y > 0 : part.y < part.n) return Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let k = 0; k < part.expectations.length; k++) {
      const p = part.expectations[k]!;
      sum -= part.counts[k]! * (toward === "zero" ? Math.log1p(-p) : Math.log(p));
    }
    return sum;
  };
  const unconstrainedMaximiser = (part: PartStatistics): number => {
    if (part.y <= 0) return Number.NEGATIVE_INFINITY;
    if (part.y >= part.n) return Number.POSITIVE_INFINITY;
    let expected = 0;
    for (let k = 0; k < part.expectations.length; k++) {
      expected += part.counts[k]! * part.expectations[k]!;
    }
    const derivative: ValueAndSlope = (t) => slopeAndCurvature(part, t);
    const start = Math.log(part.y / expected);
    const [low, high] = expandBracket((t) => derivative(t)[0], start);
    return bracketedRootDecreasing(derivative, low, high);
  };
  return {
    scoring: "bernoulli",
    direction,
    low: negative ? Number.NEGATIVE_INFINITY : 0,
    high: negative ? 0 : Number.POSITIVE_INFINITY,
    neutral: 0,
    contribution,
    farLimit: (part) => limit(part, negative ? "zero" : "infinity"),
    maximum(part) {
      const t = unconstrainedMaximiser(part);
      if (negative ? t >= 0 : t <= 0) return { score: 0, parameter: 0 };
      if (!Number.isFinite(t))
        return { score: limit(part, negative ? "zero" : "infinity"), parameter: t };
      return { score: Math.max(0, contribution(part)(t)[0]), parameter: t };
    },
    q: (t) => Math.exp(t),
  };
}

/** F'(t) = Y − Σ count · s and F''(t) = −Σ count · s(1 − s), with s = p e^t / (1 − p + p e^t). */
function slopeAndCurvature(part: PartStatistics, t: number): readonly [number, number] {
  const factor = Math.exp(t);
  let slope = 0;
  let compensation = 0;
  let curvature = 0;
  for (let k = 0; k < part.expectations.length; k++) {
    const p = part.expectations[k]!;
    const c = part.counts[k]!;
    const s = (p * factor) / (1 - p + p * factor);
    const z = c * s;
    const v = slope + z;
    compensation += Math.abs(slope) >= Math.abs(z) ? slope - v + z : z - v + slope;
    slope = v;
    curvature += z * (1 - s);
  }
  return [part.y - (slope + compensation), -curvature] as const;
}

/** From `start`, steps outward (1, 2, 4, …) until a decreasing function changes sign. */
export function expandBracket(f: (x: number) => number, start: number): [number, number] {
  const f0 = f(start);
  if (f0 === 0) return [start, start];
  const sign = f0 > 0 ? 1 : -1;
  for (let step = 1; step < 2 ** 12; step *= 2) {
    const x = start + sign * step;
    if (Math.sign(f(x)) !== sign) return sign > 0 ? [start, x] : [x, start];
  }
  throw new RangeError("expandBracket: no sign change within 4096 of the start");
}

function bracketedRootDecreasing(f: ValueAndSlope, low: number, high: number): number {
  return low === high ? low : bracketedRoot(f, low, high);
}

function berkJonesScorer(direction: ScanDirection, alpha: number): Scorer {
  const negative = direction === "overpredicted";
  const logAlpha = Math.log(alpha);
  const logOneMinusAlpha = Math.log1p(-alpha);
  const value = (y: number, n: number, q: number): number =>
    (y > 0 ? y * (Math.log(q) - logAlpha) : 0) +
    (n - y > 0 ? (n - y) * (Math.log1p(-q) - logOneMinusAlpha) : 0);
  return {
    scoring: "berkJones",
    direction,
    low: negative ? 0 : alpha,
    high: negative ? alpha : 1,
    neutral: alpha,
    contribution: (part) => (q) => [
      value(part.y, part.n, q),
      (part.y > 0 ? part.y / q : 0) - (part.n - part.y > 0 ? (part.n - part.y) / (1 - q) : 0),
    ],
    farLimit(part) {
      if (negative) return part.y > 0 ? Number.NEGATIVE_INFINITY : -part.n * logOneMinusAlpha;
      return part.n - part.y > 0 ? Number.NEGATIVE_INFINITY : -part.n * logAlpha;
    },
    maximum(part) {
      const rate = part.y / part.n;
      if (negative ? rate >= alpha : rate <= alpha) return { score: 0, parameter: alpha };
      return { score: Math.max(0, value(part.y, part.n, rate)), parameter: rate };
    },
    q: (rate) => rate,
  };
}

/**
 * Logistic recalibration (Cox 1958): `logit P(y = 1) = a + b · logit(p)` fitted by Newton–Raphson
 * (for the canonical logit link this is IRLS), and the calibration intercept with the slope fixed
 * at 1 (`logit(p)` as an offset). Two parameters need no matrix library: the 2×2 information
 * matrix is inverted in closed form.
 */
import { addCompensated } from "../../stats/summation.js";

/** Clipping of probabilities before the logit, so that p = 0 or 1 gives a finite z. */
export const DEFAULT_LOGIT_CLIP = 1e-6;

/** z = log(p / (1 − p)) of p clipped to [clip, 1 − clip]. */
export function logitColumn(score: Float64Array, clip: number): Float64Array {
  const z = new Float64Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const p = Math.min(1 - clip, Math.max(clip, score[i]!));
    z[i] = Math.log(p / (1 - p));
  }
  return z;
}

/** Logistic slope model `logit P(y=1) = intercept + slope · z`. */
export interface SlopeFit {
  /** a in `logit P(y=1) = a + b z`. */
  readonly intercept: number;
  /** b in `logit P(y=1) = a + b z` (1 for a calibrated score). */
  readonly slope: number;
  /** sqrt(diag((XᵀWX)⁻¹)) at the solution (scale 1), as statsmodels' GLM `bse`. */
  readonly seIntercept: number;
  /** Standard error of the slope (as `seIntercept`). */
  readonly seSlope: number;
  /** Σ w (y log μ + (1 − y) log(1 − μ)). */
  readonly logLikelihood: number;
  /** −2 · logLikelihood (binary outcomes: the saturated model's likelihood is 1). */
  readonly deviance: number;
  /** Whether Newton's method met its step tolerance within 100 iterations. */
  readonly converged: boolean;
  /** Newton iterations run. */
  readonly iterations: number;
}

/** Offset model `logit P(y=1) = intercept + z` (calibration-in-the-large on the logit scale). */
export interface InterceptFit {
  /** a in `logit P(y=1) = a + z` (0 for a score calibrated in the large). */
  readonly intercept: number;
  /** Standard error of the intercept (statsmodels' GLM `bse`). */
  readonly seIntercept: number;
  /** Σ w (y log μ + (1 − y) log(1 − μ)). */
  readonly logLikelihood: number;
  /** −2 · logLikelihood. */
  readonly deviance: number;
  /** Whether Newton's method met its step tolerance within 100 iterations. */
  readonly converged: boolean;
  /** Newton iterations run. */
  readonly iterations: number;
}

const MAX_ITERATIONS = 100;
const STEP_TOLERANCE = 1e-10;
const MAX_HALVINGS = 30;

/** A step is halved only when it lowers the likelihood by more than rounding near the maximum. */
function worse(next: number, current: number): boolean {
  return next < current - 1e-12 * Math.abs(current);
}

/** The log-likelihood, its gradient and information matrix at one (a, b). */
interface Evaluation {
  /** Σ w log-likelihood of the rows under η = a + b z. */
  readonly ll: number;
  readonly ga: number;
  readonly gb: number;
  readonly haa: number;
  readonly hab: number;
  readonly hbb: number;
  /** Whether a fitted probability is exactly 0 or 1 (the sign of separation). */
  readonly saturated: boolean;
}

/**
 * Log-likelihood, gradient and information matrix of the rows at (a, b), in one pass. Sums are
 * compensated, so that the root Newton converges to does not depend on row order. For η ≥ 0 one
 * exponential serves both μ = 1 / (1 + e^−η) and the log-likelihood term log(1 + e^∓η); for
 * η < 0 they need e^η and e^−η.
 */
function evaluate(
  label: Uint8Array,
  z: Float64Array,
  weight: Float64Array | undefined,
  a: number,
  b: number,
): Evaluation {
  // slots: gradient (a, b), information (aa, ab, bb), log-likelihood
  const sum = new Float64Array(6);
  const comp = new Float64Array(6);
  let saturated = false;
  for (let i = 0; i < z.length; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    if (w === 0) continue;
    const zi = z[i]!;
    const eta = a + b * zi;
    const y = label[i] === 1 ? 1 : 0;
    const expNeg = Math.exp(-eta);
    const mu = 1 / (1 + expNeg);
    // −log-likelihood term: log(1 + e^−η) for y = 1, log(1 + e^η) for y = 0, without overflow.
    let loss: number;
    if (eta > 0) loss = y === 1 ? Math.log1p(expNeg) : eta + Math.log1p(expNeg);
    else {
      const log1pExp = Math.log1p(Math.exp(eta));
      loss = y === 1 ? -eta + log1pExp : log1pExp;
    }
    if (mu === 0 || mu === 1) saturated = true;
    const r = w * (y - mu);
    const v = w * mu * (1 - mu);
    addCompensated(sum, comp, 0, r);
    addCompensated(sum, comp, 1, r * zi);
    addCompensated(sum, comp, 2, v);
    addCompensated(sum, comp, 3, v * zi);
    addCompensated(sum, comp, 4, v * zi * zi);
    addCompensated(sum, comp, 5, -w * loss);
  }
  const at = (k: number) => sum[k]! + comp[k]!;
  return { ll: at(5), ga: at(0), gb: at(1), haa: at(2), hab: at(3), hbb: at(4), saturated };
}

/**
 * Fits the slope model by Newton–Raphson from the calibrated point (a, b) = (0, 1), halving a step
 * that lowers the likelihood, until the step is below 1e-10 (relative) or `maxIterations`. Without
 * a finite maximum (separated data, one class only, constant z) it stops with `converged: false`:
 * the iterations diverge until a fitted probability is exactly 0 or 1.
 * Cost: O(n) per iteration.
 */
export function fitSlope(
  label: Uint8Array,
  z: Float64Array,
  weight: Float64Array | undefined,
  maxIterations = MAX_ITERATIONS,
): SlopeFit {
  let a = 0;
  let b = 1;
  // The evaluation at the current (a, b): its derivatives give the next step.
  let d = evaluate(label, z, weight, a, b);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const det = d.haa * d.hbb - d.hab * d.hab;
    // A singular information matrix (z constant, or one row) has no unique maximum.
    if (!(det > 1e-12 * d.haa * d.hbb)) break;
    const da = (d.hbb * d.ga - d.hab * d.gb) / det;
    const db = (d.haa * d.gb - d.hab * d.ga) / det;
    let t = 1;
    let next = evaluate(label, z, weight, a + da, b + db);
    for (let h = 0; h < MAX_HALVINGS && worse(next.ll, d.ll); h++) {
      t /= 2;
      next = evaluate(label, z, weight, a + t * da, b + t * db);
    }
    a += t * da;
    b += t * db;
    d = next;
    converged =
      Math.max(Math.abs(da), Math.abs(db)) <= STEP_TOLERANCE * (1 + Math.abs(a) + Math.abs(b));
  }
  const det = d.haa * d.hbb - d.hab * d.hab;
  const ll = d.ll;
  return {
    intercept: a,
    slope: b,
    seIntercept: Math.sqrt(d.hbb / det),
    seSlope: Math.sqrt(d.haa / det),
    logLikelihood: ll,
    deviance: -2 * ll,
    converged: converged && !d.saturated,
    iterations,
  };
}

/**
 * Fits the offset model `logit P(y=1) = a + z` by Newton–Raphson from a = 0 (same stopping rule
 * as {@link fitSlope}). Cost: O(n) per iteration.
 */
export function fitInterceptWithOffset(
  label: Uint8Array,
  z: Float64Array,
  weight: Float64Array | undefined,
): InterceptFit {
  let a = 0;
  let d = evaluate(label, z, weight, a, 1);
  let converged = false;
  let iterations = 0;
  while (iterations < MAX_ITERATIONS && !converged) {
    iterations++;
    if (!(d.haa > 0)) break;
    const da = d.ga / d.haa;
    let t = 1;
    let next = evaluate(label, z, weight, a + da, 1);
    for (let h = 0; h < MAX_HALVINGS && worse(next.ll, d.ll); h++) {
      t /= 2;
      next = evaluate(label, z, weight, a + t * da, 1);
    }
    a += t * da;
    d = next;
    converged = Math.abs(da) <= STEP_TOLERANCE * (1 + Math.abs(a));
  }
  return {
    intercept: a,
    seIntercept: Math.sqrt(1 / d.haa),
    logLikelihood: d.ll,
    deviance: -2 * d.ll,
    converged: converged && !d.saturated,
    iterations,
  };
}

/**
 * The fit as if every weight were multiplied by `scale`: coefficients unchanged, information
 * times `scale` (standard errors over sqrt(scale)), log-likelihood and deviance times `scale`.
 */
export function rescaleSlopeFit(fit: SlopeFit, scale: number): SlopeFit {
  if (scale === 1) return fit;
  const root = Math.sqrt(scale);
  return {
    ...fit,
    seIntercept: fit.seIntercept / root,
    seSlope: fit.seSlope / root,
    logLikelihood: fit.logLikelihood * scale,
    deviance: fit.deviance * scale,
  };
}

/** {@link rescaleSlopeFit} for the offset model. */
export function rescaleInterceptFit(fit: InterceptFit, scale: number): InterceptFit {
  if (scale === 1) return fit;
  return {
    ...fit,
    seIntercept: fit.seIntercept / Math.sqrt(scale),
    logLikelihood: fit.logLikelihood * scale,
    deviance: fit.deviance * scale,
  };
}

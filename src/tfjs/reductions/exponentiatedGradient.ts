/**
 * Exponentiated gradient reduction for fair binary classification (Agarwal et al. 2018), as
 * Fairlearn's `ExponentiatedGradient` implements it.
 */
import { LogisticRegressionLearner } from "../learners/logisticRegression.js";
import type { DenseMatrix, Learner, LearnerFactory } from "../learners/types.js";
import { encodeTraining, type ReductionInput } from "./input.js";
import { type GapResult, Lagrangian, PRECISION } from "./lagrangian.js";
import {
  type ConstraintLabel,
  REDUCTION_CONSTRAINTS,
  type ReductionConstraint,
  UtilityParity,
} from "./moments.js";
import { RandomizedClassifier } from "./randomized.js";

const MIN_ITER = 5;
const REGRET_CHECK_START_T = 5;
const REGRET_CHECK_INCREASE_T = 1.6;
const SHRINK_REGRET = 0.8;
const SHRINK_ETA = 0.8;
const ACCURACY_MUL = 0.5;

/** Options of {@link exponentiatedGradient} (Fairlearn's ExponentiatedGradient). */
export interface ExponentiatedGradientOptions<X> {
  /** Makes a fresh best-response learner. @defaultValue `() => new LogisticRegressionLearner()` (needs a `DenseMatrix` x) */
  readonly learner?: LearnerFactory<X>;
  /** The fairness constraint. @defaultValue "demographicParity" */
  readonly constraint?: ReductionConstraint;
  /** Allowed constraint violation (difference bound); also sets the multiplier bound B = 1/eps. @defaultValue 0.01 */
  readonly eps?: number;
  /** Iterations at most. @defaultValue 50 */
  readonly maxIter?: number;
  /** Stop when the duality gap is below nu. @defaultValue 0.5 · sd(|h₀(x) − y|) / √n */
  readonly nu?: number;
  /** Initial step size η₀ (η = η₀ / B). @defaultValue 2 */
  readonly eta0?: number;
  /** Also solve the LP over the hull of the classifiers found (Fairlearn's `run_linprog_step`). @defaultValue true */
  readonly runLinprogStep?: boolean;
}

/** One iteration of the saddle-point search. */
export interface ExponentiatedGradientIteration {
  /** Duality gap of the exponentiated-gradient mixture. */
  readonly gapEG: number;
  /** Duality gap of the LP solution (Infinity at t = 0 or without the LP step). */
  readonly gapLP: number;
  /** The smaller of the two: the gap of the mixture kept at this iteration. */
  readonly gap: number;
}

/** The fitted reduction: a randomized classifier plus the search's record. */
export class ExponentiatedGradientResult<X> extends RandomizedClassifier<X> {
  /** The fairness constraint. */
  readonly constraint: ReductionConstraint;
  /** The constraints γ rows, in the order of `lambda` vectors. */
  readonly constraintLabels: readonly ConstraintLabel[];
  /** Allowed constraint violation. */
  readonly eps: number;
  /** The stopping tolerance used (given or computed). */
  readonly nu: number;
  /** Iteration whose mixture was kept (Fairlearn's `best_iter_`). */
  readonly bestIter: number;
  /** Duality gap of the kept mixture (`best_gap_`). */
  readonly bestGap: number;
  /** Last iteration run (`last_iter_`). */
  readonly lastIter: number;
  /** Best-response calls (`n_oracle_calls_`). */
  readonly oracleCalls: number;
  /** Best-response calls that returned a constant classifier (`n_oracle_calls_dummy_returned_`). */
  readonly dummyOracleCalls: number;
  /** Duality gaps per iteration. */
  readonly gapHistory: readonly ExponentiatedGradientIteration[];

  constructor(
    base: RandomizedClassifier<X>,
    record: Omit<ExponentiatedGradientResult<X>, keyof RandomizedClassifier<X>>,
  ) {
    super(base.predictors, base.weights);
    this.constraint = record.constraint;
    this.constraintLabels = record.constraintLabels;
    this.eps = record.eps;
    this.nu = record.nu;
    this.bestIter = record.bestIter;
    this.bestGap = record.bestGap;
    this.lastIter = record.lastIter;
    this.oracleCalls = record.oracleCalls;
    this.dummyOracleCalls = record.dummyOracleCalls;
    this.gapHistory = record.gapHistory;
  }
}

function sampleSd(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/**
 * Exponentiated gradient (Agarwal et al. 2018, "A Reductions Approach to Fair Classification",
 * ICML): finds a randomized classifier Q over the learner's best responses minimising the error
 * rate subject to the constraint's moments `|E[u|e,g] − E[u|e]| ≤ eps` for every event e and
 * group g, by a saddle-point search on the Lagrangian with multipliers λ (‖λ‖₁ ≤ B = 1/eps)
 * updated by exponentiated gradient (`θ += η(γ(h_t) − eps)`, `λ = B e^θ / (1 + Σ e^θ)`; the
 * EG mixture's duality gap is measured at the average of the λ_t), each
 * iteration also solving the LP over the hull of the classifiers found (with yalps), and
 * stopping when the duality gap falls below `nu` after at least 5 iterations. Follows
 * Fairlearn 0.13's `ExponentiatedGradient` step by step (same constants and gap rule). Cost: up
 * to 9 learner fits per iteration (one best response and up to four gap evaluations for each
 * of the EG and LP mixtures).
 *
 * @example
 * const x = denseMatrix([[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [2, 1], [3, 1]]);
 * const yTrue = [0, 0, 1, 1, 0, 1, 1, 1];
 * const eg = exponentiatedGradient(x, { yTrue, sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"] });
 * eg.gapHistory.length === eg.lastIter + 1; // => true
 */
export function exponentiatedGradient<X = DenseMatrix>(
  x: X,
  input: ReductionInput,
  options: ExponentiatedGradientOptions<X> = {},
): ExponentiatedGradientResult<X> {
  const fn = "exponentiatedGradient";
  const constraint = options.constraint ?? "demographicParity";
  const eps = options.eps ?? 0.01;
  const maxIter = options.maxIter ?? 50;
  const eta0 = options.eta0 ?? 2;
  const runLinprogStep = options.runLinprogStep ?? true;
  if (!REDUCTION_CONSTRAINTS.includes(constraint)) {
    throw new RangeError(`${fn}: unknown constraint ${JSON.stringify(constraint)}`);
  }
  if (!(eps > 0)) throw new RangeError(`${fn}: eps must be positive`);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new RangeError(`${fn}: maxIter must be a positive integer`);
  }
  if (!(eta0 > 0)) throw new RangeError(`${fn}: eta0 must be positive`);
  const factory =
    options.learner ?? (() => new LogisticRegressionLearner() as unknown as Learner<X>);
  const data = encodeTraining(input, fn);
  const n = data.label.length;
  const moments = new UtilityParity(constraint, data.label, data.group, data.keys.length, eps);
  const B = 1 / eps;
  const lagrangian = new Lagrangian(x, data.label, moments, factory, B);
  const size = moments.size;
  const theta = new Float64Array(size);
  const qSum: number[] = [];
  const gapsEG: number[] = [];
  const gaps: number[] = [];
  const qs: Float64Array[] = [];
  const history: ExponentiatedGradientIteration[] = [];
  let lastRegretChecked = REGRET_CHECK_START_T;
  let lastGap = Number.POSITIVE_INFINITY;
  let nu = options.nu ?? Number.NaN;
  let eta = 0;
  // Σ_t λ_t: the EG mixture's gap is evaluated at the average multiplier λ̂ = (1/T) Σ λ_t of
  // Algorithm 1 (Fairlearn's lambda_EG), not at the last λ_t.
  const lambdaSum = new Float64Array(size);
  for (let t = 0; t < maxIter; t++) {
    let expSum = 0;
    for (const v of theta) expSum += Math.exp(v);
    const lambda = theta.map((v) => (B * Math.exp(v)) / (1 + expSum));
    for (let k = 0; k < size; k++) lambdaSum[k]! += lambda[k]!;
    const lambdaEG = lambdaSum.map((v) => v / (t + 1));
    const hIndex = lagrangian.bestH(lambda);
    if (t === 0) {
      if (options.nu === undefined) {
        const p = lagrangian.preds[hIndex]!;
        const residual = new Float64Array(n);
        for (let i = 0; i < n; i++) residual[i] = Math.abs(p[i]! - data.label[i]!);
        nu = (ACCURACY_MUL * sampleSd(residual)) / Math.sqrt(n);
      }
      eta = eta0 / B;
    }
    while (qSum.length < lagrangian.hs.length) qSum.push(0);
    qSum[hIndex]! += 1;
    const gamma = lagrangian.gammas[hIndex]!;
    const total = qSum.reduce((a, b) => a + b, 0);
    const qEG = Float64Array.from(qSum, (v) => v / total);
    const resultEG = lagrangian.evalGap(qEG, lambdaEG, nu);
    gapsEG.push(resultEG.gap);
    let gapLP = Number.POSITIVE_INFINITY;
    let lp: { q: Float64Array; gap: GapResult } | undefined;
    if (t > 0 && runLinprogStep) {
      lp = lagrangian.solveLinprog(nu);
      gapLP = lp.gap.gap;
    }
    if (resultEG.gap < gapLP || lp === undefined) {
      qs.push(qEG);
      gaps.push(resultEG.gap);
    } else {
      qs.push(lp.q);
      gaps.push(gapLP);
    }
    history.push({ gapEG: resultEG.gap, gapLP, gap: gaps[t]! });
    if (gaps[t]! < nu && t >= MIN_ITER) break;
    if (t >= lastRegretChecked * REGRET_CHECK_INCREASE_T) {
      const bestGap = Math.min(...gapsEG);
      if (bestGap > lastGap * SHRINK_REGRET) eta *= SHRINK_ETA;
      lastRegretChecked = t;
      lastGap = bestGap;
    }
    for (let k = 0; k < size; k++) theta[k]! += eta * (gamma[k]! - eps);
  }
  const minGap = Math.min(...gaps);
  let bestIter = 0;
  gaps.forEach((g, t) => {
    if (g <= minGap + PRECISION) bestIter = t;
  });
  const weights = new Float64Array(lagrangian.hs.length);
  weights.set(qs[bestIter]!);
  const base = new RandomizedClassifier(lagrangian.hs, weights);
  return new ExponentiatedGradientResult(base, {
    constraint,
    constraintLabels: moments.labels,
    eps,
    nu,
    bestIter,
    bestGap: gaps[bestIter]!,
    lastIter: qs.length - 1,
    oracleCalls: lagrangian.oracleCalls,
    dummyOracleCalls: lagrangian.dummyCalls,
    gapHistory: history,
  });
}

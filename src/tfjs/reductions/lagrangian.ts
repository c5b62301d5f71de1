/**
 * The Lagrangian of the reductions approach (Agarwal et al. 2018, Fairlearn's `_Lagrangian`):
 * best responses of the learner to multipliers λ, the Lagrangian value and duality gap of a
 * mixture Q of the classifiers found so far, and the LP over their convex hull.
 */
import { type Model, solve } from "yalps";
import { type Learner, type LearnerFactory, rowCount } from "../learners/types.js";
import { errorRate, errorRateSignedWeights, type UtilityParity } from "./moments.js";

/** Improvements below this are ties (Fairlearn's `_PRECISION`). */
export const PRECISION = 1e-8;

/** A classifier found by a best-response call: a fitted learner or a constant. */
export interface BaseClassifier<X> {
  /** The fitted learner (undefined for a constant). */
  readonly learner: Learner<X> | undefined;
  /** The constant prediction when the relabelled y had one class (Fairlearn's DummyClassifier). */
  readonly constant: 0 | 1 | undefined;
}

/** Predictions of a base classifier, as numbers 0/1. */
export function predictBase<X>(h: BaseClassifier<X>, x: X): Float64Array {
  if (h.learner === undefined) return new Float64Array(rowCount(x)).fill(h.constant ?? 0);
  return Float64Array.from(h.learner.predict(x));
}

export interface GapResult {
  readonly L: number;
  readonly lLow: number;
  readonly lHigh: number;
  readonly gap: number;
}

export class Lagrangian<X> {
  readonly hs: BaseClassifier<X>[] = [];
  /** Each classifier's predictions on the training rows. */
  readonly preds: Float64Array[] = [];
  readonly errors: number[] = [];
  readonly gammas: Float64Array[] = [];
  oracleCalls = 0;
  dummyCalls = 0;
  readonly #x: X;
  readonly #y: Uint8Array;
  readonly #constraints: UtilityParity;
  readonly #factory: LearnerFactory<X>;
  readonly #bound: number;
  readonly #objectiveWeights: Float64Array;
  #lastLinprog: { hs: number; q: Float64Array; lambda: Float64Array; gap: GapResult } | undefined;

  constructor(
    x: X,
    y: Uint8Array,
    constraints: UtilityParity,
    factory: LearnerFactory<X>,
    bound: number,
  ) {
    this.#x = x;
    this.#y = y;
    this.#constraints = constraints;
    this.#factory = factory;
    this.#bound = bound;
    this.#objectiveWeights = errorRateSignedWeights(y);
  }

  /** Fits the learner to the cost-sensitive problem of λ: ỹ = 1[w > 0], weights |w| scaled to sum n. */
  callOracle(lambda: Float64Array): { h: BaseClassifier<X>; pred: Float64Array } {
    const w = this.#constraints.signedWeights(lambda);
    const n = w.length;
    const redY = new Uint8Array(n);
    const redW = new Float64Array(n);
    let total = 0;
    let positives = 0;
    for (let i = 0; i < n; i++) {
      const s = this.#objectiveWeights[i]! + w[i]!;
      redY[i] = s > 0 ? 1 : 0;
      positives += redY[i]!;
      redW[i] = Math.abs(s);
      total += redW[i]!;
    }
    for (let i = 0; i < n; i++) redW[i] = (n * redW[i]!) / total;
    this.oracleCalls++;
    if (positives === 0 || positives === n) {
      this.dummyCalls++;
      const h: BaseClassifier<X> = { learner: undefined, constant: positives === 0 ? 0 : 1 };
      return { h, pred: predictBase(h, this.#x) };
    }
    const learner = this.#factory();
    learner.fit(this.#x, redY, redW);
    return {
      h: { learner, constant: undefined },
      pred: Float64Array.from(learner.predict(this.#x)),
    };
  }

  #value(index: number, lambda: Float64Array): number {
    const g = this.gammas[index]!;
    let v = this.errors[index]!;
    for (let k = 0; k < g.length; k++) v += g[k]! * lambda[k]!;
    return v;
  }

  /** Index of the best response to λ (a new classifier only when it improves by > 1e-8). */
  bestH(lambda: Float64Array): number {
    const { h, pred } = this.callOracle(lambda);
    const error = errorRate(this.#y, pred);
    const gamma = this.#constraints.gamma(pred);
    let hValue = error;
    for (let k = 0; k < gamma.length; k++) hValue += gamma[k]! * lambda[k]!;
    let bestIndex = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let j = 0; j < this.hs.length; j++) {
      const v = this.#value(j, lambda);
      if (v < bestValue) {
        bestValue = v;
        bestIndex = j;
      }
    }
    if (hValue < bestValue - PRECISION) {
      this.hs.push(h);
      this.preds.push(pred);
      this.errors.push(error);
      this.gammas.push(gamma);
      return this.hs.length - 1;
    }
    h.learner?.dispose?.();
    return bestIndex;
  }

  /** Lagrangian value L(Q, λ), its upper bound L_high, and the mixture's γ and error. */
  evaluate(q: Float64Array, lambda: Float64Array) {
    const size = this.#constraints.size;
    const gamma = new Float64Array(size);
    let error = 0;
    for (let j = 0; j < q.length; j++) {
      const qj = q[j]!;
      if (qj === 0) continue;
      error += qj * this.errors[j]!;
      const g = this.gammas[j]!;
      for (let k = 0; k < size; k++) gamma[k]! += qj * g[k]!;
    }
    const projected = this.#constraints.projectLambda(lambda);
    let L = error;
    let maxViolation = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < size; k++) {
      const slack = gamma[k]! - this.#constraints.eps;
      L += projected[k]! * slack;
      maxViolation = Math.max(maxViolation, slack);
    }
    const lHigh = maxViolation <= 0 ? error : error + this.#bound * maxViolation;
    return { L, lHigh, gamma, error };
  }

  /** Duality gap max(L − L_low, L_high − L), L_low from best responses to λ·{1, 2, 5, 10}. */
  evalGap(q: Float64Array, lambda: Float64Array, nu: number): GapResult {
    const { L, lHigh } = this.evaluate(q, lambda);
    let lLow = L;
    let gap = Math.max(0, lHigh - L);
    for (const mul of [1, 2, 5, 10]) {
      const index = this.bestH(lambda.map((v) => v * mul));
      const single = new Float64Array(this.hs.length);
      single[index] = 1;
      const lowMul = this.evaluate(single, lambda).L;
      if (lowMul < lLow) lLow = lowMul;
      gap = Math.max(L - lLow, lHigh - L);
      if (gap > nu + PRECISION) break;
    }
    return { L, lLow, lHigh, gap };
  }

  /**
   * The LP over the hull of the classifiers so far: minimise Σ Q_h err_h + B z subject to
   * Σ Q_h (γ_hk − eps) ≤ z for every constraint k, Σ Q = 1, Q, z ≥ 0; λ from its dual
   * (maximise ν subject to ν − Σ_k μ_k (γ_hk − eps) ≤ err_h for every h, Σ μ ≤ B, μ ≥ 0).
   */
  solveLinprog(nu: number): { q: Float64Array; lambda: Float64Array; gap: GapResult } {
    const nHs = this.hs.length;
    if (this.#lastLinprog?.hs === nHs) return this.#lastLinprog;
    const size = this.#constraints.size;
    const eps = this.#constraints.eps;
    const primalVars = new Map<string, Map<string, number>>();
    for (let j = 0; j < nHs; j++) {
      const coef = new Map<string, number>([
        ["objective", this.errors[j]!],
        ["sum", 1],
      ]);
      for (let k = 0; k < size; k++) coef.set(`c${k}`, this.gammas[j]![k]! - eps);
      primalVars.set(`q${j}`, coef);
    }
    const zCoef = new Map<string, number>([["objective", this.#bound]]);
    for (let k = 0; k < size; k++) zCoef.set(`c${k}`, -1);
    primalVars.set("z", zCoef);
    const primalConstraints = new Map<string, { max?: number; equal?: number }>([
      ["sum", { equal: 1 }],
    ]);
    for (let k = 0; k < size; k++) primalConstraints.set(`c${k}`, { max: 0 });
    const primal: Model = {
      direction: "minimize",
      objective: "objective",
      constraints: primalConstraints,
      variables: primalVars,
    };
    const primalSolution = solve(primal, { includeZeroVariables: true });
    const q = new Float64Array(nHs);
    for (const [name, value] of primalSolution.variables) {
      if (name.startsWith("q")) q[Number(name.slice(1))] = value;
    }
    const dualVars = new Map<string, Map<string, number>>();
    dualVars.set(
      "nu",
      new Map([
        ["objective", 1],
        ...Array.from({ length: nHs }, (_, j) => [`h${j}`, 1] as [string, number]),
      ]),
    );
    for (let k = 0; k < size; k++) {
      const coef = new Map<string, number>([["mass", 1]]);
      for (let j = 0; j < nHs; j++) coef.set(`h${j}`, -(this.gammas[j]![k]! - eps));
      dualVars.set(`mu${k}`, coef);
    }
    const dualConstraints = new Map<string, { max: number }>([["mass", { max: this.#bound }]]);
    for (let j = 0; j < nHs; j++) dualConstraints.set(`h${j}`, { max: this.errors[j]! });
    const dualSolution = solve(
      {
        direction: "maximize",
        objective: "objective",
        constraints: dualConstraints,
        variables: dualVars,
      },
      { includeZeroVariables: true },
    );
    const lambda = new Float64Array(size);
    for (const [name, value] of dualSolution.variables) {
      if (name.startsWith("mu")) lambda[Number(name.slice(2))] = value;
    }
    const result = { hs: nHs, q, lambda, gap: this.evalGap(q, lambda, nu) };
    this.#lastLinprog = result;
    return result;
  }
}

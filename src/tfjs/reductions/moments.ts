/**
 * Fairlearn's classification moments as typed-array kernels: the error-rate objective and the
 * utility-parity constraints (demographic parity, true/false-positive-rate parity, equalized
 * odds, error-rate parity) with a difference bound. Agarwal et al. (2018), section 3.
 *
 * The constraint values are means of u over (event, group) cells, summed with plain `+=` in
 * Fairlearn's order rather than through the metric registry and compensated sums, because the
 * exponentiated-gradient iterations built on them must follow Fairlearn's path. For hard
 * predictions these means are the registry's rates (selection rate, true / false positive rate,
 * error rate): test/tfjs/reductions/moments.test.ts checks them against the registry to 1e-12.
 */

/** The fairness constraint of a reduction. */
export type ReductionConstraint =
  | "demographicParity"
  | "equalizedOdds"
  | "truePositiveRateParity"
  | "falsePositiveRateParity"
  | "errorRateParity";

export const REDUCTION_CONSTRAINTS: readonly ReductionConstraint[] = [
  "demographicParity",
  "equalizedOdds",
  "truePositiveRateParity",
  "falsePositiveRateParity",
  "errorRateParity",
];

/** One constraint row: `sign` + is `E[u|e,g] − E[u|e] ≤ eps`, − is `E[u|e] − E[u|e,g] ≤ eps`. */
export interface ConstraintLabel {
  /** Which side of the bound. */
  readonly sign: "+" | "-";
  /** The event e, e.g. "all" (demographic parity) or "label=1" (true positive rate parity). */
  readonly event: string;
  /** The group code g. */
  readonly group: number;
}

function eventsOf(
  constraint: ReductionConstraint,
  y: Uint8Array,
): {
  names: string[];
  code: Int32Array;
} {
  const n = y.length;
  const code = new Int32Array(n);
  switch (constraint) {
    case "demographicParity":
    case "errorRateParity":
      return { names: ["all"], code };
    case "truePositiveRateParity":
      for (let i = 0; i < n; i++) code[i] = y[i] === 1 ? 0 : -1;
      return { names: ["label=1"], code };
    case "falsePositiveRateParity":
      for (let i = 0; i < n; i++) code[i] = y[i] === 0 ? 0 : -1;
      return { names: ["label=0"], code };
    case "equalizedOdds":
      for (let i = 0; i < n; i++) code[i] = y[i]!;
      return { names: ["label=0", "label=1"], code };
  }
}

/**
 * Utility parity with ratio 1: for every event e and group g with rows, the constraints
 * `E[u|e,g] − E[u|e] ≤ eps` and `E[u|e] − E[u|e,g] ≤ eps`, where u = h(x) (or |h(x) − y| for
 * error-rate parity). Constraint k < C is the `+` row of cell k, k ≥ C the `−` row of cell k − C.
 */
export class UtilityParity {
  readonly n: number;
  readonly eps: number;
  readonly labels: readonly ConstraintLabel[];
  /** Cell (event × group) of each row, −1 when the row belongs to no event. */
  readonly #cell: Int32Array;
  readonly #cellEvent: Int32Array;
  readonly #cellCount: Float64Array;
  readonly #eventCount: Float64Array;
  readonly #y: Uint8Array;
  readonly #errorUtility: boolean;

  constructor(
    constraint: ReductionConstraint,
    y: Uint8Array,
    group: Uint32Array,
    nGroups: number,
    eps: number,
  ) {
    this.n = y.length;
    this.eps = eps;
    this.#y = y;
    this.#errorUtility = constraint === "errorRateParity";
    const events = eventsOf(constraint, y);
    const cellId = new Int32Array(events.names.length * nGroups).fill(-1);
    const cellEvent: number[] = [];
    const cellGroup: number[] = [];
    this.#cell = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const e = events.code[i]!;
      if (e < 0) {
        this.#cell[i] = -1;
        continue;
      }
      const key = e * nGroups + group[i]!;
      if (cellId[key] === -1) {
        cellId[key] = 0;
      }
    }
    // Cells in (event, group) order, like Fairlearn's groupby index.
    for (let key = 0; key < cellId.length; key++) {
      if (cellId[key] === -1) continue;
      cellId[key] = cellEvent.length;
      cellEvent.push(Math.floor(key / nGroups));
      cellGroup.push(key % nGroups);
    }
    const nCells = cellEvent.length;
    this.#cellEvent = Int32Array.from(cellEvent);
    this.#cellCount = new Float64Array(nCells);
    this.#eventCount = new Float64Array(events.names.length);
    for (let i = 0; i < this.n; i++) {
      const e = events.code[i]!;
      if (e < 0) continue;
      const c = cellId[e * nGroups + group[i]!]!;
      this.#cell[i] = c;
      this.#cellCount[c]!++;
      this.#eventCount[e]!++;
    }
    const labels: ConstraintLabel[] = [];
    for (const sign of ["+", "-"] as const) {
      for (let c = 0; c < nCells; c++) {
        labels.push({ sign, event: events.names[cellEvent[c]!]!, group: cellGroup[c]! });
      }
    }
    this.labels = labels;
  }

  get size(): number {
    return this.labels.length;
  }

  /** Constraint values γ(h) for per-row predictions h ∈ [0, 1]. */
  gamma(h: ArrayLike<number>): Float64Array {
    const nCells = this.#cellCount.length;
    const cellSum = new Float64Array(nCells);
    const eventSum = new Float64Array(this.#eventCount.length);
    for (let i = 0; i < this.n; i++) {
      const c = this.#cell[i]!;
      if (c < 0) continue;
      const hi = h[i]!;
      const u = this.#errorUtility ? (this.#y[i] === 1 ? 1 - hi : hi) : hi;
      cellSum[c]! += u;
      eventSum[this.#cellEvent[c]!]! += u;
    }
    const out = new Float64Array(2 * nCells);
    for (let c = 0; c < nCells; c++) {
      const e = this.#cellEvent[c]!;
      const diff = cellSum[c]! / this.#cellCount[c]! - eventSum[e]! / this.#eventCount[e]!;
      out[c] = diff;
      out[nCells + c] = -diff;
    }
    return out;
  }

  /**
   * Per-row benefit of predicting 1 under multipliers λ (Fairlearn's `signed_weights`):
   * `d_i · (Σ_g (λ⁺−λ⁻)_{e,g} / P(e) − (λ⁺−λ⁻)_{e,g_i} / P(e,g_i))`, d_i = 1 (or 1 − 2y_i).
   */
  signedWeights(lambda: ArrayLike<number>): Float64Array {
    const nCells = this.#cellCount.length;
    const eventLambda = new Float64Array(this.#eventCount.length);
    const adjust = new Float64Array(nCells);
    for (let c = 0; c < nCells; c++) {
      eventLambda[this.#cellEvent[c]!]! += lambda[c]! - lambda[nCells + c]!;
    }
    for (let c = 0; c < nCells; c++) {
      const e = this.#cellEvent[c]!;
      const pEvent = this.#eventCount[e]! / this.n;
      const pCell = this.#cellCount[c]! / this.n;
      adjust[c] = eventLambda[e]! / pEvent - (lambda[c]! - lambda[nCells + c]!) / pCell;
    }
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const c = this.#cell[i]!;
      if (c < 0) continue;
      const d = this.#errorUtility ? 1 - 2 * this.#y[i]! : 1;
      out[i] = d * adjust[c]!;
    }
    return out;
  }

  /** λ with the + and − rows of each cell netted (same Lagrangian for every h, never lower). */
  projectLambda(lambda: ArrayLike<number>): Float64Array {
    const nCells = this.#cellCount.length;
    const out = new Float64Array(2 * nCells);
    for (let c = 0; c < nCells; c++) {
      const net = lambda[c]! - lambda[nCells + c]!;
      out[c] = Math.max(net, 0);
      out[nCells + c] = Math.max(-net, 0);
    }
    return out;
  }
}

/** Misclassification rate `mean(y(1−h) + (1−y)h)` for per-row h ∈ [0, 1]. */
export function errorRate(y: Uint8Array, h: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i] === 1 ? 1 - h[i]! : h[i]!;
  return sum / y.length;
}

/** The error rate's per-row benefit of predicting 1: 2y − 1. */
export function errorRateSignedWeights(y: Uint8Array): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = 2 * y[i]! - 1;
  return out;
}

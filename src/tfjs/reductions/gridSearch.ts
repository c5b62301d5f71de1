/**
 * Grid search reduction (Agarwal et al. 2018, as Fairlearn's `GridSearch`): one best response
 * per multiplier vector on a grid, then the model with the best error / violation trade-off.
 */
import { LogisticRegressionLearner } from "../learners/logisticRegression.js";
import type { DenseMatrix, Learner, LearnerFactory } from "../learners/types.js";
import { encodeTraining, type ReductionInput } from "./input.js";
import { type BaseClassifier, Lagrangian, predictBase } from "./lagrangian.js";
import {
  errorRate,
  REDUCTION_CONSTRAINTS,
  type ReductionConstraint,
  UtilityParity,
} from "./moments.js";

/** Options of {@link gridSearch} (Fairlearn's GridSearch). */
export interface GridSearchOptions<X> {
  /** Makes a fresh learner. @defaultValue `() => new LogisticRegressionLearner()` */
  readonly learner?: LearnerFactory<X>;
  /** The fairness constraint. @defaultValue "demographicParity" */
  readonly constraint?: ReductionConstraint;
  /** Grid points at least (every integer point of the smallest L1 ball holding that many). @defaultValue 10 */
  readonly gridSize?: number;
  /** Largest L1 norm of a grid multiplier. @defaultValue 2 */
  readonly gridLimit?: number;
  /** Weight of the violation in `(1 − w) · error + w · max γ`. @defaultValue 0.5 */
  readonly constraintWeight?: number;
}

/** One fitted grid point. */
export interface GridPoint {
  /** Multipliers in the basis (one per event and group except the last group). */
  readonly basis: readonly number[];
  /** Training error rate of the model. */
  readonly error: number;
  /** Largest constraint value max_k γ_k (the worst |E[u|e,g] − E[u|e]|). */
  readonly violation: number;
}

/** The fitted grid: every model, and the chosen one for prediction. */
export class GridSearchResult<X> {
  /** The model fitted at each grid point. */
  readonly predictors: readonly BaseClassifier<X>[];
  /** The grid points, with each model's error and violation. */
  readonly grid: readonly GridPoint[];
  /** Index of the chosen model: smallest `(1 − w) · error + w · violation`. */
  readonly bestIndex: number;

  constructor(
    predictors: readonly BaseClassifier<X>[],
    grid: readonly GridPoint[],
    bestIndex: number,
  ) {
    this.predictors = predictors;
    this.grid = grid;
    this.bestIndex = bestIndex;
  }

  /** Hard labels of the chosen model (deterministic). */
  predict(x: X): Uint8Array {
    return Uint8Array.from(predictBase(this.predictors[this.bestIndex]!, x));
  }

  /** Disposes every model's learner. */
  dispose(): void {
    for (const h of this.predictors) h.learner?.dispose?.();
  }
}

/** Integer points of Z^dim with L1 norm ≤ units, in lexicographic order. */
function integerBall(dim: number, units: number): number[][] {
  const out: number[][] = [];
  const entry = new Array<number>(dim).fill(0);
  const visit = (index: number, left: number) => {
    if (index === dim) {
      out.push([...entry]);
      return;
    }
    for (let v = -left; v <= left; v++) {
      entry[index] = v;
      visit(index + 1, left - Math.abs(v));
    }
  };
  visit(0, units);
  return out;
}

/**
 * Grid search (Agarwal et al. 2018; Fairlearn's `GridSearch` with `selection_rule=
 * "tradeoff_optimization"`): for every multiplier vector λ on a grid over the constraint basis
 * (λ⁺ on the positive part, λ⁻ on the negative part of each basis coordinate, L1 norm ≤
 * `gridLimit`), fits the learner to the cost-sensitive problem of λ, and chooses the model
 * minimising `(1 − w) · error + w · max γ` on the training data. Cost: one learner fit per grid
 * point.
 *
 * @example
 * const x = denseMatrix([[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [2, 1], [3, 1]]);
 * const yTrue = [0, 0, 1, 1, 0, 1, 1, 1];
 * const gs = gridSearch(x, { yTrue, sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"] });
 * gs.grid.length; // => 11
 */
export function gridSearch<X = DenseMatrix>(
  x: X,
  input: ReductionInput,
  options: GridSearchOptions<X> = {},
): GridSearchResult<X> {
  const fn = "gridSearch";
  const constraint = options.constraint ?? "demographicParity";
  const gridSize = options.gridSize ?? 10;
  const gridLimit = options.gridLimit ?? 2;
  const constraintWeight = options.constraintWeight ?? 0.5;
  if (!REDUCTION_CONSTRAINTS.includes(constraint)) {
    throw new RangeError(`${fn}: unknown constraint ${JSON.stringify(constraint)}`);
  }
  if (!Number.isInteger(gridSize) || gridSize < 1) {
    throw new RangeError(`${fn}: gridSize must be a positive integer`);
  }
  if (!(gridLimit > 0)) throw new RangeError(`${fn}: gridLimit must be positive`);
  if (!(constraintWeight >= 0 && constraintWeight <= 1)) {
    throw new RangeError(`${fn}: constraintWeight must be in [0, 1]`);
  }
  const factory =
    options.learner ?? (() => new LogisticRegressionLearner() as unknown as Learner<X>);
  const data = encodeTraining(input, fn);
  const moments = new UtilityParity(constraint, data.label, data.group, data.keys.length, 0);
  const lagrangian = new Lagrangian(x, data.label, moments, factory, 1);
  // Basis: every (event, group) cell except each event's last group, as Fairlearn's pos_basis.
  const labels = moments.labels;
  const cells = labels.length / 2;
  const basisCells: number[] = [];
  for (let c = 0; c < cells; c++) {
    const next = labels[c + 1];
    if (next !== undefined && c + 1 < cells && next.event === labels[c]!.event) basisCells.push(c);
  }
  const dim = basisCells.length;
  let units = 1;
  while (dim > 0 && integerBall(dim, units).length < gridSize) units++;
  const points = dim === 0 ? [[]] : integerBall(dim, units);
  const predictors: BaseClassifier<X>[] = [];
  const grid: GridPoint[] = [];
  let bestIndex = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (const point of points) {
    const lambda = new Float64Array(2 * cells);
    point.forEach((v, k) => {
      const c = basisCells[k]!;
      const scaled = (v * gridLimit) / units;
      if (scaled > 0) lambda[c] = scaled;
      else lambda[cells + c] = -scaled;
    });
    const { h, pred } = lagrangian.callOracle(lambda);
    const error = errorRate(data.label, pred);
    const violation = Math.max(...moments.gamma(pred));
    const value = (1 - constraintWeight) * error + constraintWeight * violation;
    if (value < bestValue) {
      bestValue = value;
      bestIndex = predictors.length;
    }
    predictors.push(h);
    grid.push({ basis: point.map((v) => (v * gridLimit) / units), error, violation });
  }
  return new GridSearchResult(predictors, grid, bestIndex);
}

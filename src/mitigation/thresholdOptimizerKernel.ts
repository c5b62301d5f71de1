/**
 * Fairlearn's ThresholdOptimizer algorithm (Hardt, Price & Srebro 2016) on encoded columns,
 * step for step as in fairlearn/postprocessing (0.13+): per-group trade-off points at midpoints
 * between distinct scores, upper convex hull, interpolation on a common grid, then the choice of
 * the grid point (first maximum), with the 15-decimal rounding and the mix toward the diagonal
 * for equalized odds, and the sliding-window search for relaxed constraints (`tol`).
 *
 * The floating-point operations are written in Fairlearn's order so that, without weights, the
 * fitted rules equal Fairlearn's. With weights every count becomes a sum of weights. That is why
 * `rateFromCounts` re-states the rates (in METRIC_DICT's order of operations) instead of calling
 * the metric registry's numerator / denominator, and why the running counts down the score order
 * are plain cumulative sums, not compensated ones: test/mitigation/thresholdOptimizerKernel.test.ts
 * checks both against the registry's formulas to 1e-12.
 */
import { descendingScoreBlocks } from "../stats/scoreWalk.js";
import { CompensatedSum } from "../stats/summation.js";
import { applies, type ThresholdOperation } from "./thresholdOperation.js";

/** The quantity held equal across groups (Fairlearn's `x_metric_`). */
export type ConstraintMetric =
  | "selectionRate"
  | "truePositiveRate"
  | "falsePositiveRate"
  | "trueNegativeRate"
  | "falseNegativeRate";

/** The quantity maximised (Fairlearn's `objective`, under fairscope's names). */
export type ObjectiveMetric =
  | "accuracy"
  | "balancedAccuracy"
  | "selectionRate"
  | "truePositiveRate"
  | "trueNegativeRate";

type RateMetric = ConstraintMetric | ObjectiveMetric;

/** Fairlearn's METRIC_DICT, with its derived counts summed in the same order. */
export function rateFromCounts(
  metric: RateMetric,
  tp: number,
  fp: number,
  tn: number,
  fn: number,
): number {
  switch (metric) {
    case "selectionRate":
      return (tp + fp) / (tp + tn + fp + fn);
    case "falsePositiveRate":
      return fp / (tn + fp);
    case "falseNegativeRate":
      return fn / (tp + fn);
    case "truePositiveRate":
      return tp / (tp + fn);
    case "trueNegativeRate":
      return tn / (tn + fp);
    case "accuracy":
      return (tp + tn) / (tp + tn + fp + fn);
    case "balancedAccuracy":
      return (0.5 * tp) / (tp + fn) + (0.5 * tn) / (tn + fp);
  }
}

/** One trade-off point: a threshold operation and the (x, y) it achieves in its group. */
export interface ThresholdTradeoffPoint {
  readonly x: number;
  readonly y: number;
  readonly operation: ThresholdOperation;
}

/** One group's rows, as the kernel needs them. */
export interface GroupRows {
  readonly score: Float64Array;
  readonly label: Uint8Array;
  readonly weight: Float64Array | undefined;
}

/** Weighted positives and negatives of a group (plain counts without weights). */
export function labelTotals(rows: GroupRows): { positives: number; negatives: number } {
  const positives = new CompensatedSum();
  const negatives = new CompensatedSum();
  for (let i = 0; i < rows.label.length; i++) {
    const w = rows.weight === undefined ? 1 : rows.weight[i]!;
    if (rows.label[i] === 1) positives.add(w);
    else negatives.add(w);
  }
  return { positives: positives.value, negatives: negatives.value };
}

/**
 * A group's trade-off points as columns, in (x, y) order: point `order[i]` is the i-th. Columns
 * rather than objects, because a group has one point per distinct score and only the few on
 * the hull become {@link ThresholdTradeoffPoint}s.
 */
export interface TradeoffColumns {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly threshold: Float64Array;
  /** 1 for the flipped operation `<`, 0 for `>`. */
  readonly flipped: Uint8Array;
  readonly order: Uint32Array;
}

/** Point `i` of the columns as a {@link ThresholdTradeoffPoint}. */
function pointAt(points: TradeoffColumns, i: number): ThresholdTradeoffPoint {
  return {
    x: points.x[i]!,
    y: points.y[i]!,
    operation: { operator: points.flipped[i] === 1 ? "<" : ">", threshold: points.threshold[i]! },
  };
}

/**
 * Every threshold's point, sorted by (x, y) with a stable sort (Fairlearn's
 * `_calculate_tradeoff_points`). Thresholds are +∞ (nothing positive), then the midpoint below
 * each distinct score, the last being −∞. Cost: O(n log n) for the group's n rows (a sort of
 * the scores; the points come out in (x, y) order already when both rates grow as the
 * threshold falls, as FPR and TPR do, and are sorted otherwise).
 */
export function tradeoffPoints(
  rows: GroupRows,
  xMetric: RateMetric,
  yMetric: RateMetric,
  flip: boolean,
): TradeoffColumns {
  // Distinct scores, descending, with the weighted label counts of each (the shared walk).
  const blocks = descendingScoreBlocks(rows.score, rows.label, rows.weight);
  const { count: d, score: distinct, positive: pos, negative: neg } = blocks;
  // Totals summed in the walk's order, so that the last point (everything positive) has
  // exactly tp = positives and fp = negatives: x and y reach 1 whatever the rounding of weights.
  // Plain sums, not compensated ones: the running counts below are Fairlearn's cumulative sums,
  // in its order, and the totals must match them bit for bit.
  let positives = 0;
  let negatives = 0;
  for (let k = 0; k < d; k++) {
    positives += pos[k]!;
    negatives += neg[k]!;
  }
  const m = (d + 1) * (flip ? 2 : 1);
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const threshold = new Float64Array(m);
  const flipped = new Uint8Array(m);
  let j = 0;
  let countNeg = 0;
  let countPos = 0;
  const emit = (t: number) => {
    const tp = countPos;
    const fp = countNeg;
    const tn = negatives - countNeg;
    const fn = positives - countPos;
    x[j] = rateFromCounts(xMetric, tp, fp, tn, fn);
    y[j] = rateFromCounts(yMetric, tp, fp, tn, fn);
    threshold[j++] = t;
    if (flip) {
      x[j] = rateFromCounts(xMetric, fn, tn, fp, tp);
      y[j] = rateFromCounts(yMetric, fn, tn, fp, tp);
      threshold[j] = t;
      flipped[j++] = 1;
    }
  };
  emit(Number.POSITIVE_INFINITY);
  for (let k = 0; k < d; k++) {
    countNeg += neg[k]!;
    countPos += pos[k]!;
    const next = k + 1 < d ? distinct[k + 1]! : Number.NEGATIVE_INFINITY;
    emit((distinct[k]! + next) / 2);
  }
  // The stable sort by (x, y): ties keep emission order.
  const compare = (a: number, b: number) => x[a]! - x[b]! || y[a]! - y[b]! || a - b;
  const sorted = new Uint32Array(m);
  let inOrder = true;
  for (let i = 0; i < m; i++) {
    sorted[i] = i;
    if (i > 0 && compare(i - 1, i) > 0) inOrder = false;
  }
  if (!inOrder) sorted.sort(compare);
  return { x, y, threshold, flipped, order: sorted };
}

/** Andrew's monotone chain, upper hull; collinear points are dropped (Fairlearn's rule). */
export function upperHull(points: TradeoffColumns): ThresholdTradeoffPoint[] {
  const { x, y, order } = points;
  const selected: number[] = [];
  for (const r2 of order) {
    while (selected.length >= 2) {
      const r1 = selected[selected.length - 1]!;
      const r0 = selected[selected.length - 2]!;
      if ((y[r1]! - y[r0]!) * (x[r2]! - x[r0]!) <= (y[r2]! - y[r0]!) * (x[r1]! - x[r0]!)) {
        selected.pop();
      } else break;
    }
    selected.push(r2);
  }
  return selected.map((i) => pointAt(points, i));
}

/** numpy.linspace(0, 1, gridSize + 1). */
export function grid(gridSize: number): Float64Array {
  const step = 1 / gridSize;
  const x = new Float64Array(gridSize + 1);
  for (let k = 0; k <= gridSize; k++) x[k] = k * step;
  x[gridSize] = 1;
  return x;
}

/** A hull interpolated on the grid: at x_k, `p0` of hull point `index[k]` and `1 − p0` of the next. */
export interface InterpolatedCurve {
  readonly y: Float64Array;
  readonly p0: Float64Array;
  readonly p1: Float64Array;
  readonly index: Int32Array;
}

/** Fairlearn's `_interpolate_curve` (searchsorted right, minus one; left neighbour on exact hits). */
export function interpolate(
  hull: readonly ThresholdTradeoffPoint[],
  x: Float64Array,
): InterpolatedCurve {
  const m = x.length;
  const y = new Float64Array(m);
  const p0 = new Float64Array(m);
  const p1 = new Float64Array(m);
  const index = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const xk = x[k]!;
    let lo = 0;
    let hi = hull.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hull[mid]!.x <= xk) lo = mid + 1;
      else hi = mid;
    }
    let idx = lo - 1;
    if (k > 0 && xk === hull[idx]!.x) idx -= 1;
    const a = hull[idx]!;
    const b = hull[idx + 1]!;
    const q0 = (b.x - xk) / (b.x - a.x);
    const q1 = 1 - q0;
    p0[k] = q0;
    p1[k] = q1;
    y[k] = q0 * a.y + q1 * b.y;
    index[k] = idx;
  }
  return { y, p0, p1, index };
}

/** numpy.around(v, 15): scale, round half to even, unscale. */
export function round15(v: number): number {
  const scaled = v * 1e15;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  let r: number;
  if (fraction < 0.5) r = floor;
  else if (fraction > 0.5) r = floor + 1;
  else r = floor % 2 === 0 ? floor : floor + 1;
  return r / 1e15;
}

/** Index of the first maximum, ignoring NaN (pandas `idxmax`). */
export function firstArgmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (best === -1 || v > values[best]!) best = i;
  }
  return best;
}

/** Fairlearn's `maximize_objective_with_tolerance`: one grid index per group, x range ≤ tol. */
export function maximizeWithTolerance(
  x: Float64Array,
  weightedY: readonly Float64Array[],
  tol: number,
): { indices: number[]; objective: number; violation: number } {
  const m = weightedY.length;
  const deques: number[][] = weightedY.map(() => []);
  const heads = new Array<number>(m).fill(0);
  let best: number[] = [];
  let maxObjective = Number.NEGATIVE_INFINITY;
  let minViolation = Number.POSITIVE_INFINITY;
  let start = 0;
  for (let end = 0; end < x.length; end++) {
    for (let k = 0; k < m; k++) {
      const dq = deques[k]!;
      const y = weightedY[k]!;
      while (dq.length > heads[k]! && y[dq[dq.length - 1]!]! <= y[end]!) dq.pop();
      dq.push(end);
    }
    while (x[end]! - x[start]! > tol) {
      for (let k = 0; k < m; k++) {
        if (deques[k]!.length > heads[k]! && deques[k]![heads[k]!] === start) heads[k]! += 1;
      }
      start += 1;
    }
    const current = deques.map((dq, k) => dq[heads[k]!]!);
    let objective = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      objective += weightedY[k]![current[k]!]!;
      const xk = x[current[k]!]!;
      if (xk < lo) lo = xk;
      if (xk > hi) hi = xk;
    }
    const violation = hi - lo;
    if (objective > maxObjective || (objective === maxObjective && violation <= minViolation)) {
      maxObjective = objective;
      best = current;
      minViolation = violation;
    }
  }
  return { indices: best, objective: maxObjective, violation: minViolation };
}

/** One group's fitted randomised threshold rule (Fairlearn's interpolation Bunch). */
export interface FittedGroupRule {
  /** Weight of the first operation. */
  readonly p0: number;
  /** The first operation. */
  readonly operation0: ThresholdOperation;
  /** Weight of the second operation (p0 + p1 = 1). */
  readonly p1: number;
  /** The second operation. */
  readonly operation1: ThresholdOperation;
  /** Equalized odds only: probability of replacing the rule by "positive with probability x*". */
  readonly pIgnore?: number;
  /** Equalized odds only: the positive probability mixed in (x*, the common FPR). */
  readonly predictionConstant?: number;
}

export interface KernelOptions {
  /** `undefined` for equalized odds. */
  readonly constraint: ConstraintMetric | undefined;
  readonly objective: ObjectiveMetric;
  readonly gridSize: number;
  readonly flip: boolean;
  /** 0 or undefined: exact parity. */
  readonly tol: number | undefined;
}

export interface KernelResult {
  /** One rule per input group, in input order. */
  readonly rules: FittedGroupRule[];
  /** Common constraint value x* (null with `tol`, where groups may differ). */
  readonly xBest: number | null;
  /** Simple constraints: the group-size-weighted objective; equalized odds: the common TPR. */
  readonly yBest: number;
  readonly xBestPerGroup: number[];
  readonly betweenGroups: number;
  readonly grid: Float64Array;
  /** Each group's interpolated curve on the grid (y at each grid x). */
  readonly curves: Float64Array[];
  /** Simple constraints: Σ_g (n_g / n) y_g; equalized odds: the overlap min_g y_g. */
  readonly overall: Float64Array;
}

function ruleAt(hull: readonly ThresholdTradeoffPoint[], curve: InterpolatedCurve, k: number) {
  const idx = curve.index[k]!;
  return {
    p0: curve.p0[k]!,
    operation0: hull[idx]!.operation,
    p1: curve.p1[k]!,
    operation1: hull[idx + 1]!.operation,
  };
}

/**
 * Fits the rules. `groups` are the groups with rows, each with both labels present (checked by
 * the caller). Cost: O(n log n) for the sorts plus O(gridSize · groups).
 */
export function fitThresholds(groups: readonly GroupRows[], options: KernelOptions): KernelResult {
  const x = grid(options.gridSize);
  const xMetric = options.constraint ?? "falsePositiveRate";
  const yMetric = options.constraint === undefined ? "truePositiveRate" : options.objective;
  const hulls = groups.map((g) => upperHull(tradeoffPoints(g, xMetric, yMetric, options.flip)));
  const curves = hulls.map((h) => interpolate(h, x));
  const totals = groups.map(labelTotals);
  const sizes = groups.map((g, i) =>
    g.weight === undefined ? g.label.length : totals[i]!.positives + totals[i]!.negatives,
  );
  const n = sizes.reduce((a, b) => a + b, 0);

  if (options.constraint === undefined) {
    let positives = 0;
    let negatives = 0;
    for (const t of totals) {
      positives += t.positives;
      negatives += t.negatives;
    }
    const yMin = new Float64Array(x.length).fill(Number.POSITIVE_INFINITY);
    for (const c of curves)
      for (let k = 0; k < x.length; k++) yMin[k] = Math.min(yMin[k]!, c.y[k]!);
    const objective = new Float64Array(x.length);
    for (let k = 0; k < x.length; k++) {
      const xk = x[k]!;
      const ym = yMin[k]!;
      objective[k] = round15(
        rateFromCounts(
          options.objective,
          positives * ym,
          negatives * xk,
          negatives * (1.0 - xk),
          positives * (1.0 - ym),
        ),
      );
    }
    const best = firstArgmax(objective);
    const xBest = x[best]!;
    const yBest = yMin[best]!;
    const rules = curves.map((c, g) => {
      const yg = c.y[best]!;
      const pIgnore = yg === xBest ? 0 : (yg - yBest) / (yg - xBest);
      return { ...ruleAt(hulls[g]!, c, best), pIgnore, predictionConstant: xBest };
    });
    return {
      rules,
      xBest,
      yBest,
      xBestPerGroup: groups.map(() => xBest),
      betweenGroups: 0,
      grid: x,
      curves: curves.map((c) => c.y),
      overall: yMin,
    };
  }

  const overall = new Float64Array(x.length);
  const shares = sizes.map((s) => s / n);
  curves.forEach((c, g) => {
    const share = shares[g]!;
    for (let k = 0; k < x.length; k++) overall[k]! += share * c.y[k]!;
  });
  if (options.tol === undefined || options.tol === 0) {
    const best = firstArgmax(overall);
    const xBest = x[best]!;
    return {
      rules: curves.map((c, g) => ruleAt(hulls[g]!, c, best)),
      xBest,
      yBest: overall[best]!,
      xBestPerGroup: groups.map(() => xBest),
      betweenGroups: 0,
      grid: x,
      curves: curves.map((c) => c.y),
      overall,
    };
  }
  const weighted = curves.map((c, g) => c.y.map((v) => v * shares[g]!));
  const { indices, objective, violation } = maximizeWithTolerance(x, weighted, options.tol);
  return {
    rules: curves.map((c, g) => ruleAt(hulls[g]!, c, indices[g]!)),
    xBest: null,
    yBest: objective,
    xBestPerGroup: indices.map((i) => x[i]!),
    betweenGroups: violation,
    grid: x,
    curves: curves.map((c) => c.y),
    overall,
  };
}

/** P(ŷ = 1) for one score under one group's rule (Fairlearn's `_pmf_predict`, same order). */
export function ruleProbability(rule: FittedGroupRule, score: number): number {
  const base =
    rule.p0 * (applies(rule.operation0, score) ? 1 : 0) +
    rule.p1 * (applies(rule.operation1, score) ? 1 : 0);
  if (rule.pIgnore === undefined) return base;
  return rule.pIgnore * rule.predictionConstant! + (1 - rule.pIgnore) * base;
}

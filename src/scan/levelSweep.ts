/**
 * The exact attribute step of MDSS: the best set of levels of one feature, the other features held
 * fixed, without enumerating the 2^m sets.
 *
 * For a fixed parameter x the penalised score of a set S of levels is Σ_{v∈S} (λ_v(x) − penalty),
 * so the best set at x is {v : λ_v(x) > penalty} (the linear-time subset scanning property, Neill
 * 2012, "Fast subset scan for spatial pattern detection", JRSS-B 74). Each λ_v is concave in x and
 * 0 at the neutral parameter, so {x : λ_v(x) > penalty} is an interval, whose ends are found to
 * full precision. Sorting the 2m ends splits the domain into at most 2m + 1 regions, each with one
 * best set; scoring each region's set exactly (maximising over x again) and keeping the best gives
 * the maximum over all 2^m − 1 sets, since the global maximiser's set is the best set at its own x.
 * Cost: O(m log m) plus, per region, one exact score over that set's distinct expectations.
 */
import { bracketedRoot } from "./root.js";
import type { PartStatistics, Scorer } from "./scoring.js";

/** The open interval of parameters where a level's contribution exceeds the penalty. */
export interface LevelInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * Where λ_v(x) − penalty > 0 for one level, or undefined when nowhere. `maximiser` is the
 * parameter maximising λ_v over the domain.
 */
export function levelInterval(
  scorer: Scorer,
  part: PartStatistics,
  penalty: number,
): LevelInterval | undefined {
  const best = scorer.maximum(part);
  if (!(best.score > penalty)) return undefined;
  const contribution = scorer.contribution(part);
  const excess = (x: number) => {
    const [value, slope] = contribution(x);
    return [value - penalty, slope] as const;
  };
  const farIsLow = scorer.neutral === scorer.high;
  const sign = farIsLow ? -1 : 1;
  const farEnd = farIsLow ? scorer.low : scorer.high;
  // A finite parameter with positive excess: the maximiser, or (when the maximum is a limit at
  // an infinite end of the domain) a point stepped out towards it.
  let top = best.parameter;
  if (!Number.isFinite(top)) {
    let step = 1;
    while (!(excess(scorer.neutral + sign * step)[0] > 0)) step *= 2;
    top = scorer.neutral + sign * step;
  }
  const near = penalty === 0 ? scorer.neutral : bracketedRoot(excess, scorer.neutral, top);
  let far: number;
  if (scorer.farLimit(part) >= penalty) {
    far = farEnd;
  } else if (Number.isFinite(farEnd)) {
    far = bracketedRoot(excess, farEnd, top);
  } else {
    let inner = top;
    let step = 1;
    while (excess(top + sign * step)[0] > 0) {
      inner = top + sign * step;
      step *= 2;
    }
    far = bracketedRoot(excess, top + sign * step, inner);
  }
  return farIsLow ? { low: far, high: near } : { low: near, high: far };
}

/**
 * The distinct non-empty sets {v : low_v < x < high_v} as x sweeps the domain (indices into
 * `intervals`; undefined entries never belong). At most 2m + 1 sets, in sweep order.
 */
export function sweepSets(
  intervals: readonly (LevelInterval | undefined)[],
  domainLow: number,
  domainHigh: number,
): number[][] {
  const points: number[] = [];
  for (const interval of intervals) {
    if (interval === undefined) continue;
    if (Number.isFinite(interval.low)) points.push(interval.low);
    if (Number.isFinite(interval.high)) points.push(interval.high);
  }
  points.sort((a, b) => a - b);
  const edges = [domainLow, ...points, domainHigh];
  const sets: number[][] = [];
  const seen = new Set<string>();
  for (let k = 1; k < edges.length; k++) {
    const a = edges[k - 1]!;
    const b = edges[k]!;
    if (!(a < b)) continue;
    const x = Number.isFinite(a) ? (Number.isFinite(b) ? a + (b - a) / 2 : a + 1) : b - 1;
    const members: number[] = [];
    intervals.forEach((interval, v) => {
      if (interval !== undefined && interval.low < x && x < interval.high) members.push(v);
    });
    const key = members.join(",");
    if (members.length > 0 && !seen.has(key)) {
      seen.add(key);
      sets.push(members);
    }
  }
  return sets;
}

/** The union of parts (sums, and the concatenated expectation lists). */
export function mergeParts(parts: readonly PartStatistics[]): PartStatistics {
  const merged: PartStatistics = { y: 0, n: 0, expectations: [], counts: [] };
  for (const part of parts) {
    merged.y += part.y;
    merged.n += part.n;
    for (let k = 0; k < part.expectations.length; k++) {
      merged.expectations.push(part.expectations[k]!);
      merged.counts.push(part.counts[k]!);
    }
  }
  return merged;
}

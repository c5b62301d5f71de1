/**
 * Kaplan–Meier estimates (Kaplan and Meier, JASA 53:457–481, 1958) of the event-free survival
 * and of the censoring distribution, with case weights (bootstrap multiplicities or sample
 * weights) and Greenwood's variance.
 */

/** A Kaplan–Meier step function. */
export interface KaplanMeier {
  /** Distinct observed times, ascending. */
  readonly times: Float64Array;
  /** Weighted number at risk just before each time (Σw over rows with time ≥ t). */
  readonly atRisk: Float64Array;
  /** Weighted number of events at each time. */
  readonly events: Float64Array;
  /** S(t): the product of (1 − d_s / n_s) over s ≤ t. */
  readonly survival: Float64Array;
  /** Greenwood's sum Σ_{s ≤ t} d_s / (n_s (n_s − d_s)) (Var S(t) = S(t)² times it). */
  readonly greenwood: Float64Array;
}

/**
 * Kaplan–Meier estimate from rows sorted by time (`order`), with row weights `weight` (rows of
 * weight 0 are absent) and `event[i]` = 1 for an event. With `censoring`, the roles are swapped:
 * the estimate is of the censoring survival G, and at tied times events are taken to precede
 * censoring (the usual convention), so a row censored at t was at risk of censoring at t.
 *
 * Cost: O(n).
 */
export function kaplanMeierSorted(
  time: Float64Array,
  event: Uint8Array,
  weight: Float64Array,
  order: Uint32Array,
  censoring = false,
): KaplanMeier {
  let remaining = 0;
  for (let i = 0; i < order.length; i++) remaining += weight[order[i] as number] as number;
  const times: number[] = [];
  const atRisk: number[] = [];
  const eventCounts: number[] = [];
  const survival: number[] = [];
  const greenwood: number[] = [];
  let s = 1;
  let g = 0;
  let i = 0;
  while (i < order.length) {
    const t = time[order[i] as number] as number;
    let events = 0;
    let censored = 0;
    let j = i;
    for (; j < order.length && time[order[j] as number] === t; j++) {
      const r = order[j] as number;
      if (event[r] === 1) events += weight[r] as number;
      else censored += weight[r] as number;
    }
    const leaving = events + censored;
    if (leaving > 0) {
      // For the censoring distribution, events at t leave the risk set before censoring at t.
      const n = censoring ? remaining - events : remaining;
      const d = censoring ? censored : events;
      if (d > 0) {
        s *= 1 - d / n;
        g += n > d ? d / (n * (n - d)) : Number.POSITIVE_INFINITY;
      }
      times.push(t);
      atRisk.push(n);
      eventCounts.push(d);
      survival.push(s);
      greenwood.push(g);
      remaining -= leaving;
    }
    i = j;
  }
  return {
    times: Float64Array.from(times),
    atRisk: Float64Array.from(atRisk),
    events: Float64Array.from(eventCounts),
    survival: Float64Array.from(survival),
    greenwood: Float64Array.from(greenwood),
  };
}

/** Index of the last step at or before t (−1 before the first time). */
export function stepIndex(km: KaplanMeier, t: number): number {
  let lo = 0;
  let hi = km.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((km.times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** S(t) (right-continuous: includes the step at t). */
export function survivalAt(km: KaplanMeier, t: number): number {
  const i = stepIndex(km, t);
  return i < 0 ? 1 : (km.survival[i] as number);
}

/** S(t−): the survival just before t. */
export function survivalBefore(km: KaplanMeier, t: number): number {
  let lo = 0;
  let hi = km.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((km.times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : (km.survival[lo - 1] as number);
}

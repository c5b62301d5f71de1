/**
 * Roots of monotone functions to full double precision: safeguarded Newton on a sign-change
 * bracket (a Newton step that leaves the bracket, or does not halve it, is replaced by bisection).
 */

/** A function and its derivative at one point. */
export type ValueAndSlope = (x: number) => readonly [value: number, slope: number];

/**
 * The root of a continuous function on [low, high] where its sign differs at the two ends, to
 * adjacent doubles (or an exact zero). Newton steps converge quadratically near a simple root;
 * bisection guarantees progress, so the cost is at most ~2100 evaluations and usually under 10.
 *
 * @param f - value and derivative
 * @param low - one end of the bracket
 * @param high - the other end (f(low) and f(high) have opposite signs, or one is 0)
 * @example
 * bracketedRoot((x) => [x * x - 4, 2 * x], 0, 3); // => 2
 */
export function bracketedRoot(f: ValueAndSlope, low: number, high: number): number {
  let [fLow] = f(low);
  const [fHigh] = f(high);
  if (fLow === 0) return low;
  if (fHigh === 0) return high;
  if (Math.sign(fLow) === Math.sign(fHigh)) {
    throw new RangeError(`bracketedRoot: no sign change on [${low}, ${high}]`);
  }
  let a = low;
  let b = high;
  let x = (a + b) / 2;
  let previousStep = Math.abs(b - a);
  for (let iteration = 0; iteration < 2000; iteration++) {
    const [fx, slope] = f(x);
    if (fx === 0) return x;
    if (Math.sign(fx) === Math.sign(fLow)) {
      a = x;
      fLow = fx;
    } else {
      b = x;
    }
    const mid = (a + b) / 2;
    if (mid === a || mid === b) return Math.abs(f(a)[0]) <= Math.abs(f(b)[0]) ? a : b;
    const newton = x - fx / slope;
    const step = Math.abs(newton - x);
    // Numerical Recipes' rtsafe rule: bisect when Newton leaves the bracket or its step does not
    // halve the previous one.
    if (!(newton > Math.min(a, b) && newton < Math.max(a, b)) || step > previousStep / 2) {
      previousStep = Math.abs(mid - x);
      x = mid;
      continue;
    }
    // A Newton step of a few units in the last place has converged.
    if (step <= 4 * Number.EPSILON * Math.abs(x)) return newton;
    previousStep = step;
    x = newton;
  }
  return x;
}

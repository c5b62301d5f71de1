/**
 * Special functions behind the distribution functions: log-gamma, log-factorial and the
 * regularized incomplete gamma and beta functions, in double precision.
 *
 * Log-gamma is Stirling's series with its Bernoulli-number correction (Abramowitz & Stegun 6.1.40),
 * applied at z ≥ 10 after shifting smaller arguments up by the recurrence Γ(z + 1) = z Γ(z). The
 * incomplete functions are the power series and the modified-Lentz continued fractions of
 * Numerical Recipes (Press et al., 3rd ed., §6.2 and §6.4), with the prefactors written through the
 * Stirling remainder so that large arguments keep their relative precision (Temme 1996, §11.3).
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Stirling's series is used from this argument up; below it the recurrence shifts the argument. */
const STIRLING_FROM = 10;
/** Relative precision at which the series and the continued fractions stop. */
const EPSILON = 1e-16;
/** Smallest magnitude kept in the modified Lentz algorithm (avoids division by zero). */
const TINY = 1e-300;
/** Iteration cap of the series and continued fractions; reached only for arguments near 1e12. */
const MAX_ITERATIONS = 1_000_000;

/**
 * The remainder δ(z) = ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π) of Stirling's approximation.
 * For z ≥ 10 the asymptotic series Σ B₂ₖ / (2k (2k − 1) z²ᵏ⁻¹) to k = 7 (error below 1e-17);
 * below, the difference of ln Γ and the Stirling main part, both small there.
 * Reference: Abramowitz & Stegun 6.1.41.
 */
export function stirlingRemainder(z: number): number {
  if (z < STIRLING_FROM) return logGamma(z) - stirlingMain(z);
  const r = 1 / z;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

function stirlingMain(z: number): number {
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI;
}

/**
 * ln Γ(z) for z > 0: Stirling's series at z ≥ 10, the recurrence ln Γ(z) = ln Γ(z + n) −
 * ln(z (z + 1) ⋯ (z + n − 1)) below. Absolute error below 4e-15 × max(1, |ln Γ(z)|).
 * NaN for z ≤ 0 or NaN. Reference: Abramowitz & Stegun 6.1.40.
 *
 * @example
 * Math.exp(logGamma(5)); // => 24.000000000000004
 */
export function logGamma(z: number): number {
  if (!(z > 0)) return Number.NaN;
  if (z === Number.POSITIVE_INFINITY) return z;
  if (z >= STIRLING_FROM) return stirlingMain(z) + stirlingRemainder(z);
  let product = 1;
  let shifted = z;
  while (shifted < STIRLING_FROM) {
    product *= shifted;
    shifted += 1;
  }
  return stirlingMain(shifted) + stirlingRemainder(shifted) - Math.log(product);
}

/** n! is finite in double precision up to this n. */
const LARGEST_FINITE_FACTORIAL = 170;
/** ln n! for n ≤ 170, filled on first use from the running product (exact up to 22!). */
let logFactorialTable: Float64Array | undefined;

/**
 * ln n! for a whole number n ≥ 0: the logarithm of the product n! up to n = 170 (where it is
 * finite), ln Γ(n + 1) above. NaN for other arguments.
 *
 * @example
 * logFactorial(3) === Math.log(6); // => true
 */
export function logFactorial(n: number): number {
  if (!(Number.isInteger(n) && n >= 0)) return Number.NaN;
  if (n > LARGEST_FINITE_FACTORIAL) return logGamma(n + 1);
  if (logFactorialTable === undefined) {
    logFactorialTable = new Float64Array(LARGEST_FINITE_FACTORIAL + 1);
    let product = 1;
    for (let k = 2; k <= LARGEST_FINITE_FACTORIAL; k++) {
      product *= k;
      logFactorialTable[k] = Math.log(product);
    }
  }
  return logFactorialTable[n] as number;
}

/**
 * ln(xᵃ e⁻ˣ / Γ(a)), the common factor of the incomplete gamma series and continued fraction,
 * written as a (ln(x/a) − (x − a)/a) + ½ ln(a / 2π) − δ(a) so that no large terms cancel.
 */
function logGammaPrefactor(a: number, x: number): number {
  const u = (x - a) / a;
  const main = Math.abs(u) < 0.5 ? a * (Math.log1p(u) - u) : a * Math.log(x / a) - (x - a);
  return main + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingRemainder(a);
}

/** Σ xⁿ / (a (a + 1) ⋯ (a + n)), the series of P(a, x) without its prefactor. */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum;
}

/** The continued fraction of Q(a, x) without its prefactor (modified Lentz). */
function upperGammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x),
 * each computed directly (series for x < a + 1, continued fraction above) so that a small tail
 * keeps its relative precision. NaN for a ≤ 0, x < 0 or NaN arguments.
 * Reference: Numerical Recipes (3rd ed.) §6.2; the χ² tail is Q(k/2, x/2).
 *
 * @example
 * regularizedGamma(1, 2).upper; // => 0.1353352832366127
 */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0 && x >= 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  const prefactor = Math.exp(logGammaPrefactor(a, x));
  if (x < a + 1) {
    const lower = prefactor * lowerGammaSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = prefactor * upperGammaFraction(a, x);
  return { lower: 1 - upper, upper };
}

/**
 * ln(xᵃ (1 − x)ᵇ / B(a, b)), written through Stirling remainders so that large a and b keep their
 * relative precision: a ln(x (a + b) / a) + b ln(1 − d/b) + ½ ln(ab / (a+b)) − ½ ln 2π − δ(a) − δ(b)
 * + δ(a + b), with d = x (a + b) − a (so that 1 − x is never rounded).
 */
function logBetaPrefactor(a: number, b: number, x: number): number {
  const total = a + b;
  const d = x * total - a;
  const u = d / a;
  return (
    a * (Math.abs(u) < 0.5 ? Math.log1p(u) : Math.log((x * total) / a)) +
    b * Math.log1p(-d / b) +
    0.5 * Math.log((a * b) / total) -
    HALF_LOG_TWO_PI -
    stirlingRemainder(a) -
    stirlingRemainder(b) +
    stirlingRemainder(total)
  );
}

/** The continued fraction of I_x(a, b) without its prefactor (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b), each
 * from the continued fraction on its own side of the mean so that a small tail keeps its relative
 * precision. NaN for a ≤ 0, b ≤ 0, x outside [0, 1] or NaN arguments.
 * Reference: Numerical Recipes (3rd ed.) §6.4.
 *
 * @example
 * regularizedBeta(0.5, 2, 2).lower; // => 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): { lower: number; upper: number } {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return { lower: Number.NaN, upper: Number.NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === 1) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logBetaPrefactor(a, b, x)) * betaFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logBetaPrefactor(a, b, x)) * betaFraction(b, a, 1 - x)) / b;
  return { lower: 1 - upper, upper };
}

/** The beta density xᵃ⁻¹ (1 − x)ᵇ⁻¹ / B(a, b), from the same prefactor as the incomplete beta. */
export function betaDensity(x: number, a: number, b: number): number {
  if (!(x > 0 && x < 1)) return Number.NaN;
  return Math.exp(logBetaPrefactor(a, b, x)) / (x * (1 - x));
}

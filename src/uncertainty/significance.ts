/**
 * Significance tests for comparing rates between groups: the two-proportion z-test, Fisher's exact
 * test on a 2×2 table and Pearson's chi-square test of homogeneity across k groups. Conventions
 * are statsmodels' and scipy's (see each function).
 */
import { normalCdf } from "../stats/distributions.js";
import { regularizedGamma } from "../stats/special.js";

/** A test statistic with its two-sided p-value. */
export interface TestResult {
  /** The test statistic (z, χ², or the odds ratio for Fisher's test). */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/** Chi-square test result, with the degrees of freedom and expected counts. */
export interface ChiSquareResult extends TestResult {
  /** Degrees of freedom, (rows − 1)(columns − 1). */
  readonly dof: number;
  /** Expected counts under homogeneity, row-major like the table. */
  readonly expected: readonly (readonly number[])[];
}

/** Relative tolerance under which two hypergeometric probabilities count as equal (scipy's). */
const FISHER_RELATIVE_TOLERANCE = 1e-14;

function checkCount(fn: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${fn}: ${name} must be finite and >= 0, got ${value}`);
  }
}

/**
 * Two-proportion z-test with pooled variance, H₀: p₁ = p₂:
 * z = (p̂₁ − p̂₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂), p = 2·(1 − Φ(|z|)).
 * Reference: statsmodels `proportions_ztest([x1, x2], [n1, n2])` (two-sided, pooled). NaN when the
 * pooled variance is zero (both rates 0 or both 1) or a group is empty. Cost O(1).
 *
 * @example
 * twoProportionZTest(1829, 3175, 696, 2103).statistic; // => 17.45213211347134
 */
export function twoProportionZTest(
  count1: number,
  nobs1: number,
  count2: number,
  nobs2: number,
): TestResult {
  for (const [name, v] of [
    ["count1", count1],
    ["nobs1", nobs1],
    ["count2", count2],
    ["nobs2", nobs2],
  ] as const) {
    checkCount("twoProportionZTest", name, v);
  }
  if (count1 > nobs1 || count2 > nobs2) {
    throw new RangeError("twoProportionZTest: a count exceeds its number of observations");
  }
  const p1 = count1 / nobs1;
  const p2 = count2 / nobs2;
  const pooled = (count1 + count2) / (nobs1 + nobs2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nobs1 + 1 / nobs2));
  const statistic = (p1 - p2) / se;
  const pValue = 2 * normalCdf(-Math.abs(statistic));
  return { statistic, pValue };
}

/**
 * Fisher's exact test on the 2×2 table [[a, b], [c, d]] (rows: two groups; columns: outcome yes /
 * no). The statistic is the sample odds ratio ad/(bc) (Infinity when b or c is 0); the two-sided
 * p-value sums the hypergeometric probabilities (margins fixed) of every table at most as likely
 * as the observed one, with scipy's relative tolerance 1e-14 for ties. When a row or column sums
 * to zero the statistic is NaN and the p-value 1. The probabilities are computed relative to the
 * mode by the exact ratio recurrence and normalised by their sum (see `hypergeometricRelative`),
 * which keeps ties exact to 1e-14 and the p-value accurate to a few ulps (log-factorial pmfs are
 * only ~1e-13 accurate and split ties that scipy counts).
 * Reference: scipy `stats.fisher_exact(table, alternative='two-sided')`. Cost O(min(row, column
 * totals)) arithmetic operations.
 *
 * @example
 * fisherExactTest([[117, 122], [27, 34]]).pValue; // => 0.5668815576132709
 */
export function fisherExactTest(table: readonly (readonly number[])[]): TestResult {
  const [r0, r1] = table;
  const a = r0?.[0];
  const b = r0?.[1];
  const c = r1?.[0];
  const d = r1?.[1];
  if (table.length !== 2 || r0?.length !== 2 || r1?.length !== 2) {
    throw new RangeError("fisherExactTest: table must be 2x2");
  }
  for (const [name, v] of [
    ["table[0][0]", a],
    ["table[0][1]", b],
    ["table[1][0]", c],
    ["table[1][1]", d],
  ] as const) {
    if (!(Number.isInteger(v) && (v as number) >= 0)) {
      throw new RangeError(`fisherExactTest: ${name} must be a non-negative integer, got ${v}`);
    }
  }
  const t00 = a as number;
  const t01 = b as number;
  const t10 = c as number;
  const t11 = d as number;
  const row0 = t00 + t01;
  const row1 = t10 + t11;
  const col0 = t00 + t10;
  const col1 = t01 + t11;
  if (row0 === 0 || row1 === 0 || col0 === 0 || col1 === 0) {
    return { statistic: Number.NaN, pValue: 1 };
  }
  const statistic = t01 > 0 && t10 > 0 ? (t00 * t11) / (t01 * t10) : Number.POSITIVE_INFINITY;
  const relative = hypergeometricRelative(row0 + row1, row0, col0);
  const lo = Math.max(0, col0 - row1);
  const threshold = (relative[t00 - lo] as number) * (1 + FISHER_RELATIVE_TOLERANCE);
  const tail = sumSmallestFirst(relative, (r) => r <= threshold);
  const all = sumSmallestFirst(relative, () => true);
  return { statistic, pValue: Math.min(1, tail / all) };
}

/**
 * Hypergeometric probabilities over the support [max(0, n − (N − K)), min(n, K)], relative to the
 * mode's (= 1), by the exact ratio P(x + 1)/P(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)).
 * Each value carries a few ulps of rounding, so probabilities that are equal by symmetry stay
 * within scipy's 1e-14 tie tolerance; log-factorial formulas lose ~1e-13 to
 * cancellation and would split such ties.
 */
function hypergeometricRelative(
  population: number,
  successes: number,
  draws: number,
): Float64Array {
  const lo = Math.max(0, draws - (population - successes));
  const hi = Math.min(draws, successes);
  const mode = Math.min(
    hi,
    Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))),
  );
  const out = new Float64Array(hi - lo + 1);
  out[mode - lo] = 1;
  const others = population - successes - draws;
  for (let x = mode; x < hi; x++) {
    out[x + 1 - lo] =
      ((out[x - lo] as number) * (successes - x) * (draws - x)) / ((x + 1) * (others + x + 1));
  }
  for (let x = mode; x > lo; x--) {
    out[x - 1 - lo] =
      ((out[x - lo] as number) * x * (others + x)) / ((successes - x + 1) * (draws - x + 1));
  }
  return out;
}

/**
 * Compensated sum of the selected values of a unimodal sequence, from both ends inwards so the
 * small tail terms are added first.
 */
function sumSmallestFirst(values: Float64Array, take: (v: number) => boolean): number {
  let sum = 0;
  let compensation = 0;
  const add = (x: number) => {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  };
  for (let i = 0, j = values.length - 1; i <= j; i++, j--) {
    const a = values[i] as number;
    if (take(a)) add(a);
    if (i !== j) {
      const b = values[j] as number;
      if (take(b)) add(b);
    }
  }
  return sum + compensation;
}

/**
 * Pearson's chi-square test of homogeneity of a k × c table of counts (rows: groups; columns:
 * outcomes): X² = Σ (O − E)²/E with E = row total × column total / n, dof = (k − 1)(c − 1),
 * p = P(χ²_dof > X²). With `yates` and dof = 1 (a 2×2 table), each observed count first moves
 * by min(0.5, |E − O|) towards its expected count (Yates' continuity correction).
 * Reference: scipy `stats.chi2_contingency(table, correction)`; the upper tail is the regularised
 * upper incomplete gamma Q(dof/2, X²/2) (src/stats/special.ts). When an
 * expected count is zero (an empty row or column) the statistic and p-value are NaN (scipy
 * raises). Cost O(k·c).
 *
 * @example
 * chiSquareHomogeneityTest([[10, 20], [20, 10]]).dof; // => 1
 */
export function chiSquareHomogeneityTest(
  table: readonly (readonly number[])[],
  options: { readonly yates?: boolean } = {},
): ChiSquareResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < 2 || cols < 2) {
    throw new RangeError("chiSquareHomogeneityTest: table needs at least 2 rows and 2 columns");
  }
  const rowTotals = new Float64Array(rows);
  const colTotals = new Float64Array(cols);
  let total = 0;
  table.forEach((row, r) => {
    if (row.length !== cols) {
      throw new RangeError(
        `chiSquareHomogeneityTest: row ${r} has ${row.length} cells, not ${cols}`,
      );
    }
    row.forEach((v, c) => {
      checkCount("chiSquareHomogeneityTest", `table[${r}][${c}]`, v);
      rowTotals[r] = (rowTotals[r] as number) + v;
      colTotals[c] = (colTotals[c] as number) + v;
      total += v;
    });
  });
  const dof = (rows - 1) * (cols - 1);
  const expected = table.map((_, r) =>
    Array.from(colTotals, (ct) => ((rowTotals[r] as number) * ct) / total),
  );
  if (expected.some((row) => row.some((e) => !(e > 0)))) {
    return { statistic: Number.NaN, pValue: Number.NaN, dof, expected };
  }
  const correct = options.yates === true && dof === 1;
  let statistic = 0;
  table.forEach((row, r) => {
    row.forEach((o, c) => {
      const e = expected[r]?.[c] as number;
      let observed = o;
      if (correct) observed += Math.sign(e - o) * Math.min(0.5, Math.abs(e - o));
      statistic += (observed - e) ** 2 / e;
    });
  });
  const pValue = regularizedGamma(dof / 2, statistic / 2).upper;
  return { statistic, pValue, dof, expected };
}

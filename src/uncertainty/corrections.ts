/**
 * Multiple-comparison corrections: Holm's step-down (family-wise error) and Benjamini–Hochberg's
 * step-up (false discovery rate), with statsmodels' `multipletests` conventions.
 */
import { orderByScore } from "../stats/order.js";

/** How p-values of a family of comparisons are adjusted. */
export type CorrectionMethod = "holm" | "benjaminiHochberg";

/** Adjusted p-values and rejections, in the input order. */
export interface AdjustedPValues {
  /** The correction applied. */
  readonly method: CorrectionMethod;
  /** The family-wise error rate (holm) or false discovery rate (benjaminiHochberg) controlled. */
  readonly alpha: number;
  /** Adjusted p-values (NaN stays NaN). */
  readonly adjusted: number[];
  /** Whether each hypothesis is rejected at `alpha`. */
  readonly reject: boolean[];
}

/**
 * Adjusts a family of p-values for multiple comparisons. With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted and i the rank:
 * - Holm: p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎); rejects step-down while
 *   p₍ᵢ₎ ≤ α/(m − i + 1) (Holm 1979, Scand. J. Stat. 6);
 * - Benjamini–Hochberg: p̃₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎/j); rejects ranks up to the largest
 *   i with p₍ᵢ₎ ≤ α·i/m (Benjamini & Hochberg 1995, JRSS B 57).
 * Ties get equal adjusted values. The arithmetic follows statsmodels' operation order (p/(i/m),
 * (i/m)·α), so results match it to the last bit. Reference: statsmodels `multipletests(pvals, alpha,
 * method='holm' | 'fdr_bh')`. Cost O(m log m).
 *
 * @param pValues - raw p-values in [0, 1]
 * @param options - `method` and the family-wise / false-discovery level `alpha`
 * @defaultValue method "holm", alpha 0.05
 * @example
 * adjustPValues([0.01, 0.04, 0.03], { method: "holm" }).adjusted; // => [0.03, 0.06, 0.06]
 */
export function adjustPValues(
  pValues: readonly number[],
  options: { readonly method?: CorrectionMethod; readonly alpha?: number } = {},
): AdjustedPValues {
  const method = options.method ?? "holm";
  const alpha = options.alpha ?? 0.05;
  if (method !== "holm" && method !== "benjaminiHochberg") {
    throw new RangeError(`adjustPValues: unknown method ${JSON.stringify(method)}`);
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`adjustPValues: alpha must be in (0, 1), got ${alpha}`);
  }
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`adjustPValues: pValues[${i}] must be in [0, 1], got ${p}`);
    }
  });
  const m = pValues.length;
  const order = Array.from(orderByScore(Float64Array.from(pValues)));
  const sorted = order.map((i) => pValues[i] as number);
  const adjustedSorted = new Array<number>(m);
  const rejectSorted = new Array<boolean>(m).fill(false);
  if (method === "holm") {
    let running = 0;
    for (let i = 0; i < m; i++) {
      running = Math.max(running, Math.min(1, (m - i) * (sorted[i] as number)));
      adjustedSorted[i] = running;
    }
    for (let i = 0; i < m && (sorted[i] as number) <= alpha / (m - i); i++) rejectSorted[i] = true;
  } else {
    let running = 1;
    for (let i = m - 1; i >= 0; i--) {
      running = Math.min(running, (sorted[i] as number) / ((i + 1) / m));
      adjustedSorted[i] = running;
    }
    let last = -1;
    for (let i = 0; i < m; i++) if ((sorted[i] as number) <= ((i + 1) / m) * alpha) last = i;
    for (let i = 0; i <= last; i++) rejectSorted[i] = true;
  }
  const adjusted = new Array<number>(m);
  const reject = new Array<boolean>(m);
  order.forEach((original, rank) => {
    adjusted[original] = adjustedSorted[rank] as number;
    reject[original] = rejectSorted[rank] as boolean;
  });
  return { method, alpha, adjusted, reject };
}

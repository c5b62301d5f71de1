/**
 * Number and name formatting shared by the findings and every renderer.
 */
import type { Estimate, Interval, ReportWarning } from "./types.js";

/**
 * A metric value for people: 3 decimals (trailing zeros kept, so columns align), `n/a` when
 * undefined; `digits = 0` for counts.
 *
 * @example
 * formatValue(0.12345); // => "0.123"
 */
export function formatValue(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  if (digits === 0) return String(Math.round(value));
  if (Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 10 ** -digits)) {
    return value.toExponential(2);
  }
  return value.toFixed(digits);
}

/**
 * An interval as `95% CI 0.090–0.150` (`95% CI -0.100 to 0.150` when the lower end is
 * negative, so the dash cannot read as a minus sign); `no 95% CI` for method `none`, with
 * `(too few rows)` when its reason is `smallDenominator`.
 *
 * @example
 * formatInterval({ lower: 0.09, upper: 0.15, level: 0.95, method: "wilson" }); // => "95% CI 0.090–0.150"
 * formatInterval({ lower: null, upper: null, level: 0.95, method: "none", reason: "smallDenominator" }); // => "no 95% CI (too few rows)"
 */
export function formatInterval(interval: Interval, digits = 3): string {
  const level = Number((interval.level * 100).toFixed(2));
  if (interval.method === "none") {
    return `no ${level}% CI${interval.reason === "smallDenominator" ? " (too few rows)" : ""}`;
  }
  const low = formatValue(interval.lower, digits);
  const high = formatValue(interval.upper, digits);
  const sep = interval.lower !== null && interval.lower < 0 ? " to " : "–";
  return `${level}% CI ${low}${sep}${high}`;
}

/**
 * A value with its interval, when present: `0.120 [0.090, 0.150]`.
 *
 * @example
 * formatEstimate({ value: 0.12 }); // => "0.120"
 */
export function formatEstimate(estimate: Estimate | undefined, digits = 3): string {
  if (estimate === undefined) return "n/a";
  const value = formatValue(estimate.value, digits);
  const i = estimate.interval;
  return i ? `${value} [${formatValue(i.lower, digits)}, ${formatValue(i.upper, digits)}]` : value;
}

/**
 * A metric's display name inside a sentence: lower-case unless it starts with an acronym.
 *
 * @example
 * inSentence("True positive rate"); // => "true positive rate"
 */
export function inSentence(name: string): string {
  if (/^(Brier|Matthews)\b/.test(name)) return name;
  const second = name.charAt(1);
  return second !== "" && second === second.toUpperCase() && second !== second.toLowerCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * What a warning is about, for renderers: its metric and group (`overall` for a metric's
 * overall value), or "" when it names neither.
 *
 * @example
 * warningSubject({ code: "zeroDivision", metric: "precision", group: "b", message: "…" }); // => "precision, b"
 */
export function warningSubject(warning: Pick<ReportWarning, "metric" | "group">): string {
  if (warning.metric === undefined) return warning.group ?? "";
  return `${warning.metric}, ${warning.group ?? "overall"}`;
}

/**
 * A warning's code with its subject in parentheses, e.g. `zeroDivision (precision, b)`.
 *
 * @example
 * warningLabel({ code: "smallGroup", group: "c", message: "…" }); // => "smallGroup (c)"
 */
export function warningLabel(warning: Pick<ReportWarning, "code" | "metric" | "group">): string {
  const subject = warningSubject(warning);
  return subject === "" ? warning.code : `${warning.code} (${subject})`;
}

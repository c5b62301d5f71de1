/**
 * Plain-language findings: each gap of each metric becomes one sentence, with its interval
 * when the report has one.
 */
import { formatInterval, formatValue, inSentence } from "./format.js";
import type { FairnessReportData, Finding } from "./schema.js";

/** Absolute gaps at or above these are a warning / a notice (for metrics bounded in [0, 1]). */
const WARNING_GAP = 0.1;
const NOTICE_GAP = 0.05;

const RANK = { warning: 0, notice: 1, info: 2 } as const;

/**
 * The findings of a report: one sentence per (metric, group) gap against the reference,
 * ordered by severity then size, followed by the impossibility notes. A gap is a `warning` when
 * `|gap| >= 0.1`, a `notice` when `>= 0.05`, else `info`; a gap whose interval includes 0 is
 * `info` (the data do not show a difference), and so is a gap of a small group.
 *
 * Cost: O(metrics × groups).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] }, { minGroupSize: 0 });
 * findingsOf(report)[0].text;
 * // => "The true positive rate for b is 1.000 lower than for a (0.000 vs 1.000; 95% CI -0.122 to 1.000)."
 */
export function findingsOf(report: Omit<FairnessReportData, "findings">): Finding[] {
  const names = new Map(report.metrics.map((m) => [m.id, m.name]));
  const small = new Set(report.groups.filter((g) => g.small).map((g) => g.label));
  const values = new Map(report.groups.map((g) => [g.label, g.values]));
  const reference = report.reference;
  const refValues = reference === "overall" ? report.overall : values.get(reference)!;
  const versus = reference === "overall" ? "overall" : `for ${reference}`;
  const gapFindings: { finding: Finding; size: number }[] = [];
  for (const d of report.disparities) {
    const name = inSentence(names.get(d.metric) ?? d.metric);
    for (const gap of d.gaps) {
      const diff = gap.difference.value;
      if (diff === null) continue;
      const own = values.get(gap.group)?.[d.metric]?.value ?? null;
      const ref = refValues[d.metric]?.value ?? null;
      const interval = gap.difference.interval;
      const direction = diff > 0 ? "higher" : "lower";
      const size = Math.abs(diff);
      // The sentence states the gap's size in its direction; so does the interval.
      const shown =
        interval && diff < 0
          ? {
              ...interval,
              lower: interval.upper === null ? null : -interval.upper,
              upper: interval.lower === null ? null : -interval.lower,
            }
          : interval;
      const ci = shown ? `; ${formatInterval(shown)}` : "";
      const text =
        diff === 0
          ? `The ${name} for ${gap.group} equals the one ${versus} (${formatValue(own)}).`
          : `The ${name} for ${gap.group} is ${formatValue(size)} ${direction} than ${versus} ` +
            `(${formatValue(own)} vs ${formatValue(ref)}${ci}).` +
            (small.has(gap.group) ? ` ${gap.group} has only ${gap.count} rows.` : "");
      const includesZero =
        interval !== undefined &&
        interval.lower !== null &&
        interval.upper !== null &&
        interval.lower <= 0 &&
        interval.upper >= 0;
      const severity =
        small.has(gap.group) || includesZero
          ? "info"
          : size >= WARNING_GAP
            ? "warning"
            : size >= NOTICE_GAP
              ? "notice"
              : "info";
      gapFindings.push({ finding: { severity, metric: d.metric, group: gap.group, text }, size });
    }
  }
  gapFindings.sort(
    (a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || b.size - a.size,
  );
  return [
    ...gapFindings.map((f) => f.finding),
    ...(report.impossibilityNotes ?? []).map((n) => ({ severity: "info" as const, text: n.text })),
  ];
}

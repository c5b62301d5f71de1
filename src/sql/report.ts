/**
 * A full {@link FairnessReport} from confusion statistics computed by SQL (or any engine that
 * counts `GROUP BY group, label, prediction`): values, gaps, criteria, findings, warnings and the
 * Chouldechova note, built by the same code as `audit`.
 */
import { chouldechovaNote } from "../calibration/impossibility.js";
import type { GroupIndex } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import { groupMetricsOfConfusion } from "../frame/groupMetrics.js";
import { buildReport } from "../report/build.js";
import { type AuditOptions, resolveAuditOptions } from "../report/options.js";
import type { FairnessReport } from "../report/report.js";
import type { InputSummary, ReportWarning } from "../report/types.js";
import { type ConfusionStats, confusionOf } from "../stats/confusion.js";

/** Options of {@link reportOfConfusion}: the audit's options that apply to counts. */
export interface ConfusionReportOptions
  extends Pick<AuditOptions, "metrics" | "criteria" | "reference" | "minGroupSize" | "title"> {
  /** How the predictions were made, recorded in the report. @defaultValue given predictions */
  readonly input?: Pick<InputSummary, "predictions" | "scores" | "threshold" | "thresholdRule">;
  /** Warnings listed first in the report (e.g. which engine computed it). */
  readonly warnings?: readonly ReportWarning[];
}

/**
 * The report `audit` builds for count metrics, from confusion statistics and their group index
 * (`confusionOfRows` of the rows of `confusionStatement`): per-group values, gaps to the
 * reference and between groups, the criteria, findings, warnings and the Chouldechova note. No
 * confidence intervals, score metrics, calibration or ROC curves: those need the rows.
 *
 * Cost: O(groups × metrics).
 *
 * @throws RangeError on unknown metrics or criteria; TypeError on score metrics;
 *   FairnessInputError on an unknown reference group
 * @example
 * const stats = { groups: 2, counts: Float64Array.of(1, 0, 0, 1, 1, 1, 0, 0), weightSum: undefined, weightComp: undefined };
 * const groups = { featureNames: ["g"], levels: [["a", "b"]], keys: [["a"], ["b"]] };
 * reportOfConfusion(stats, groups).criteria[0].value; // => 0
 */
export function reportOfConfusion(
  stats: ConfusionStats,
  groups: GroupIndex,
  options: ConfusionReportOptions = {},
): FairnessReport {
  const resolved = resolveAuditOptions(
    { scores: false, probabilities: false },
    {
      ...options,
      intervals: false,
    },
  );
  const result = groupMetricsOfConfusion(stats, groups, { metrics: resolved.metrics });
  const base = groupMetricsOfConfusion(stats, groups, { metrics: ["baseRate"] });
  const weights =
    stats.weightSum === undefined
      ? undefined
      : groups.keys.map((_, g) => {
          let sum = 0;
          for (let c = 0; c < 4; c++)
            sum += stats.weightSum![4 * g + c]! + stats.weightComp![4 * g + c]!;
          return sum;
        });
  const note = chouldechovaNote(
    groups.keys.map((key, g) => ({ group: groupLabel(key), counts: confusionOf(stats, g) })),
  );
  return buildReport(
    {
      metrics: result,
      ...(weights ? { groupWeights: weights } : {}),
      baseRate: base.overall.baseRate!,
      confusion: stats,
      impossibilityNotes: note ? [{ code: note.code, text: note.message }] : [],
    },
    {
      options: resolved,
      seed: null,
      input: options.input ?? {
        predictions: "given",
        scores: null,
        threshold: null,
        thresholdRule: null,
      },
      ...(options.warnings ? { warnings: options.warnings } : {}),
    },
  );
}

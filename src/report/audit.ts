/**
 * `audit`: everything fairscope computes for one dataset, as one {@link FairnessReport}.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { prepare } from "../data/prepare.js";
import type { FairnessInput } from "../data/schema.js";
import { unknownKeyIssues } from "../data/unknownKeys.js";
import { groupMetricsOfColumns } from "../frame/groupMetrics.js";
import { getMetric } from "../metrics/registry.js";
import { countConfusion } from "../stats/confusion.js";
import { addCompensated } from "../stats/summation.js";
import { buildReport, referenceIndex } from "./build.js";
import { bootstrapIntervals, calibrationSection, gapIntervals, predictionNotes } from "./enrich.js";
import {
  AUDIT_OPTION_KEYS,
  type AuditOptions,
  DESCRIPTIVE,
  resolveAuditOptions,
} from "./options.js";
import type { FairnessReport } from "./report.js";
import { rocCurves } from "./roc.js";
import { subgroupScanSection } from "./subgroupScan.js";

function groupWeights(columns: Columns): Float64Array | undefined {
  const { weight } = columns;
  if (weight === undefined) return undefined;
  const k = columns.groups.keys.length;
  const sum = new Float64Array(k);
  const comp = new Float64Array(k);
  for (let r = 0; r < columns.n; r++) addCompensated(sum, comp, columns.group[r]!, weight[r]!);
  return sum.map((s, g) => s + comp[g]!);
}

/**
 * Audits a classifier's outcomes for fairness: per-group metrics (with rocAuc and brierScore for
 * probability scores), gaps of every group against a reference group (the largest by default)
 * and between groups, the named criteria (demographic parity, equal opportunity, equalized odds,
 * predictive parity, accuracy), confidence intervals (seeded stratified bootstrap for values,
 * disparities and criteria; Newcombe for gaps of proportions), reliability diagrams and
 * calibration metrics per group (`calibrationByGroup`), warnings, small-group flags,
 * plain-language findings and the notes of Kleinberg et al. (2016) and Chouldechova (2017) on
 * criteria that cannot hold together when base rates differ.
 *
 * Cost: one `groupMetrics` pass; the bootstrap of count metrics costs about one more pass
 * (multinomial on counts, unweighted data) or `nBoot` passes (weighted rows); calibration and
 * ROC curves sort each group's scores.
 *
 * @throws FairnessInputError on invalid data or an unknown reference group; RangeError on
 * invalid options
 * @example
 * const report = audit({
 *   yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"],
 * });
 * report.criteria.find((c) => c.id === "demographicParityDifference")?.value; // => 0.5
 */
export function audit(input: FairnessInput, options: AuditOptions = {}): FairnessReport {
  const columns = prepare(input);
  const unknown = unknownKeyIssues(options, AUDIT_OPTION_KEYS, ["options"]);
  if (unknown.length > 0) throw new FairnessInputError(unknown);
  const probabilities = columns.score !== undefined && columns.scoreKind === "probability";
  const resolved = resolveAuditOptions(
    { scores: columns.score !== undefined, probabilities },
    options,
  );
  const result = groupMetricsOfColumns(columns, {
    metrics: resolved.metrics,
    zeroDivision: resolved.zeroDivision,
  });
  const gapIds = result.metrics.filter((id) => !DESCRIPTIVE.has(id));
  const ref = referenceIndex(result, resolved.reference);
  const seed = resolved.seed ?? (resolved.intervals ? 0 : undefined);
  const iv = resolved.intervals;
  const bootstrapIds = result.metrics.filter(
    (id) =>
      id !== "count" &&
      id !== "weightedCount" &&
      (iv?.scoreMetrics || getMetric(id)!.input === "counts"),
  );
  const intervals =
    iv && bootstrapIds.length > 0
      ? bootstrapIntervals(columns, bootstrapIds, {
          level: iv.level,
          nBoot: iv.nBoot,
          seed: seed!,
          minGroupSize: resolved.minGroupSize,
        })
      : undefined;
  const gaps = iv && ref !== undefined ? gapIntervals(columns, gapIds, ref, iv.level) : undefined;
  const calibration = probabilities
    ? calibrationSection(columns, resolved.calibrationBins)
    : undefined;
  const base = groupMetricsOfColumns(columns, { metrics: ["baseRate"] });
  const weights = groupWeights(columns);
  return buildReport(
    {
      metrics: result,
      ...(weights ? { groupWeights: weights } : {}),
      baseRate: base.overall.baseRate!,
      ...(intervals ? { intervals } : {}),
      ...(gaps ? { gapIntervals: gaps } : {}),
      ...(calibration ? { calibration: calibration.section } : {}),
      ...(columns.score ? { roc: rocCurves(columns) } : {}),
      ...(options.scan ? { subgroupScan: subgroupScanSection(columns, options.scan) } : {}),
      confusion: columns.pred === undefined ? undefined : countConfusion(columns),
      impossibilityNotes: calibration ? calibration.notes : predictionNotes(columns),
    },
    {
      options: resolved,
      seed: seed ?? null,
      input: {
        predictions: input.yPred !== undefined ? "given" : "thresholded",
        scores: columns.scoreKind ?? null,
        threshold:
          input.yPred !== undefined
            ? null
            : (input.threshold ?? (columns.scoreKind === "margin" ? 0 : 0.5)),
        thresholdRule: input.yPred !== undefined ? null : (input.thresholdRule ?? ">="),
      },
      ...(intervals ? { intervalMethod: intervals.method } : {}),
    },
  );
}

/**
 * `audit`: everything fairscope computes for one dataset, as one {@link FairnessReport}.
 */
import type { Columns } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { unknownKeyIssues } from "../data/unknownKeys.js";
import { groupMetricsOfColumns } from "../frame/groupMetrics.js";
import { argmaxGroups, type MembershipMatrix, membershipMatrix } from "../membership/matrix.js";
import type { SoftMembershipInput } from "../membership/softGroupMetrics.js";
import { getMetric } from "../metrics/registry.js";
import { countConfusion } from "../stats/confusion.js";
import { addCompensated } from "../stats/summation.js";
import { buildReport, referenceIndex } from "./build.js";
import { calibrationHierarchySection, netBenefitSection, survivalSection } from "./clinical.js";
import { bootstrapIntervals, calibrationSection, gapIntervals, predictionNotes } from "./enrich.js";
import {
  AUDIT_OPTION_KEYS,
  type AuditOptions,
  DESCRIPTIVE,
  resolveAuditOptions,
} from "./options.js";
import { FairnessReport } from "./report.js";
import { rocCurves } from "./roc.js";
import { subgroupScanSection } from "./subgroupScan.js";
import { softMembershipSection, standardizationSection } from "./targetSections.js";

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
 * Small groups (see docs/small-groups.md): `standardization` adds the metrics in a target
 * population; `sensitiveFeatures` given as a membership-probability matrix
 * (`{ probabilities, groups }`) audits the most probable groups and adds the
 * membership-weighted section.
 *
 * @throws FairnessInputError on invalid data or an unknown reference group; RangeError on
 * invalid options
 * @example
 * const report = audit({
 *   yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"],
 * });
 * report.criteria.find((c) => c.id === "demographicParityDifference")?.value; // => 0.5
 *
 * @category Reports
 */
export function audit(
  given: FairnessInput | SoftMembershipInput,
  options: AuditOptions = {},
): FairnessReport {
  const membership = isMembershipMatrix(given.sensitiveFeatures)
    ? given.sensitiveFeatures
    : undefined;
  const input: FairnessInput =
    membership === undefined
      ? (given as FairnessInput)
      : {
          ...given,
          sensitiveFeatures: {
            group: argmaxGroups(
              membershipMatrix(membership, given.yTrue.length),
              membership.groups,
            ),
          },
        };
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
  const bootstrapIds = resolved.metrics.filter(
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
  const sectionBootstrap = iv ? { level: iv.level, nBoot: iv.nBoot, seed: seed! } : undefined;
  const netBenefit =
    options.netBenefit === undefined
      ? undefined
      : netBenefitSection(
          columns,
          options.netBenefit.thresholds,
          options.netBenefit.grid,
          sectionBootstrap,
        );
  const hierarchyOption = options.calibrationHierarchy ?? false;
  const calibrationHierarchy =
    hierarchyOption !== false && probabilities
      ? calibrationHierarchySection(
          columns,
          sectionBootstrap && {
            ...sectionBootstrap,
            nBoot: (typeof hierarchyOption === "object" ? hierarchyOption.nBoot : undefined) ?? 200,
          },
        )
      : undefined;
  const survival =
    options.survival === undefined
      ? undefined
      : survivalSection(
          input,
          options.survival.time,
          options.survival.event,
          options.survival.horizon,
          sectionBootstrap && { ...sectionBootstrap, nBoot: Math.min(sectionBootstrap.nBoot, 200) },
        );
  const clinicalWarnings = [...(netBenefit?.warnings ?? []), ...(survival?.warnings ?? [])];
  const base = groupMetricsOfColumns(columns, { metrics: ["baseRate"] });
  const weights = groupWeights(columns);
  const report = buildReport(
    {
      metrics: result,
      ...(weights ? { groupWeights: weights } : {}),
      baseRate: base.overall.baseRate!,
      ...(intervals ? { intervals } : {}),
      ...(gaps ? { gapIntervals: gaps } : {}),
      ...(calibration ? { calibration: calibration.section } : {}),
      ...(columns.score ? { roc: rocCurves(columns) } : {}),
      ...(options.scan ? { subgroupScan: subgroupScanSection(columns, options.scan) } : {}),
      ...(netBenefit ? { netBenefit: netBenefit.section } : {}),
      ...(calibrationHierarchy ? { calibrationHierarchy } : {}),
      ...(survival ? { survival: survival.section } : {}),
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
      ...(clinicalWarnings.length > 0 ? { warnings: clinicalWarnings } : {}),
    },
  );
  if (options.standardization === undefined && membership === undefined) return report;
  return new FairnessReport({
    ...report.toJSON(),
    ...(options.standardization === undefined
      ? {}
      : {
          standardization: standardizationSection(
            input,
            options.standardization,
            resolved.metrics,
            report.criteria,
          ),
        }),
    ...(membership === undefined
      ? {}
      : {
          softMembership: softMembershipSection(
            given,
            membership,
            resolved.metrics,
            iv?.level ?? 0.95,
            resolved.minDenominator,
          ),
        }),
  });
}

/** Whether sensitive features were given as a membership-probability matrix. */
function isMembershipMatrix(features: unknown): features is MembershipMatrix {
  return (
    typeof features === "object" &&
    features !== null &&
    !ArrayBuffer.isView(features) &&
    Array.isArray((features as MembershipMatrix).probabilities) &&
    Array.isArray((features as MembershipMatrix).groups)
  );
}

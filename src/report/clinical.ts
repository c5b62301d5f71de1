/**
 * The report's clinical sections: net benefit by group (decision curves), the calibration
 * hierarchy with flexible calibration, and time-to-event concordance and calibration.
 */
import { calibrationHierarchyOfColumns } from "../calibration/hierarchy.js";
import { decisionCurveOfColumns } from "../clinical/decisionCurve.js";
import type { Columns } from "../data/columns.js";
import type { FairnessInput, NumberArray } from "../data/inputTypes.js";
import { survivalByGroup } from "../survival/survivalByGroup.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import type {
  CalibrationHierarchySection,
  Estimate,
  NetBenefitSection,
  ReportWarning,
  SurvivalSection,
} from "./types.js";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

function estimate(value: number, e: BootstrapEstimate | undefined, method: string): Estimate {
  const b = e?.intervals[0];
  return b === undefined
    ? { value: num(value) }
    : {
        value: num(value),
        interval: { lower: num(b.lower), upper: num(b.upper), level: b.level, method },
      };
}

/** Bootstrap settings shared by the sections. */
export interface SectionBootstrap {
  readonly level: number;
  readonly nBoot: number;
  readonly seed: number;
}

/** Net benefit by group at the decision thresholds, with the decision curves on `grid`. */
export function netBenefitSection(
  columns: Columns,
  thresholds: readonly number[],
  grid: readonly number[] | undefined,
  bootstrap: SectionBootstrap | undefined,
): { section: NetBenefitSection; warnings: ReportWarning[] } {
  const r = decisionCurveOfColumns(columns, {
    thresholds,
    ...(grid === undefined ? {} : { grid }),
    bootstrap: bootstrap === undefined ? false : bootstrap,
  });
  const method = "percentileBootstrap";
  const groups = [r.overall, ...r.byGroup].map((g) => ({
    group: g.label,
    count: g.count,
    prevalence: num(g.atThresholds[0]?.prevalence ?? Number.NaN),
    atThresholds: g.atThresholds.map((p, j) => ({
      threshold: p.threshold,
      netBenefit: estimate(p.netBenefit, g.intervals?.[j], method),
      treatAll: num(p.treatAll),
      standardizedNetBenefit: num(p.standardizedNetBenefit),
      interventionsAvoidedPer100: num(p.interventionsAvoidedPer100),
    })),
    curve: g.curve.map((p) => ({
      threshold: p.threshold,
      netBenefit: num(p.netBenefit),
      treatAll: num(p.treatAll),
    })),
  }));
  return {
    section: {
      thresholds: [...r.thresholds],
      weighted: r.weighted,
      groups,
      gaps: r.gaps.map((gap) => ({
        threshold: gap.threshold,
        difference: estimate(gap.difference, gap.interval, method),
        best: gap.best,
        worst: gap.worst,
      })),
    },
    warnings: r.warnings.map((w) => ({ code: w.code, group: w.group, message: w.message })),
  };
}

/** The calibration hierarchy (with flexible calibration) overall and by group. */
export function calibrationHierarchySection(
  columns: Columns,
  bootstrap: SectionBootstrap | undefined,
): CalibrationHierarchySection {
  const level = bootstrap?.level ?? 0.95;
  const r = calibrationHierarchyOfColumns(columns, {
    level,
    bootstrap: bootstrap === undefined ? false : { nBoot: bootstrap.nBoot, seed: bootstrap.seed },
  });
  const wald = (e: { estimate: number; lower: number; upper: number }, method: string) => ({
    value: num(e.estimate),
    interval: { lower: num(e.lower), upper: num(e.upper), level, method },
  });
  const entries = [{ label: "overall", assessment: r.overall }, ...r.byGroup];
  return {
    level,
    groups: entries.flatMap((g) => {
      const a = g.assessment;
      if (a === undefined) return [];
      const f = a.moderate.flexible;
      const boot = "percentileBootstrap";
      return [
        {
          group: g.label,
          level: a.level,
          verdict: a.verdict,
          observedExpected: wald(a.mean.observedExpected, "poisson"),
          calibrationIntercept: wald(a.mean.calibrationIntercept, "wald"),
          calibrationSlope: wald(a.weak.slope, "wald"),
          ici: estimate(f.ici, f.intervals?.ici, boot),
          e90: estimate(f.e90, f.intervals?.e90, boot),
          emax: estimate(f.emax, f.intervals?.emax, boot),
          smoothCurve: f.curve.predicted.map((p, i) => ({
            predicted: p,
            observed: num(f.curve.observed[i]!),
            lower: num(f.curve.lower[i]!),
            upper: num(f.curve.upper[i]!),
          })),
        },
      ];
    }),
  };
}

/** Concordance and calibration at a horizon, from times and events row-aligned with the input. */
export function survivalSection(
  input: FairnessInput,
  time: NumberArray,
  event: NumberArray,
  horizon: number | undefined,
  bootstrap: SectionBootstrap | undefined,
): { section: SurvivalSection; warnings: ReportWarning[] } {
  const r = survivalByGroup(
    {
      time,
      event,
      risk: input.yScore ?? [],
      sensitiveFeatures: input.sensitiveFeatures,
      ...(input.sampleWeight === undefined ? {} : { sampleWeight: input.sampleWeight }),
      ...(input.missingGroup === undefined ? {} : { missingGroup: input.missingGroup }),
    },
    { ...(horizon === undefined ? {} : { horizon }), bootstrap: bootstrap ?? false },
  );
  const method = "percentileBootstrap";
  const matrix = (m: readonly (readonly number[])[]) => m.map((row) => row.map(num));
  return {
    section: {
      horizon: r.horizon,
      groups: [r.overall, ...r.byGroup].map((g) => ({
        group: g.label,
        count: g.count,
        events: g.events,
        harrell: estimate(g.concordance.harrell, g.concordance.harrellInterval, method),
        uno: estimate(g.concordance.uno, g.concordance.unoInterval, method),
        observedRisk:
          g.calibration === undefined
            ? { value: null }
            : {
                value: num(g.calibration.observedRisk),
                interval: {
                  lower: num(g.calibration.lower),
                  upper: num(g.calibration.upper),
                  level: bootstrap?.level ?? 0.95,
                  method: "logLogGreenwood",
                },
              },
        predictedRisk: g.calibration === undefined ? null : num(g.calibration.predictedRisk),
      })),
      matrixGroups: r.byGroup.map((g) => g.label),
      harrellMatrix: matrix(r.matrix.harrell),
      unoMatrix: matrix(r.matrix.uno),
    },
    warnings: r.warnings.map((w) => ({
      code: w.code,
      ...(w.group === "" ? {} : { group: w.group }),
      message: w.message,
    })),
  };
}

/**
 * The groups a page shows when a report has more than it can draw: the worst-served ones and the
 * reference. The HTML renderer draws tables and charts of this view, so its size and time stay
 * bounded however many groups the report holds; the JSON report keeps every group.
 */
import { referenceGroup } from "../referenceGroup.js";
import type { FairnessReportData, GroupResult } from "../types.js";

/**
 * Groups the HTML report shows in its tables and charts: beyond this many, it shows the
 * worst-served groups (and the reference) and says how many more the JSON report holds.
 */
export const MAX_SHOWN_GROUPS = 100;

/** A report narrowed to the shown groups, and how many groups it leaves out. */
export interface ShownGroups {
  /** The report with only the shown groups in its per-group tables, charts and findings. */
  readonly view: FairnessReportData;
  /** Groups left out of the view. */
  readonly hidden: number;
}

/**
 * How badly each group is served: its largest gap to the reference in the harmful direction of a
 * metric (a lower rate for a metric where higher is better, a higher one where lower is better,
 * either way for metrics with no better direction). Groups without a gap rank last.
 */
function harms(report: FairnessReportData): Map<string, number> {
  const better = new Map(report.metrics.map((m) => [m.id, m.better]));
  const harm = new Map<string, number>();
  for (const d of report.disparities) {
    const direction = better.get(d.metric);
    for (const gap of d.gaps) {
      const difference = gap.difference.value;
      if (difference === null) continue;
      const h =
        direction === "higher"
          ? -difference
          : direction === "lower"
            ? difference
            : Math.abs(difference);
      if (h > (harm.get(gap.group) ?? Number.NEGATIVE_INFINITY)) harm.set(gap.group, h);
    }
  }
  return harm;
}

/** Keeps the entries of a section naming a shown group (or the overall population). */
function kept<T extends { group: string }>(rows: readonly T[], shown: ReadonlySet<string>): T[] {
  return rows.filter((r) => shown.has(r.group));
}

/**
 * The report as a page shows it: at most `max` groups (the reference and the worst-served others,
 * in the report's order) in every per-group table, chart and finding. Values computed over all
 * groups (overall values, disparities and criteria) are kept as computed.
 *
 * Cost: O(groups × metrics + groups log groups).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0, 1, 0], yPred: [1, 0, 0, 0, 1, 1], sensitiveFeatures: ["a", "a", "b", "b", "c", "c"] });
 * shownGroups(report, 2).view.groups.map((g) => g.label); // => ["a", "b"]
 * shownGroups(report, 2).hidden; // => 1
 */
export function shownGroups(report: FairnessReportData, max = MAX_SHOWN_GROUPS): ShownGroups {
  if (report.groups.length <= max) return { view: report, hidden: 0 };
  const harm = harms(report);
  const reference = referenceGroup(report);
  const rank = (g: GroupResult) =>
    g === reference ? Number.POSITIVE_INFINITY : (harm.get(g.label) ?? Number.NEGATIVE_INFINITY);
  const order = report.groups.map((g, i) => ({ i, r: rank(g) }));
  order.sort((a, b) => b.r - a.r || a.i - b.i);
  const chosen = new Set(order.slice(0, Math.max(1, max)).map((o) => o.i));
  const groups = report.groups.filter((_, i) => chosen.has(i));
  const shown = new Set<string>(["overall", ...groups.map((g) => g.label)]);
  const section = <S extends { groups: { group: string }[] }>(s: S | undefined) =>
    s === undefined ? undefined : { ...s, groups: kept(s.groups, shown) };
  const survival = report.survival;
  const matrixRows = survival?.matrixGroups.flatMap((g, i) => (shown.has(g) ? [i] : [])) ?? [];
  const narrow = (m: (number | null)[][]) =>
    matrixRows.map((i) => matrixRows.map((j) => m[i]![j]!));
  const view: FairnessReportData = {
    ...report,
    groups,
    disparities: report.disparities.map((d) => ({ ...d, gaps: kept(d.gaps, shown) })),
    findings: report.findings.filter((f) => f.group === undefined || shown.has(f.group)),
    warnings: report.warnings.filter((w) => w.group === undefined || shown.has(w.group)),
    ...(report.roc ? { roc: kept(report.roc, shown) } : {}),
    ...(report.calibration ? { calibration: section(report.calibration)! } : {}),
    ...(report.netBenefit ? { netBenefit: section(report.netBenefit)! } : {}),
    ...(report.calibrationHierarchy
      ? { calibrationHierarchy: section(report.calibrationHierarchy)! }
      : {}),
    ...(report.representation ? { representation: section(report.representation)! } : {}),
    ...(report.standardization ? { standardization: section(report.standardization)! } : {}),
    ...(report.softMembership ? { softMembership: section(report.softMembership)! } : {}),
    ...(survival
      ? {
          survival: {
            ...survival,
            groups: kept(survival.groups, shown),
            matrixGroups: matrixRows.map((i) => survival.matrixGroups[i]!),
            harrellMatrix: narrow(survival.harrellMatrix),
            unoMatrix: narrow(survival.unoMatrix),
          },
        }
      : {}),
  };
  return { view, hidden: report.groups.length - groups.length };
}

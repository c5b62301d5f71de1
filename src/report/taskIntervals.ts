/**
 * The intervals of regression and multiclass reports: bootstrap estimates of every group's
 * value, the between-group comparisons and the criteria, with the small-group rule. A percentile
 * bootstrap of a group of three rows can only redraw those three rows, so its interval is far
 * narrower than the truth; such intervals are left out, not shown.
 */
import type { Level } from "../data/columns.js";
import { groupId } from "../data/levels.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import type { GroupEstimates } from "../uncertainty/rowBootstrap.js";
import type { IntervalSection } from "./enrich.js";
import type { Interval } from "./types.js";

/** Bootstrap estimates of a task's metrics and criteria, by id (see `regressionIntervals`). */
export interface TaskEstimates extends GroupEstimates {
  readonly criteria: Readonly<Record<string, BootstrapEstimate>>;
}

/** The intervals of a regression or multiclass report. */
export interface TaskIntervalSections {
  /** Of the values, the between-group comparisons and the criteria. */
  readonly section: IntervalSection;
  /** Of each group's gap to the reference, by metric id then `groupId`. */
  readonly gaps: ReadonlyMap<string, ReadonlyMap<string, Interval>>;
}

/** The method every task interval records. */
export const TASK_INTERVAL_METHOD = "percentileBootstrap";

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The report's intervals from bootstrap estimates: the percentile interval of each value, except
 * where a group with rows has fewer than `minRows` rows (and never fewer than 2: one row
 * resampled is always itself) — its own values, and every comparison and criterion (which
 * involve every group), then get null bounds, method `none` and reason `smallDenominator`; so
 * does the overall value when all rows are fewer, and a gap to the reference group (index
 * `reference`; undefined for the overall value) when either group is small. `groups` are the groups' keys and row counts,
 * in the order of `estimates.byGroup`; the section's groups are keyed by `groupId`. Cost
 * O(groups · metrics).
 *
 * @example
 * const e = { estimate: 2, intervals: [{ level: 0.95, lower: 1, upper: 3 }], nanReplicates: 0 };
 * const s = taskIntervalSection(
 *   { overall: { m: e }, byGroup: [{ m: e }, { m: e }], difference: { m: e }, ratio: { m: e }, gaps: [], criteria: {} },
 *   [{ key: ["a"], count: 40 }, { key: ["b"], count: 3 }],
 *   30,
 *   0,
 * );
 * s.section.overall.m.upper; // => 3
 * s.section.betweenGroups.m.difference.reason; // => "smallDenominator"
 */
export function taskIntervalSection(
  estimates: TaskEstimates,
  groups: readonly { readonly key: readonly Level[]; readonly count: number }[],
  minRows: number,
  reference: number | undefined,
): TaskIntervalSections {
  const interval = (e: BootstrapEstimate, withheld: boolean): Interval => {
    const b = e.intervals[0]!;
    return withheld
      ? {
          lower: null,
          upper: null,
          level: b.level,
          method: "none",
          reason: "smallDenominator",
        }
      : { lower: num(b.lower), upper: num(b.upper), level: b.level, method: TASK_INTERVAL_METHOD };
  };
  const pick = (record: Readonly<Record<string, BootstrapEstimate>>, withheld: boolean) =>
    Object.fromEntries(Object.entries(record).map(([id, e]) => [id, interval(e, withheld)]));
  const threshold = Math.max(minRows, 2);
  const total = groups.reduce((a, g) => a + g.count, 0);
  const anySmall = groups.some((g) => g.count > 0 && g.count < threshold);
  const small = (g: number) => groups[g]!.count < threshold;
  const gaps = new Map(
    Object.keys(estimates.overall).map((id) => [
      id,
      new Map(
        estimates.gaps.flatMap((gap, g) =>
          g === reference || groups[g]!.count === 0
            ? []
            : [
                [
                  groupId(groups[g]!.key),
                  interval(gap[id]!, small(g) || (reference !== undefined && small(reference))),
                ] as const,
              ],
        ),
      ),
    ]),
  );
  const section: IntervalSection = {
    overall: pick(estimates.overall, total < threshold),
    byGroup: new Map(
      groups.map((g, i) => [groupId(g.key), pick(estimates.byGroup[i]!, g.count < threshold)]),
    ),
    betweenGroups: Object.fromEntries(
      Object.keys(estimates.difference).map((id) => [
        id,
        {
          difference: interval(estimates.difference[id]!, anySmall),
          ratio: interval(estimates.ratio[id]!, anySmall),
        },
      ]),
    ),
    criteria: pick(estimates.criteria, anySmall),
    method: TASK_INTERVAL_METHOD,
  };
  return { section, gaps };
}

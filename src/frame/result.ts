/**
 * `GroupMetricsResult`: metric values overall and by group, their comparisons across groups
 * (Fairlearn's MetricFrame: groupMin/Max, difference, ratio) and, when made with `ci`, their
 * bootstrap intervals.
 */

import type { GroupIndex, Level } from "../data/columns.js";
import { type GroupSelector, groupIndexOf } from "../data/selector.js";
import {
  COMPARISON_METHODS,
  type Comparison,
  type ComparisonMethod,
  differenceOf,
  maxOf,
  minOf,
  ratioOf,
} from "../disparity/aggregate.js";
import type { MetricWarning } from "../metrics/evaluate.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import type { CiProvenance, GroupMetricsIntervals } from "../uncertainty/groupMetricsIntervals.js";
import { type MimeBundle, tableDisplay } from "./display.js";

/**
 * One group's row of the table.
 *
 * @category Per-group metrics
 */
export interface GroupRow {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Unweighted number of rows (0 for an empty intersection). */
  readonly count: number;
  /** Metric values by id (NaN when undefined or when the group is empty). */
  readonly values: Readonly<Record<string, number>>;
  /** Bootstrap intervals of `values` by id; present when `ci` was given (not in control strata). */
  readonly intervals?: Readonly<Record<string, BootstrapEstimate>>;
}

/**
 * A warning about one metric value.
 *
 * @category Per-group metrics
 */
export interface GroupMetricsWarning {
  /** What happened: a zero denominator, an undefined metric, or a user metric's non-number. */
  readonly code: MetricWarning["code"];
  /** Metric id. */
  readonly metric: string;
  /** The group's label, or undefined for the overall value. */
  readonly group: string | undefined;
  /** Human-readable message. */
  readonly message: string;
}

/**
 * Options of `difference` and `ratio`.
 *
 * @category Per-group metrics
 */
export interface ComparisonOptions {
  /** What each group is compared with. @defaultValue "betweenGroups" */
  readonly method?: ComparisonMethod;
  /** The reference group, required by `toReference`. */
  readonly reference?: GroupSelector;
}

/** One control stratum's results. */
export interface ControlStratum {
  /** One level per control feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** The groups' metrics within the stratum. */
  readonly result: GroupMetricsResult;
}

/** A bootstrap estimate as plain JSON (NaN written as null). */
function estimateJSON(e: BootstrapEstimate): unknown {
  const num = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    estimate: num(e.estimate),
    intervals: e.intervals.map((b) => ({
      level: b.level,
      lower: num(b.lower),
      upper: num(b.upper),
    })),
    nanReplicates: e.nanReplicates,
  };
}

/**
 * Per-group metric values and their aggregates. Aggregates skip NaN values and empty groups.
 * Made by {@link groupMetrics}.
 *
 * @hideconstructor
 *
 * @category Per-group metrics
 */
export class GroupMetricsResult {
  /** Metric ids, in the order asked. */
  readonly metrics: readonly string[];
  /** Display names by metric id. */
  readonly metricNames: Readonly<Record<string, string>>;
  /** Sensitive feature names. */
  readonly featureNames: readonly string[];
  /** Metric values on all rows, by id. */
  readonly overall: Readonly<Record<string, number>>;
  /** One row per group, in level order (with `intersections: 'all'`, empty ones at count 0). */
  readonly byGroup: readonly GroupRow[];
  /** Zero denominators, undefined metrics and coerced user-metric values. */
  readonly warnings: readonly GroupMetricsWarning[];
  /** Results within each control stratum, when control features were given. */
  readonly strata: readonly ControlStratum[] | undefined;
  /** Bootstrap intervals of `overall` by id; present when `ci` was given. */
  readonly overallIntervals?: Readonly<Record<string, BootstrapEstimate>>;
  /** How the intervals were made; present when `ci` was given. */
  readonly ci?: CiProvenance;
  readonly #groups: GroupIndex;
  readonly #intervals: GroupMetricsIntervals | undefined;

  constructor(fields: {
    metrics: readonly string[];
    metricNames: Readonly<Record<string, string>>;
    groups: GroupIndex;
    overall: Readonly<Record<string, number>>;
    byGroup: readonly GroupRow[];
    warnings: readonly GroupMetricsWarning[];
    strata: readonly ControlStratum[] | undefined;
    intervals?: GroupMetricsIntervals | undefined;
  }) {
    this.metrics = fields.metrics;
    this.metricNames = fields.metricNames;
    this.featureNames = fields.groups.featureNames;
    this.#groups = fields.groups;
    this.overall = fields.overall;
    this.byGroup = fields.byGroup;
    this.warnings = fields.warnings;
    this.strata = fields.strata;
    const intervals = fields.intervals;
    if (intervals !== undefined) {
      this.#intervals = intervals;
      this.overallIntervals = intervals.statistic(0);
      this.byGroup = this.byGroup.map((row, g) => ({
        ...row,
        intervals: intervals.statistic(1 + g),
      }));
      this.ci = intervals.provenance;
    }
  }

  /** Each metric's values over the non-empty groups. */
  #present(id: string): number[] {
    return this.byGroup.filter((g) => g.count > 0).map((g) => g.values[id]!);
  }

  #each(fn: (id: string) => number): Record<string, number> {
    return Object.fromEntries(this.metrics.map((id) => [id, fn(id)]));
  }

  /** Smallest value over groups, per metric. */
  groupMin(): Record<string, number> {
    return this.#each((id) => minOf(this.#present(id)));
  }

  /** Largest value over groups, per metric. */
  groupMax(): Record<string, number> {
    return this.#each((id) => maxOf(this.#present(id)));
  }

  /**
   * Difference per metric: `max − min` over groups (betweenGroups), the largest
   * `|v_g − overall|` (toOverall), or the largest `|v_g − v_reference|` (toReference).
   */
  difference(options: ComparisonOptions = {}): Record<string, number> {
    const method = this.#method(options, "difference");
    return this.#each((id) =>
      differenceOf(this.#present(id), this.#base(id, method, options), method),
    );
  }

  /**
   * Ratio per metric: `min / max` (betweenGroups), or the smallest of `v_g / base` and its
   * inverse, with base the overall value (toOverall) or the reference group's (toReference).
   */
  ratio(options: ComparisonOptions = {}): Record<string, number> {
    const method = this.#method(options, "ratio");
    return this.#each((id) => ratioOf(this.#present(id), this.#base(id, method, options), method));
  }

  /**
   * Signed gaps of every group against a reference group: `v_g − v_ref` and `v_g / v_ref`
   * (AIF360's "unprivileged minus privileged" form).
   */
  gaps(reference: GroupSelector): {
    /** The reference group's label. */
    readonly reference: string;
    /** One entry per group, in level order. */
    readonly byGroup: readonly {
      /** Group label. */
      readonly label: string;
      /** `v_g − v_ref` by metric id. */
      readonly difference: Readonly<Record<string, number>>;
      /** `v_g / v_ref` by metric id. */
      readonly ratio: Readonly<Record<string, number>>;
    }[];
  } {
    const ref = this.byGroup[this.groupIndex(reference)]!;
    return {
      reference: ref.label,
      byGroup: this.byGroup.map((g) => ({
        label: g.label,
        difference: this.#each((id) => g.values[id]! - ref.values[id]!),
        ratio: this.#each((id) => g.values[id]! / ref.values[id]!),
      })),
    };
  }

  /**
   * Bootstrap intervals of `groupMin()` per metric (replicate by replicate, the smallest group
   * value). Needs `ci`.
   *
   * @example
   * const r = groupMetrics(
   *   { yTrue: [1, 0, 1, 0, 1, 0], yPred: [1, 0, 1, 1, 0, 0], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
   *   { metrics: ["selectionRate"], ci: { seed: 3, nBoot: 200 } },
   * );
   * r.groupMinInterval().selectionRate.estimate; // => 0.3333333333333333
   */
  groupMinInterval(): Record<string, BootstrapEstimate> {
    return this.#bootstrap("groupMinInterval").aggregate("groupMin", -1);
  }

  /** Bootstrap intervals of `groupMax()` per metric. Needs `ci`. */
  groupMaxInterval(): Record<string, BootstrapEstimate> {
    return this.#bootstrap("groupMaxInterval").aggregate("groupMax", -1);
  }

  /**
   * Bootstrap intervals of `difference(options)` per metric: each replicate's difference is
   * computed from that replicate's group (and overall) values, with any comparison method and
   * reference group. The estimates equal `difference(options)`. Needs `ci`.
   *
   * @example
   * const r = groupMetrics(
   *   { yTrue: [1, 0, 1, 0, 1, 0], yPred: [1, 0, 1, 1, 0, 0], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
   *   { metrics: ["selectionRate"], ci: { seed: 3, nBoot: 200 } },
   * );
   * r.differenceInterval({ method: "toReference", reference: "b" }).selectionRate.estimate; // => 0.3333333333333333
   */
  differenceInterval(options: ComparisonOptions = {}): Record<string, BootstrapEstimate> {
    return this.#comparisonIntervals("differenceInterval", "difference", options);
  }

  /** Bootstrap intervals of `ratio(options)` per metric; see `differenceInterval`. Needs `ci`. */
  ratioInterval(options: ComparisonOptions = {}): Record<string, BootstrapEstimate> {
    return this.#comparisonIntervals("ratioInterval", "ratio", options);
  }

  #comparisonIntervals(
    fn: string,
    comparison: Comparison,
    options: ComparisonOptions,
  ): Record<string, BootstrapEstimate> {
    const method = this.#method(options, fn);
    const reference = method === "toReference" ? this.groupIndex(options.reference!) : -1;
    return this.#bootstrap(fn).comparison(comparison, method, reference);
  }

  #bootstrap(fn: string): GroupMetricsIntervals {
    if (this.#intervals === undefined) {
      throw new TypeError(`${fn}: intervals need groupMetrics(input, { ci: { … } })`);
    }
    return this.#intervals;
  }

  /** Index in `byGroup` of the selected group; throws FairnessInputError when unknown. */
  groupIndex(selector: GroupSelector): number {
    return groupIndexOf(
      this.#groups,
      this.byGroup.map((g) => g.count),
      selector,
    );
  }

  #method(options: ComparisonOptions, fn: string): ComparisonMethod {
    const method = options.method ?? "betweenGroups";
    if (!COMPARISON_METHODS.includes(method)) {
      throw new RangeError(
        `${fn}: unknown method ${JSON.stringify(method)}; expected one of ${COMPARISON_METHODS.join(", ")}`,
      );
    }
    if (method === "toReference" && options.reference === undefined) {
      throw new TypeError(`${fn}: method 'toReference' needs a reference group`);
    }
    return method;
  }

  #base(id: string, method: ComparisonMethod, options: ComparisonOptions): number {
    if (method === "toOverall") return this.overall[id]!;
    if (method === "toReference") {
      return this.byGroup[this.groupIndex(options.reference!)]!.values[id]!;
    }
    return Number.NaN;
  }

  /**
   * Deno Jupyter display: one row per group (count and each metric to 3 decimals), the overall
   * row first, as an HTML table and aligned text.
   */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const value = (v: number | undefined) =>
      v === undefined || Number.isNaN(v) ? "NaN" : v.toFixed(3);
    // The count column is the group's row count: the `count` metric would repeat it.
    const metrics = this.metrics.filter((id) => id !== "count");
    const rows = [
      ["overall", "", ...metrics.map((id) => value(this.overall[id]))],
      ...this.byGroup.map((g) => [
        g.label,
        String(g.count),
        ...metrics.map((id) => value(g.values[id])),
      ]),
    ];
    return tableDisplay(
      `Metrics by group (${this.featureNames.join(" × ")})`,
      ["group", "count", ...metrics.map((id) => this.metricNames[id] ?? id)],
      rows,
      this.warnings.length === 0 ? [] : [`${this.warnings.length} warnings: see .warnings`],
    );
  }

  /**
   * Plain JSON (NaN written as null). With `ci`, also the intervals: `overallIntervals`, each
   * group's `intervals`, `aggregateIntervals` (groupMin, groupMax, and the difference and ratio
   * between groups and to the overall value, by metric) and the provenance `ci`.
   */
  toJSON(): unknown {
    const clean = (r: Readonly<Record<string, number>>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
    const cleanIntervals = (r: Readonly<Record<string, BootstrapEstimate>>) =>
      Object.fromEntries(Object.entries(r).map(([k, e]) => [k, estimateJSON(e)]));
    const json = {
      metrics: this.metrics,
      featureNames: this.featureNames,
      overall: clean(this.overall),
      byGroup: this.byGroup.map((g) => ({
        ...g,
        values: clean(g.values),
        ...(g.intervals === undefined ? {} : { intervals: cleanIntervals(g.intervals) }),
      })),
      warnings: this.warnings,
      strata: this.strata?.map((s) => ({ key: s.key, label: s.label, result: s.result.toJSON() })),
    };
    if (this.ci === undefined || this.overallIntervals === undefined) return json;
    const toOverall = { method: "toOverall" } as const;
    return {
      ...json,
      overallIntervals: cleanIntervals(this.overallIntervals),
      aggregateIntervals: {
        groupMin: cleanIntervals(this.groupMinInterval()),
        groupMax: cleanIntervals(this.groupMaxInterval()),
        difference: cleanIntervals(this.differenceInterval()),
        ratio: cleanIntervals(this.ratioInterval()),
        differenceToOverall: cleanIntervals(this.differenceInterval(toOverall)),
        ratioToOverall: cleanIntervals(this.ratioInterval(toOverall)),
      },
      ci: this.ci,
    };
  }
}

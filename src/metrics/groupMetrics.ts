/**
 * `groupMetrics`: metrics overall and by group, with Fairlearn's MetricFrame semantics
 * (groupMin/Max, difference, ratio, control features), on prepared columns.
 */
import type { Columns, GroupIndex, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import type { FairnessInput } from "../data/schema.js";
import {
  type Aggregate,
  COMPARISON_AGGREGATE,
  COMPARISON_METHODS,
  type Comparison,
  type ComparisonMethod,
  differenceOf,
  maxOf,
  minOf,
  ratioOf,
} from "../disparity/aggregate.js";
import { type ConfusionStats, sumGroups } from "../stats/confusion.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import { bootstrapColumns, type ColumnsBootstrap } from "../uncertainty/columnsBootstrap.js";
import {
  type BootstrapOptions,
  type ResolvedBootstrapOptions,
  resolveBootstrapOptions,
} from "../uncertainty/countBootstrap.js";
import { RANDOM_METHOD } from "../uncertainty/random.js";
import {
  aggregateReplicates,
  type MetricSlot,
  type Resampling,
  replicatesInterval,
  statisticReplicates,
} from "../uncertainty/replicates.js";
import {
  type CellValues,
  checkMetricInputs,
  type ErrorPolicy,
  evaluateCells,
  evaluateConfusion,
  evaluateGroupsAndOverall,
  type MetricWarning,
  type ResolvedMetric,
  type UserMetric,
  type UserMetricFunction,
  type ZeroDivision,
} from "./evaluate.js";
import { DEFAULT_RATE_METRICS, getMetric } from "./registry.js";

/** A metric: a built-in id, a user function, or a named user metric. */
export type MetricSpec = string | UserMetricFunction | UserMetric;

/** Identifies a group: its level (one feature), its levels in feature order, or by feature name. */
export type GroupSelector = Level | readonly Level[] | Readonly<Record<string, Level>>;

/** Options of {@link groupMetrics}. */
export interface GroupMetricsOptions {
  /**
   * Metrics to compute. @defaultValue count, selectionRate, truePositiveRate, falsePositiveRate,
   * falseNegativeRate, precision, accuracy (and rocAuc when scores are given)
   */
  readonly metrics?: readonly MetricSpec[];
  /** Value of a count metric whose denominator is zero. Fairlearn uses 0. @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /** What to do when a user metric returns a non-number. @defaultValue "raise" */
  readonly errors?: ErrorPolicy;
  /**
   * Bootstrap confidence intervals for every value and aggregate (see `GroupMetricsCi`). Without
   * it no resampling is done and the result carries no intervals.
   */
  readonly ci?: GroupMetricsCi;
}

/**
 * Bootstrap options of `groupMetrics`: `method` ("percentile" or "bca", default "percentile"),
 * `level` (one or several, default 0.95), `nBoot` (default 1000), `seed` (default 0) and
 * `stratified` (resample within each group, default true). Count metrics on unweighted data use
 * the multinomial bootstrap on the confusion counts; weighted count metrics, score metrics and
 * user metrics resample rows (see `bootstrapGroupMetrics`).
 */
export type GroupMetricsCi = BootstrapOptions;

/** How the intervals of a result were made: the options used, and each metric's resampling. */
export interface CiProvenance extends ResolvedBootstrapOptions {
  /** `multinomial` (unweighted counts) or `rows`, by metric id. */
  readonly resampling: Readonly<Record<string, Resampling>>;
  /** The generator and samplers (`RANDOM_METHOD`). */
  readonly random: string;
}

/** One group's row of the table. */
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

/** A warning about one metric value. */
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

/** Options of `difference` and `ratio`. */
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

const DEFAULT_METRICS = ["count", ...DEFAULT_RATE_METRICS];

/** The bootstrap behind a result's intervals. */
interface CiState {
  readonly boot: ColumnsBootstrap;
  readonly options: ResolvedBootstrapOptions;
}

const CI_STATE = new WeakMap<GroupMetricsResult, CiState>();

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
  /** One row per group, in level order (empty intersections included, count 0). */
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

  constructor(fields: {
    metrics: readonly string[];
    metricNames: Readonly<Record<string, string>>;
    groups: GroupIndex;
    overall: Readonly<Record<string, number>>;
    byGroup: readonly GroupRow[];
    warnings: readonly GroupMetricsWarning[];
    strata: readonly ControlStratum[] | undefined;
    ci?: CiState | undefined;
  }) {
    this.metrics = fields.metrics;
    this.metricNames = fields.metricNames;
    this.featureNames = fields.groups.featureNames;
    this.#groups = fields.groups;
    this.overall = fields.overall;
    this.byGroup = fields.byGroup;
    this.warnings = fields.warnings;
    this.strata = fields.strata;
    const ci = fields.ci;
    if (ci !== undefined) {
      CI_STATE.set(this, ci);
      const estimate = (id: string, s: number) =>
        replicatesInterval(
          statisticReplicates(ci.boot.metrics[id]!, s, ci.options.nBoot),
          ci.options,
        );
      this.overallIntervals = Object.fromEntries(this.metrics.map((id) => [id, estimate(id, 0)]));
      this.byGroup = this.byGroup.map((row, g) => ({
        ...row,
        intervals: Object.fromEntries(this.metrics.map((id) => [id, estimate(id, 1 + g)])),
      }));
      this.ci = {
        ...ci.options,
        resampling: Object.fromEntries(
          this.metrics.map((id) => [id, ci.boot.metrics[id]!.resampling]),
        ),
        random: RANDOM_METHOD,
      };
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
    return this.#intervals("groupMinInterval", "groupMin", -1);
  }

  /** Bootstrap intervals of `groupMax()` per metric. Needs `ci`. */
  groupMaxInterval(): Record<string, BootstrapEstimate> {
    return this.#intervals("groupMaxInterval", "groupMax", -1);
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
    return this.#intervals(fn, COMPARISON_AGGREGATE[method][comparison], reference);
  }

  #intervals(
    fn: string,
    aggregate: Aggregate,
    reference: number,
  ): Record<string, BootstrapEstimate> {
    const ci = CI_STATE.get(this);
    if (ci === undefined) {
      throw new TypeError(`${fn}: intervals need groupMetrics(input, { ci: { … } })`);
    }
    const { boot, options } = ci;
    return Object.fromEntries(
      this.metrics.map((id) => [
        id,
        replicatesInterval(
          aggregateReplicates(boot.metrics[id]!, boot.k, options.nBoot, aggregate, reference),
          options,
        ),
      ]),
    );
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

/**
 * The bootstrap slots of a result made with `ci` (for criteria that combine metrics replicate by
 * replicate, such as equalized odds): each metric's slot and the number of groups.
 */
export function bootstrapSlots(
  result: GroupMetricsResult,
  ids: readonly string[],
): { slots: MetricSlot[]; k: number; nBoot: number } {
  const ci = CI_STATE.get(result);
  const slots = ids.map((id) => ci?.boot.metrics[id]);
  if (ci === undefined || !slots.every((s) => s !== undefined)) {
    throw new TypeError(`bootstrapSlots: no bootstrap of ${ids.join(", ")} in this result`);
  }
  return { slots: slots as MetricSlot[], k: ci.boot.k, nBoot: ci.options.nBoot };
}

/**
 * Index of the group a selector names (its level with one feature, its levels in feature order,
 * or a record by feature name) among `groups.keys`; throws FairnessInputError `unknown_group`
 * when no group with rows matches.
 */
export function groupIndexOf(
  groups: GroupIndex,
  counts: readonly number[],
  selector: GroupSelector,
): number {
  const features = groups.featureNames;
  let key: readonly Level[];
  if (Array.isArray(selector)) key = selector;
  else if (selector !== null && typeof selector === "object") {
    const record = selector as Readonly<Record<string, Level>>;
    key = features.map((f) => record[f] as Level);
  } else key = [selector as Level];
  const index = groups.keys.findIndex(
    (k) => k.length === key.length && k.every((level, i) => level === key[i]),
  );
  if (index < 0 || counts[index] === 0) {
    throw new FairnessInputError([
      {
        code: "unknown_group",
        path: ["reference"],
        message: `no rows in group ${JSON.stringify(key)}; groups are ${groups.keys
          .filter((_, g) => counts[g]! > 0)
          .map((k) => JSON.stringify(k))
          .join(", ")}`,
      },
    ]);
  }
  return index;
}

/** Resolves metric specs to built-in definitions or user metrics. */
export function resolveMetrics(specs: readonly MetricSpec[], fn: string): ResolvedMetric[] {
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    let resolved: ResolvedMetric;
    if (typeof spec === "string") {
      const definition = getMetric(spec);
      if (definition === undefined) {
        throw new RangeError(`${fn}: unknown metric ${JSON.stringify(spec)} (metrics[${i}])`);
      }
      resolved = { kind: "builtin", id: spec, name: definition.name, definition };
    } else if (typeof spec === "function") {
      const id = spec.name || `metric${i}`;
      resolved = { kind: "user", id, name: id, metric: { id, fn: spec as UserMetric["fn"] } };
    } else {
      resolved = { kind: "user", id: spec.id, name: spec.name ?? spec.id, metric: spec };
    }
    if (seen.has(resolved.id)) throw new RangeError(`${fn}: metric id ${resolved.id} given twice`);
    seen.add(resolved.id);
    return resolved;
  });
}

function toWarnings(
  cells: CellValues,
  label: (cell: number) => string | undefined,
): GroupMetricsWarning[] {
  return cells.warnings.map((w) => ({
    code: w.code,
    metric: w.metric,
    group: label(w.cell),
    message: w.message,
  }));
}

function buildResult(
  groups: GroupIndex,
  metrics: readonly ResolvedMetric[],
  overallCells: CellValues,
  overallCell: number,
  groupCells: CellValues,
  firstGroupCell: number,
  strata: readonly ControlStratum[] | undefined,
  ci?: CiState,
): GroupMetricsResult {
  const ids = metrics.map((m) => m.id);
  const pick = (cells: CellValues, c: number) =>
    Object.fromEntries(ids.map((id) => [id, cells.values[id]![c]!]));
  const byGroup = groups.keys.map((key, g) => ({
    key,
    label: groupLabel(key),
    count: groupCells.count[firstGroupCell + g]!,
    values: pick(groupCells, firstGroupCell + g),
  }));
  const inRange = (c: number) => c >= firstGroupCell && c < firstGroupCell + groups.keys.length;
  const warnings = [
    ...toWarnings(
      { ...overallCells, warnings: overallCells.warnings.filter((w) => w.cell === overallCell) },
      () => undefined,
    ),
    ...toWarnings(
      { ...groupCells, warnings: groupCells.warnings.filter((w) => inRange(w.cell)) },
      (c) => byGroup[c - firstGroupCell]!.label,
    ),
  ];
  return new GroupMetricsResult({
    metrics: ids,
    metricNames: Object.fromEntries(metrics.map((m) => [m.id, m.name])),
    groups,
    overall: pick(overallCells, overallCell),
    byGroup,
    warnings,
    strata,
    ci,
  });
}

/**
 * Computes metrics overall and for every group of the sensitive features (their intersections
 * when several are given: the full Cartesian product, empty intersections listed with count 0
 * and NaN values). With control features, `strata` holds the same computation within each
 * control stratum, as Fairlearn's MetricFrame does.
 *
 * With `ci`, bootstrap intervals come with the values: `overallIntervals[id]`,
 * `byGroup[i].intervals[id]`, the accessors `groupMinInterval()`, `groupMaxInterval()`,
 * `differenceInterval(options)` and `ratioInterval(options)` (any comparison method and
 * reference), and the provenance `ci` (options, seed, resampling per metric). Control strata
 * carry no intervals. The same seed gives the same bytes.
 *
 * Cost: one pass over the rows for count metrics; score metrics add a counting sort and a sort
 * of each group's scores. With `ci`: O(nBoot · k · metrics) more for unweighted count metrics,
 * O(nBoot · (n + metric cost)) for row-resampled ones.
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric or method, or bad
 *   `ci` options
 * @example
 * const r = groupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"] },
 * );
 * r.byGroup.map((g) => g.values.selectionRate); // => [0.5, 0]
 * r.difference().selectionRate; // => 0.5
 * const withCi = groupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"], ci: { seed: 1, nBoot: 100 } },
 * );
 * withCi.byGroup[1].intervals.selectionRate.intervals[0].upper; // => 0
 */
export function groupMetrics(
  input: FairnessInput,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  return groupMetricsOfColumns(prepare(input), options);
}

function resolvePolicies(options: GroupMetricsOptions): {
  zeroDivision: ZeroDivision;
  errors: ErrorPolicy;
} {
  const zeroDivision = options.zeroDivision ?? "nan";
  const errors = options.errors ?? "raise";
  if (zeroDivision !== "nan" && zeroDivision !== 0 && zeroDivision !== 1) {
    throw new RangeError(`groupMetrics: zeroDivision must be 'nan', 0 or 1`);
  }
  if (errors !== "raise" && errors !== "coerce") {
    throw new RangeError(`groupMetrics: errors must be 'raise' or 'coerce'`);
  }
  return { zeroDivision, errors };
}

/**
 * {@link groupMetrics} from confusion statistics computed elsewhere (a streaming accumulator,
 * a SQL engine): count metrics only, overall values from the sum of the groups' counts.
 *
 * Cost: O(groups × metrics).
 *
 * @example
 * const stats = { groups: 2, counts: Float64Array.of(1, 0, 0, 1, 1, 1, 0, 0), weightSum: undefined, weightComp: undefined };
 * const groups = { featureNames: ["g"], levels: [["a", "b"]], keys: [["a"], ["b"]] };
 * groupMetricsOfConfusion(stats, groups, { metrics: ["selectionRate"] }).overall.selectionRate; // => 0.5
 */
export function groupMetricsOfConfusion(
  stats: ConfusionStats,
  groups: GroupIndex,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  if (stats.groups !== groups.keys.length) {
    throw new RangeError(
      `groupMetricsOfConfusion: statistics have ${stats.groups} groups, the index ${groups.keys.length}`,
    );
  }
  if (options.ci !== undefined) {
    throw new TypeError("groupMetricsOfConfusion: ci needs the rows; use groupMetrics");
  }
  const metrics = resolveMetrics(options.metrics ?? DEFAULT_METRICS, "groupMetrics");
  const { zeroDivision } = resolvePolicies(options);
  const byGroup = evaluateConfusion(stats, metrics, zeroDivision);
  const overall = evaluateConfusion(sumGroups(stats), metrics, zeroDivision);
  return buildResult(groups, metrics, overall, 0, byGroup, 0, undefined);
}

/** {@link groupMetrics} on already prepared columns. */
export function groupMetricsOfColumns(
  columns: Columns,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  const specs =
    options.metrics ?? (columns.score ? [...DEFAULT_METRICS, "rocAuc"] : DEFAULT_METRICS);
  const metrics = resolveMetrics(specs, "groupMetrics");
  checkMetricInputs(columns, metrics);
  const { zeroDivision, errors } = resolvePolicies(options);
  const ciOptions =
    options.ci === undefined ? undefined : resolveBootstrapOptions("groupMetrics", options.ci);
  const k = columns.groups.keys.length;
  const evaluate = (code: Uint32Array, cells: number) =>
    evaluateCells(columns, code, cells, metrics, zeroDivision, errors);
  const { overall, groups: byGroup } = evaluateGroupsAndOverall(
    columns,
    metrics,
    zeroDivision,
    errors,
  );

  let strata: ControlStratum[] | undefined;
  if (columns.control) {
    const s = columns.control.strata.keys.length;
    const combined = new Uint32Array(columns.n);
    for (let r = 0; r < columns.n; r++)
      combined[r] = columns.control.code[r]! * k + columns.group[r]!;
    const stratumOverall = evaluate(columns.control.code, s);
    const stratumGroups = evaluate(combined, s * k);
    strata = columns.control.strata.keys.map((key, i) => ({
      key,
      label: groupLabel(key),
      result: buildResult(
        columns.groups,
        metrics,
        stratumOverall,
        i,
        stratumGroups,
        i * k,
        undefined,
      ),
    }));
  }
  const ci =
    ciOptions === undefined
      ? undefined
      : {
          options: ciOptions,
          boot: bootstrapColumns(columns, metrics, {
            options: ciOptions,
            suppressed: new Uint8Array(k),
            reference: -1,
            zeroDivision,
            jackknifeBlocks: 1000,
            criteria: false,
          }),
        };
  return buildResult(columns.groups, metrics, overall, 0, byGroup, 0, strata, ci);
}

/**
 * Bootstrap intervals of the registered criteria, from the replicates of their metrics' group
 * values: each part's comparison is recomputed replicate by replicate, then the parts are
 * combined as the criterion declares.
 */
import {
  COMPARISON_AGGREGATE,
  type ComparisonMethod,
  type CriterionAggregation,
} from "../disparity/aggregate.js";
import { CRITERIA, type CriterionDefinition, type CriterionId } from "../disparity/registry.js";
import type { BootstrapEstimate } from "./bootstrapInterval.js";
import {
  aggregateReplicates,
  combineReplicates,
  type IntervalReading,
  type MetricSlot,
  replicatesInterval,
  type StatisticReplicates,
} from "./replicates.js";

/** A criterion's intervals: between groups, to the overall value and to the reference group. */
export interface CriterionIntervals {
  /** Between groups (max − min or min / max of each part), the criterion's own value. */
  readonly betweenGroups: BootstrapEstimate;
  /** Each group against the overall value (largest |v_g − overall|, smallest ratio). */
  readonly toOverall: BootstrapEstimate;
  /** Each group against the reference group; present when a reference group was given. */
  readonly toReference?: BootstrapEstimate;
}

/**
 * The replicates of one criterion by one comparison method: its metrics' comparisons replicate
 * by replicate, combined by `aggregation`. The metrics must have been drawn in one block.
 */
export function criterionReplicates(
  criterion: CriterionDefinition,
  aggregation: CriterionAggregation,
  slots: readonly MetricSlot[],
  k: number,
  nBoot: number,
  method: ComparisonMethod,
  reference: number,
): StatisticReplicates {
  const aggregate = COMPARISON_AGGREGATE[method][criterion.comparison];
  const parts = slots.map((slot) => aggregateReplicates(slot, k, nBoot, aggregate, reference));
  return combineReplicates(parts, criterion.comparison, aggregation);
}

/**
 * The intervals of every registered criterion whose metrics have slots in one block, by id.
 * Cost O(nBoot · k) per criterion and method.
 */
export function criterionIntervals(
  slotOf: (metric: string) => MetricSlot | undefined,
  k: number,
  reading: IntervalReading,
  reference: number,
): Partial<Record<CriterionId, CriterionIntervals>> {
  const out: Partial<Record<CriterionId, CriterionIntervals>> = {};
  for (const criterion of CRITERIA) {
    if ((criterion.task ?? "binary") !== "binary") continue;
    const slots = criterion.metrics.map(slotOf);
    if (!slots.every((s): s is MetricSlot => s !== undefined && s.block === slots[0]!.block)) {
      continue;
    }
    const read = (method: ComparisonMethod) =>
      replicatesInterval(
        criterionReplicates(
          criterion,
          criterion.aggregation,
          slots,
          k,
          reading.nBoot,
          method,
          reference,
        ),
        reading,
      );
    out[criterion.id] = {
      betweenGroups: read("betweenGroups"),
      toOverall: read("toOverall"),
      ...(reference >= 0 ? { toReference: read("toReference") } : {}),
    };
  }
  return out;
}

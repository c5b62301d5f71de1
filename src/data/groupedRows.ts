/**
 * The part of input preparation every task type shares: sensitive and control features encoded
 * into group codes, sample weights checked, and the missing-group policy applied. The target
 * columns (regression values, class labels) are checked by each task's own preparation.
 */
import type { GroupedRows } from "./columns.js";
import type { IssueCollector } from "./errors.js";
import { encodeGroups, findMissingRows, type IntersectionMode } from "./groups.js";
import type { FeatureInput, MissingGroupPolicy, NumberArray } from "./inputTypes.js";
import { checkedFeatures, checkLength, checkWeights, gather, keptRows } from "./prepare.js";

/** The grouping fields of every task's input. */
export interface GroupedInput {
  /** One sensitive feature, or a record of named features (groups are their intersections). */
  readonly sensitiveFeatures: FeatureInput;
  /** Non-negative sample weights. */
  readonly sampleWeight?: NumberArray;
  /** Features within whose strata the group comparisons are made. */
  readonly controlFeatures?: FeatureInput;
  /** What to do with rows whose group value is missing. @defaultValue "error" */
  readonly missingGroup?: MissingGroupPolicy;
  /** Which intersections of several features are groups. @defaultValue "observed" */
  readonly intersections?: IntersectionMode;
}

/**
 * Checks the grouping fields of an input with `n` rows (lengths, weights, missing levels),
 * adding every problem to `issues`; returns undefined when any was found.
 *
 * @internal
 */
export function prepareGroupedRows(
  input: GroupedInput,
  n: number,
  issues: IssueCollector,
): GroupedRows | undefined {
  const before = issues.size;
  if (input.sampleWeight) checkLength(issues, ["sampleWeight"], input.sampleWeight.length, n);
  const { sensitive, control } = checkedFeatures(input, n, issues);
  if (issues.size > before) return undefined;
  if (input.sampleWeight) checkWeights(input.sampleWeight, issues);
  const policy = input.missingGroup ?? "error";
  const missing = new Uint8Array(n);
  findMissingRows(sensitive, n, policy, issues, missing);
  if (control) findMissingRows(control, n, policy, issues, missing);
  if (issues.size > before) return undefined;
  const { keep, rows: m } = keptRows(missing, policy, issues);
  if (issues.size > before) return undefined;
  const weight = input.sampleWeight ? gather(input.sampleWeight, keep, m) : undefined;
  if (weight?.every((w) => w === 0)) {
    issues.add("zero_total_weight", ["sampleWeight"], "all weights of the kept rows are zero");
    return undefined;
  }
  const groups = encodeGroups(sensitive, keep, m, input.intersections);
  const strata = control ? encodeGroups(control, keep, m, input.intersections) : undefined;
  return {
    n: m,
    weight,
    group: groups.code,
    groups: groups.index,
    control: strata ? { code: strata.code, strata: strata.index } : undefined,
    sourceRow: keep,
  };
}

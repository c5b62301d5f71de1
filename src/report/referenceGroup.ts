/**
 * The reference group of a report, found by identity (its key, or the rule that chose it), never
 * by its label: a group may be labelled `overall`, and distinct groups may share a label (`"1"`
 * and `1`, `"(missing)"` and the missing group).
 */
import type { Level } from "../data/columns.js";
import type { FairnessReportData, GroupResult } from "./types.js";

const sameKey = (a: readonly Level[], b: readonly Level[]): boolean =>
  a.length === b.length && a.every((level, i) => level === b[i]);

/**
 * The reference group of `report`, or undefined when gaps are measured against the overall
 * population. `largest` is the first group with the most rows, as the audit chose it; `group`
 * is the group with the recorded key.
 *
 * @example
 * const groups = [
 *   { key: ["overall"], label: "overall", count: 3 },
 *   { key: ["b"], label: "b", count: 5 },
 * ];
 * const report = { groups, metadata: { options: { reference: { kind: "overall" } } } };
 * referenceGroup(report); // => undefined
 * referenceGroup({ ...report, metadata: { options: { reference: { kind: "largest" } } } }).key; // => ["b"]
 */
export function referenceGroup(
  report: Pick<FairnessReportData, "groups"> & {
    readonly metadata: {
      readonly options: Pick<FairnessReportData["metadata"]["options"], "reference">;
    };
  },
): GroupResult | undefined {
  const choice = report.metadata.options.reference;
  if (choice.kind === "overall") return undefined;
  if (choice.kind === "group") return report.groups.find((g) => sameKey(g.key, choice.key));
  let best: GroupResult | undefined;
  for (const g of report.groups) if (best === undefined || g.count > best.count) best = g;
  return best;
}

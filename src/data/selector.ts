/**
 * Selecting one group by its levels: one level (one feature), the levels in feature order, or a
 * record by feature name.
 */
import type { GroupIndex, Level } from "./columns.js";
import { FairnessInputError } from "./errors.js";

/** Identifies a group: its level (one feature), its levels in feature order, or by feature name. */
export type GroupSelector = Level | readonly Level[] | Readonly<Record<string, Level>>;

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

/**
 * Finds each row's fitted group from raw sensitive-feature values (at predict time there are no
 * labels to prepare), and reports rows of unseen groups.
 */
import type { Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import { isMissing } from "../data/levels.js";

/**
 * Raw sensitive features: one array, or a record of arrays by feature name.
 * @inline
 */
export type RawFeatures = ArrayLike<Level> | Readonly<Record<string, ArrayLike<Level>>>;

/**
 * Index into `keys` of each row's group; -1 for an unseen group when `allowUnseen`, otherwise
 * a FairnessInputError naming the rows.
 */
export function lookupGroups(
  featureNames: readonly string[],
  keys: readonly (readonly Level[])[],
  features: RawFeatures,
  n: number,
  allowUnseen = false,
): Int32Array {
  const single = Array.isArray(features) || ArrayBuffer.isView(features);
  const issues = new IssueCollector();
  if (single && featureNames.length !== 1) {
    throw new FairnessInputError([
      {
        code: "invalid_type",
        path: ["sensitiveFeatures"],
        message: `expected a record with the features ${JSON.stringify(featureNames)}`,
      },
    ]);
  }
  const columns: ArrayLike<Level>[] = [];
  for (const name of featureNames) {
    const column = single
      ? (features as ArrayLike<Level>)
      : (features as Readonly<Record<string, ArrayLike<Level>>>)[name];
    if (column === undefined) {
      issues.add(
        "missing_field",
        ["sensitiveFeatures", name],
        "the rule was fitted on this feature",
      );
    } else if (column.length !== n) {
      issues.add(
        "length_mismatch",
        ["sensitiveFeatures", name],
        `has ${column.length} rows, expected ${n}`,
      );
    } else {
      columns.push(column);
    }
  }
  issues.throwIfAny();
  const index = new Map(keys.map((k, i) => [JSON.stringify(k), i]));
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = JSON.stringify(columns.map((c) => (isMissing(c[i]) ? null : c[i])));
    const g = index.get(key);
    if (g === undefined && !allowUnseen) {
      issues.add(
        "unknown_group",
        ["sensitiveFeatures", i],
        `group ${key} was not seen at fit time`,
      );
    }
    out[i] = g ?? -1;
  }
  issues.throwIfAny();
  return out;
}

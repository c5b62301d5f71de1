/**
 * The one predict-time group lookup of every fitted rule: each row's fitted group from raw
 * sensitive-feature values (at predict time there are no labels to prepare).
 */
import type { Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import { isMissing } from "../data/levels.js";

/**
 * Raw sensitive features: one array, or a record of arrays by feature name.
 * @inline
 */
export type RawFeatures = ArrayLike<Level> | Readonly<Record<string, ArrayLike<Level>>>;

type Trie = Map<Level, Trie | number>;

function isLevelArray(value: unknown): value is ArrayLike<Level> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * The fitted groups of a rule, keyed by their levels (missing values as null), with the lookup of
 * each row's group. Keys must be distinct and have one level per feature.
 *
 * @example
 * new GroupLookup(["sex"], [["f"], ["m"]]).codes(["m", "f"], 2); // => Int32Array [1, 0]
 */
export class GroupLookup {
  /** Sensitive feature names, in key order. */
  readonly featureNames: readonly string[];
  readonly #trie: Trie = new Map();

  /** @throws FairnessInputError naming the entry of `path` when a key repeats or has the wrong length */
  constructor(
    featureNames: readonly string[],
    keys: readonly (readonly Level[])[],
    path: readonly (string | number)[] = ["rule", "groups"],
  ) {
    this.featureNames = featureNames;
    const issues = new IssueCollector();
    keys.forEach((key, index) => {
      if (key.length !== featureNames.length) {
        issues.add(
          "invalid_type",
          [...path, index, "group"],
          `group ${JSON.stringify(key)} needs one level per feature (${featureNames.length})`,
        );
        return;
      }
      let node = this.#trie;
      for (let f = 0; f < key.length - 1; f++) {
        const level = key[f]!;
        let next = node.get(level);
        if (!(next instanceof Map)) {
          next = new Map();
          node.set(level, next);
        }
        node = next;
      }
      const last = key[key.length - 1]!;
      const previous = node.get(last);
      if (typeof previous === "number") {
        issues.add(
          "duplicate_group",
          [...path, index, "group"],
          `group ${JSON.stringify(key)} is listed twice (first at ${previous})`,
        );
        return;
      }
      node.set(last, index);
    });
    issues.throwIfAny();
  }

  /**
   * Index into the keys of each row's group, or -1 for a group not seen at fit time when
   * `allowUnseen`. Throws a FairnessInputError naming the feature when a feature is missing or
   * has other than `n` rows, and naming the rows of unseen groups otherwise.
   *
   * Cost: O(n · features).
   */
  codes(features: RawFeatures | undefined, n: number, allowUnseen = false): Int32Array {
    const columns = this.#columns(features, n);
    const out = new Int32Array(n);
    const issues = new IssueCollector();
    for (let i = 0; i < n; i++) {
      let node: Trie | number | undefined = this.#trie;
      for (const column of columns) {
        const level = column[i];
        node = node instanceof Map ? node.get(isMissing(level) ? null : level!) : undefined;
      }
      if (typeof node === "number") {
        out[i] = node;
      } else if (allowUnseen) {
        out[i] = -1;
      } else {
        const key = JSON.stringify(columns.map((c) => (isMissing(c[i]) ? null : c[i])));
        issues.add(
          "unknown_group",
          ["sensitiveFeatures", i],
          `group ${key} was not seen when the rule was fitted`,
        );
      }
    }
    issues.throwIfAny();
    return out;
  }

  /** The feature columns in key order; only own properties of a record count as features. */
  #columns(features: RawFeatures | undefined, n: number): ArrayLike<Level>[] {
    const names = this.featureNames;
    if (features === undefined || features === null || typeof features !== "object") {
      throw new FairnessInputError([
        {
          code: "missing_field",
          path: ["sensitiveFeatures"],
          message: `the rule needs the features ${JSON.stringify(names)}`,
        },
      ]);
    }
    if (isLevelArray(features) && names.length !== 1) {
      throw new FairnessInputError([
        {
          code: "invalid_type",
          path: ["sensitiveFeatures"],
          message: `the rule needs the features ${JSON.stringify(names)} as a record of arrays`,
        },
      ]);
    }
    const issues = new IssueCollector();
    const columns: ArrayLike<Level>[] = [];
    for (const name of names) {
      const column = isLevelArray(features)
        ? features
        : Object.hasOwn(features, name)
          ? (features as Readonly<Record<string, unknown>>)[name]
          : undefined;
      if (column === undefined) {
        issues.add(
          "missing_field",
          ["sensitiveFeatures", name],
          "the rule was fitted on this feature",
        );
      } else if (!isLevelArray(column)) {
        issues.add("invalid_type", ["sensitiveFeatures", name], "expected an array of levels");
      } else if (column.length !== n) {
        issues.add(
          "length_mismatch",
          ["sensitiveFeatures", name],
          `has ${column.length} rows, the scores or predictions have ${n}`,
        );
      } else {
        columns.push(column);
      }
    }
    issues.throwIfAny();
    return columns;
  }
}

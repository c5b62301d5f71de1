/**
 * Declared groups of an accumulator: every batch's group codes are mapped onto one index fixed
 * up front, so accumulators built anywhere (batches, workers) share their codes and merge.
 */
import type { Columns, GroupIndex, Level } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import { MAX_PRODUCT_GROUPS } from "../data/groups.js";
import { compareLevels } from "../data/levels.js";

/** The levels of one unnamed feature, or of several named features. */
export type DeclaredGroups = readonly Level[] | Readonly<Record<string, readonly Level[]>>;

/**
 * The group index of declared levels: each feature's levels sorted as `prepare` sorts them,
 * groups the Cartesian product (last feature fastest), as `groupMetrics` lists them.
 */
export function declaredIndex(declared: DeclaredGroups): GroupIndex {
  const named = !Array.isArray(declared);
  const record = declared as Readonly<Record<string, readonly Level[]>>;
  const featureNames = named ? Object.keys(record) : ["sensitive_feature_0"];
  const levels = (named ? featureNames.map((f) => record[f]!) : [declared as readonly Level[]]).map(
    (ls, f) => {
      const sorted = [...new Set(ls)].sort(compareLevels);
      if (sorted.length === 0) {
        throw new RangeError(`createAccumulator: feature ${featureNames[f]} declares no levels`);
      }
      return sorted;
    },
  );
  if (featureNames.length === 0) throw new RangeError("createAccumulator: no features declared");
  const size = levels.reduce((product, ls) => product * ls.length, 1);
  if (size > MAX_PRODUCT_GROUPS) {
    throw new FairnessInputError([
      {
        code: "too_many_levels",
        path: ["groups"],
        message: `the declared levels make ${size} groups (${levels.map((ls) => ls.length).join(" × ")}), more than ${MAX_PRODUCT_GROUPS}; declare fewer levels or features`,
      },
    ]);
  }
  let keys: Level[][] = [[]];
  for (const ls of levels) keys = keys.flatMap((k) => ls.map((l) => [...k, l]));
  return { featureNames, levels, keys };
}

const keyString = (key: readonly Level[]): string => JSON.stringify(key);

/**
 * Maps a prepared batch's group codes onto the declared index. Throws FairnessInputError naming
 * the first rows whose level was not declared, or when the batch's features differ.
 */
export function mapBatchGroups(columns: Columns, index: GroupIndex): Uint32Array {
  const batch = columns.groups;
  const names = index.featureNames;
  if (
    batch.featureNames.length !== names.length ||
    !names.every((f) => batch.featureNames.includes(f))
  ) {
    throw new FairnessInputError([
      {
        code: "invalid_option",
        path: ["sensitiveFeatures"],
        message: `batch has features ${JSON.stringify(batch.featureNames)}, the accumulator declares ${JSON.stringify(names)}`,
      },
    ]);
  }
  const position = names.map((f) => batch.featureNames.indexOf(f));
  const global = new Map(index.keys.map((k, g) => [keyString(k), g]));
  const local = batch.keys.map((k) => global.get(keyString(position.map((p) => k[p]!))) ?? -1);
  const code = new Uint32Array(columns.n);
  const unknown: number[] = [];
  for (let r = 0; r < columns.n; r++) {
    const g = local[columns.group[r]!]!;
    if (g < 0) unknown.push(r);
    else code[r] = g;
  }
  if (unknown.length > 0) {
    throw new FairnessInputError(
      unknown.slice(0, 20).map((r) => ({
        code: "unknown_group" as const,
        path: ["sensitiveFeatures", r],
        message: `level ${keyString(batch.keys[columns.group[r]!]!)} was not declared in createAccumulator({ groups })`,
      })),
    );
  }
  return code;
}

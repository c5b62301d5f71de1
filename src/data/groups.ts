/**
 * Group encoding: feature values → sorted levels → one group code per row, with intersections
 * of several features as the level combinations observed in the rows (or, on request, the full
 * Cartesian product of the observed levels, up to a cap).
 */
import type { GroupIndex, Level } from "./columns.js";
import { FairnessInputError, type IssueCollector } from "./errors.js";
import type {
  FeatureInput,
  LevelArray,
  MissingGroupPolicy,
  NumericTypedArray,
} from "./inputTypes.js";
import { compareLevels, isMissing } from "./levels.js";

/** Named feature columns, in the user's order. */
export interface NamedFeatures {
  readonly field: "sensitiveFeatures" | "controlFeatures";
  readonly names: readonly string[];
  readonly columns: readonly LevelArray[];
  /** Whether the user passed a record (paths then carry the feature name). */
  readonly named: boolean;
}

/** Splits a feature input into named columns (`sensitive_feature_0` for an unnamed array). */
export function namedFeatures(input: FeatureInput, field: NamedFeatures["field"]): NamedFeatures {
  if (Array.isArray(input) || ArrayBuffer.isView(input)) {
    const prefix = field === "sensitiveFeatures" ? "sensitive_feature_0" : "control_feature_0";
    return { field, names: [prefix], columns: [input as LevelArray], named: false };
  }
  const record = input as Readonly<Record<string, LevelArray>>;
  const names = Object.keys(record);
  return { field, names, columns: names.map((k) => record[k]!), named: true };
}

/**
 * The longest group level, in UTF-16 code units: a level is a name, and a longer one (a
 * megabyte-long cell) would be copied into every label, finding and output line that names the
 * group until the report no longer fits in memory.
 */
export const MAX_LEVEL_LENGTH = 65_536;

function pathOf(features: NamedFeatures, f: number, row: number): (string | number)[] {
  return features.named ? [features.field, features.names[f]!, row] : [features.field, row];
}

/**
 * Marks rows with a missing value in any feature (and refuses levels that are not strings,
 * finite numbers or booleans, or longer than {@link MAX_LEVEL_LENGTH}). With policy `error` each such row becomes an
 * issue; with `drop` they are returned for removal; with `asGroup` they are kept (level `null`).
 */
export function findMissingRows(
  features: NamedFeatures,
  n: number,
  policy: MissingGroupPolicy,
  issues: IssueCollector,
  missing: Uint8Array,
): void {
  features.columns.forEach((column, f) => {
    if (
      ArrayBuffer.isView(column) &&
      !(column instanceof Float32Array || column instanceof Float64Array)
    ) {
      return;
    }
    for (let i = 0; i < n; i++) {
      const value = column[i];
      const kind = typeof value;
      if (kind === "boolean") continue;
      if (kind === "string") {
        const length = (value as string).length;
        if (length > MAX_LEVEL_LENGTH) {
          issues.add(
            "out_of_range",
            pathOf(features, f, i),
            `group level is ${length} characters long, more than MAX_LEVEL_LENGTH (${MAX_LEVEL_LENGTH}); recode the levels as shorter names`,
          );
        }
        continue;
      }
      if (kind === "number" && (value as number) - (value as number) === 0) continue;
      if (!isMissing(value)) {
        const type = typeof value;
        if (type !== "string" && type !== "number" && type !== "boolean") {
          issues.add(
            "invalid_type",
            pathOf(features, f, i),
            `expected a string, number or boolean group level, got ${type}`,
          );
        } else if (type === "number" && !Number.isFinite(value)) {
          // JSON writes ±Infinity as null, the missing group's level: refuse rather than merge.
          issues.add(
            "not_finite",
            pathOf(features, f, i),
            `group level ${String(value)} is not a finite number; give it as text ("${String(value)}") to keep it as a level`,
          );
        }
        continue;
      }
      if (policy === "error") {
        issues.add(
          "missing_group",
          pathOf(features, f, i),
          "group value is missing; pass missingGroup: 'drop' or 'asGroup' to keep going",
        );
      } else if (policy === "drop") {
        missing[i] = 1;
      }
    }
  });
}

type IntegerArray = Exclude<NumericTypedArray, Float32Array | Float64Array>;

const isIntegerArray = (column: LevelArray): column is IntegerArray =>
  ArrayBuffer.isView(column) && !(column instanceof Float32Array || column instanceof Float64Array);

/** The kept rows of an integer column. */
function gatherIntegers(column: IntegerArray, keep: Uint32Array): Float64Array {
  const out = new Float64Array(keep.length);
  for (let r = 0; r < keep.length; r++) out[r] = column[keep[r]!]!;
  return out;
}

/**
 * Encodes an integer typed column whose values span at most `max(n, 65536)` consecutive integers
 * through a table indexed by value (numbers sort ascending, so a level's rank is its position
 * among the present values). Returns undefined when the span is wider.
 */
function encodeIntegers(
  column: IntegerArray,
  keep: Uint32Array | undefined,
  n: number,
): { levels: Level[]; codes: Uint32Array } | undefined {
  const rows = keep ? gatherIntegers(column, keep) : column;
  // Values in 0..31 (the usual group codes) are found with a bit mask held in a register.
  let mask = 0;
  let high = 0;
  for (let r = 0; r < n; r++) {
    const v = rows[r]!;
    mask |= 1 << v;
    high |= v >>> 5;
  }
  let min = 0;
  let span = 32;
  let rank: Int32Array;
  if (high === 0) {
    rank = new Int32Array(32);
    for (let v = 0; v < 32; v++) rank[v] = (mask >>> v) & 1;
  } else {
    min = rows[0]!;
    let max = min;
    for (let r = 0; r < n; r++) {
      const v = rows[r]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    span = max - min + 1;
    if (span > Math.max(n, 65_536)) return undefined;
    rank = new Int32Array(span);
    for (let r = 0; r < n; r++) rank[rows[r]! - min] = 1;
  }
  const levels: Level[] = [];
  for (let v = 0; v < span; v++) {
    if (rank[v] === 1) {
      rank[v] = levels.length;
      levels.push(v + min);
    }
  }
  // A Uint32Array already holding the codes 0..k-1 of its own sorted levels is used as is.
  const identity = min === 0 && levels[levels.length - 1] === levels.length - 1;
  if (identity && rows instanceof Uint32Array) return { levels, codes: rows };
  const codes = new Uint32Array(n);
  if (identity) codes.set(rows);
  else for (let r = 0; r < n; r++) codes[r] = rank[rows[r]! - min]!;
  return { levels, codes };
}

/** Encodes one feature over the kept rows: sorted levels and a code per kept row. */
function encodeFeature(
  column: LevelArray,
  keep: Uint32Array | undefined,
  n: number,
): { levels: Level[]; codes: Uint32Array } {
  const integers = n > 0 && isIntegerArray(column) ? encodeIntegers(column, keep, n) : undefined;
  if (integers) return integers;
  // Raw values are the keys, so the per-row work is one lookup; the missing values (null,
  // undefined, NaN) are all mapped to the one level null on first sight.
  const seen = new Map<unknown, number>();
  const firstSeen: Level[] = [];
  const raw = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const value = keep ? column[keep[r]!] : column[r];
    let code = seen.get(value);
    if (code === undefined) {
      const level: Level = isMissing(value) ? null : (value as Level);
      code = seen.get(level);
      if (code === undefined) {
        code = firstSeen.length;
        seen.set(level, code);
        firstSeen.push(level);
      }
      seen.set(value, code);
    }
    raw[r] = code;
  }
  const order = firstSeen
    .map((_, i) => i)
    .sort((a, b) => compareLevels(firstSeen[a]!, firstSeen[b]!));
  if (order.some((original, sorted) => original !== sorted)) {
    const rank = new Uint32Array(firstSeen.length);
    order.forEach((original, sorted) => {
      rank[original] = sorted;
    });
    for (let r = 0; r < n; r++) raw[r] = rank[raw[r]!]!;
  }
  return { levels: order.map((i) => firstSeen[i]!), codes: raw };
}

/**
 * Which intersections of several features are groups: `observed` (default) lists only the level
 * combinations that occur in the rows; `all` lists the full Cartesian product of the features'
 * observed levels, empty intersections included (count 0), as Fairlearn's MetricFrame does.
 *
 * @category Input and errors
 */
export type IntersectionMode = "observed" | "all";

/**
 * The most groups `intersections: 'all'` may create. The Cartesian product grows as the product
 * of the features' level counts (three features of 1,000 levels make 10^9 groups), so past this
 * the input is refused with a typed error instead of exhausting memory.
 */
export const MAX_PRODUCT_GROUPS = 1_000_000;

/**
 * Combines per-feature level codes into one group code per row: the observed combinations (or
 * the full product) in product order, the last feature varying fastest. `levels[f]` are feature
 * f's sorted levels and `codes[f][r]` the rank of row r's level in them.
 *
 * @throws FairnessInputError (`too_many_levels`) when `all` would exceed {@link MAX_PRODUCT_GROUPS}
 * @example
 * intersectGroups([["a", "b"], [1, 2]], [Uint32Array.of(0, 1), Uint32Array.of(1, 0)], 2, "observed").keys;
 * // => [["a", 2], ["b", 1]]
 */
export function intersectGroups(
  levels: readonly (readonly Level[])[],
  codes: readonly Uint32Array[],
  n: number,
  mode: IntersectionMode,
  field: NamedFeatures["field"] = "sensitiveFeatures",
): { code: Uint32Array; keys: Level[][] } {
  if (mode === "all") {
    const size = levels.reduce((product, ls) => product * ls.length, 1);
    if (size > MAX_PRODUCT_GROUPS) {
      throw new FairnessInputError([
        {
          code: "too_many_levels",
          path: [field],
          message: `intersections: 'all' would create ${size} groups (${levels.map((ls) => ls.length).join(" × ")} levels), more than ${MAX_PRODUCT_GROUPS}; use intersections: 'observed' (the default) to list only the combinations that occur, or fewer levels`,
        },
      ]);
    }
    const code = new Uint32Array(n);
    levels.forEach((ls, f) => {
      const k = ls.length;
      const c = codes[f]!;
      for (let r = 0; r < n; r++) code[r] = code[r]! * k + c[r]!;
    });
    let keys: Level[][] = [[]];
    for (const ls of levels) keys = keys.flatMap((key) => ls.map((l) => [...key, l]));
    return { code, keys };
  }
  // Observed combinations: after each feature, the pair (combination so far, level) is ranked
  // among the pairs that occur, so codes stay dense and below n at every step.
  const code = new Uint32Array(n);
  let keys: Level[][] = [[]];
  levels.forEach((ls, f) => {
    const k = ls.length;
    const c = codes[f]!;
    const pairs = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      const pair = code[r]! * k + c[r]!;
      if (!pairs.has(pair)) pairs.set(pair, 0);
    }
    const sorted = [...pairs.keys()].sort((a, b) => a - b);
    const next: Level[][] = new Array(sorted.length);
    sorted.forEach((pair, rank) => {
      pairs.set(pair, rank);
      next[rank] = [...keys[Math.floor(pair / k)]!, ls[pair % k]!];
    });
    for (let r = 0; r < n; r++) code[r] = pairs.get(code[r]! * k + c[r]!)!;
    keys = next;
  });
  return { code, keys };
}

/**
 * Encodes all features of `features` on the kept rows (`keep` lists source rows, or all rows)
 * into one group code per row: the observed intersections of the features' levels (or, with
 * `mode: 'all'`, their full Cartesian product), in product order, the last feature varying
 * fastest.
 *
 * @throws FairnessInputError when `mode: 'all'` would exceed {@link MAX_PRODUCT_GROUPS} groups
 * @example
 * encodeGroups({ field: "sensitiveFeatures", names: ["sex"], columns: [["m", "f", "m"]], named: true }, undefined, 3).code;
 * // => Uint32Array [1, 0, 1]
 */
export function encodeGroups(
  features: NamedFeatures,
  keep: Uint32Array | undefined,
  n: number,
  mode: IntersectionMode = "observed",
): { code: Uint32Array; index: GroupIndex } {
  const encoded = features.columns.map((column) => encodeFeature(column, keep, n));
  const levels = encoded.map((e) => e.levels);
  const { code, keys } =
    encoded.length === 1
      ? { code: encoded[0]!.codes, keys: levels[0]!.map((l) => [l]) }
      : intersectGroups(
          levels,
          encoded.map((e) => e.codes),
          n,
          mode,
          features.field,
        );
  return { code, index: { featureNames: features.names, levels, keys } };
}

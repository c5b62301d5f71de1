/**
 * Group encoding: feature values → sorted levels → one group code per row, with intersections
 * of several features as the full Cartesian product of their observed levels.
 */
import type { GroupIndex, Level } from "./columns.js";
import type { IssueCollector } from "./errors.js";
import { compareLevels, isMissing } from "./levels.js";
import type { FeatureInput, LevelArray, MissingGroupPolicy } from "./schema.js";

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

function pathOf(features: NamedFeatures, f: number, row: number): (string | number)[] {
  return features.named ? [features.field, features.names[f]!, row] : [features.field, row];
}

/**
 * Marks rows with a missing value in any feature. With policy `error` each such row becomes an
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
      if (!isMissing(value)) {
        const type = typeof value;
        if (type !== "string" && type !== "number" && type !== "boolean") {
          issues.add(
            "invalid_type",
            pathOf(features, f, i),
            `expected a string, number or boolean group level, got ${type}`,
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

/** Encodes one feature over the kept rows: sorted levels and a code per kept row. */
function encodeFeature(
  column: LevelArray,
  keep: Uint32Array | undefined,
  n: number,
): { levels: Level[]; codes: Uint32Array } {
  const seen = new Map<Level, number>();
  const firstSeen: Level[] = [];
  const raw = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const value = column[keep ? keep[r]! : r];
    const level: Level = isMissing(value) ? null : (value as Level);
    let code = seen.get(level);
    if (code === undefined) {
      code = firstSeen.length;
      seen.set(level, code);
      firstSeen.push(level);
    }
    raw[r] = code;
  }
  const order = firstSeen
    .map((_, i) => i)
    .sort((a, b) => compareLevels(firstSeen[a]!, firstSeen[b]!));
  const rank = new Uint32Array(firstSeen.length);
  order.forEach((original, sorted) => {
    rank[original] = sorted;
  });
  for (let r = 0; r < n; r++) raw[r] = rank[raw[r]!]!;
  return { levels: order.map((i) => firstSeen[i]!), codes: raw };
}

/**
 * Encodes all features of `features` on the kept rows (`keep` lists source rows, or all rows)
 * into one group code per row. Groups are the Cartesian product of the features' levels, the
 * last feature varying fastest.
 *
 * @example
 * encodeGroups({ field: "sensitiveFeatures", names: ["sex"], columns: [["m", "f", "m"]], named: true }, undefined, 3).code;
 * // => Uint32Array [1, 0, 1]
 */
export function encodeGroups(
  features: NamedFeatures,
  keep: Uint32Array | undefined,
  n: number,
): { code: Uint32Array; index: GroupIndex } {
  const encoded = features.columns.map((column) => encodeFeature(column, keep, n));
  const code = new Uint32Array(n);
  let size = 1;
  for (const { levels, codes } of encoded) {
    const k = levels.length;
    for (let r = 0; r < n; r++) code[r] = code[r]! * k + codes[r]!;
    size *= k;
  }
  const keys: Level[][] = [];
  for (let g = 0; g < size; g++) {
    const key: Level[] = new Array(encoded.length);
    let rest = g;
    for (let f = encoded.length - 1; f >= 0; f--) {
      const levels = encoded[f]!.levels;
      key[f] = levels[rest % levels.length]!;
      rest = Math.floor(rest / levels.length);
    }
    keys.push(key);
  }
  return {
    code,
    index: { featureNames: features.names, levels: encoded.map((e) => e.levels), keys },
  };
}

/**
 * The labelled training data of a reduction: true labels and sensitive features, validated and
 * encoded once.
 */
import type { Level } from "../../data/columns.js";
import { IssueCollector } from "../../data/errors.js";

/** Labels and sensitive features of the training rows (the rows of `x`, in order). */
export interface ReductionInput {
  /** True labels, 0/1 or booleans. */
  readonly yTrue: ArrayLike<number | boolean>;
  /** One sensitive feature, or a record of named features (groups are their intersections). */
  readonly sensitiveFeatures: ArrayLike<Level> | Readonly<Record<string, ArrayLike<Level>>>;
}

export interface EncodedTraining {
  readonly label: Uint8Array;
  readonly group: Uint32Array;
  /** Group code → one level per feature. */
  readonly keys: readonly (readonly Level[])[];
}

function levelKey(level: Level): string {
  return `${typeof level}:${String(level)}`;
}

function compareLevels(a: Level, b: Level): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Validates and encodes labels and groups (sorted levels; observed intersections only). */
export function encodeTraining(input: ReductionInput, fn: string): EncodedTraining {
  const issues = new IssueCollector();
  const n = input.yTrue.length;
  if (n === 0) issues.add("empty_input", ["yTrue"], "expected at least one row");
  const label = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = input.yTrue[i];
    if (v === 1 || v === true) label[i] = 1;
    else if (v !== 0 && v !== false) {
      issues.add("not_binary", ["yTrue", i], `${fn}: expected 0/1 or a boolean, got ${v}`);
    }
  }
  const sf = input.sensitiveFeatures;
  const features: [string, ArrayLike<Level>][] =
    typeof (sf as ArrayLike<Level>).length === "number"
      ? [["sensitive_feature_0", sf as ArrayLike<Level>]]
      : Object.entries(sf as Record<string, ArrayLike<Level>>);
  for (const [name, values] of features) {
    if (values.length !== n) {
      issues.add(
        "length_mismatch",
        ["sensitiveFeatures", name],
        `${fn}: ${values.length} values, expected ${n} (the length of yTrue)`,
      );
      continue;
    }
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
        issues.add("missing_group", ["sensitiveFeatures", i], `${fn}: missing group value`);
      }
    }
  }
  issues.throwIfAny();
  const rowKeys: Level[][] = Array.from({ length: n }, (_, i) =>
    features.map(([, values]) => values[i] as Level),
  );
  const distinct = new Map<string, Level[]>();
  for (const key of rowKeys) {
    const id = key.map(levelKey).join("\u0000");
    if (!distinct.has(id)) distinct.set(id, key);
  }
  const keys = [...distinct.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) {
      const c = compareLevels(a[k]!, b[k]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  const code = new Map(keys.map((key, g) => [key.map(levelKey).join("\u0000"), g]));
  const group = Uint32Array.from(rowKeys, (key) => code.get(key.map(levelKey).join("\u0000"))!);
  return { label, group, keys };
}

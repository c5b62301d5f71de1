/**
 * Rows by group of any number of sensitive features, groups in the oracle's order: sorted by
 * Python's str() of the level (one feature) or of the tuple of levels (several).
 */
import type { CaseColumns } from "../columns.js";
import type { Level } from "../datasets.js";

/** Python's repr() of a level inside a tuple. */
const repr = (level: Level) => (typeof level === "string" ? `'${level}'` : String(level));

/** Observed groups with their rows, in the oracle's order. */
export function groupRows(columns: CaseColumns): { key: Level[]; rows: number[] }[] {
  const features = columns.featureNames.map((name) => columns.features[name]!);
  const byKey = new Map<string, { key: Level[]; rows: number[]; text: string }>();
  for (let i = 0; i < columns.n; i++) {
    const key = features.map((f) => f[i] ?? null);
    const id = JSON.stringify(key);
    let group = byKey.get(id);
    if (group === undefined) {
      const text =
        key.length === 1
          ? String(key[0])
          : `(${key.map(repr).join(", ")}${key.length === 1 ? "," : ""})`;
      group = { key, rows: [], text };
      byKey.set(id, group);
    }
    group.rows.push(i);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ key, rows }) => ({ key, rows }));
}

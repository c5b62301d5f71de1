/**
 * Chunk statistics merged in chunk order into the statistics of the whole input: the group
 * index `prepare` would build, and the confusion counts `countConfusion` would give (exactly for
 * counts; weighted sums merged as compensated pairs, in chunk order).
 */
import type { GroupIndex, Level } from "../data/columns.js";
import { type IntersectionMode, MAX_PRODUCT_GROUPS } from "../data/groups.js";
import type { LabelValue } from "../data/inputTypes.js";
import { compareLevels } from "../data/levels.js";
import { type ConfusionStats, mergeConfusion } from "../stats/confusion.js";
import type { ChunkStats } from "./chunks.js";

const keyOf = (value: unknown): string => JSON.stringify(value);

/** What the whole input's labels, weights and groups need beyond each chunk being valid. */
export interface MergeContext {
  /** Rows of the whole input. */
  readonly n: number;
  /** The positive label given with the input. */
  readonly posLabel: LabelValue | undefined;
  /** The input's intersection mode. */
  readonly intersections: IntersectionMode;
}

const isSubset = (values: readonly LabelValue[], allowed: readonly LabelValue[]) =>
  values.every((v) => allowed.includes(v));

/**
 * Whether the label values of all chunks together pass `prepare`'s rule (at most two values;
 * `posLabel` among them, or `{0, 1}`, `{-1, 1}` or booleans), so that every chunk encoded its
 * labels with the positive label the whole input has.
 */
function labelsAgree(chunks: readonly ChunkStats[], posLabel: LabelValue | undefined): boolean {
  const values: LabelValue[] = [];
  for (const chunk of chunks)
    for (const v of chunk.labelValues) if (!values.includes(v)) values.push(v);
  if (values.length > 2) return false;
  if (posLabel !== undefined) return values.length < 2 || values.includes(posLabel);
  return isSubset(values, [0, 1]) || isSubset(values, [-1, 1]) || isSubset(values, [false, true]);
}

/** Each feature's levels over all chunks, sorted as `prepare` sorts them. */
function mergedLevels(chunks: readonly ChunkStats[], features: number): Level[][] {
  return Array.from({ length: features }, (_, f) => {
    const seen = new Map<string, Level>();
    for (const chunk of chunks)
      for (const level of chunk.groups.levels[f]!) seen.set(keyOf(level), level);
    return [...seen.values()].sort(compareLevels);
  });
}

/** The groups over all chunks: the observed combinations, or the full product, in product order. */
function mergedKeys(
  chunks: readonly ChunkStats[],
  levels: readonly (readonly Level[])[],
  mode: IntersectionMode,
): Level[][] | undefined {
  if (levels.length === 1) return levels[0]!.map((l) => [l]);
  if (mode === "all") {
    const size = levels.reduce((product, ls) => product * ls.length, 1);
    if (size > MAX_PRODUCT_GROUPS) return undefined;
    let keys: Level[][] = [[]];
    for (const ls of levels) keys = keys.flatMap((key) => ls.map((l) => [...key, l]));
    return keys;
  }
  const ranks = levels.map((ls) => new Map(ls.map((l, i) => [keyOf(l), i])));
  const seen = new Map<string, { key: Level[]; rank: number[] }>();
  for (const chunk of chunks) {
    for (const key of chunk.groups.keys) {
      const id = keyOf(key);
      if (!seen.has(id)) {
        seen.set(id, { key: [...key], rank: key.map((l, f) => ranks[f]!.get(keyOf(l))!) });
      }
    }
  }
  const byRank = (a: { rank: number[] }, b: { rank: number[] }) => {
    for (let f = 0; f < a.rank.length; f++)
      if (a.rank[f] !== b.rank[f]) return a.rank[f]! - b.rank[f]!;
    return 0;
  };
  return [...seen.values()].sort(byRank).map((g) => g.key);
}

/** A chunk's statistics laid out on the merged groups. */
function onGroups(
  chunk: ChunkStats,
  position: Map<string, number>,
  groups: number,
): ConfusionStats {
  const weighted = chunk.weightSum !== undefined;
  const counts = new Float64Array(4 * groups);
  const weightSum = weighted ? new Float64Array(4 * groups) : undefined;
  const weightComp = weighted ? new Float64Array(4 * groups) : undefined;
  chunk.groups.keys.forEach((key, local) => {
    const g = position.get(keyOf(key))!;
    for (let c = 0; c < 4; c++) {
      counts[4 * g + c] = chunk.counts[4 * local + c]!;
      if (weighted) {
        weightSum![4 * g + c] = chunk.weightSum![4 * local + c]!;
        weightComp![4 * g + c] = chunk.weightComp![4 * local + c]!;
      }
    }
  });
  return { groups, counts, weightSum, weightComp };
}

/**
 * The statistics of the whole input from its chunks' (in chunk order), or undefined when the
 * chunks are each valid but the whole input is not (labels that disagree between chunks, too
 * many groups, weights too large): the caller then describes the input's problems with
 * `prepare`.
 */
export function mergeChunks(
  chunks: readonly ChunkStats[],
  context: MergeContext,
): { stats: ConfusionStats; groups: GroupIndex } | undefined {
  const first = chunks[0]!;
  if (!labelsAgree(chunks, context.posLabel)) return undefined;
  const weightTotal = chunks.reduce((sum, c) => sum + c.weightTotal, 0);
  if (!Number.isFinite(weightTotal * context.n)) return undefined;
  const featureNames = first.groups.featureNames;
  const levels = mergedLevels(chunks, featureNames.length);
  const keys = mergedKeys(chunks, levels, context.intersections);
  if (keys === undefined) return undefined;
  const position = new Map(keys.map((key, g) => [keyOf(key), g]));
  let stats = onGroups(first, position, keys.length);
  for (const chunk of chunks.slice(1))
    stats = mergeConfusion(stats, onGroups(chunk, position, keys.length));
  return { stats, groups: { featureNames, levels, keys } };
}

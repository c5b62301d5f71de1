/**
 * The fixed chunk decomposition of an input and the statistics of one chunk: what each worker
 * computes. Chunks depend only on the number of rows and the chunk size, never on the number of
 * workers, so merging their statistics in chunk order gives the same result for any worker count.
 */
import type { GroupIndex } from "../data/columns.js";
import type {
  FairnessInput,
  FeatureInput,
  LabelArray,
  LabelValue,
  NumberArray,
} from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { countConfusion } from "../stats/confusion.js";

/** Rows per chunk unless `chunkSize` is given: large enough that a chunk's fixed costs vanish. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/** The options of an input that a chunk carries along with its rows. */
const CHUNK_OPTION_KEYS = [
  "posLabel",
  "threshold",
  "thresholdRule",
  "scores",
  "missingGroup",
  "intersections",
] as const;

/** The data fields of an input whose rows are split into chunks. */
const CHUNK_DATA_KEYS = ["yTrue", "yPred", "yScore", "sampleWeight"] as const;

/** Every key of an input the parallel path splits or carries (controlFeatures is not one). */
export const CHUNKED_INPUT_KEYS: readonly string[] = [
  ...CHUNK_DATA_KEYS,
  "sensitiveFeatures",
  ...CHUNK_OPTION_KEYS,
];

/** One chunk's rows: an input of the same form, restricted to rows `from..to`. */
export type ChunkInput = Omit<FairnessInput, "controlFeatures">;

/** The statistics of one chunk, all plain data (structured-cloneable, buffers transferable). */
export interface ChunkStats {
  /** The chunk's groups (observed levels only). */
  readonly groups: GroupIndex;
  /** `counts[4g + 2·label + pred]` over the chunk's groups. */
  readonly counts: Float64Array;
  /** Weighted counts (with weights). */
  readonly weightSum: Float64Array | undefined;
  /** Compensation part of `weightSum`. */
  readonly weightComp: Float64Array | undefined;
  /** The distinct values of yTrue and yPred in the chunk (at most two, since it was valid). */
  readonly labelValues: readonly LabelValue[];
  /** Plain sum of every weight of the chunk, dropped rows included (0 without weights). */
  readonly weightTotal: number;
}

/** Row ranges `[from, to)` of the chunks of `n` rows. */
export function chunkBounds(n: number, chunkSize: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let from = 0; from < n; from += chunkSize)
    bounds.push([from, Math.min(n, from + chunkSize)]);
  return bounds;
}

/** Rows `from..to` of a column, as the thread that counts the chunk reads them. */
export type Cut = <T extends LabelArray | NumberArray>(column: T, from: number, to: number) => T;

/** A typed array's rows as a view (shares memory), a plain array's as a copy. */
export const viewRows: Cut = (column, from, to) =>
  (ArrayBuffer.isView(column)
    ? column.subarray(from, to)
    : column.slice(from, to)) as typeof column;

function cutFeatures(features: FeatureInput, from: number, to: number, cut: Cut): FeatureInput {
  if (Array.isArray(features) || ArrayBuffer.isView(features)) {
    return cut(features as LabelArray, from, to) as FeatureInput;
  }
  const record = features as Readonly<Record<string, LabelArray>>;
  return Object.fromEntries(Object.keys(record).map((f) => [f, cut(record[f]!, from, to)]));
}

/** The chunk of rows `from..to` of an input (checked by `parallelPlan`), columns cut by `cut`. */
export function chunkInput(
  input: ChunkInput,
  from: number,
  to: number,
  cut: Cut = viewRows,
): ChunkInput {
  const chunk: Record<string, unknown> = {};
  for (const key of CHUNK_OPTION_KEYS) if (input[key] !== undefined) chunk[key] = input[key];
  for (const key of CHUNK_DATA_KEYS) {
    const column = input[key];
    if (column !== undefined) chunk[key] = cut(column, from, to);
  }
  chunk.sensitiveFeatures = cutFeatures(input.sensitiveFeatures, from, to, cut);
  return chunk as unknown as ChunkInput;
}

/** The distinct values of the label columns when at most two in all (which a valid chunk has). */
function labelValues(columns: readonly (LabelArray | undefined)[]): LabelValue[] {
  const found: LabelValue[] = [];
  for (const column of columns) {
    if (column === undefined) continue;
    for (let i = 0; i < column.length && found.length < 2; i++) {
      const v = column[i]!;
      if (v !== found[0] && v !== found[1]) found.push(v);
      // After two values, a valid chunk holds no third: the rest need not be read.
    }
  }
  return found;
}

/** Plain sum of a weight column (the chunk was valid, so every weight is a finite number). */
function total(weights: NumberArray | undefined): number {
  if (weights === undefined) return 0;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] as number;
  return sum;
}

/**
 * Validates one chunk as `prepare` validates an input and counts each of its groups' confusion
 * cells: the work of one worker task.
 *
 * @throws FairnessInputError when the chunk is invalid (row numbers are within the chunk; the
 *   caller describes the whole input's problems with `prepare`)
 */
export function chunkStats(chunk: ChunkInput): ChunkStats {
  const columns = prepare(chunk);
  const stats = countConfusion(columns);
  return {
    groups: columns.groups,
    counts: stats.counts,
    weightSum: stats.weightSum,
    weightComp: stats.weightComp,
    labelValues: labelValues([chunk.yTrue, chunk.yPred]),
    weightTotal: total(chunk.sampleWeight),
  };
}

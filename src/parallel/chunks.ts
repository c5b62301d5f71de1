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

/** Group codes counted in one pass: values 0..31, one bit each in a mask held in a register. */
const SMALL_CODES = 32;

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The option values of a chunk counted in one pass: those `prepare` accepts and that leave the counts as they are. */
const passes = (chunk: ChunkInput): boolean =>
  Object.keys(chunk).every(
    (key) =>
      key === "yTrue" ||
      key === "yPred" ||
      key === "sensitiveFeatures" ||
      (key === "posLabel" && chunk.posLabel === 1) ||
      (key === "missingGroup" && ["error", "drop", "asGroup"].includes(chunk.missingGroup!)) ||
      (key === "intersections" && ["observed", "all"].includes(chunk.intersections!)),
  );

/** The one feature of a chunk as unsigned integer codes, with its name, when it has that form. */
function codeFeature(
  features: FeatureInput,
): { name: string; codes: Uint8Array | Uint16Array | Uint32Array } | undefined {
  const isCodes = (c: unknown) =>
    c instanceof Uint8Array || c instanceof Uint16Array || c instanceof Uint32Array;
  if (isCodes(features)) return { name: "sensitive_feature_0", codes: features as Uint8Array };
  if (Array.isArray(features) || ArrayBuffer.isView(features)) return undefined;
  const names = Object.keys(features);
  const column = names.length === 1 ? (features as Record<string, unknown>)[names[0]!] : undefined;
  return isCodes(column) ? { name: names[0]!, codes: column as Uint8Array } : undefined;
}

/**
 * The statistics `prepare` and `countConfusion` give, in one pass over the rows, for the usual
 * large input: 0/1 bytes for labels and predictions (positive label 1), one feature of unsigned
 * integer codes below 32, no scores or weights. Undefined for any other chunk, and for a chunk
 * of that form that holds another value (a label byte 2, a code 32): `prepare` then decides.
 */
function codedChunkStats(chunk: ChunkInput): ChunkStats | undefined {
  const { yTrue: label, yPred: pred } = chunk;
  const feature = codeFeature(chunk.sensitiveFeatures);
  if (
    !LITTLE_ENDIAN ||
    !(label instanceof Uint8Array && pred instanceof Uint8Array) ||
    feature === undefined ||
    !passes(chunk)
  ) {
    return undefined;
  }
  const n = label.length;
  const code = feature.codes;
  if (n === 0 || pred.length !== n || code.length !== n) return undefined;
  if (label.byteOffset % 4 !== 0 || pred.byteOffset % 4 !== 0) return undefined;
  // Four tables, one per row of a word, as in countConfusion; codes are masked into the tables
  // and the high bits kept apart, so a code of 32 or more is seen after the pass.
  const size = SMALL_CODES * 4;
  const table = new Int32Array(size * 4);
  const whole = n - (n % 4);
  const labels = new Uint32Array(label.buffer, label.byteOffset, whole / 4);
  const preds = new Uint32Array(pred.buffer, pred.byteOffset, whole / 4);
  let mask = 0;
  let high = 0;
  let bits = 0;
  for (let r = 0, w = 0; r < whole; r += 4, w++) {
    const l = labels[w]!;
    const p = preds[w]!;
    bits |= l | p;
    const cells = (l << 1) | p;
    const g0 = code[r]!;
    const g1 = code[r + 1]!;
    const g2 = code[r + 2]!;
    const g3 = code[r + 3]!;
    mask |= (1 << g0) | (1 << g1) | (1 << g2) | (1 << g3);
    high |= g0 | g1 | g2 | g3;
    table[((g0 & 31) << 2) | (cells & 3)]!++;
    table[size + (((g1 & 31) << 2) | ((cells >>> 8) & 3))]!++;
    table[2 * size + (((g2 & 31) << 2) | ((cells >>> 16) & 3))]!++;
    table[3 * size + (((g3 & 31) << 2) | ((cells >>> 24) & 3))]!++;
  }
  for (let r = whole; r < n; r++) {
    const l = label[r]!;
    const p = pred[r]!;
    const g = code[r]!;
    bits |= l | p;
    mask |= 1 << g;
    high |= g;
    table[((g & 31) << 2) | (((l << 1) | p) & 3)]!++;
  }
  if ((bits & 0xfefefefe) !== 0 || high >>> 5 !== 0) return undefined;
  const levels: number[] = [];
  for (let v = 0; v < SMALL_CODES; v++) if ((mask >>> v) & 1) levels.push(v);
  const counts = new Float64Array(4 * levels.length);
  levels.forEach((v, g) => {
    for (let c = 0; c < 4; c++) {
      const i = (v << 2) | c;
      counts[4 * g + c] =
        table[i]! + table[size + i]! + table[2 * size + i]! + table[3 * size + i]!;
    }
  });
  return {
    groups: { featureNames: [feature.name], levels: [levels], keys: levels.map((v) => [v]) },
    counts,
    weightSum: undefined,
    weightComp: undefined,
    labelValues: labelValues([label, pred]),
    weightTotal: 0,
  };
}

/**
 * Validates one chunk as `prepare` validates an input and counts each of its groups' confusion
 * cells: the work of one worker task.
 *
 * @throws FairnessInputError when the chunk is invalid (row numbers are within the chunk; the
 *   caller describes the whole input's problems with `prepare`)
 */
export function chunkStats(chunk: ChunkInput): ChunkStats {
  const coded = codedChunkStats(chunk);
  if (coded !== undefined) return coded;
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

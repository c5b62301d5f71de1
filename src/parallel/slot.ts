/**
 * Shared memory that a chunk's typed columns are copied into before a worker is sent them. A
 * pool keeps one slot per chunk in flight and reuses it for the next chunk once the worker has
 * replied, so its pages are touched once per pool instead of once per call (writing to fresh
 * memory costs about ten times a copy into memory already touched).
 */
import type { LabelArray, NumberArray } from "../data/inputTypes.js";
import type { Cut } from "./chunks.js";

type Typed = Exclude<LabelArray, readonly unknown[]>;

/** Where each column copied into a slot starts: a multiple of the widest element, 8 bytes. */
const ALIGN = 8;

const aligned = (bytes: number) => Math.ceil(bytes / ALIGN) * ALIGN;

/** Whether shared memory can be sent to workers here (cross-origin isolated, in browsers). */
export const canShare = (): boolean =>
  typeof SharedArrayBuffer === "function" &&
  (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

/** Rows of a column for a worker where memory cannot be shared: a copy of them alone. */
export const copyRows: Cut = (column, from, to) => column.slice(from, to) as typeof column;

/** One chunk's worth of shared memory, grown when a chunk needs more, never shrunk. */
export class ChunkSlot {
  #buffer: SharedArrayBuffer | undefined;
  #used = 0;

  /** Starts a new chunk: the next copies overwrite the previous chunk's rows. */
  begin(): void {
    this.#used = 0;
  }

  /**
   * Rows `from..to` of a column as a worker reads them: views of a typed array that already is
   * in shared memory, a copy into this slot of another typed array, a copy of a plain array's
   * slice.
   */
  cut<T extends LabelArray | NumberArray>(column: T, from: number, to: number): T {
    if (!ArrayBuffer.isView(column)) return copyRows(column, from, to);
    const rows = (column as Typed).subarray(from, to);
    if (rows.buffer instanceof SharedArrayBuffer) return rows as T;
    const bytes = aligned(rows.byteLength);
    if (this.#buffer === undefined || this.#used + bytes > this.#buffer.byteLength) {
      // The columns copied so far keep the old buffer alive until this chunk is sent; the next
      // chunk starts in the larger one.
      const capacity = this.#buffer?.byteLength ?? 0;
      this.#buffer = new SharedArrayBuffer(Math.max(2 * capacity, this.#used + bytes));
      this.#used = 0;
    }
    const Type = rows.constructor as new (
      buffer: SharedArrayBuffer,
      offset: number,
      length: number,
    ) => Typed;
    const copy = new Type(this.#buffer, this.#used, rows.length);
    copy.set(rows as never);
    this.#used += bytes;
    return copy as unknown as T;
  }
}

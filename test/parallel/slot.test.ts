import { describe, expect, it } from "vitest";
import { ChunkSlot, copyRows } from "../../src/parallel/slot.js";

describe("ChunkSlot", () => {
  it("copies typed rows into shared memory, 8-byte aligned, and reuses it for the next chunk", () => {
    const slot = new ChunkSlot();
    const labels = Uint8Array.of(1, 0, 1, 1, 0);
    const weights = Float64Array.of(0.5, 1, 2, 4, 8);
    slot.begin();
    const a = slot.cut(labels, 1, 4);
    const b = slot.cut(weights, 1, 4);
    expect(a).toEqual(Uint8Array.of(0, 1, 1));
    expect(b).toEqual(Float64Array.of(1, 2, 4));
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.byteOffset % 8).toBe(0);
    // The source is untouched; the next chunk writes over the same memory once it fits.
    expect(labels).toEqual(Uint8Array.of(1, 0, 1, 1, 0));
    slot.begin();
    const c = slot.cut(labels, 0, 3);
    const d = slot.cut(weights, 0, 3);
    slot.begin();
    const e = slot.cut(labels, 2, 5);
    const f = slot.cut(weights, 2, 5);
    expect([e.buffer, f.buffer]).toEqual([c.buffer, d.buffer]);
    expect(e.buffer).toBe(d.buffer);
    expect(f).toEqual(Float64Array.of(2, 4, 8));
  });

  it("views columns already in shared memory and copies plain arrays' rows", () => {
    const slot = new ChunkSlot();
    const shared = new Uint32Array(new SharedArrayBuffer(16));
    shared.set([7, 8, 9, 10]);
    slot.begin();
    const view = slot.cut(shared, 1, 3);
    expect(view).toEqual(Uint32Array.of(8, 9));
    expect(view.buffer).toBe(shared.buffer);
    const plain = ["a", "b", "c"];
    expect(slot.cut(plain, 1, 3)).toEqual(["b", "c"]);
    expect(copyRows(Uint8Array.of(1, 2, 3), 0, 2)).toEqual(Uint8Array.of(1, 2));
  });
});

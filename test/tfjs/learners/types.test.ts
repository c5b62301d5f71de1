import { describe, expect, it } from "vitest";
import { denseMatrix, rowCount } from "../../../src/tfjs/learners/types.js";

describe("denseMatrix(rows) / rowCount(x)", () => {
  it("denseMatrix(…) packs rows row-major and rejects ragged rows", () => {
    const m = denseMatrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m).toEqual({ data: Float64Array.of(1, 2, 3, 4, 5, 6), rows: 2, cols: 3 });
    expect(denseMatrix([])).toEqual({ data: new Float64Array(0), rows: 0, cols: 0 });
    expect(() => denseMatrix([[1, 2], [3]])).toThrow(
      new RangeError("denseMatrix: row 1 has 1 values, expected 2"),
    );
  });

  it("rowCount(…) reads a DenseMatrix, a tensor's shape or an array's length", () => {
    expect(rowCount(denseMatrix([[1], [2], [3]]))).toBe(3);
    expect(rowCount({ shape: [7, 2] })).toBe(7);
    expect(rowCount([[1], [2]])).toBe(2);
    expect(() => rowCount(5)).toThrow(TypeError);
    expect(() => rowCount(null)).toThrow(TypeError);
  });
});

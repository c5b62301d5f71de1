import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/data/errors.js";
import { encodeFeaturesInput } from "../../src/scan/features.js";
import { buildScanTable, cellOfRowIndex, cellOutcomeSums } from "../../src/scan/table.js";

function encoded(features: Record<string, string[]>, n: number) {
  const issues = new IssueCollector();
  const out = encodeFeaturesInput(features, n, {}, issues);
  issues.throwIfAny();
  return out;
}

describe("buildScanTable(features, expectations)", () => {
  // Rows: (g, h, expectation) — cells in order of first appearance:
  // 0 (a, x, 0.5) rows 0, 3; 1 (b, x, 0.5) row 1; 2 (a, x, 0.2) row 2; 3 (a, y, 0.5) row 4.
  const features = encoded({ g: ["a", "b", "a", "a", "a"], h: ["x", "x", "x", "x", "y"] }, 5);
  const table = buildScanTable(features, Float64Array.of(0.5, 0.5, 0.2, 0.5, 0.5));

  it("buildScanTable(…) groups rows by levels and expectation, in order of first appearance", () => {
    expect(Array.from(table.rowCell!)).toEqual([0, 1, 2, 0, 3]);
    expect(Array.from(table.cellRows)).toEqual([2, 1, 1, 1]);
    expect(Array.from(table.cellExpectation)).toEqual([0.5, 0.5, 0.2, 0.5]);
    expect(table.cellCodes.map((c) => Array.from(c))).toEqual([
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(table.rows).toBe(5);
  });

  it("cellOutcomeSums(…) adds each row's outcome to its cell", () => {
    expect(Array.from(cellOutcomeSums(table, [1, 0, 1, 1, 0]))).toEqual([2, 0, 1, 0]);
  });

  it("cellOfRowIndex(…) reads the row's cell, or counts rows in cell order for aggregated cells", () => {
    expect([0, 1, 2, 3, 4].map((r) => cellOfRowIndex(table, r))).toEqual([0, 1, 2, 0, 3]);
    const aggregated = { ...table, rowCell: undefined };
    // Cells hold 2, 1, 1, 1 rows: indices 0-1 → 0, 2 → 1, 3 → 2, 4 → 3.
    expect([0, 1, 2, 3, 4].map((r) => cellOfRowIndex(aggregated, r))).toEqual([0, 0, 1, 2, 3]);
  });
});

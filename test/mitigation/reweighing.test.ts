import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { reweighing } from "../../src/mitigation/reweighing.js";

describe("reweighing", () => {
  it("reweighing(…) gives the documented example", () => {
    // Hand computation: n = 6, n_a = n_b = 3, n_{y=1} = n_{y=0} = 3; W(a,1) = 3·3/(6·2) = 0.75.
    const r = reweighing({
      yTrue: [1, 1, 0, 1, 0, 0],
      sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
    });
    expect(Array.from(r.sampleWeight)).toEqual([0.75, 0.75, 1.5, 1.5, 0.75, 0.75]);
  });

  it("reweighing(…) matches AIF360 on the fixture's inline case and reports the before/after table", () => {
    // AIF360 0.6 Reweighing, fixture aif360_inline_small.
    const r = reweighing({
      yTrue: [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0],
      sensitiveFeatures: { prot: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0] },
    });
    const cell = (g: number, y: number) => r.table.find((c) => c.group[0] === g && c.label === y)!;
    expect(cell(1, 1).factor).toBe(0.6944444444444444);
    expect(cell(1, 0).factor).toBe(1.4583333333333333);
    expect(cell(0, 1).factor).toBe(1.4583333333333333);
    expect(cell(0, 0).factor).toBe(0.8166666666666667);
    expect(cell(1, 1).rateBefore).toBeCloseTo(0.6, 15);
    expect(cell(1, 1).rateAfter).toBeCloseTo(5 / 12, 15);
    expect(cell(0, 1).rateAfter).toBeCloseTo(5 / 12, 15);
  });

  it("reweighing(…) handles three classes and multiplies existing weights", () => {
    const yTrue = ["x", "y", "z", "x", "x", "y", "z", "z"];
    const g = ["a", "a", "a", "a", "b", "b", "b", "b"];
    const w = [1, 2, 1, 2, 1, 2, 1, 2];
    const r = reweighing({ yTrue, sensitiveFeatures: g, sampleWeight: w });
    expect(r.classes).toEqual(["x", "y", "z"]);
    for (const c of r.table) expect(c.rateAfter).toBeCloseTo(c.overallRate, 12);
    const total = r.sampleWeight.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(12, 12);
  });

  it("reweighing(…) rejects negative weights with a FairnessInputError naming the row", () => {
    expect(() =>
      reweighing({ yTrue: [1, 0], sensitiveFeatures: ["a", "b"], sampleWeight: [1, -1] }),
    ).toThrow(FairnessInputError);
  });
});

describe("reweighing properties", () => {
  const rowsArb = fc.array(
    fc.record({
      sex: fc.constantFrom("F", "M"),
      age: fc.constantFrom("young", "old"),
      y: fc.constantFrom("a", "b", "c"),
      w: fc.double({ min: 0.1, max: 5, noNaN: true }),
    }),
    { minLength: 30, maxLength: 120 },
  );

  it("on intersections of two features, weighted P(y | g) equals P(y) and the total is kept", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const r = reweighing({
          yTrue: rows.map((x) => x.y),
          sensitiveFeatures: { sex: rows.map((x) => x.sex), age: rows.map((x) => x.age) },
          sampleWeight: rows.map((x) => x.w),
        });
        fc.pre(r.table.every((c) => c.count > 0));
        for (const c of r.table) expect(c.rateAfter).toBeCloseTo(c.overallRate, 10);
        const before = rows.reduce((a, x) => a + x.w, 0);
        const after = r.sampleWeight.reduce((a, b) => a + b, 0);
        expect(after).toBeCloseTo(before, 8);
      }),
      { numRuns: 50 },
    );
  });
});

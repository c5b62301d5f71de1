import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyReweighing, reweighingCells } from "../../src/mitigation/reweighingKernel.js";

// AIF360 0.6 Reweighing, fixture case aif360_inline_small (privileged = group 0, favorable = class 0).
const protectedAttr = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const yTrue = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0];
const group = Uint32Array.from(protectedAttr, (p) => (p === 1 ? 0 : 1));
const cls = Uint32Array.from(yTrue, (y) => (y === 1 ? 0 : 1));

describe("reweighingCells", () => {
  it("reweighingCells(…) gives AIF360's four factors on the small inline case", () => {
    const cells = reweighingCells(cls, 2, group, 2, undefined);
    expect(cells.factor[0]).toBe(0.6944444444444444); // w_p_fav = 25/36
    expect(cells.factor[1]).toBe(1.4583333333333333); // w_p_unfav
    expect(cells.factor[2]).toBe(1.4583333333333333); // w_up_fav
    expect(cells.factor[3]).toBe(0.8166666666666667); // w_up_unfav
    expect(Array.from(cells.count)).toEqual([3, 2, 2, 5]);
  });

  it("reweighingCells(…) is NaN for an empty (group, class) cell", () => {
    const cells = reweighingCells(
      Uint32Array.of(0, 0, 1),
      2,
      Uint32Array.of(0, 1, 1),
      2,
      undefined,
    );
    expect(cells.factor[1]).toBeNaN();
    // group 0 has one row of class 0: W = n_c0 · n_g0 / (n · n_{0,0}) = 2·1/(3·1)
    expect(cells.factor[0]).toBeCloseTo(2 / 3, 15);
  });

  it("applyReweighing(…) multiplies the incoming weights", () => {
    const cells = reweighingCells(cls, 2, group, 2, undefined);
    const weight = Float64Array.from(yTrue, () => 2);
    const cellsWeighted = reweighingCells(cls, 2, group, 2, weight);
    // Doubling every weight leaves the factors unchanged and doubles the new weights.
    expect(Array.from(cellsWeighted.factor)).toEqual(Array.from(cells.factor));
    const out = applyReweighing(cellsWeighted, cls, group, weight);
    expect(out[0]).toBe(2 * 0.6944444444444444);
  });
});

const rowsArb = fc
  .record({ groups: fc.integer({ min: 1, max: 4 }), classes: fc.integer({ min: 2, max: 3 }) })
  .chain(({ groups, classes }) =>
    fc.record({
      groups: fc.constant(groups),
      classes: fc.constant(classes),
      rows: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: groups - 1 }),
          fc.integer({ min: 0, max: classes - 1 }),
          fc.double({ min: 0.1, max: 10, noNaN: true }),
        ),
        { minLength: 12, maxLength: 80 },
      ),
    }),
  );

describe("reweighing properties", () => {
  it("under the new weights P(y = c | g) equals P(y = c) when every (group, class) cell has rows", () => {
    fc.assert(
      fc.property(rowsArb, ({ groups, classes, rows }) => {
        const g = Uint32Array.from(rows, (r) => r[0]);
        const c = Uint32Array.from(rows, (r) => r[1]);
        const w = Float64Array.from(rows, (r) => r[2]);
        const cells = reweighingCells(c, classes, g, groups, w);
        fc.pre(cells.count.every((x) => x > 0));
        const out = applyReweighing(cells, c, g, w);
        const after = reweighingCells(c, classes, g, groups, out);
        for (let gi = 0; gi < groups; gi++) {
          for (let ci = 0; ci < classes; ci++) {
            const cell = after.weight[gi * classes + ci]!;
            const conditional = cell / after.groupTotal[gi]!;
            const marginal = cells.classTotal[ci]! / cells.total;
            expect(conditional).toBeCloseTo(marginal, 10);
          }
        }
      }),
    );
  });

  it("the sum of the new weights equals the sum of the old when no cell is empty", () => {
    fc.assert(
      fc.property(rowsArb, ({ groups, classes, rows }) => {
        const g = Uint32Array.from(rows, (r) => r[0]);
        const c = Uint32Array.from(rows, (r) => r[1]);
        const w = Float64Array.from(rows, (r) => r[2]);
        const cells = reweighingCells(c, classes, g, groups, w);
        // With empty cells the mass of the missing (g, c) combinations cannot be placed.
        fc.pre(cells.count.every((x) => x > 0));
        const out = applyReweighing(cells, c, g, w);
        const oldSum = w.reduce((a, b) => a + b, 0);
        const newSum = out.reduce((a, b) => a + b, 0);
        expect(newSum).toBeCloseTo(oldSum, 8);
      }),
    );
  });
});

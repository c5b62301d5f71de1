import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { prepare } from "../../src/data/prepare.js";
import { countConfusion } from "../../src/stats/confusion.js";

/** Issues of a rejected input, or undefined when it is accepted. */
function issuesOf(run: () => unknown) {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof FairnessInputError) return error.issues;
    throw error;
  }
}

const rowsArbitrary = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    yTrue: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
    yPred: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
    group: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
  }),
);

describe("prepare: typed-array fast paths", () => {
  it("typed arrays give the same columns as plain arrays (labels, 0..31 and wider group codes)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 0, max: 1000 }), (rows, offset) => {
        const plain = prepare({
          yTrue: rows.yTrue,
          yPred: rows.yPred,
          sensitiveFeatures: rows.group.map((g) => g + offset),
        });
        const typed = prepare({
          yTrue: Uint8Array.from(rows.yTrue),
          yPred: Uint8Array.from(rows.yPred),
          sensitiveFeatures: Uint32Array.from(rows.group, (g) => g + offset),
        });
        expect(Array.from(typed.label)).toEqual(Array.from(plain.label));
        expect(Array.from(typed.pred!)).toEqual(Array.from(plain.pred!));
        expect(Array.from(typed.group)).toEqual(Array.from(plain.group));
        expect(typed.groups).toEqual(plain.groups);
      }),
    );
  });

  it("encodes -1/1 labels, signed group codes and dropped rows like plain arrays", () => {
    const yTrue = [-1, 1, 1, -1, 1];
    const group = [-3, 7, -3, 2, 7];
    const plain = prepare({ yTrue, yPred: yTrue, sensitiveFeatures: group });
    const typed = prepare({
      yTrue: Int8Array.from(yTrue),
      yPred: Int32Array.from(yTrue),
      sensitiveFeatures: Int16Array.from(group),
    });
    expect(Array.from(typed.label)).toEqual([0, 1, 1, 0, 1]);
    expect(Array.from(typed.group)).toEqual(Array.from(plain.group));
    expect(typed.groups.levels).toEqual([[-3, 2, 7]]);
    const input = {
      yTrue: [1, 0, 1, 0],
      yPred: [1, 1, 0, 0],
      a: [5, 1, 5, 1],
      b: [null, "x", "y", "x"],
    };
    const droppedPlain = prepare({
      yTrue: input.yTrue,
      yPred: input.yPred,
      sensitiveFeatures: { a: input.a, b: input.b },
      missingGroup: "drop",
    });
    const droppedTyped = prepare({
      yTrue: Uint8Array.from(input.yTrue),
      yPred: Uint8Array.from(input.yPred),
      sensitiveFeatures: { a: Uint32Array.from(input.a), b: input.b },
      missingGroup: "drop",
    });
    expect(Array.from(droppedTyped.label)).toEqual([0, 1, 0]);
    expect(droppedTyped.groups.levels).toEqual([
      [1, 5],
      ["x", "y"],
    ]);
    expect(Array.from(droppedTyped.group)).toEqual(Array.from(droppedPlain.group));
    expect(droppedTyped.groups).toEqual(droppedPlain.groups);
  });

  it("the typed weight check finds any one invalid weight at any row, and passes −0 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.constant(-0)), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat(),
        fc.constantFrom(
          -Number.MIN_VALUE,
          -1e-300,
          -1,
          -Number.MAX_VALUE,
          Number.NEGATIVE_INFINITY,
          Number.POSITIVE_INFINITY,
          Number.NaN,
        ),
        (clean, at, invalid) => {
          const n = clean.length;
          const input = (weights: number[]) => ({
            yTrue: new Uint8Array(n).fill(1),
            yPred: new Uint8Array(n).fill(1),
            sampleWeight: Float64Array.from(weights),
            sensitiveFeatures: new Uint8Array(n),
          });
          const fine = issuesOf(() => prepare(input(clean)));
          expect(fine?.filter((i) => i.code !== "zero_total_weight") ?? []).toEqual([]);
          const row = at % n;
          const broken = clean.slice();
          broken[row] = invalid;
          const issues = issuesOf(() => prepare(input(broken)));
          const code = Number.isFinite(invalid) ? "negative_weight" : "not_finite";
          expect(issues?.map((i) => [i.code, ...i.path])).toEqual([[code, "sampleWeight", row]]);
        },
      ),
    );
  });

  it("reports every invalid value with its row, in typed and plain arrays", () => {
    const typed = issuesOf(() =>
      prepare({
        yTrue: Float64Array.of(0, 1, Number.NaN, 1),
        yPred: Uint8Array.of(0, 1, 2, 1),
        yScore: Float64Array.of(0.5, 1.5, Number.POSITIVE_INFINITY, 0.2),
        sampleWeight: Float64Array.of(1, -1, 2, Number.NaN),
        sensitiveFeatures: Float64Array.of(1, Number.NaN, 2, 2),
      }),
    );
    expect(typed?.map((i) => [i.code, ...i.path])).toEqual([
      ["not_finite", "yTrue", 2],
      ["out_of_range", "yScore", 1],
      ["not_finite", "yScore", 2],
      ["negative_weight", "sampleWeight", 1],
      ["not_finite", "sampleWeight", 3],
      ["missing_group", "sensitiveFeatures", 1],
    ]);
    const plain = issuesOf(() =>
      prepare({
        yTrue: [0, 1, 1, 0],
        yPred: [0, 1, 1, 1],
        yScore: [0.5, 1.5, Number.POSITIVE_INFINITY, 0.2],
        sampleWeight: [1, -1, 2, Number.NaN],
        sensitiveFeatures: ["a", null, "b", "b"],
      }),
    );
    expect(plain?.map((i) => [i.code, ...i.path])).toEqual([
      ["out_of_range", "yScore", 1],
      ["not_finite", "yScore", 2],
      ["negative_weight", "sampleWeight", 1],
      ["not_finite", "sampleWeight", 3],
      ["missing_group", "sensitiveFeatures", 1],
    ]);
    const third = issuesOf(() =>
      prepare({
        yTrue: Uint8Array.of(0, 1, 0),
        yPred: Uint8Array.of(0, 2, 1),
        sensitiveFeatures: [1, 1, 1],
      }),
    );
    expect(third?.map((i) => [i.code, ...i.path])).toEqual([["not_binary", "yPred", 1]]);
  });

  it("never writes to the user's arrays, even when a column is used without a copy", () => {
    const yTrue = Uint8Array.of(1, 0, 1, 1);
    const group = Uint32Array.of(0, 1, 1, 0);
    const columns = prepare({ yTrue, yPred: yTrue, sensitiveFeatures: group });
    countConfusion(columns);
    expect(Array.from(yTrue)).toEqual([1, 0, 1, 1]);
    expect(Array.from(group)).toEqual([0, 1, 1, 0]);
  });
});

describe("countConfusion: the interleaved count loop", () => {
  it("equals one increment per row, for aligned and unaligned views", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 0, max: 3 }), (rows, start) => {
        const n = rows.yTrue.length;
        const from = Math.min(start, n - 1);
        const label = Uint8Array.from(rows.yTrue).subarray(from);
        const pred = Uint8Array.from(rows.yPred).subarray(from);
        const group = Uint32Array.from(rows.group).subarray(from);
        const groups = 41;
        const expected = new Float64Array(groups * 4);
        for (let r = 0; r < label.length; r++)
          expected[4 * group[r]! + 2 * label[r]! + pred[r]!]! += 1;
        const stats = countConfusion(
          {
            n: label.length,
            label,
            pred,
            weight: undefined,
            group,
            groups: { featureNames: [], levels: [], keys: [] },
          },
          group,
          groups,
        );
        expect(Array.from(stats.counts)).toEqual(Array.from(expected));
      }),
    );
  });
});

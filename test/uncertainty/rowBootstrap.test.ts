/**
 * The percentile row bootstrap of per-group metrics: the slot layout, the values written into it,
 * and the draws (checked against a direct loop over each group's rows, and against the
 * regression intervals built on it).
 */
import { describe, expect, it } from "vitest";
import { regressionIntervals } from "../../src/regression/index.js";
import { bootstrapInterval } from "../../src/uncertainty/bootstrapInterval.js";
import { randomSource } from "../../src/uncertainty/random.js";
import {
  groupSlots,
  percentileRowBootstrap,
  readGroupSlots,
  writeGroupSlots,
} from "../../src/uncertainty/rowBootstrap.js";
import { expectClose } from "../helpers/close.js";

describe("groupSlots(…)", () => {
  it("gives each metric overall, difference, ratio, k groups and, with a reference, k gaps", () => {
    expect(groupSlots("f", ["a", "b"], 3, undefined)).toMatchObject({ stride: 6, size: 12 });
    expect(groupSlots("f", ["a", "b"], 3, 2)).toMatchObject({ stride: 9, size: 18 });
  });

  it("refuses a reference that is not a group index, naming the function", () => {
    expect(() => groupSlots("f", ["a"], 2, 2)).toThrow(/^f: reference must be/);
    expect(() => groupSlots("f", ["a"], 2, 0.5)).toThrow(RangeError);
  });
});

describe("writeGroupSlots(…)", () => {
  it("compares only the groups with rows and takes gaps to the reference group", () => {
    const slots = groupSlots("f", ["x", "y"], 3, 0);
    const out = new Float64Array(slots.size).fill(-1);
    writeGroupSlots(slots, out, 1, 0.5, [0.25, Number.NaN, 0.75], [3, 0, 4]);
    // Metric 1 starts at 1 · (3 + 3 + 3); 0.75 − 0.25 = 0.5, 0.25 / 0.75 = 1/3.
    expect(Array.from(out.subarray(9))).toEqual([
      0.5,
      0.5,
      0.25 / 0.75,
      0.25,
      Number.NaN,
      0.75,
      0,
      Number.NaN,
      0.5,
    ]);
    expect(Array.from(out.subarray(0, 9))).toEqual(Array(9).fill(-1));
  });

  it("takes gaps to the overall value with reference 'overall'", () => {
    const slots = groupSlots("f", ["x"], 2, "overall");
    const out = new Float64Array(slots.size);
    writeGroupSlots(slots, out, 0, 2, [1, 4], [1, 1]);
    expect(Array.from(out.subarray(5))).toEqual([-1, 2]);
  });
});

describe("readGroupSlots(…)", () => {
  it("reads each slot back under its metric id", () => {
    const slots = groupSlots("f", ["x", "y"], 2, 1);
    const estimates = Array.from({ length: slots.size }, (_, s) => ({
      estimate: s,
      intervals: [],
      nanReplicates: 0,
    }));
    const read = readGroupSlots(slots, estimates);
    expect(read.overall.y!.estimate).toBe(7);
    expect(read.ratio.x!.estimate).toBe(2);
    expect(read.byGroup[1]!.y!.estimate).toBe(11);
    expect(read.gaps[0]!.x!.estimate).toBe(5);
  });
});

const group = Uint32Array.of(0, 1, 0, 1, 1, 0, 0);
const values = Float64Array.of(3, 1, 4, 1, 5, 9, 2);
const mean = (rows: Uint32Array, out: Float64Array) => {
  let s = 0;
  for (const r of rows) s += values[r]!;
  out[0] = s / rows.length;
};

describe("percentileRowBootstrap(…)", () => {
  it("draws each group's rows in level order, like a direct loop over each group's members", () => {
    const options = { nBoot: 50, seed: 9, stratified: true, levels: [0.8, 0.95] };
    const [got] = percentileRowBootstrap(group, 2, mean, Float64Array.of(24 / 7), options);
    const rng = randomSource(9);
    const members = [
      [0, 2, 5, 6],
      [1, 3, 4],
    ];
    const replicates = new Float64Array(50);
    for (let b = 0; b < 50; b++) {
      let s = 0;
      for (const rows of members) {
        for (let j = 0; j < rows.length; j++) s += values[rows[rng.integer(0, rows.length - 1)]!]!;
      }
      replicates[b] = s / 7;
    }
    expect(got).toEqual(bootstrapInterval(replicates, 24 / 7, [0.8, 0.95], "percentile"));
  });

  it("draws from all rows when not stratified", () => {
    const options = { nBoot: 30, seed: 4, stratified: false, levels: [0.9] };
    const [got] = percentileRowBootstrap(group, 2, mean, Float64Array.of(24 / 7), options);
    const rng = randomSource(4);
    const replicates = Float64Array.from({ length: 30 }, () => {
      let s = 0;
      for (let j = 0; j < 7; j++) s += values[rng.integer(0, 6)]!;
      return s / 7;
    });
    expect(got).toEqual(bootstrapInterval(replicates, 24 / 7, [0.9], "percentile"));
  });

  it("gives regressionIntervals' overall mean absolute error from a direct statistic", () => {
    const yTrue = [1, 2, 3, 4, 5, 6, 7];
    const yPred = [1.5, 2, 2, 5, 5, 7, 9];
    const sensitiveFeatures = ["a", "b", "a", "b", "b", "a", "a"];
    const options = { nBoot: 40, seed: 3, stratified: true, levels: [0.95] };
    const iv = regressionIntervals(
      { yTrue, yPred, sensitiveFeatures },
      { metrics: ["meanAbsoluteError"], nBoot: 40, seed: 3 },
    );
    const error = (rows: Uint32Array, out: Float64Array) => {
      let s = 0;
      for (const r of rows) s += Math.abs(yTrue[r]! - yPred[r]!);
      out[0] = s / rows.length;
    };
    const [direct] = percentileRowBootstrap(group, 2, error, Float64Array.of(5.5 / 7), options);
    expectClose(iv.overall.meanAbsoluteError, direct);
  });
});

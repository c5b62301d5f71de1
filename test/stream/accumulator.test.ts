import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { rocAuc } from "../../src/metrics/ranking.js";
import { METRICS } from "../../src/metrics/registry.js";
import {
  type AccumulatorOptions,
  accumulatorFromState,
  createAccumulator,
  type FairnessAccumulator,
} from "../../src/stream/index.js";
import { inputIssues } from "../helpers/errors.js";

const COUNT_METRICS = METRICS.filter((m) => m.input === "counts").map((m) => m.id);

interface Data {
  yTrue: number[];
  yScore: number[];
  group: string[];
  weight: number[];
}

const dataArbitrary = fc
  .array(
    fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      // Scores k/8: ties across groups, and each score its own bin of 16 (1 in the last).
      s: fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
      g: fc.constantFrom("a", "b", "c"),
      w: fc.double({ min: 0.001, max: 1000, noNaN: true }),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map(
    (rows): Data => ({
      yTrue: rows.map((r) => r.y),
      yScore: rows.map((r) => r.s),
      group: rows.map((r) => r.g),
      weight: rows.map((r) => r.w),
    }),
  );

const slice = (d: Data, from: number, to: number, weighted: boolean) => ({
  yTrue: d.yTrue.slice(from, to),
  yScore: d.yScore.slice(from, to),
  sensitiveFeatures: d.group.slice(from, to),
  ...(weighted ? { sampleWeight: d.weight.slice(from, to) } : {}),
});

const options = (weighted: boolean): AccumulatorOptions => ({
  groups: ["a", "b", "c"],
  weighted,
  calibrationBins: 4,
  rocBins: 16,
});

/** Relative closeness, NaN equal to NaN. */
function close(actual: number, expected: number, rtol = 1e-12): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected) + 1e-300);
}

function closeArrays(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) close(actual[i]!, expected[i]!);
}

function sameStatistics(a: FairnessAccumulator, b: FairnessAccumulator): void {
  const sa = a.toState();
  const sb = b.toState();
  expect(Array.from(sa.counts)).toEqual(Array.from(sb.counts));
  expect(a.rows).toBe(b.rows);
  type Pair = ["weightSum", "weightComp"] | ["calibration", "calibrationComp"] | ["roc", "rocComp"];
  const value = (s: typeof sa, [k, c]: Pair) => Array.from(s[k], (v, i) => v + s[c][i]!);
  closeArrays(value(sa, ["weightSum", "weightComp"]), value(sb, ["weightSum", "weightComp"]));
  closeArrays(
    value(sa, ["calibration", "calibrationComp"]),
    value(sb, ["calibration", "calibrationComp"]),
  );
  closeArrays(value(sa, ["roc", "rocComp"]), value(sb, ["roc", "rocComp"]));
}

describe("createAccumulator", () => {
  it("createAccumulator(…).update(…) twice gives the counts of both batches", () => {
    const acc = createAccumulator({ groups: ["a", "b"] });
    acc.update({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] });
    acc.update({ yTrue: [1, 0], yPred: [0, 0], sensitiveFeatures: ["a", "b"] });
    const r = acc.result({ metrics: ["count", "selectionRate", "truePositiveRate"] });
    // group a: (y=1,p=1), (y=1,p=0) → selection 1/2, TPR 1/2; group b: (0,1), (0,0) → 1/2, NaN
    expect(r.byGroup.map((g) => g.values)).toEqual([
      { count: 2, selectionRate: 0.5, truePositiveRate: 0.5 },
      { count: 2, selectionRate: 0.5, truePositiveRate: Number.NaN },
    ]);
    expect(r.overall.selectionRate).toBe(0.5);
    expect(acc.rows).toBe(4);
  });

  it("any split into batches, merged in any order, equals one pass (property)", () => {
    fc.assert(
      fc.property(
        dataArbitrary,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat()),
        (d, weighted, cutSeeds, orderSeeds) => {
          const n = d.yTrue.length;
          const cuts = [...new Set([0, ...cutSeeds.map((c) => c % (n + 1)), n])].sort(
            (x, y) => x - y,
          );
          const parts: FairnessAccumulator[] = [];
          for (let i = 0; i + 1 < cuts.length; i++) {
            if (cuts[i] === cuts[i + 1]) continue;
            parts.push(
              createAccumulator(options(weighted)).update(
                slice(d, cuts[i]!, cuts[i + 1]!, weighted),
              ),
            );
          }
          // A seeded shuffle of the merge order, and merges folded both left and as a tree.
          const order = parts.map((_, i) => i);
          orderSeeds.forEach((s, i) => {
            const j = s % order.length;
            const k = i % order.length;
            [order[j], order[k]] = [order[k]!, order[j]!];
          });
          const merged = createAccumulator(options(weighted));
          for (const i of order) merged.merge(parts[i]!);
          const onePass = createAccumulator(options(weighted)).update(slice(d, 0, n, weighted));
          sameStatistics(merged, onePass);
        },
      ),
    );
  });

  it("result() equals groupMetrics on the concatenated data (property)", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.boolean(), fc.nat(), (d, weighted, cut) => {
        const n = d.yTrue.length;
        const k = cut % (n + 1);
        const levels = [...new Set(d.group)].sort();
        const opts = { ...options(weighted), groups: levels };
        const acc = createAccumulator(opts);
        if (k > 0) acc.update(slice(d, 0, k, weighted));
        if (k < n) acc.update(slice(d, k, n, weighted));
        const streamed = acc.result({ metrics: COUNT_METRICS });
        const direct = groupMetrics(slice(d, 0, n, weighted), { metrics: COUNT_METRICS });
        expect(streamed.byGroup.map((g) => g.key)).toEqual(direct.byGroup.map((g) => g.key));
        for (const id of COUNT_METRICS) {
          close(streamed.overall[id]!, direct.overall[id]!);
          streamed.byGroup.forEach((g, i) => {
            close(g.values[id]!, direct.byGroup[i]!.values[id]!);
          });
        }
        expect(streamed.warnings).toEqual(direct.warnings);
      }),
    );
  });

  it("binnedRocAuc() equals rocAuc when every score has its own bin (property)", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.boolean(), (d, weighted) => {
        const acc = createAccumulator(options(weighted)).update(
          slice(d, 0, d.yTrue.length, weighted),
        );
        const binned = acc.binnedRocAuc();
        ["a", "b", "c"].forEach((g, i) => {
          const rows = d.group.flatMap((x, r) => (x === g ? [r] : []));
          const exact =
            rows.length === 0
              ? Number.NaN
              : rocAuc(
                  Uint8Array.from(rows, (r) => d.yTrue[r]!),
                  Float64Array.from(rows, (r) => d.yScore[r]!),
                  weighted ? Float64Array.from(rows, (r) => d.weight[r]!) : undefined,
                );
          close(binned[i]!, exact, 1e-9);
        });
        close(
          binned[3]!,
          rocAuc(
            Uint8Array.from(d.yTrue),
            Float64Array.from(d.yScore),
            weighted ? Float64Array.from(d.weight) : undefined,
          ),
          1e-9,
        );
      }),
    );
  });

  it("calibrationHistograms() holds weight, Σwy, Σwp, Σwp² per group and bin", () => {
    const acc = createAccumulator({ groups: ["a", "b"], weighted: true, calibrationBins: 2 });
    acc.update({
      yTrue: [1, 0, 1, 0],
      yScore: [0.9, 0.2, 0.5, 1],
      sensitiveFeatures: ["a", "a", "a", "b"],
      sampleWeight: [2, 1, 3, 1],
    });
    const [a, b] = acc.calibrationHistograms();
    // Group a: bin 0 holds p=0.2 (w 1, y 0); bin 1 holds p=0.9 (w 2, y 1) and p=0.5 (w 3, y 1).
    expect(Array.from(a!.weight)).toEqual([1, 5]);
    expect(Array.from(a!.sumLabel)).toEqual([0, 5]);
    expect(Array.from(a!.sumScore)).toEqual([0.2, 2 * 0.9 + 3 * 0.5]);
    expect(Array.from(a!.sumScoreSquared)).toEqual([0.2 * 0.2, 2 * 0.81 + 3 * 0.25]);
    // Group b: p = 1 falls in the last bin.
    expect(Array.from(b!.weight)).toEqual([0, 1]);
  });

  it("toState() survives structured cloning and JSON, and fromState continues the stream", () => {
    const opts = { ...options(true), bootstrap: { replicates: 3, seed: 7 } };
    const d: Data = {
      yTrue: [1, 0, 1, 1, 0, 0],
      yScore: [0.9, 0.1, 0.4, 0.6, 0.7, 0.3],
      group: ["a", "b", "c", "a", "b", "c"],
      weight: [1, 2, 3, 1.5, 0.5, 2],
    };
    const whole = createAccumulator(opts)
      .update(slice(d, 0, 3, true))
      .update(slice(d, 3, 6, true));
    const first = createAccumulator(opts).update(slice(d, 0, 3, true));
    const cloned = accumulatorFromState(structuredClone(first.toState())).update(
      slice(d, 3, 6, true),
    );
    const viaJson = accumulatorFromState(JSON.parse(JSON.stringify(first))).update(
      slice(d, 3, 6, true),
    );
    for (const acc of [cloned, viaJson]) {
      expect(acc.toJSON()).toEqual(whole.toJSON());
    }
  });

  it("bootstrap replicates average to the counts, and a seed replays them", () => {
    const n = 2000;
    const d = {
      yTrue: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      yPred: Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0)),
      sensitiveFeatures: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "x" : "y")),
    };
    const replicates = 200;
    const make = (stream: number) =>
      createAccumulator({ groups: ["x", "y"], bootstrap: { replicates, seed: 11, stream } }).update(
        d,
      );
    const acc = make(0);
    const counts = acc.confusion().counts;
    const mean = new Float64Array(counts.length);
    for (let i = 0; i < replicates; i++) {
      acc.replicate(i).counts.forEach((c, j) => {
        mean[j]! += c / replicates;
      });
    }
    // Each replicate count is Poisson(count): the mean of 200 lies within 5 standard errors.
    counts.forEach((c, j) => {
      expect(Math.abs(mean[j]! - c)).toBeLessThanOrEqual(5 * Math.sqrt(c / replicates) + 1e-9);
    });
    expect(Array.from(make(0).replicate(3).counts)).toEqual(Array.from(acc.replicate(3).counts));
    expect(Array.from(make(1).replicate(3).counts)).not.toEqual(
      Array.from(acc.replicate(3).counts),
    );
  });

  it("update(…) rejects undeclared levels, naming the rows", () => {
    const acc = createAccumulator({ groups: { sex: ["f", "m"] } });
    const issues = inputIssues(() =>
      acc.update({
        yTrue: [1, 0, 1],
        yPred: [1, 0, 0],
        sensitiveFeatures: { sex: ["f", "x", "m"] },
      }),
    );
    expect(issues[0]).toMatchObject({ code: "unknown_group", path: ["sensitiveFeatures", 1] });
    expect(() =>
      acc.update({ yTrue: [1], yPred: [1], sensitiveFeatures: { sex: ["f"] }, sampleWeight: [1] }),
    ).toThrow(/unweighted/);
  });

  it("merge(…) refuses accumulators with different options", () => {
    const a = createAccumulator({ groups: ["a"] });
    const b = createAccumulator({ groups: ["a"], threshold: 0.3 });
    expect(() => a.merge(b)).toThrow(RangeError);
  });

  it("groups of several features are their Cartesian product, as in groupMetrics", () => {
    const input = {
      yTrue: [1, 0, 1, 0, 1],
      yPred: [1, 1, 0, 0, 1],
      sensitiveFeatures: { race: ["w", "b", "w", "b", "w"], sex: ["m", "m", "f", "f", "f"] },
    };
    const acc = createAccumulator({ groups: { race: ["w", "b"], sex: ["m", "f"] } }).update(input);
    const direct = groupMetrics(input, { metrics: COUNT_METRICS });
    expect(acc.result({ metrics: COUNT_METRICS }).toJSON()).toEqual(direct.toJSON());
  });
});

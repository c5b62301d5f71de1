import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { bootstrapGroupMetrics } from "../../src/uncertainty/groupBootstrap.js";
import { quantileSorted } from "../../src/uncertainty/quantile.js";
import { randomSource } from "../../src/uncertainty/random.js";
import { syntheticGroups } from "../helpers/synthetic.js";

function synthetic(seed: number) {
  return syntheticGroups(seed, [
    { name: "a", n: 200, baseRate: 0.5 },
    { name: "b", n: 90, baseRate: 0.3, cut: 0.6 },
    { name: "c", n: 40, baseRate: 0.6 },
  ]);
}

const data = synthetic(23);
const input = { yTrue: data.yTrue, yPred: data.yPred, sensitiveFeatures: data.sensitiveFeatures };
const methods = [
  {},
  { method: "toOverall" },
  { method: "toReference", reference: "b" },
  { method: "toReference", reference: ["c"] },
] as const;

describe("groupMetrics(input, { ci })", () => {
  it("groupMetrics(…, { ci }) gives the same bytes for the same seed and differs across seeds", () => {
    const full = { ...data };
    const run = (seed: number, method: "percentile" | "bca") =>
      JSON.stringify(
        groupMetrics(full, {
          metrics: ["count", "selectionRate", "rocAuc"],
          ci: { seed, method, nBoot: 60, level: [0.9, 0.95] },
        }),
      );
    expect(run(5, "bca")).toBe(run(5, "bca"));
    expect(run(5, "percentile")).toBe(run(5, "percentile"));
    expect(run(5, "percentile")).not.toBe(run(6, "percentile"));
    const json = JSON.parse(run(5, "bca"));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["overallIntervals", "ci"]));
    expect(json.ci).toMatchObject({
      seed: 5,
      method: "bca",
      nBoot: 60,
      levels: [0.9, 0.95],
      // Integer weights 1–4: the weighted cell sums are drawn exactly from their 4 values.
      resampling: { count: "multinomial", selectionRate: "weightedMultinomial", rocAuc: "rows" },
    });
    expect(Object.keys(json.aggregateIntervals.differenceToOverall)).toEqual([
      "count",
      "selectionRate",
      "rocAuc",
    ]);
  });

  it("groupMetrics(…, { ci }) interval estimates are the values and aggregates, for every method", () => {
    const metrics = [
      "selectionRate",
      "truePositiveRate",
      "precision",
      "accuracy",
      "rocAuc",
    ] as const;
    for (const d of [
      { ...input, yScore: data.yScore },
      { ...input, yScore: data.yScore, sampleWeight: data.sampleWeight },
    ]) {
      for (const zeroDivision of ["nan", 0] as const) {
        const r = groupMetrics(d, { metrics, zeroDivision, ci: { nBoot: 20, seed: 1 } });
        for (const id of metrics) {
          expect(r.overallIntervals![id]!.estimate).toBe(r.overall[id]);
          for (const row of r.byGroup) expect(row.intervals![id]!.estimate).toBe(row.values[id]);
          expect(r.groupMinInterval()[id]!.estimate).toBe(r.groupMin()[id]);
          expect(r.groupMaxInterval()[id]!.estimate).toBe(r.groupMax()[id]);
          for (const options of methods) {
            expect(r.differenceInterval(options)[id]!.estimate).toBe(r.difference(options)[id]);
            expect(r.ratioInterval(options)[id]!.estimate).toBe(r.ratio(options)[id]);
          }
        }
      }
    }
  });

  it("groupMetrics(…, { ci }) percentile intervals of the overall value contain it", () => {
    const r = groupMetrics(
      { ...data },
      { metrics: ["selectionRate", "truePositiveRate", "f1Score", "rocAuc"], ci: { seed: 2 } },
    );
    for (const e of Object.values(r.overallIntervals!)) {
      const ci = e.intervals[0]!;
      expect(ci.lower).toBeLessThan(e.estimate);
      expect(ci.upper).toBeGreaterThan(e.estimate);
    }
  });

  it("groupMetrics(…, { ci }) gives bootstrapGroupMetrics' intervals from the same replicates", () => {
    const metrics = ["selectionRate", "falsePositiveRate"] as const;
    for (const method of ["percentile", "bca"] as const) {
      const ci = { nBoot: 80, seed: 9, method };
      const lazy = groupMetrics(input, { metrics, ci });
      const eager = bootstrapGroupMetrics(input, { metrics, ...ci, reference: "b" });
      const toReference = { method: "toReference", reference: "b" } as const;
      for (const id of metrics) {
        const m = eager.metrics[id]!;
        expect(lazy.overallIntervals![id]).toEqual(m.overall);
        expect(lazy.byGroup.map((g) => g.intervals![id])).toEqual(m.byGroup);
        expect(lazy.groupMaxInterval()[id]).toEqual(m.groupMax);
        expect(lazy.differenceInterval()[id]).toEqual(m.difference);
        expect(lazy.ratioInterval({ method: "toOverall" })[id]).toEqual(m.ratioToOverall);
        expect(lazy.differenceInterval(toReference)[id]).toEqual(m.differenceToReference);
        expect(lazy.ratioInterval(toReference)[id]).toEqual(m.ratioToReference);
      }
    }
  });

  it("groupMetrics(…, { ci }) toOverall and toReference intervals agree with a brute-force row bootstrap", () => {
    const nBoot = 4000;
    const r = groupMetrics(input, { metrics: ["selectionRate"], ci: { nBoot, seed: 4 } });
    // Brute force: resample rows within each group, recompute the selection rates by hand.
    const rows: number[][] = [[], [], []];
    data.sensitiveFeatures.forEach((g, i) => {
      rows["abc".indexOf(g)]!.push(i);
    });
    const rng = randomSource(1234);
    const toOverall = new Float64Array(nBoot);
    const toReference = new Float64Array(nBoot);
    for (let b = 0; b < nBoot; b++) {
      const rates = rows.map((members) => {
        let selected = 0;
        for (let i = 0; i < members.length; i++) {
          selected += data.yPred[members[rng.integer(0, members.length - 1)]!]!;
        }
        return selected;
      });
      const n = rows.map((m) => m.length);
      const overall = (rates[0]! + rates[1]! + rates[2]!) / (n[0]! + n[1]! + n[2]!);
      const v = rates.map((s, g) => s / n[g]!);
      toOverall[b] = Math.max(...v.map((x) => Math.abs(x - overall)));
      toReference[b] = Math.min(...v.map((x) => (x / v[1]! > 1 ? v[1]! / x : x / v[1]!)));
    }
    const bounds = (values: Float64Array) => {
      const sorted = values.slice().sort();
      return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
    };
    const [lo1, hi1] = bounds(toOverall);
    const [lo2, hi2] = bounds(toReference);
    const a = r.differenceInterval({ method: "toOverall" }).selectionRate!.intervals[0]!;
    const b = r.ratioInterval({ method: "toReference", reference: "b" }).selectionRate!
      .intervals[0]!;
    expect(Math.abs(a.lower - lo1!)).toBeLessThan(0.01);
    expect(Math.abs(a.upper - hi1!)).toBeLessThan(0.01);
    expect(Math.abs(b.lower - lo2!)).toBeLessThan(0.03);
    expect(Math.abs(b.upper - hi2!)).toBeLessThan(0.03);
  });

  it("groupMetrics(…) without ci carries no intervals; strata never do", () => {
    const plain = groupMetrics(input, { metrics: ["selectionRate"] });
    expect(plain.overallIntervals).toBeUndefined();
    expect(plain.ci).toBeUndefined();
    expect(plain.byGroup[0]!.intervals).toBeUndefined();
    expect(Object.keys(plain.toJSON() as object)).toEqual([
      "metrics",
      "featureNames",
      "overall",
      "byGroup",
      "warnings",
      "strata",
    ]);
    expect(() => plain.differenceInterval()).toThrow(TypeError);
    const controlled = groupMetrics(
      { ...input, controlFeatures: data.yTrue.map((y) => (y ? "p" : "n")) },
      { metrics: ["selectionRate"], ci: { nBoot: 20 } },
    );
    expect(controlled.overallIntervals).toBeDefined();
    expect(controlled.strata![0]!.result.overallIntervals).toBeUndefined();
  });

  it("groupMetrics(…, { ci }) rejects bad ci options and unknown reference groups", () => {
    const metrics = ["selectionRate"] as const;
    const bad = (ci: object) => () => groupMetrics(input, { metrics, ci });
    expect(bad({ method: "studentized" })).toThrow(RangeError);
    expect(bad({ method: "studentized" })).toThrow(/groupMetrics: method/);
    expect(bad({ level: 1.5 })).toThrow(RangeError);
    expect(bad({ nBoot: 1 })).toThrow(RangeError);
    expect(bad({ seed: -1 })).toThrow(RangeError);
    const r = groupMetrics(input, { metrics, ci: { nBoot: 20 } });
    expect(() => r.differenceInterval({ method: "toReference", reference: "zz" })).toThrow(
      FairnessInputError,
    );
    expect(() => r.ratioInterval({ method: "toReference" })).toThrow(TypeError);
  });
});

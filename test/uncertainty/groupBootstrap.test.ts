import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { prepare } from "../../src/data/prepare.js";
import {
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
} from "../../src/frame/criteria.js";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { COUNT_METRICS } from "../../src/metrics/counts.js";
import {
  bootstrapGroupMetrics,
  bootstrapGroupMetricsOfColumns,
} from "../../src/uncertainty/groupBootstrap.js";
import { syntheticGroups } from "../helpers/synthetic.js";

function synthetic(seed: number) {
  return syntheticGroups(seed, [
    { name: "a", n: 300, baseRate: 0.5 },
    { name: "b", n: 120, baseRate: 0.3 },
    { name: "c", n: 14, baseRate: 0.6 },
  ]);
}

const data = synthetic(17);
const input = { yTrue: data.yTrue, yPred: data.yPred, sensitiveFeatures: data.sensitiveFeatures };

describe("bootstrapGroupMetrics(input, options)", () => {
  it("gives the same result, to the bit, on clean typed columns as on the same rows as plain arrays", () => {
    // Typed columns are counted in one checked pass; plain arrays go through the full validation.
    const row = fc.record({
      label: fc.integer({ min: 0, max: 1 }),
      pred: fc.integer({ min: 0, max: 1 }),
      code: fc.constantFrom(0, 1, 2, 5, 31),
      weight: fc.oneof(fc.constantFrom(0.5, 1, 3), fc.double({ min: 0.01, max: 4, noNaN: true })),
    });
    const options = fc.record({
      weighted: fc.boolean(),
      stratified: fc.boolean(),
      method: fc.constantFrom("percentile" as const, "bca" as const),
      signed: fc.boolean(),
    });
    const text = (r: unknown) =>
      JSON.stringify(r, (_key, v) => (typeof v === "number" ? String(v) : v));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), options, (rows, o) => {
        const weights = o.weighted ? { sampleWeight: rows.map((r) => r.weight) } : {};
        const plain = {
          yTrue: rows.map((r) => r.label),
          yPred: rows.map((r) => r.pred),
          sensitiveFeatures: rows.map((r) => r.code),
          ...weights,
        };
        const typed = {
          yTrue: Uint8Array.from(plain.yTrue),
          yPred: Uint8Array.from(plain.yPred),
          sensitiveFeatures: (o.signed ? Int32Array : Uint32Array).from(plain.sensitiveFeatures),
          ...(o.weighted ? { sampleWeight: Float64Array.from(weights.sampleWeight!) } : {}),
        };
        const settings = {
          metrics: COUNT_METRICS.map((m) => m.id),
          nBoot: 40,
          seed: 5,
          stratified: o.stratified,
          method: o.method,
        };
        expect(text(bootstrapGroupMetrics(typed, settings))).toBe(
          text(bootstrapGroupMetrics(plain, settings)),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same weighted result on columns that do not start at a multiple of 4 bytes", () => {
    const sampleWeight = data.yTrue.map((_, i) => 0.25 + ((i * 7) % 100) / 10);
    const columns = prepare({ ...input, sampleWeight });
    const shifted = (a: Uint8Array) => {
      const out = new Uint8Array(a.length + 1).subarray(1);
      out.set(a);
      return out;
    };
    const moved = { ...columns, label: shifted(columns.label), pred: shifted(columns.pred!) };
    const options = { metrics: ["accuracy", "precision"] as const, nBoot: 50, seed: 2 };
    expect(bootstrapGroupMetricsOfColumns(moved, options)).toEqual(
      bootstrapGroupMetricsOfColumns(columns, options),
    );
  });

  it("reports each group's number of rows, with or without predictions and weights", () => {
    const rows = (name: string) => data.sensitiveFeatures.filter((f) => f === name).length;
    const sampleWeight = data.yTrue.map((_, i) => 0.5 + (i % 7) / 3);
    const scoreOnly = {
      yTrue: data.yTrue,
      yScore: data.yTrue.map((y, i) => (y + (i % 5)) / 6),
      sensitiveFeatures: data.sensitiveFeatures,
      sampleWeight,
    };
    for (const given of [input, { ...input, sampleWeight }, scoreOnly]) {
      const r = bootstrapGroupMetrics(given, {
        metrics: ["count", "baseRate"],
        nBoot: 20,
        seed: 3,
      });
      expect(r.groups.map((g) => [g.label, g.count])).toEqual(
        ["a", "b", "c"].map((name) => [name, rows(name)]),
      );
    }
  });

  it("bootstrapGroupMetrics(…) estimates equal groupMetrics' values and the criteria", () => {
    const metrics = ["selectionRate", "truePositiveRate", "precision", "f1Score"] as const;
    const r = bootstrapGroupMetrics(input, { metrics, nBoot: 50, seed: 1 });
    const g = groupMetrics(input, { metrics });
    for (const id of metrics) {
      const m = r.metrics[id]!;
      expect(m.overall.estimate).toBe(g.overall[id]);
      expect(m.byGroup.map((e) => e.estimate)).toEqual(g.byGroup.map((row) => row.values[id]));
      expect(m.groupMin.estimate).toBe(g.groupMin()[id]);
      expect(m.groupMax.estimate).toBe(g.groupMax()[id]);
      expect(m.difference.estimate).toBeCloseTo(g.difference()[id]!, 15);
      expect(m.ratio.estimate).toBeCloseTo(g.ratio()[id]!, 15);
      expect(r.provenance.resampling[id]).toBe("multinomial");
    }
    const c = r.criteria!;
    expect(c.equalizedOddsDifference!.betweenGroups.estimate).toBeCloseTo(
      equalizedOddsDifference(input),
      15,
    );
    expect(c.equalizedOddsRatio!.betweenGroups.estimate).toBeCloseTo(equalizedOddsRatio(input), 15);
    expect(c.equalOpportunityDifference!.betweenGroups.estimate).toBeCloseTo(
      equalOpportunityDifference(input),
      15,
    );
    expect(c.demographicParityRatio!.betweenGroups.estimate).toBeCloseTo(
      demographicParityRatio(input),
      15,
    );
  });

  it("bootstrapGroupMetrics(…) estimates toOverall and toReference gaps as groupMetrics and the criteria", () => {
    const metrics = [
      "selectionRate",
      "truePositiveRate",
      "falsePositiveRate",
      "precision",
    ] as const;
    const weighted = { ...input, sampleWeight: data.sampleWeight };
    for (const data of [input, weighted]) {
      const r = bootstrapGroupMetrics(data, { metrics, nBoot: 30, seed: 4, reference: "b" });
      const g = groupMetrics(data, { metrics });
      expect(r.provenance.reference).toBe("b");
      const toOverall = { method: "toOverall" } as const;
      const toReference = { method: "toReference", reference: "b" } as const;
      for (const id of metrics) {
        const m = r.metrics[id]!;
        expect(m.differenceToOverall.estimate).toBeCloseTo(g.difference(toOverall)[id]!, 15);
        expect(m.ratioToOverall.estimate).toBeCloseTo(g.ratio(toOverall)[id]!, 15);
        expect(m.differenceToReference!.estimate).toBeCloseTo(g.difference(toReference)[id]!, 15);
        expect(m.ratioToReference!.estimate).toBeCloseTo(g.ratio(toReference)[id]!, 15);
      }
      const c = r.criteria!;
      for (const [options, m] of [
        [toOverall, "toOverall"],
        [toReference, "toReference"],
      ] as const) {
        expect(c.demographicParityDifference![m]!.estimate).toBeCloseTo(
          demographicParityDifference(data, options),
          15,
        );
        expect(c.equalOpportunityRatio![m]!.estimate).toBeCloseTo(
          equalOpportunityRatio(data, options),
          15,
        );
        expect(c.equalizedOddsDifference![m]!.estimate).toBeCloseTo(
          equalizedOddsDifference(data, options),
          15,
        );
        expect(c.equalizedOddsRatio![m]!.estimate).toBeCloseTo(
          equalizedOddsRatio(data, options),
          15,
        );
      }
    }
    const plain = bootstrapGroupMetrics(input, { metrics, nBoot: 30, seed: 4 });
    expect(plain.metrics.selectionRate!.differenceToReference).toBeUndefined();
    expect(plain.criteria!.equalizedOddsRatio!.toReference).toBeUndefined();
    expect(() => bootstrapGroupMetrics(input, { metrics, reference: "zz" })).toThrow(
      FairnessInputError,
    );
  });

  it("bootstrapGroupMetrics(…) gives the same bytes for the same seed and differs across seeds", () => {
    const run = (seed: number, method: "percentile" | "bca") =>
      JSON.stringify(
        bootstrapGroupMetrics(
          { ...input, yScore: data.yScore },
          { metrics: ["accuracy", "rocAuc"], nBoot: 40, seed, method },
        ),
      );
    expect(run(3, "bca")).toBe(run(3, "bca"));
    expect(run(3, "percentile")).not.toBe(run(4, "percentile"));
  });

  it("bootstrapGroupMetrics(…) resamples rows for score and user metrics", () => {
    const meanLabel = (y: Uint8Array) => y.reduce((s, v) => s + v, 0) / y.length;
    const scored = {
      yTrue: data.yTrue,
      yScore: data.yScore,
      sensitiveFeatures: data.sensitiveFeatures,
    };
    const r = bootstrapGroupMetrics(scored, {
      metrics: ["rocAuc", meanLabel, "baseRate"],
      nBoot: 100,
      seed: 2,
    });
    const g = groupMetrics(scored, { metrics: ["rocAuc", meanLabel, "baseRate"] });
    expect(r.provenance.resampling).toEqual({
      rocAuc: "rows",
      meanLabel: "rows",
      baseRate: "multinomial",
    });
    expect(r.metrics.rocAuc!.byGroup.map((e) => e.estimate)).toEqual(
      g.byGroup.map((row) => row.values.rocAuc),
    );
    // The user metric is the base rate: its stratified row bootstrap and the multinomial one
    // estimate the same quantity; overall base rate intervals agree within Monte-Carlo error.
    expect(r.metrics.meanLabel!.overall.estimate).toBeCloseTo(
      r.metrics.baseRate!.overall.estimate,
      15,
    );
    const a = r.metrics.meanLabel!.overall.intervals[0]!;
    const b = r.metrics.baseRate!.overall.intervals[0]!;
    expect(Math.abs(a.lower - b.lower)).toBeLessThan(0.03);
    expect(Math.abs(a.upper - b.upper)).toBeLessThan(0.03);
  });

  it("bootstrapGroupMetrics(…) draws weighted count metrics from their cells' weights and keeps count unweighted", () => {
    const weighted = { ...input, sampleWeight: data.sampleWeight };
    const r = bootstrapGroupMetrics(weighted, {
      metrics: ["count", "truePositiveRate"],
      nBoot: 60,
      seed: 5,
      method: "bca",
    });
    const g = groupMetrics(weighted, { metrics: ["count", "truePositiveRate"] });
    // Integer weights 1–4: at most 4 distinct weights per cell, so the exact multinomial.
    expect(r.provenance.resampling).toEqual({
      count: "multinomial",
      truePositiveRate: "weightedMultinomial",
    });
    expect(r.metrics.truePositiveRate!.byGroup.map((e) => e.estimate)).toEqual(
      g.byGroup.map((row) => row.values.truePositiveRate),
    );
    // Stratified: group sizes never change, so the count's interval is a point.
    expect(r.metrics.count!.byGroup[2]!.intervals[0]).toMatchObject({ lower: 14, upper: 14 });
    expect(r.criteria!.equalizedOddsDifference!.betweenGroups.estimate).toBeCloseTo(
      equalizedOddsDifference(weighted),
      12,
    );
  });

  it("bootstrapGroupMetrics(…) flags groups under minGroupSize with their interval widths", () => {
    const r = bootstrapGroupMetrics(input, { metrics: ["selectionRate"], nBoot: 200, seed: 8 });
    expect(r.smallGroups).toHaveLength(1);
    const small = r.smallGroups[0]!;
    expect(small).toMatchObject({ label: "c", count: 14 });
    const ci = r.metrics.selectionRate!.byGroup[2]!.intervals[0]!;
    expect(small.width.selectionRate).toBe(ci.upper - ci.lower);
    // The 14-member group's interval is wider than the 300-member group's.
    const big = r.metrics.selectionRate!.byGroup[0]!.intervals[0]!;
    expect(ci.upper - ci.lower).toBeGreaterThan(big.upper - big.lower);
  });

  it("bootstrapGroupMetrics(…) suppresses groups under suppressBelow from values and aggregates", () => {
    const metrics = ["selectionRate", "truePositiveRate", "rocAuc"] as const;
    const withScores = { ...input, yScore: data.yScore };
    const r = bootstrapGroupMetrics(withScores, { metrics, nBoot: 50, seed: 8, suppressBelow: 20 });
    expect(r.suppressed).toEqual(["c"]);
    expect(r.groups.map((g) => g.suppressed)).toEqual([false, false, true]);
    // The aggregates are those of the two remaining groups; overall still counts every row.
    const keptInput = {
      yTrue: data.yTrue.slice(0, 420),
      yPred: data.yPred.slice(0, 420),
      yScore: data.yScore.slice(0, 420),
      sensitiveFeatures: data.sensitiveFeatures.slice(0, 420),
    };
    const kept = groupMetrics(keptInput, { metrics });
    const all = groupMetrics(withScores, { metrics });
    for (const id of metrics) {
      const m = r.metrics[id]!;
      expect(m.byGroup[2]!.estimate).toBeNaN();
      expect(m.byGroup[2]!.intervals[0]!.lower).toBeNaN();
      expect(m.difference.estimate).toBeCloseTo(kept.difference()[id]!, 15);
      expect(m.overall.estimate).toBe(all.overall[id]);
    }
    expect(r.criteria!.equalizedOddsDifference!.betweenGroups.estimate).toBeCloseTo(
      equalizedOddsDifference(keptInput),
      15,
    );
  });

  it("bootstrapGroupMetrics(…) unstratified lets group sizes vary", () => {
    const r = bootstrapGroupMetrics(input, {
      metrics: ["count"],
      nBoot: 200,
      seed: 8,
      stratified: false,
    });
    const ci = r.metrics.count!.byGroup[0]!.intervals[0]!;
    expect(ci.lower).toBeLessThan(300);
    expect(ci.upper).toBeGreaterThan(300);
    expect(r.provenance.stratified).toBe(false);
  });

  it("bootstrapGroupMetrics(…) rejects invalid data, score metrics without scores and bad options", () => {
    const scoresOnly = { yTrue: [1, 0], yScore: [0.2, 0.7], sensitiveFeatures: ["a", "b"] };
    expect(() =>
      bootstrapGroupMetrics(
        { yTrue: [1, 0], sensitiveFeatures: ["a", "b"] },
        { metrics: ["precision"] },
      ),
    ).toThrow(FairnessInputError);
    expect(() =>
      bootstrapGroupMetrics(
        { yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] },
        { metrics: ["rocAuc"] },
      ),
    ).toThrow();
    expect(() => bootstrapGroupMetrics(scoresOnly, { nBoot: 0 })).toThrow(RangeError);
    // @ts-expect-error: not a metric id (JavaScript callers get a RangeError)
    expect(() => bootstrapGroupMetrics(scoresOnly, { metrics: ["nope"] })).toThrow(
      /unknown metric/,
    );
  });
});

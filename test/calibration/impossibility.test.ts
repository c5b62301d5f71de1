import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chouldechovaNote, kleinbergNote } from "../../src/calibration/impossibility.js";

describe("chouldechovaNote", () => {
  it("the identity FPR = p/(1−p)·(1−PPV)/PPV·(1−FNR) holds on any counts", () => {
    const cell = fc.integer({ min: 1, max: 10_000 });
    const counts = fc.record({ tn: cell, fp: cell, fn: cell, tp: cell });
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        fc.pre(
          (a.tp + a.fn) / (a.tn + a.fp + a.fn + a.tp) !==
            (b.tp + b.fn) / (b.tn + b.fp + b.fn + b.tp),
        );
        const note = chouldechovaNote([
          { group: "a", counts: a },
          { group: "b", counts: b },
        ]);
        expect(note?.code).toBe("chouldechovaImpossibility");
        expect(note!.maxIdentityError).toBeLessThan(1e-12);
      }),
    );
  });

  it("is absent when prevalence is equal", () => {
    const c = { tn: 5, fp: 5, fn: 5, tp: 5 };
    expect(
      chouldechovaNote([
        { group: "a", counts: c },
        { group: "b", counts: { tn: 1, fp: 1, fn: 1, tp: 1 } },
      ]),
    ).toBeUndefined();
  });
});

describe("kleinbergNote", () => {
  it("reports base rates and the identity gap (= mean score − base rate)", () => {
    const note = kleinbergNote([
      {
        group: "a",
        baseRate: 0.2,
        meanScore: 0.25,
        generalizedTruePositiveRate: 0.6,
        generalizedFalsePositiveRate: 0.1625,
      },
      {
        group: "b",
        baseRate: 0.5,
        meanScore: 0.5,
        generalizedTruePositiveRate: 0.7,
        generalizedFalsePositiveRate: 0.3,
      },
    ]);
    expect(note?.baseRateRange).toEqual([0.2, 0.5]);
    // a: 0.8·0.1625 + 0.2·0.6 − 0.2 = 0.05; b: 0.5·0.3 + 0.5·0.7 − 0.5 = 0
    expect(note!.groups[0]!.identityGap).toBeCloseTo(0.05, 15);
    expect(note!.groups[1]!.identityGap).toBeCloseTo(0, 15);
    expect(note!.groups[1]!.generalizedFalseNegativeRate).toBeCloseTo(0.3, 15);
  });

  it("is absent when base rates are equal", () => {
    const g = {
      baseRate: 0.3,
      meanScore: 0.3,
      generalizedTruePositiveRate: 0.5,
      generalizedFalsePositiveRate: 0.2,
    };
    expect(
      kleinbergNote([
        { group: "a", ...g },
        { group: "b", ...g },
      ]),
    ).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { orderByScore } from "../../src/stats/order.js";
import { concordanceCounts, concordanceOf, denseRanks } from "../../src/survival/concordance.js";
import { kaplanMeierSorted, survivalAt, survivalBefore } from "../../src/survival/kaplanMeier.js";
import { survivalByGroup } from "../../src/survival/survivalByGroup.js";
import { inputIssues } from "../helpers/errors.js";

// Hand-computed case (see the comments of each test for the pairs).
const time = [2, 3, 3, 5, 6];
const event = [1, 1, 0, 1, 0];
const risk = [0.3, 0.8, 0.8, 0.4, 0.1];
const groups = ["a", "a", "b", "b", "b"];

describe("Kaplan–Meier", () => {
  const t = Float64Array.from(time);
  const e = Uint8Array.from(event);
  const w = new Float64Array(5).fill(1);
  const order = orderByScore(t);

  it("kaplanMeierSorted(…) steps by (1 − d/n) at event times", () => {
    const km = kaplanMeierSorted(t, e, w, order);
    // t = 2: 1 − 1/5; t = 3: × (1 − 1/4); t = 5: × (1 − 1/2).
    expect(survivalAt(km, 2)).toBeCloseTo(0.8, 15);
    expect(survivalAt(km, 4)).toBeCloseTo(0.6, 15);
    expect(survivalAt(km, 5)).toBeCloseTo(0.3, 15);
    expect(survivalBefore(km, 5)).toBeCloseTo(0.6, 15);
    // Greenwood at t = 3: 1/(5·4) + 1/(4·3).
    expect(km.greenwood[1]).toBeCloseTo(1 / 20 + 1 / 12, 15);
  });

  it("reproduces the published Kaplan–Meier estimates of the 6-MP arm (Freireich et al. 1963)", () => {
    // Remission times in weeks, + = censored; published S(t) (Kalbfleisch & Prentice 2002,
    // Table 1.1; Kleinbaum & Klein, Survival Analysis, ch. 2): 0.857, 0.807, 0.753, 0.690,
    // 0.627, 0.538, 0.448.
    const weeks = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
    const relapse = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
    const tt = Float64Array.from(weeks);
    const km = kaplanMeierSorted(
      tt,
      Uint8Array.from(relapse),
      new Float64Array(weeks.length).fill(1),
      orderByScore(tt),
    );
    const published = [
      [6, 0.857],
      [7, 0.807],
      [10, 0.753],
      [13, 0.69],
      [16, 0.627],
      [22, 0.538],
      [23, 0.448],
    ] as const;
    for (const [week, value] of published) expect(survivalAt(km, week)).toBeCloseTo(value, 3);
  });

  it("the censoring distribution lets events at a tied time leave first", () => {
    const g = kaplanMeierSorted(t, e, w, order, true);
    // Censoring at 3: at risk 4 rows with time ≥ 3, minus the event at 3 → 1 − 1/3.
    expect(survivalAt(g, 3)).toBeCloseTo(2 / 3, 15);
    expect(survivalBefore(g, 3)).toBe(1);
  });
});

describe("concordance", () => {
  const r = survivalByGroup(
    { time, event, risk, sensitiveFeatures: groups },
    { horizon: 6, bootstrap: false },
  );

  it("Harrell's C counts comparable pairs, ties in risk ½, censored ties comparable", () => {
    // Pairs: i=0 vs 1,2,3,4 → 1 concordant of 4; i=1 vs 2 (tie, censored at 3), 3, 4 → 2.5 of 3;
    // i=3 vs 4 → 1 of 1. (4 + ½) / 8.
    expect(r.overall.concordance.harrell).toBeCloseTo(4.5 / 8, 15);
    expect(r.overall.concordance.comparablePairs).toBe(8);
  });

  it("Uno's C weights each pair by G(t_i−)⁻² and keeps events before the horizon", () => {
    // G(5−) = 2/3 → i=3 weighs 9/4: (1 + 2.5 + 9/4) / (4 + 3 + 9/4).
    expect(r.overall.concordance.uno).toBeCloseTo(5.75 / 9.25, 14);
    const at4 = survivalByGroup(
      { time, event, risk, sensitiveFeatures: groups },
      { horizon: 4, bootstrap: false },
    );
    expect(at4.overall.concordance.uno).toBeCloseTo(3.5 / 7, 15);
  });

  it("the cross-group matrix splits pairs by the groups of the earlier event and the later row", () => {
    expect(r.matrix.harrell[0]![0]).toBe(0); // (0, 1): discordant
    expect(r.matrix.harrell[0]![1]).toBeCloseTo(3.5 / 6, 15);
    expect(r.matrix.harrell[1]![0]).toBeNaN(); // no pair has its event in b and later row in a
    expect(r.matrix.harrell[1]![1]).toBe(1);
    expect(r.byGroup.map((g) => g.concordance.harrell)).toEqual([0, 1]);
    expect(r.harrellGap.difference).toBe(1);
  });

  it("calibration at the horizon compares 1 − KM with the mean predicted risk", () => {
    const at4 = survivalByGroup(
      { time, event, risk, sensitiveFeatures: ["x", "x", "x", "x", "x"] },
      { horizon: 4, bootstrap: false },
    );
    const c = at4.overall.calibration!;
    expect(c.observedRisk).toBeCloseTo(0.4, 15);
    expect(c.predictedRisk).toBeCloseTo(2.4 / 5, 15);
    expect(c.lower).toBeLessThan(0.4);
    expect(c.upper).toBeGreaterThan(0.4);
  });

  it("integer weights equal duplicated rows", () => {
    const kernel = (tt: number[], ee: number[], rr: number[], ww: number[]) => {
      const t = Float64Array.from(tt);
      const c = concordanceCounts(
        t,
        Uint8Array.from(ee),
        denseRanks(Float64Array.from(rr)),
        new Uint32Array(tt.length),
        1,
        Float64Array.from(ww),
        orderByScore(t),
        10,
      );
      return [
        concordanceOf(c.concordant, c.tied, c.comparable, [0]),
        concordanceOf(c.unoConcordant, c.unoTied, c.unoComparable, [0]),
      ];
    };
    const weighted = kernel(time, event, risk, [2, 1, 3, 1, 2]);
    const dup = kernel(
      [2, 2, 3, 3, 3, 3, 5, 6, 6],
      [1, 1, 1, 0, 0, 0, 1, 0, 0],
      [0.3, 0.3, 0.8, 0.8, 0.8, 0.8, 0.4, 0.1, 0.1],
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
    );
    expect(weighted[0]).toBeCloseTo(dup[0]!, 14);
    expect(weighted[1]).toBeCloseTo(dup[1]!, 14);
  });

  it("bootstrap intervals are seeded and bracket the estimates", () => {
    const n = 120;
    const input = {
      time: Array.from({ length: n }, (_, i) => 1 + ((i * 37) % 50)),
      event: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
      risk: Array.from({ length: n }, (_, i) => 1 - ((i * 37) % 50) / 60 + (i % 7) / 100),
      sensitiveFeatures: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "a" : "b")),
    };
    const a = survivalByGroup(input, { horizon: 40, bootstrap: { nBoot: 50, seed: 4 } });
    const b = survivalByGroup(input, { horizon: 40, bootstrap: { nBoot: 50, seed: 4 } });
    expect(b.unoGap).toEqual(a.unoGap);
    for (const g of a.byGroup) {
      const ci = g.concordance.unoInterval!.intervals[0]!;
      expect(ci.lower).toBeLessThanOrEqual(g.concordance.uno);
      expect(ci.upper).toBeGreaterThanOrEqual(g.concordance.uno);
    }
  });

  it("a group without events is a warning, not a silent NaN", () => {
    const none = survivalByGroup(
      {
        time: [1, 2, 3, 4],
        event: [1, 1, 0, 0],
        risk: [0.9, 0.5, 0.4, 0.1],
        sensitiveFeatures: ["a", "a", "b", "b"],
      },
      { bootstrap: false },
    );
    expect(none.warnings).toEqual([expect.objectContaining({ code: "noEvents", group: "b" })]);
    expect(none.byGroup[1]!.concordance.harrell).toBeNaN();
  });

  it("bad times, events and horizons are FairnessInputErrors naming field and row", () => {
    const issues = inputIssues(() =>
      survivalByGroup({
        time: [1, 0, Number.NaN],
        event: [1, 2, 0],
        risk: [0.1, 0.2, 0.3],
        sensitiveFeatures: ["a", "a", "a"],
      }),
    );
    expect(issues.map((i) => [i.code, ...i.path])).toEqual([
      ["out_of_range", "time", 1],
      ["not_binary", "event", 1],
      ["not_finite", "time", 2],
    ]);
    const horizon = inputIssues(() =>
      survivalByGroup({ time, event, risk, sensitiveFeatures: groups }, { horizon: 7 }),
    );
    expect(horizon[0]).toMatchObject({ code: "out_of_range", path: ["horizon"] });
  });
});

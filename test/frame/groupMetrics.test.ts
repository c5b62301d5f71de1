import { describe, expect, it } from "vitest";
import { FairnessInputError, groupMetrics } from "../../src/index.js";
import { inputIssues } from "../helpers/errors.js";

const input = {
  yTrue: [1, 0, 1, 0, 1, 1, 0, 0],
  yPred: [1, 1, 0, 0, 1, 0, 0, 0],
  sensitiveFeatures: {
    sex: ["F", "F", "F", "F", "M", "M", "M", "M"],
    age: ["y", "o", "y", "o", "y", "y", "y", "y"],
  },
};

describe("groupMetrics", () => {
  it("groupMetrics(…) lists only the observed intersections by default", () => {
    const r = groupMetrics(input, { metrics: ["count", "selectionRate"] });
    expect(r.byGroup.map((g) => [g.label, g.count])).toEqual([
      ["F, o", 2],
      ["F, y", 2],
      ["M, y", 4],
    ]);
  });

  it("groupMetrics(…) with intersections: 'all' lists the full Cartesian product, empty intersections with count 0 and NaN", () => {
    const r = groupMetrics(
      { ...input, intersections: "all" },
      { metrics: ["count", "selectionRate"] },
    );
    expect(r.byGroup.map((g) => [g.label, g.count])).toEqual([
      ["F, o", 2],
      ["F, y", 2],
      ["M, o", 0],
      ["M, y", 4],
    ]);
    expect(r.byGroup[2]!.values.selectionRate).toBeNaN();
    // Hand count: F,o rows (0,1),(0,0) → 1/2; F,y (1,1),(1,0) → 1/2; M,y 1 of 4.
    expect(r.byGroup.map((g) => g.values.selectionRate)).toEqual([0.5, 0.5, Number.NaN, 0.25]);
    // Aggregates skip the empty intersection.
    expect(r.groupMin()).toEqual({ count: 2, selectionRate: 0.25 });
    expect(r.difference().selectionRate).toBe(0.25);
  });

  it("difference({ method: 'toReference' }) compares every group with the named group", () => {
    // Selection rate: F = 2/4, M = 1/4; TPR: F = 1/2, M = 1/2.
    const r = groupMetrics(
      { ...input, sensitiveFeatures: input.sensitiveFeatures.sex },
      { metrics: ["truePositiveRate"] },
    );
    const s = groupMetrics(
      { ...input, sensitiveFeatures: input.sensitiveFeatures.sex },
      { metrics: ["selectionRate"] },
    );
    expect(s.difference({ method: "toReference", reference: "M" }).selectionRate).toBe(0.25);
    expect(s.ratio({ method: "toReference", reference: "F" }).selectionRate).toBe(0.5);
    expect(s.gaps("M").byGroup.map((g) => g.difference.selectionRate)).toEqual([0.25, 0]);
    expect(r.difference({ method: "toReference", reference: ["F"] }).truePositiveRate).toBe(0);
    expect(() => s.difference({ method: "toReference", reference: "X" })).toThrow(
      FairnessInputError,
    );
    expect(() => s.difference({ method: "toReference" })).toThrow(TypeError);
    expect(() => s.difference({ method: "bogus" as never })).toThrow(RangeError);
  });

  it("groupMetrics(…) gives NaN plus a structured warning for a zero denominator; zeroDivision: 0 reproduces Fairlearn", () => {
    const data = {
      yTrue: [1, 1, 0, 1],
      yPred: [1, 0, 0, 1],
      sensitiveFeatures: ["a", "a", "b", "b"],
    };
    const r = groupMetrics(data, { metrics: ["falsePositiveRate"] });
    expect(r.byGroup[0]!.values.falsePositiveRate).toBeNaN();
    expect(r.warnings).toEqual([
      {
        code: "zeroDivision",
        metric: "falsePositiveRate",
        group: "a",
        message: "denominator is zero",
      },
    ]);
    const f = groupMetrics(data, { metrics: ["falsePositiveRate"], zeroDivision: 0 });
    expect(f.byGroup[0]!.values.falsePositiveRate).toBe(0);
    expect(f.warnings).toHaveLength(1);
  });

  it("groupMetrics(…) accepts user metric functions, and errors: 'coerce' turns non-numbers into NaN", () => {
    const positives = (y: Uint8Array) => y.reduce((a, b) => a + b, 0);
    const r = groupMetrics(
      { ...input, sensitiveFeatures: input.sensitiveFeatures.sex },
      { metrics: [positives] },
    );
    expect(r.byGroup.map((g) => g.values.positives)).toEqual([2, 2]);
    expect(r.overall.positives).toBe(4);
    const bad = { id: "bad", fn: () => "x" as unknown as number };
    expect(() =>
      groupMetrics(
        { ...input, sensitiveFeatures: input.sensitiveFeatures.sex },
        { metrics: [bad] },
      ),
    ).toThrow(TypeError);
    const coerced = groupMetrics(
      { ...input, sensitiveFeatures: input.sensitiveFeatures.sex },
      { metrics: [bad], errors: "coerce" },
    );
    expect(coerced.overall.bad).toBeNaN();
    expect(coerced.warnings[0]!.code).toBe("notANumber");
  });

  it("groupMetrics(…) computes within each control stratum", () => {
    const r = groupMetrics(
      {
        yTrue: input.yTrue,
        yPred: input.yPred,
        sensitiveFeatures: { sex: input.sensitiveFeatures.sex },
        controlFeatures: { age: input.sensitiveFeatures.age },
      },
      { metrics: ["selectionRate"] },
    );
    expect(r.strata!.map((s) => s.label)).toEqual(["o", "y"]);
    const young = r.strata![1]!.result;
    // Young: F rows (1,1),(1,0) → 1/2; M 4 rows, 1 predicted → 1/4; stratum overall 2/6.
    expect(young.overall.selectionRate).toBeCloseTo(2 / 6, 15);
    expect(young.byGroup.map((g) => g.values.selectionRate)).toEqual([0.5, 0.25]);
    const old = r.strata![0]!.result;
    expect(old.byGroup.map((g) => g.count)).toEqual([2, 0]);
    expect(old.difference().selectionRate).toBe(0);
  });

  it("groupMetrics(…) refuses unknown metric ids and score metrics without scores", () => {
    // @ts-expect-error: not a metric id (JavaScript callers get a RangeError)
    expect(() => groupMetrics(input, { metrics: ["nope"] })).toThrow(RangeError);
    expect(inputIssues(() => groupMetrics(input, { metrics: ["rocAuc"] }))[0]).toMatchObject({
      code: "missing_field",
      path: ["yScore"],
    });
    const margins = { ...input, yScore: [2, -1, 0, 1, 3, 0, -2, 1], scores: "margin" as const };
    expect(inputIssues(() => groupMetrics(margins, { metrics: ["brierScore"] }))[0]!.code).toBe(
      "invalid_option",
    );
    expect(groupMetrics(margins, { metrics: ["rocAuc"] }).overall.rocAuc).toBeGreaterThan(0);
  });

  it("toJSON() writes NaN as null", () => {
    const r = groupMetrics({ ...input, intersections: "all" }, { metrics: ["selectionRate"] });
    const json = JSON.parse(JSON.stringify(r)) as {
      byGroup: { values: { selectionRate: number | null } }[];
    };
    expect(json.byGroup[2]!.values.selectionRate).toBeNull();
  });
});

import fc from "fast-check";
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

describe("groupMetrics on typed columns", () => {
  /** The outcome of `groupMetrics`: its values and groups, or the issues it raised. */
  const outcome = (run: () => ReturnType<typeof groupMetrics>) => {
    try {
      const r = run();
      return {
        overall: r.overall,
        byGroup: r.byGroup,
        featureNames: r.featureNames,
        warnings: r.warnings,
        difference: r.difference(),
      };
    } catch (error) {
      if (!(error instanceof FairnessInputError)) throw error;
      return { issues: error.issues };
    }
  };

  const typedRows = fc.integer({ min: 1, max: 200 }).chain((n) =>
    fc.record({
      label: fc.uint8Array({ min: 0, max: 1, minLength: n, maxLength: n }),
      pred: fc.uint8Array({ min: 0, max: 1, minLength: n, maxLength: n }),
      code: fc.int32Array({ min: 0, max: 7, minLength: n, maxLength: n }),
      weight: fc.float64Array({
        min: 0,
        max: 100,
        noNaN: true,
        noDefaultInfinity: true,
        minLength: n,
        maxLength: n,
      }),
      defect: fc.constantFrom("none", "none", "label", "code", "negativeCode", "weight", "zeros"),
      at: fc.nat(),
      weighted: fc.boolean(),
      unsigned: fc.boolean(),
      named: fc.boolean(),
      scoreMetric: fc.boolean(),
    }),
  );

  it("equals groupMetrics on the same rows as plain arrays (the full validation), results or issues", () => {
    fc.assert(
      fc.property(typedRows, (rows) => {
        const { label, pred, code, weight, at } = rows;
        const row = at % label.length;
        if (rows.defect === "label") label[row] = 2;
        if (rows.defect === "code") code[row] = 32 + (at % 1000);
        if (rows.defect === "negativeCode") code[row] = -1 - (at % 5);
        if (rows.defect === "weight") weight[row] = at % 2 === 0 ? -1 : Number.NaN;
        if (rows.defect === "zeros") weight.fill(0);
        const column = rows.unsigned ? new Uint32Array(code) : code;
        const typed = {
          yTrue: label,
          yPred: pred,
          sensitiveFeatures: rows.named ? { race: column } : column,
          ...(rows.weighted ? { sampleWeight: weight } : {}),
        };
        const plain = {
          yTrue: Array.from(label),
          yPred: Array.from(pred),
          sensitiveFeatures: rows.named ? { race: Array.from(column) } : Array.from(column),
          ...(rows.weighted ? { sampleWeight: Array.from(weight) } : {}),
        };
        if (rows.scoreMetric) {
          // A score metric needs the scores, which the typed input does not give.
          expect(() => groupMetrics(typed, { metrics: ["accuracy", "rocAuc"] })).toThrow(
            FairnessInputError,
          );
          return;
        }
        const options = at % 3 === 0 ? {} : { metrics: ["count", "selectionRate"] as const };
        const run = (input: typeof typed | typeof plain) => () => groupMetrics(input, options);
        expect(outcome(run(typed))).toEqual(outcome(run(plain)));
      }),
    );
  });

  it("reports unknown options after a clean typed input, as after any input", () => {
    const typed = {
      yTrue: Uint8Array.of(1, 0),
      yPred: Uint8Array.of(1, 1),
      sensitiveFeatures: Uint32Array.of(0, 1),
    };
    const issues = inputIssues(() => groupMetrics(typed, { metric: ["count"] } as never));
    expect(issues.map((i) => i.path)).toEqual([["options", "metric"]]);
  });
});

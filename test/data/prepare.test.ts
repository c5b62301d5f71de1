import { describe, expect, it } from "vitest";
import { MAX_LEVEL_LENGTH, prepare } from "../../src/metrics/index.js";
import { inputIssues } from "../helpers/errors.js";

const base = { yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] };

describe("prepare", () => {
  it("prepare(…) encodes labels, predictions and sorted group codes", () => {
    const c = prepare({ ...base, sensitiveFeatures: ["b", "b", "a", "a"] });
    expect(Array.from(c.label)).toEqual([1, 0, 1, 0]);
    expect(Array.from(c.pred!)).toEqual([1, 1, 0, 0]);
    expect(Array.from(c.group)).toEqual([1, 1, 0, 0]);
    expect(c.groups.keys).toEqual([["a"], ["b"]]);
    expect(c.groups.featureNames).toEqual(["sensitive_feature_0"]);
  });

  it("prepare(…) accepts typed arrays for every column", () => {
    const c = prepare({
      yTrue: Uint8Array.of(1, 0, 1),
      yScore: Float32Array.of(0.75, 0.25, 0.5),
      sampleWeight: Float64Array.of(1, 2, 3),
      sensitiveFeatures: Int32Array.of(7, 3, 7),
    });
    expect(Array.from(c.pred!)).toEqual([1, 0, 1]);
    expect(c.groups.keys).toEqual([[3], [7]]);
    expect(Array.from(c.weight!)).toEqual([1, 2, 3]);
  });

  it("prepare(…) thresholds scores with >= by default and > on request", () => {
    const input = { yTrue: [1, 0, 1], yScore: [0.5, 0.2, 0.7], sensitiveFeatures: ["a", "a", "a"] };
    expect(Array.from(prepare(input).pred!)).toEqual([1, 0, 1]);
    expect(Array.from(prepare({ ...input, thresholdRule: ">" }).pred!)).toEqual([0, 0, 1]);
    expect(Array.from(prepare({ ...input, threshold: 0.6 }).pred!)).toEqual([0, 0, 1]);
  });

  it("prepare(…) lists the observed intersections of several features in product order", () => {
    const c = prepare({
      yTrue: [1, 0, 1],
      yPred: [1, 0, 0],
      sensitiveFeatures: { sex: ["F", "M", "M"], race: ["x", "y", "x"] },
    });
    expect(c.groups.keys).toEqual([
      ["F", "x"],
      ["M", "x"],
      ["M", "y"],
    ]);
    expect(Array.from(c.group)).toEqual([0, 2, 1]);
    expect(c.groups.levels).toEqual([
      ["F", "M"],
      ["x", "y"],
    ]);
  });

  it("prepare(…) encodes 1,000 rows × three features of 1,000 levels as at most 1,000 observed groups", () => {
    const level = (k: number) =>
      Array.from({ length: 1000 }, (_, i) => `${k}-${(i * 7 + k) % 1000}`);
    const c = prepare({
      yTrue: Array.from({ length: 1000 }, (_, i) => i % 2),
      yPred: Array.from({ length: 1000 }, () => 1),
      sensitiveFeatures: { a: level(1), b: level(2), c: level(3) },
    });
    expect(c.groups.keys).toHaveLength(1000);
    expect(c.groups.levels.map((l) => l.length)).toEqual([1000, 1000, 1000]);
    // Each row's key is its own levels.
    expect(c.groups.keys[c.group[5]!]).toEqual(["1-36", "2-37", "3-38"]);
  });

  it("prepare(…) refuses intersections: 'all' past MAX_PRODUCT_GROUPS with a typed error saying what to do", () => {
    const level = (k: number) => Array.from({ length: 1000 }, (_, i) => `${k}-${i}`);
    const issues = inputIssues(() =>
      prepare({
        yTrue: Array.from({ length: 1000 }, (_, i) => i % 2),
        yPred: Array.from({ length: 1000 }, () => 1),
        sensitiveFeatures: { a: level(1), b: level(2), c: level(3) },
        intersections: "all",
      }),
    );
    expect(issues[0]!.code).toBe("too_many_levels");
    expect(issues[0]!.path).toEqual(["sensitiveFeatures"]);
    expect(issues[0]!.message).toMatch(/1000000000 groups.*intersections: 'observed'/);
  });

  it("prepare(…) with intersections: 'all' builds the Cartesian product of several features, last varying fastest", () => {
    const c = prepare({
      yTrue: [1, 0, 1],
      yPred: [1, 0, 0],
      sensitiveFeatures: { sex: ["F", "M", "M"], race: ["x", "y", "x"] },
      intersections: "all",
    });
    expect(c.groups.featureNames).toEqual(["sex", "race"]);
    expect(c.groups.keys).toEqual([
      ["F", "x"],
      ["F", "y"],
      ["M", "x"],
      ["M", "y"],
    ]);
    expect(Array.from(c.group)).toEqual([0, 3, 2]);
  });

  it("prepare(…) treats __proto__, constructor, <script>, '' and non-ASCII levels as ordinary data", () => {
    const levels = ["__proto__", "constructor", "<script>", "", "Ålesund", "東京"];
    const c = prepare({
      yTrue: levels.map((_, i) => i % 2),
      yPred: levels.map(() => 1),
      // An own property named "__proto__" (a literal `{ __proto__: … }` would set the prototype).
      sensitiveFeatures: JSON.parse(JSON.stringify({ x: levels }).replace('"x"', '"__proto__"')),
    });
    expect(c.groups.keys.map((k) => k[0]).sort()).toEqual([...levels].sort());
    expect(c.groups.featureNames).toEqual(["__proto__"]);
  });

  it("prepare(…) refuses a group level longer than MAX_LEVEL_LENGTH, naming feature and row", () => {
    const long = "x".repeat(MAX_LEVEL_LENGTH + 1);
    const issues = inputIssues(() =>
      prepare({ ...base, sensitiveFeatures: { g: ["a", "a", long, "b"] } }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "out_of_range", path: ["sensitiveFeatures", "g", 2] }),
    ]);
    const atLimit = "y".repeat(MAX_LEVEL_LENGTH);
    expect(
      prepare({ ...base, sensitiveFeatures: ["a", "a", atLimit, "b"] }).groups.keys,
    ).toHaveLength(3);
  });

  it("prepare(…) never mutates the user's arrays", () => {
    const input = {
      yTrue: [1, 0, 1, 0],
      yScore: [0.9, 0.1, 0.4, 0.6],
      sampleWeight: [1, 2, 3, 4],
      sensitiveFeatures: ["b", null, "a", "b"],
      missingGroup: "drop" as const,
    };
    const copy = structuredClone(input);
    const c = prepare(input);
    expect(input).toEqual(copy);
    expect(c.n).toBe(3);
    expect(Array.from(c.sourceRow!)).toEqual([0, 2, 3]);
  });

  it("prepare(…) reports every problem at once, each with its field and row", () => {
    const issues = inputIssues(() =>
      prepare({
        yTrue: [1, 0, 1, 0],
        yScore: [0.2, Number.NaN, 1.5, 0.3],
        sampleWeight: [1, -1, 2, 1],
        sensitiveFeatures: ["a", undefined as unknown as string, "b", "b"],
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not_finite", ["yScore", 1]],
      ["out_of_range", ["yScore", 2]],
      ["negative_weight", ["sampleWeight", 1]],
      ["missing_group", ["sensitiveFeatures", 1]],
    ]);
    expect(issues[1]!.message).toContain("scores: 'margin'");
  });

  it("prepare(…) names length mismatches by field", () => {
    const issues = inputIssues(() =>
      prepare({ yTrue: [1, 0, 1], yPred: [1, 0], sensitiveFeatures: { sex: ["a", "b"] } }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["length_mismatch", ["yPred"]],
      ["length_mismatch", ["sensitiveFeatures", "sex"]],
    ]);
  });

  it("prepare(…) refuses empty input, missing predictions and unknown option values", () => {
    expect(
      inputIssues(() => prepare({ yTrue: [], yPred: [], sensitiveFeatures: [] }))[0]!.code,
    ).toBe("empty_input");
    expect(inputIssues(() => prepare({ yTrue: [1], sensitiveFeatures: ["a"] }))[0]!.code).toBe(
      "missing_field",
    );
    const bad = inputIssues(() =>
      prepare({
        ...base,
        missingGroup: "ignore" as never,
        sensitiveFeatures: ["a", "a", "b", "b"],
      }),
    );
    expect(bad[0]).toMatchObject({ code: "invalid_option", path: ["missingGroup"] });
  });

  it("prepare(…) accepts margins outside [0, 1] with scores: 'margin' (threshold 0 by default)", () => {
    const c = prepare({
      yTrue: [1, 0, 1],
      yScore: [2.5, -1, 0],
      scores: "margin",
      sensitiveFeatures: ["a", "a", "a"],
    });
    expect(Array.from(c.pred!)).toEqual([1, 0, 1]);
  });

  it("prepare(…) refuses all-zero and non-finite weights", () => {
    expect(inputIssues(() => prepare({ ...base, sampleWeight: [0, 0, 0, 0] }))[0]!.code).toBe(
      "zero_total_weight",
    );
    expect(
      inputIssues(() => prepare({ ...base, sampleWeight: [1, Number.POSITIVE_INFINITY, 1, 1] }))[0],
    ).toMatchObject({ code: "not_finite", path: ["sampleWeight", 1] });
    // Finite weights whose sum overflows are refused, not turned into rates of 0 or NaN.
    expect(
      inputIssues(() => prepare({ ...base, sampleWeight: [1e308, 1e308, 1, 1] }))[0],
    ).toMatchObject({ code: "out_of_range", path: ["sampleWeight"] });
    // The same weights divided by a common factor are accepted.
    expect(prepare({ ...base, sampleWeight: [1e307, 1e307, 1e-1, 1e-1] }).weight).toHaveLength(4);
  });

  it("prepare(…) keeps missing group values as their own group with missingGroup: 'asGroup'", () => {
    const c = prepare({
      ...base,
      sensitiveFeatures: ["b", null, "a", Number.NaN],
      missingGroup: "asGroup",
    });
    expect(c.groups.keys).toEqual([["a"], ["b"], [null]]);
    expect(Array.from(c.group)).toEqual([1, 2, 0, 2]);
  });

  it("prepare(…) refuses a sensitive feature reused as a control feature", () => {
    const issues = inputIssues(() =>
      prepare({
        ...base,
        sensitiveFeatures: { g: base.sensitiveFeatures },
        controlFeatures: { g: base.sensitiveFeatures },
      }),
    );
    expect(issues[0]).toMatchObject({ code: "invalid_option", path: ["controlFeatures", "g"] });
  });

  it("prepare(…) caps repeated issues per field and summarises the rest", () => {
    const n = 100;
    const issues = inputIssues(() =>
      prepare({
        yTrue: Array.from({ length: n }, (_, i) => i % 2),
        yScore: Array.from({ length: n }, () => 2),
        sensitiveFeatures: Array.from({ length: n }, () => "a"),
      }),
    );
    expect(issues).toHaveLength(21);
    expect(issues[20]!.message).toBe("80 more rows with the same problem");
  });
});

describe("prepare labels", () => {
  it("prepare(…) accepts {0, 1}, {-1, 1} and booleans without posLabel", () => {
    expect(
      Array.from(prepare({ ...base, yTrue: [1, -1, 1, -1], yPred: [1, 1, -1, -1] }).label),
    ).toEqual([1, 0, 1, 0]);
    expect(
      Array.from(
        prepare({ ...base, yTrue: [true, false, true, false], yPred: [true, true, false, false] })
          .label,
      ),
    ).toEqual([1, 0, 1, 0]);
  });

  it("prepare(…) asks for posLabel when labels are strings", () => {
    const issues = inputIssues(() =>
      prepare({ ...base, yTrue: ["y", "n", "y", "n"], yPred: ["y", "y", "n", "n"] }),
    );
    expect(issues[0]).toMatchObject({ code: "pos_label_required", path: ["posLabel"] });
    const c = prepare({
      ...base,
      yTrue: ["y", "n", "y", "n"],
      yPred: ["y", "y", "n", "n"],
      posLabel: "y",
    });
    expect(Array.from(c.label)).toEqual([1, 0, 1, 0]);
  });

  it("prepare(…) refuses a third label value, naming its first row", () => {
    const issues = inputIssues(() => prepare({ ...base, yTrue: [1, 0, 2, 0] }));
    expect(issues[0]).toMatchObject({ code: "not_binary", path: ["yTrue", 2] });
  });

  it("prepare(…) refuses a posLabel that is not one of two label values", () => {
    const issues = inputIssues(() => prepare({ ...base, posLabel: 5 }));
    expect(issues[0]).toMatchObject({ code: "pos_label_missing", path: ["posLabel"] });
  });

  it("prepare(…) accepts single-valued labels (a group with no positives is data, not an error)", () => {
    expect(Array.from(prepare({ ...base, yTrue: [0, 0, 0, 0] }).label)).toEqual([0, 0, 0, 0]);
  });

  it("prepare(…) refuses null and NaN labels", () => {
    const issues = inputIssues(() =>
      prepare({ ...base, yTrue: [1, null as never, Number.NaN, 0] }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_type", ["yTrue", 1]],
      ["not_finite", ["yTrue", 2]],
    ]);
  });
});

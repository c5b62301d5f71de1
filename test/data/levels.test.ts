import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Level } from "../../src/data/columns.js";
import { compareLevels, groupLabel, isMissing } from "../../src/data/levels.js";

describe("isMissing(value)", () => {
  it("isMissing(…) is true for null, undefined and NaN only", () => {
    for (const missing of [null, undefined, Number.NaN]) expect(isMissing(missing)).toBe(true);
    for (const present of [0, "", false, "NaN", "null", Number.POSITIVE_INFINITY, -0]) {
      expect(isMissing(present)).toBe(false);
    }
  });
});

describe("compareLevels(a, b)", () => {
  it("compareLevels(…) sorts booleans, then numbers, then strings by code point, then null", () => {
    const levels: Level[] = ["a", null, 10, "B", true, 9, "10", false, "9", -1.5];
    expect([...levels].sort(compareLevels)).toEqual([
      false,
      true,
      -1.5,
      9,
      10,
      "10",
      "9",
      "B",
      "a",
      null,
    ]);
  });

  it("compareLevels(…) orders strings by code point, not by UTF-16 unit", () => {
    // U+FFFF is one unit 0xFFFF; U+1F600 is the surrogate pair 0xD83D 0xDE00. By code point
    // U+FFFF < U+1F600, while by UTF-16 unit the pair would sort first.
    const bmp = "\uffff";
    const astral = "\u{1f600}";
    expect(compareLevels(bmp, astral)).toBeLessThan(0);
    expect(compareLevels(astral, bmp)).toBeGreaterThan(0);
    expect(compareLevels(`${astral}a`, `${astral}b`)).toBeLessThan(0);
    expect(compareLevels("ab", "a")).toBeGreaterThan(0);
    expect(compareLevels("x", "x")).toBe(0);
  });

  it("compareLevels(…) is a total order that agrees with code-point arrays for strings", () => {
    const level: fc.Arbitrary<Level> = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -5, max: 5 }),
      fc.string({ maxLength: 3, unit: "binary" }),
    );
    const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);
    fc.assert(
      fc.property(level, level, level, (a, b, c) => {
        expect(sign(compareLevels(a, b)) + sign(compareLevels(b, a))).toBe(0);
        if (compareLevels(a, b) <= 0 && compareLevels(b, c) <= 0) {
          expect(compareLevels(a, c)).toBeLessThanOrEqual(0);
        }
        if (typeof a === "string" && typeof b === "string") {
          const pa = Array.from(a, (ch) => ch.codePointAt(0)!);
          const pb = Array.from(b, (ch) => ch.codePointAt(0)!);
          let expected = pa.length - pb.length;
          for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
            if (pa[i] !== pb[i]) {
              expected = pa[i]! - pb[i]!;
              break;
            }
          }
          expect(sign(compareLevels(a, b))).toBe(sign(expected));
        }
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("groupLabel(key)", () => {
  it("groupLabel(…) joins levels with ', ' and names the missing level", () => {
    expect(groupLabel(["Female", 25])).toBe("Female, 25");
    expect(groupLabel([null])).toBe("(missing)");
    expect(groupLabel([true, null, "x"])).toBe("true, (missing), x");
    expect(groupLabel([])).toBe("");
  });
});

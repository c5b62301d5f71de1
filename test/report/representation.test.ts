import { describe, expect, it } from "vitest";
import { representationSection } from "../../src/report/representation.js";
import type { GroupResult } from "../../src/report/types.js";
import { representationCheck } from "../../src/uncertainty/representation.js";

const groups = [
  { label: "a", count: 90 },
  { label: "b", count: 10 },
  { label: "c", count: 0 },
] as unknown as GroupResult[];

describe("representationSection(groups, reference, referenceKind, level)", () => {
  it("representationSection(…) reports representationCheck's rows, with NaN written as null", () => {
    const reference = { a: 0.7, b: 0.3 };
    const section = representationSection(groups, reference, "shares", 0.9);
    const rows = representationCheck({ a: 90, b: 10, c: 0 }, reference, { level: 0.9 });
    expect(section.level).toBe(0.9);
    expect(section.correction).toBe("holm");
    expect(section.referenceKind).toBe("shares");
    expect(section.groups.map((g) => g.group)).toEqual(rows.map((r) => r.group));
    rows.forEach((row, i) => {
      const g = section.groups[i]!;
      expect(g.count).toBe(row.count);
      expect(g.share.value).toBe(row.share.estimate);
      expect(g.share.interval).toEqual({
        lower: row.share.lower,
        upper: row.share.upper,
        level: 0.9,
        method: row.share.method,
      });
      expect(g.underRepresented).toBe(row.underRepresented);
      expect(g.overRepresented).toBe(row.overRepresented);
    });
    // b: 10 % of the rows against 30 % of the population.
    expect(section.groups.find((g) => g.group === "b")!.underRepresented).toBe(true);
    // c is not in the reference: reported, with null where its values are undefined.
    const c = section.groups.find((g) => g.group === "c")!;
    expect(c.notInReference).toBe(true);
    expect(c.referenceShare).toBeNull();
    expect(c.ratio).toBeNull();
  });
});

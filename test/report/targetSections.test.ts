import { describe, expect, it } from "vitest";
import { groupMetrics } from "../../src/frame/groupMetrics.js";
import { softGroupMetrics } from "../../src/membership/softGroupMetrics.js";
import { audit } from "../../src/report/audit.js";
import { renderHtml } from "../../src/report/render/html.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { renderText } from "../../src/report/render/text.js";
import { FairnessReport } from "../../src/report/report.js";
import { rakingWeights } from "../../src/standardization/weights.js";
import { closeMismatches } from "../helpers/close.js";

const yTrue = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1];
const yPred = [1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0];
const group = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"];
const age = ["y", "o", "o", "y", "y", "o", "o", "o", "y", "o", "y", "o"];

describe("audit(…) with standardization and soft membership", () => {
  it("audit(…, { standardization }) reports groupMetrics under the raking weights", () => {
    const target = {
      method: "raking" as const,
      features: { age },
      margins: { age: { y: 0.6, o: 0.4 } },
    };
    const r = audit(
      { yTrue, yPred, sensitiveFeatures: group },
      { standardization: target, intervals: false },
    );
    const s = r.standardization!;
    const weights = rakingWeights({ age }, { age: { y: 0.6, o: 0.4 } }).weights;
    const direct = groupMetrics(
      { yTrue, yPred, sensitiveFeatures: group, sampleWeight: weights },
      { metrics: ["selectionRate", "truePositiveRate"] },
    );
    expect(s.converged).toBe(true);
    expect(
      closeMismatches(
        s.groups[0]!.values.selectionRate!.value,
        direct.byGroup[0]!.values.selectionRate,
      ),
    ).toEqual([]);
    expect(
      closeMismatches(s.criteria.demographicParityDifference, direct.difference().selectionRate),
    ).toEqual([]);
    expect(s.groups[0]!.effectiveSampleSize).toBeGreaterThan(0);
    expect(renderText(r)).toContain("Standardised to the target population (raking on age)");
    expect(JSON.stringify(FairnessReport.fromJSON(JSON.parse(JSON.stringify(r))))).toBe(
      JSON.stringify(r),
    );
  });

  it("audit(…) with a membership matrix audits the argmax groups and adds the soft section", () => {
    const probabilities = group.map((g, i) =>
      g === "a" ? [0.9 - (i % 3) * 0.3, 0.1 + (i % 3) * 0.3] : [0.2, 0.8],
    );
    const membership = { probabilities, groups: ["a", "b"] };
    const r = audit({ yTrue, yPred, sensitiveFeatures: membership });
    const soft = softGroupMetrics(
      { yTrue, yPred, sensitiveFeatures: membership },
      { metrics: ["selectionRate", "truePositiveRate"] },
    );
    const section = r.softMembership!;
    expect(section.groups[0]!.values.selectionRate!.value).toBe(
      soft.soft.byGroup[0]!.values.selectionRate,
    );
    expect(section.groups[0]!.values.truePositiveRate!.interval!.upper).toBeGreaterThan(
      section.groups[0]!.values.truePositiveRate!.interval!.lower!,
    );
    expect(section.groups.map((g) => g.hardCount)).toEqual([4, 8]);
    expect(r.groups.map((g) => [g.label, g.count])).toEqual([
      ["a", 4],
      ["b", 8],
    ]);
    expect(renderMarkdown(r)).toContain("Soft group membership");
    expect(renderHtml(r)).toContain("Soft group membership");
    expect(() =>
      audit({
        yTrue,
        yPred,
        sensitiveFeatures: { probabilities: probabilities.slice(1), groups: ["a", "b"] },
      }),
    ).toThrow(/expected 12/);
  });
});

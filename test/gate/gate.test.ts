import { describe, expect, it } from "vitest";
import { FairnessInputError } from "../../src/data/errors.js";
import { EXIT_CODES, gate } from "../../src/gate/gate.js";
import { parsePolicy } from "../../src/gate/parsePolicy.js";
import { renderGateMarkdown, renderGateText, renderJunit } from "../../src/gate/render.js";
import { audit } from "../../src/report/audit.js";
import type { FairnessReportData } from "../../src/report/types.js";
import { twoGroups } from "../report/fixtures.js";

// twoGroups: selection a 1/2, b 1/4; TPR a 2/3, b 1/2; FPR a 1/3, b 0.
const report = audit(twoGroups, { intervals: false }).toJSON();

/** The report with a 95% interval on every between-groups and reference disparity. */
function withIntervals(data: FairnessReportData, lower: number, upper: number): FairnessReportData {
  const interval = { lower, upper, level: 0.95, method: "bootstrap" };
  return {
    ...data,
    criteria: data.criteria.map((c) => ({ ...c, interval })),
    disparities: data.disparities.map((d) => ({
      ...d,
      difference: { ...d.difference, interval },
      betweenGroups: {
        ...d.betweenGroups,
        difference: { ...d.betweenGroups.difference, interval },
      },
    })),
  };
}

describe("parsePolicy", () => {
  it("parsePolicy(…) fills defaults", () => {
    const p = parsePolicy({
      rules: [{ metric: "truePositiveRate", comparison: "difference", max: 0.1 }],
    });
    expect(p.rules[0]).toMatchObject({ method: "betweenGroups", on: "value", severity: "error" });
    expect(p.version).toBe(1);
  });

  it("parsePolicy(…) reports precise paths for bad rules", () => {
    const bad = {
      rules: [
        { criterion: "demographicParityRatio", min: "0.8" },
        { metric: "truePositiveRate", comparison: "sum", max: 0.1 },
        { criterion: "equalizedOddsDifference" },
      ],
    };
    try {
      parsePolicy(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FairnessInputError);
      const paths = (e as FairnessInputError).issues.map((i) => i.path.join("."));
      expect(paths).toContain("policy.rules.0.min");
      expect(paths).toContain("policy.rules.1.comparison");
      expect(paths).toContain("policy.rules.2.max");
    }
    expect(() => parsePolicy({ rules: [] })).toThrow(FairnessInputError);
    expect(() => parsePolicy({ rules: [{ criterion: "x", max: 1 }] })).toThrow(/criterion/);
  });
});

describe("gate", () => {
  it("gate(…) passes and fails rules on hand-computed values", () => {
    const result = gate(report, {
      rules: [
        { criterion: "demographicParityDifference", max: 0.3 }, // 0.25
        { criterion: "demographicParityRatio", min: 0.8 }, // 0.5
        { metric: "truePositiveRate", comparison: "difference", max: 0.1 }, // 1/6
        { criterion: "equalizedOddsDifference", max: 0.4 }, // max(1/6, 1/3)
      ],
    });
    expect(result.checks.map((c) => c.status)).toEqual(["pass", "fail", "fail", "pass"]);
    expect(result.checks[1]!.measured).toBe(0.5);
    expect(result.checks[2]!.measured).toBeCloseTo(1 / 6, 15);
    expect(result.checks[3]!.measured).toBeCloseTo(1 / 3, 15);
    expect(result.passed).toBe(false);
    expect(result.exitCode).toBe(EXIT_CODES.policyFailed);
  });

  it("gate(…) checks toReference and toOverall comparisons", () => {
    const r = gate(report, {
      rules: [
        { metric: "selectionRate", comparison: "difference", method: "toReference", max: 0.2 },
        { metric: "selectionRate", comparison: "difference", method: "toOverall", max: 0.2 },
        { metric: "selectionRate", comparison: "ratio", method: "toOverall", min: 0.6 },
      ],
    });
    // reference a (largest): |1/4 − 1/2|; overall 0.4: max(0.1, 0.15); ratio min(0.4/0.5, 0.25/0.4)
    expect(r.checks[0]!.measured).toBeCloseTo(0.25, 15);
    expect(r.checks[1]!.measured).toBeCloseTo(0.15, 15);
    expect(r.checks[2]!.measured).toBeCloseTo(0.625, 15);
    expect(r.checks.map((c) => c.status)).toEqual(["fail", "pass", "pass"]);
  });

  it("gate(…) with on: intervalLow fails only when the whole interval exceeds the limit", () => {
    const policy = {
      rules: [
        { criterion: "demographicParityDifference" as const, max: 0.1, on: "intervalLow" as const },
      ],
    };
    expect(gate(withIntervals(report, 0.05, 0.4), policy).passed).toBe(true);
    expect(gate(withIntervals(report, 0.15, 0.4), policy).passed).toBe(false);
    const high = { rules: [{ ...policy.rules[0]!, on: "intervalHigh" as const }] };
    expect(gate(withIntervals(report, 0.05, 0.4), high).passed).toBe(false);
    // no intervals in the report: the rule cannot be measured, which fails the gate
    const none = gate(report, policy);
    expect(none.checks[0]!.status).toBe("error");
    expect(none.passed).toBe(false);
  });

  it("gate(…) leaves out small groups when asked, and warning rules do not fail the gate", () => {
    const three = audit({
      yTrue: [...(twoGroups.yTrue as number[]), 1],
      yPred: [...(twoGroups.yPred as number[]), 0],
      sensitiveFeatures: [...(twoGroups.sensitiveFeatures as string[]), "c"],
    }).toJSON();
    const all = gate(three, { rules: [{ criterion: "demographicParityDifference", max: 0.3 }] });
    expect(all.checks[0]!.measured).toBe(0.5);
    const big = gate(three, {
      minGroupSize: 2,
      rules: [{ criterion: "demographicParityDifference", max: 0.3 }],
    });
    expect(big.checks[0]!.measured).toBe(0.25);
    expect(big.checks[0]!.excluded).toEqual(["c"]);
    const warn = gate(three, {
      rules: [{ criterion: "demographicParityDifference", max: 0.3, severity: "warning" }],
    });
    expect(warn.checks[0]!.status).toBe("fail");
    expect(warn.passed).toBe(true);
    expect(warn.exitCode).toBe(0);
  });

  it("gate(…) errors on a metric the report lacks", () => {
    const r = gate(report, { rules: [{ metric: "rocAuc", comparison: "difference", max: 0.1 }] });
    expect(r.checks[0]!.status).toBe("error");
    expect(r.checks[0]!.message).toMatch(/no rocAuc/);
  });
});

describe("gate renderers", () => {
  const result = gate(
    audit({ ...twoGroups, sensitiveFeatures: twoGroups.sensitiveFeatures }).toJSON(),
    {
      rules: [
        { name: 'parity <"&"> ok', criterion: "demographicParityRatio", min: 0.8 },
        { criterion: "demographicParityDifference", max: 0.3 },
        { metric: "rocAuc", comparison: "difference", max: 0.1 },
        { criterion: "accuracyDifference", max: 0.01, severity: "warning" },
      ],
    },
  );

  it("renderJunit(…) writes one escaped testcase per rule with failures and errors", () => {
    const xml = renderJunit(result);
    expect(xml).toContain('tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('name="parity &lt;&quot;&amp;&quot;&gt; ok"');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<error /g)).toHaveLength(1);
  });

  it("renderGateText(…) and renderGateMarkdown(…) state the verdict", () => {
    expect(renderGateText(result)).toMatch(/Gate FAILED: 3 of 4 checks failed\n$/);
    expect(renderGateMarkdown(result).split("\n")[0]).toBe("### Fairness gate: ❌ failed");
  });
});

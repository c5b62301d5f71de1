import { describe, expect, it } from "vitest";
import { gate } from "../../src/gate/gate.js";
import { audit } from "../../src/report/audit.js";

// Group c has 3 rows: suppressed with suppressBelow 5.
const input = {
  yTrue: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
  yPred: [1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0],
  sensitiveFeatures: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "c"],
};

describe("gate(report, policy) with suppressed groups and representation", () => {
  const report = audit(input, { suppressBelow: 5, intervals: false });

  it("gate(…) leaves suppressed groups out by default, and fails or warns when the rule says so", () => {
    const rule = { criterion: "demographicParityDifference" as const, max: 0.5 };
    const pass = gate(report, { rules: [rule] }).checks[0]!;
    expect(pass.status).toBe("pass");
    expect(pass.suppressed).toEqual(["c"]);
    expect(pass.groups).toEqual(["a", "b"]);
    const fail = gate(report, { rules: [{ ...rule, suppressed: "fail" }] });
    expect(fail.passed).toBe(false);
    expect(fail.checks[0]!.message).toMatch(/fails because groups are suppressed: c/);
    const warn = gate(report, { rules: [{ ...rule, suppressed: "warn" }] });
    expect(warn.passed).toBe(true);
    expect(warn.checks[0]!.status).toBe("fail");
    expect(warn.checks[0]!.severity).toBe("warning");
  });

  it("gate(…) checks the representation section: flagged groups and the smallest share ratio", () => {
    const counts = { a: 6, b: 6, c: 3 };
    const represented = audit(input, {
      intervals: false,
      referenceShares: { a: 0.2, b: 0.2, c: 0.6 },
    });
    const row = represented.representation!.groups.find((r) => r.group === "c")!;
    expect(row.count).toBe(counts.c);
    expect(row.underRepresented).toBe(true);
    const result = gate(represented, {
      rules: [
        { representation: "underRepresentedGroups", max: 0 },
        { representation: "minimumShareRatio", min: 0.3 },
      ],
    });
    expect(result.checks[0]!.status).toBe("fail");
    expect(result.checks[0]!.measured).toBe(1);
    expect(result.checks[1]!.measured).toBeCloseTo(3 / 15 / 0.6, 12);
    expect(result.checks[1]!.status).toBe("pass");
    expect(
      gate(report, { rules: [{ representation: "underRepresentedGroups", max: 0 }] }).checks[0]!
        .status,
    ).toBe("error");
  });
});

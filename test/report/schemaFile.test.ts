import { describe, expect, it } from "vitest";
import { policyJsonSchema } from "../../src/gate/policy.js";
import { reportJsonSchema } from "../../src/report/schema.js";

// The build writes these schemas to dist/ (tsup.config.ts); the smoke test checks the files.
describe("JSON Schemas of the report and the gate policy", () => {
  it("the report schema requires schemaVersion '1' and the policy schema lists the criteria", () => {
    const report = reportJsonSchema() as { properties: { schemaVersion: { const: string } } };
    expect(report.properties.schemaVersion.const).toBe("1");
    expect(JSON.stringify(policyJsonSchema())).toContain("equalizedOddsDifference");
  });
});

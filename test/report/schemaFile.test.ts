import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { policyJsonSchema } from "../../src/gate/policy.js";
import { reportJsonSchema } from "../../src/report/schema.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const committed = (name: string) => JSON.parse(readFileSync(join(root, "schema", name), "utf8"));

describe("published JSON Schema files", () => {
  it("schema/report.schema.json is generated from FairnessReportSchema (npx tsx scripts/generate-schemas.ts)", () => {
    expect(committed("report.schema.json")).toEqual(reportJsonSchema());
  });

  it("schema/policy.schema.json is generated from PolicySchema (npx tsx scripts/generate-schemas.ts)", () => {
    expect(committed("policy.schema.json")).toEqual(policyJsonSchema());
  });

  it("the report schema requires schemaVersion '1' and the policy schema lists the criteria", () => {
    const report = reportJsonSchema() as { properties: { schemaVersion: { const: string } } };
    expect(report.properties.schemaVersion.const).toBe("1");
    expect(JSON.stringify(policyJsonSchema())).toContain("equalizedOddsDifference");
  });
});

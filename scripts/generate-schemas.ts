/**
 * Writes schema/report.schema.json and schema/policy.schema.json from the zod schemas
 * (test/report/schemaFile.test.ts checks that the committed files are up to date).
 * Run: npx tsx scripts/generate-schemas.ts
 */
import { writeFileSync } from "node:fs";
import { policyJsonSchema } from "../src/gate/policy.js";
import { reportJsonSchema } from "../src/report/schema.js";

const write = (path: string, schema: unknown) =>
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
write("schema/report.schema.json", reportJsonSchema());
write("schema/policy.schema.json", policyJsonSchema());

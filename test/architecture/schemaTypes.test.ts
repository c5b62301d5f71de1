/**
 * The public types are plain interfaces (so the root entry's declarations never load zod); the
 * zod schemas stay the validators. These compile-time checks keep the two in step: each schema
 * infers exactly its interface (`npm run typecheck` fails otherwise).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { CriterionId } from "../../src/disparity/registry.js";
import type { Policy, PolicyInput } from "../../src/gate/policyTypes.js";
import { audit, groupMetrics } from "../../src/index.js";
import type {
  CalibratedEqualizedOddsJSON,
  EqualizedOddsJSON,
  RejectOptionJSON,
  ThresholdRuleJSON,
} from "../../src/mitigation/ruleTypes.js";
import type { FairnessReportData } from "../../src/report/types.js";
import type {
  CalibratedEqualizedOddsSchema,
  EqualizedOddsSchema,
  FairnessReportSchema,
  PolicySchema,
  RejectOptionSchema,
  ThresholdRuleSchema,
} from "../../src/schemas/index.js";

describe("schemas and interfaces", () => {
  it("each zod schema infers exactly its public interface", () => {
    expectTypeOf<z.infer<typeof FairnessReportSchema>>().toEqualTypeOf<FairnessReportData>();
    expectTypeOf<z.infer<typeof PolicySchema>>().toEqualTypeOf<Policy>();
    expectTypeOf<z.input<typeof PolicySchema>>().toEqualTypeOf<PolicyInput>();
    expectTypeOf<z.infer<typeof ThresholdRuleSchema>>().toEqualTypeOf<ThresholdRuleJSON>();
    expectTypeOf<z.infer<typeof RejectOptionSchema>>().toEqualTypeOf<RejectOptionJSON>();
    expectTypeOf<
      z.infer<typeof CalibratedEqualizedOddsSchema>
    >().toEqualTypeOf<CalibratedEqualizedOddsJSON>();
    expectTypeOf<z.infer<typeof EqualizedOddsSchema>>().toEqualTypeOf<EqualizedOddsJSON>();
  });

  it("criterion ids are a literal union: a typo does not compile", () => {
    expectTypeOf<"demographicParityDifference">().toExtend<CriterionId>();
    expectTypeOf<"demographicParityDiference">().not.toExtend<CriterionId>();
    const input = { yTrue: [1, 0], yPred: [1, 0], sensitiveFeatures: ["a", "b"] };
    // @ts-expect-error: not a criterion id
    const typo = () => audit(input, { criteria: ["equalizedOddDifference"] });
    expectTypeOf(typo).toBeFunction();
    expectTypeOf(groupMetrics).toBeFunction();
  });
});

/** Validation of gate policies, with precise messages for bad rules. */
import { FairnessInputError } from "../data/errors.js";
import { englishErrors } from "../data/schema.js";
import { policySchemas } from "./policy.js";
import type { Policy } from "./policyTypes.js";

/**
 * Validates a policy (parsed JSON), filling defaults (`on: "value"`, `severity: "error"`,
 * `method: "betweenGroups"`).
 *
 * @throws FairnessInputError with one issue per problem, its path starting with "policy"
 * @example
 * parsePolicy({ rules: [{ criterion: "demographicParityRatio", min: 0.8 }] }).rules[0].on; // => "value"
 *
 * @category Release gate
 */
export function parsePolicy(json: unknown): Policy {
  const {
    CriterionRuleSchema,
    MetricRuleSchema,
    NetBenefitRuleSchema,
    PolicySchema,
    RepresentationRuleSchema,
    SubgroupScanRuleSchema,
  } = policySchemas();
  const parsed = PolicySchema.safeParse(json, { error: englishErrors });
  if (parsed.success) return parsed.data;
  // A union reports "invalid input" for a bad rule; re-check each rule with the schema its
  // fields select, so the user sees the precise problem.
  const rules = (json as { rules?: unknown } | null)?.rules;
  const issues = parsed.error.issues.flatMap((issue) => {
    const index = issue.path[1];
    if (issue.code !== "invalid_union" || issue.path[0] !== "rules" || !Array.isArray(rules)) {
      return [issue];
    }
    const rule = rules[index as number] as Record<string, unknown> | null;
    const object = rule !== null && typeof rule === "object";
    const schema =
      object && "criterion" in rule
        ? CriterionRuleSchema
        : object && "netBenefitGap" in rule
          ? NetBenefitRuleSchema
          : object && "representation" in rule
            ? RepresentationRuleSchema
            : object && "subgroupScan" in rule
              ? SubgroupScanRuleSchema
              : MetricRuleSchema;
    const inner = schema.safeParse(rule, { error: englishErrors });
    return inner.success
      ? [issue]
      : inner.error.issues.map((i) => ({ ...i, path: ["rules", index!, ...i.path] }));
  });
  throw new FairnessInputError(
    issues.map((issue) => ({
      code: "invalid_option",
      path: ["policy", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: issue.message,
    })),
  );
}

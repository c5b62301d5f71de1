/**
 * `gate`: checks a fairness report against a policy, rule by rule.
 */
import { combineParts, compareGroups } from "../disparity/aggregate.js";
import { getCriterion } from "../disparity/registry.js";
import { formatValue } from "../report/format.js";
import { referenceGroup } from "../report/referenceGroup.js";

import type { Estimate, FairnessReportData, GroupResult, Interval } from "../report/types.js";
import { EXIT_CODES } from "./exitCodes.js";
import { parsePolicy } from "./parsePolicy.js";
import type { BOUNDS } from "./policy.js";
import type {
  CriterionRule,
  MetricRule,
  NetBenefitRule,
  Policy,
  PolicyInput,
  PolicyRule,
  RepresentationRule,
  SubgroupScanRule,
} from "./policyTypes.js";

export { EXIT_CODES } from "./exitCodes.js";

/**
 * The verdict of one rule.
 *
 * @category Release gate
 */
export interface GateCheck {
  /** Index of the rule in the policy. */
  readonly rule: number;
  /** The rule's name, or a description of the rule. */
  readonly name: string;
  /** `error`: the value could not be measured (undefined metric, missing interval). */
  readonly status: "pass" | "fail" | "error";
  /** The rule's severity: a failed `warning` does not fail the gate. */
  readonly severity: "error" | "warning";
  /** The number compared with the limits (the value or an interval end). */
  readonly measured: number | null;
  /** What the limits were checked on: the value or an interval end. */
  readonly on: PolicyRule["on"];
  /** The criterion's or disparity's value (null when undefined). */
  readonly value: number | null;
  /** Its confidence interval, when the report has one. */
  readonly interval?: Interval;
  /** The rule's lower limit. */
  readonly min?: number;
  /** The rule's upper limit. */
  readonly max?: number;
  /** Labels of the groups compared. */
  readonly groups: readonly string[];
  /** Labels of the groups left out by `minGroupSize`. */
  readonly excluded: readonly string[];
  /** Labels of the groups the report suppressed (`suppressBelow`), when any. */
  readonly suppressed?: readonly string[];
  /** One sentence: what was measured and the verdict. */
  readonly message: string;
}

/**
 * The gate's verdict: passed unless a rule of severity `error` failed or errored.
 *
 * @category Release gate
 */
export interface GateResult {
  /** Whether no check of severity `error` failed or errored. */
  readonly passed: boolean;
  /** The CLI's exit code: {@link EXIT_CODES}.pass or .policyFailed. */
  readonly exitCode: 0 | 1;
  /** One verdict per rule, in policy order. */
  readonly checks: readonly GateCheck[];
}

const nan = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);

/** One metric's comparison over the eligible groups (Fairlearn's definitions). */
function compare(
  report: FairnessReportData,
  groups: readonly GroupResult[],
  metric: string,
  comparison: MetricRule["comparison"],
  method: MetricRule["method"],
): number {
  const refGroup = referenceGroup(report);
  const toOverall = method === "toOverall" || refGroup === undefined;
  const base =
    method === "betweenGroups"
      ? Number.NaN
      : nan((toOverall ? report.overall : refGroup.values)[metric]?.value);
  const compared = groups.filter((g) => method !== "toReference" || g !== refGroup);
  return compareGroups(
    compared.map((g) => nan(g.values[metric]?.value)),
    comparison,
    method === "betweenGroups" ? method : toOverall ? "toOverall" : "toReference",
    base,
  );
}

/** The report's own estimate for a rule over all groups (with its interval, when present). */
function reportEstimate(
  report: FairnessReportData,
  rule: CriterionRule | MetricRule,
): Estimate | undefined {
  if ("criterion" in rule) {
    const c = report.criteria.find((x) => x.id === rule.criterion);
    if (!c) return undefined;
    return c.interval ? { value: c.value, interval: c.interval } : { value: c.value };
  }
  const d = report.disparities.find((x) => x.metric === rule.metric);
  if (!d) return undefined;
  if (rule.method === "betweenGroups") {
    return rule.comparison === "difference" ? d.betweenGroups.difference : d.betweenGroups.ratio;
  }
  const methodMatches = (rule.method === "toOverall") === (referenceGroup(report) === undefined);
  if (!methodMatches) return undefined;
  return rule.comparison === "difference" ? d.difference : d.ratio;
}

function describe(rule: CriterionRule | MetricRule | NetBenefitRule | RepresentationRule): string {
  const what =
    "criterion" in rule
      ? rule.criterion
      : "netBenefitGap" in rule
        ? `net benefit gap at pt = ${rule.netBenefitGap}`
        : "representation" in rule
          ? rule.representation
          : `${rule.metric} ${rule.comparison} (${rule.method})`;
  const on = rule.on === "value" ? "" : ` on ${rule.on}`;
  const limits = [
    rule.min === undefined ? "" : `>= ${rule.min}`,
    rule.max === undefined ? "" : `<= ${rule.max}`,
  ]
    .filter(Boolean)
    .join(" and ");
  return `${what}${on} ${limits}`;
}

/**
 * The subgroup-scan rule: the largest |observed − predicted rate| among the report's undeclared
 * subgroups with a p-value after the search ≤ alpha (0 when none is significant).
 */
function checkSubgroupScanRule(
  report: FairnessReportData,
  rule: SubgroupScanRule,
  index: number,
): GateCheck {
  const name =
    rule.name ??
    `no subgroup significant at ${rule.alpha} with |observed - predicted| > ${rule.max}`;
  const base = {
    rule: index,
    name,
    severity: rule.severity,
    on: rule.on,
    max: rule.max,
    excluded: [],
  };
  const scan = report.subgroupScan;
  if (scan === undefined || scan.replicates === 0) {
    return {
      ...base,
      groups: [],
      status: "error",
      measured: null,
      value: null,
      message: `${name}: the report has no ${scan === undefined ? "subgroup scan (audit with the scan option)" : "p-values for its subgroups (scan with replicates)"}`,
    };
  }
  const significant = scan.subgroups.filter((s) => s.pValue !== null && s.pValue <= rule.alpha);
  let measured = 0;
  let worst: (typeof significant)[number] | undefined;
  for (const s of significant) {
    const gap = Math.abs(s.observedRate - s.expectedRate);
    if (gap > measured) {
      measured = gap;
      worst = s;
    }
  }
  const status = measured > rule.max ? "fail" : "pass";
  const detail =
    worst === undefined
      ? `no subgroup is significant at ${rule.alpha}`
      : `largest gap ${formatValue(measured)} (${worst.sentence})`;
  return {
    ...base,
    groups: significant.map((s) => s.sentence),
    status,
    measured,
    value: measured,
    message: `${name}: ${detail}, ${status === "fail" ? `above the maximum ${rule.max}` : "within limits"}`,
  };
}

/** The number a representation rule measures, or null without a representation section. */
function representationMeasure(
  report: FairnessReportData,
  rule: RepresentationRule,
): number | null {
  const rows = report.representation?.groups;
  if (rows === undefined) return null;
  if (rule.representation === "underRepresentedGroups") {
    return rows.filter((r) => r.underRepresented).length;
  }
  if (rule.representation === "overRepresentedGroups") {
    return rows.filter((r) => r.overRepresented).length;
  }
  const ratios = rows.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  return ratios.length === 0
    ? null
    : ratios.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

function checkRepresentation(
  report: FairnessReportData,
  rule: RepresentationRule,
  index: number,
): GateCheck {
  const name = rule.name ?? describe(rule);
  const measured = rule.on === "value" ? representationMeasure(report, rule) : null;
  const base = {
    ...ruleFields(rule, index, name),
    groups: (report.representation?.groups ?? []).map((r) => r.group),
    excluded: [],
    value: measured,
    measured,
  };
  if (measured === null) {
    const why =
      rule.on !== "value"
        ? "representation rules are checked on the value only"
        : "the report has no representation section (audit with referenceShares)";
    return { ...base, status: "error", message: `${name}: ${why}` };
  }
  const tooLow = rule.min !== undefined && measured < rule.min;
  const tooHigh = rule.max !== undefined && measured > rule.max;
  const flagged = (report.representation?.groups ?? [])
    .filter((r) => r.underRepresented || r.overRepresented)
    .map((r) => `${r.group} (${r.underRepresented ? "under" : "over"})`);
  return {
    ...base,
    status: tooLow || tooHigh ? "fail" : "pass",
    message:
      `${name}: measured ${formatValue(measured)}, ` +
      (tooLow
        ? `below the minimum ${rule.min}`
        : tooHigh
          ? `above the maximum ${rule.max}`
          : "within limits") +
      (flagged.length > 0 ? `; flagged: ${flagged.join("; ")}` : ""),
  };
}

/** Applies a rule's `suppressed` setting to its check. */
function withSuppressed(
  check: GateCheck,
  rule: CriterionRule | MetricRule,
  suppressed: readonly string[],
): GateCheck {
  if (suppressed.length === 0) return check;
  const list = suppressed.join("; ");
  if (rule.suppressed === "fail") {
    return {
      ...check,
      suppressed,
      status: "fail",
      message: `${check.message}; fails because groups are suppressed: ${list}`,
    };
  }
  if (rule.suppressed === "warn" && check.status === "pass") {
    return {
      ...check,
      suppressed,
      status: "fail",
      severity: "warning",
      message: `${check.message}; warning: groups are suppressed and left out: ${list}`,
    };
  }
  return { ...check, suppressed, message: `${check.message}; suppressed and left out: ${list}` };
}

/**
 * The passing or failing check of a measured number against the rule's limits, its message
 * naming the measure, the bound read and the verdict (then `note`).
 */
function limitCheck(
  base: Omit<GateCheck, "status" | "measured" | "value" | "message">,
  rule: {
    readonly on: (typeof BOUNDS)[number];
    readonly min?: number | undefined;
    readonly max?: number | undefined;
  },
  name: string,
  measured: number,
  value: number | null,
  interval: Interval | undefined,
  note = "",
): GateCheck {
  const { status, limit } = limitVerdict(rule, measured);
  return {
    ...base,
    ...(interval ? { interval } : {}),
    status,
    measured,
    value,
    message: `${name}: measured ${formatValue(measured)}${rule.on === "value" ? "" : ` (${rule.on})`}, ${limit}${note}`,
  };
}

/** The fields every check repeats from its rule: position, name, severity, bound and limits. */
function ruleFields(
  rule: {
    readonly severity: GateCheck["severity"];
    readonly on: (typeof BOUNDS)[number];
    readonly min?: number | undefined;
    readonly max?: number | undefined;
  },
  index: number,
  name: string,
) {
  return {
    rule: index,
    name,
    severity: rule.severity,
    on: rule.on,
    ...(rule.min === undefined ? {} : { min: rule.min }),
    ...(rule.max === undefined ? {} : { max: rule.max }),
  };
}

/** What a rule reads: the value, or the lower or upper end of its interval (null when absent). */
function measuredOf(
  on: (typeof BOUNDS)[number],
  value: number | null,
  interval: Interval | undefined,
): number | null {
  if (on === "value") return value;
  if (interval === undefined) return null;
  return on === "intervalLow" ? interval.lower : interval.upper;
}

/** A measured number against a rule's optional `min` and `max`: the status and the wording. */
function limitVerdict(
  rule: { readonly min?: number | undefined; readonly max?: number | undefined },
  measured: number,
): { status: "pass" | "fail"; limit: string } {
  const tooLow = rule.min !== undefined && measured < rule.min;
  const tooHigh = rule.max !== undefined && measured > rule.max;
  const limit = tooLow
    ? `below the minimum ${rule.min}`
    : tooHigh
      ? `above the maximum ${rule.max}`
      : "within limits";
  return { status: tooLow || tooHigh ? "fail" : "pass", limit };
}

/** The measured value against the rule's limits, as a check. */
function verdictOf(
  base: Omit<GateCheck, "status" | "measured" | "value" | "message">,
  rule: NetBenefitRule,
  name: string,
  value: number | null,
  interval: Interval | undefined,
): GateCheck {
  const measured = measuredOf(rule.on, value, interval);
  const withInterval = interval ? { interval } : {};
  if (measured === null) {
    return {
      ...base,
      ...withInterval,
      status: "error",
      measured,
      value,
      message: `${name}: ${value === null ? "the value is undefined" : "the report has no interval for it (audit with intervals)"}`,
    };
  }
  return limitCheck(base, rule, name, measured, value, interval);
}

/** A net-benefit gap rule, read from the report's net-benefit section. */
function checkNetBenefit(
  report: FairnessReportData,
  rule: NetBenefitRule,
  index: number,
): GateCheck {
  const name = rule.name ?? describe(rule);
  const section = report.netBenefit;
  const base = {
    ...ruleFields(rule, index, name),
    // The overall population comes first, by position: a group may be named "overall".
    groups: section?.groups.slice(1).map((g) => g.group) ?? [],
    excluded: [],
  };
  const gap = section?.gaps.find((g) => g.threshold === rule.netBenefitGap);
  if (gap === undefined) {
    return {
      ...base,
      status: "error",
      measured: null,
      value: null,
      message: `${name}: the report has no net benefit at pt = ${rule.netBenefitGap} (audit with netBenefit thresholds including it)`,
    };
  }
  return verdictOf(base, rule, name, gap.difference.value, gap.difference.interval);
}

function checkRule(
  report: FairnessReportData,
  rule: PolicyRule,
  index: number,
  defaultMinGroupSize: number | undefined,
): GateCheck {
  if ("netBenefitGap" in rule) return checkNetBenefit(report, rule, index);
  if ("subgroupScan" in rule) return checkSubgroupScanRule(report, rule, index);
  if ("representation" in rule) return checkRepresentation(report, rule, index);
  const suppressed = report.groups.filter((g) => g.suppressed).map((g) => g.label);
  return withSuppressed(
    checkMeasuredRule(report, rule, index, defaultMinGroupSize),
    rule,
    suppressed,
  );
}

function checkMeasuredRule(
  report: FairnessReportData,
  rule: CriterionRule | MetricRule,
  index: number,
  defaultMinGroupSize: number | undefined,
): GateCheck {
  const name = rule.name ?? describe(rule);
  const minSize = rule.minGroupSize ?? defaultMinGroupSize ?? 0;
  const present = report.groups.filter((g) => g.count > 0 && !g.suppressed);
  const eligible = present.filter((g) => g.count >= minSize);
  const excluded = present.filter((g) => g.count < minSize).map((g) => g.label);
  const criterion = "criterion" in rule ? getCriterion(rule.criterion)! : undefined;
  const parts = criterion?.metrics ?? [(rule as MetricRule).metric];
  const method = "criterion" in rule ? "betweenGroups" : rule.method;
  const comparison = criterion?.comparison ?? (rule as MetricRule).comparison;
  const base = {
    ...ruleFields(rule, index, name),
    groups: eligible.map((g) => g.label),
    excluded,
  };
  if (criterion?.classAggregation !== undefined) {
    return checkClassCriterion(report, rule as CriterionRule, base, name, excluded);
  }
  const missing = parts.filter((m) => !report.metrics.some((x) => x.id === m));
  if (missing.length > 0) {
    return {
      ...base,
      status: "error",
      measured: null,
      value: null,
      message: `${name}: the report has no ${missing.join(", ")} (add it to the audit's metrics)`,
    };
  }
  const values = parts.map((m) => compare(report, eligible, m, comparison, method));
  const computed = combineParts(values, comparison, criterion?.aggregation ?? "worstCase");
  const own = excluded.length === 0 ? reportEstimate(report, rule) : undefined;
  const interval = own?.interval;
  const value = Number.isFinite(computed) ? computed : null;
  const measured = measuredOf(rule.on, value, interval);
  const withInterval = interval ? { interval } : {};
  if (measured === null) {
    const why =
      rule.on !== "value" && value !== null
        ? excluded.length > 0
          ? "intervals are not available once minGroupSize leaves groups out"
          : missingInterval(interval)
        : "the value is undefined (a zero denominator or fewer than two groups)";
    return {
      ...base,
      ...withInterval,
      status: "error",
      measured,
      value,
      message: `${name}: ${why}`,
    };
  }
  const leftOut = excluded.length > 0 ? `; left out: ${excluded.join("; ")}` : "";
  return limitCheck(base, rule, name, measured, value, interval, leftOut);
}

/**
 * The check of a multiclass criterion (`classAggregation` in the registry): its per-class rates
 * of each group are not in the report, so the gate reads the report's value and interval, and
 * cannot recompute it without the groups `minGroupSize` would leave out (an error then).
 */
function checkClassCriterion(
  report: FairnessReportData,
  rule: CriterionRule,
  base: Omit<GateCheck, "status" | "measured" | "value" | "message">,
  name: string,
  excluded: readonly string[],
): GateCheck {
  const reported = report.criteria.find((c) => c.id === rule.criterion);
  const value = reported?.value ?? null;
  const interval = reported?.interval;
  const error = (why: string): GateCheck => ({
    ...base,
    ...(interval ? { interval } : {}),
    status: "error",
    measured: null,
    value,
    message: `${name}: ${why}`,
  });
  if (reported === undefined) {
    return error("the report has no such criterion (audit the model with auditMulticlass)");
  }
  if (excluded.length > 0) {
    return error(
      `it compares the per-class rates of every group, so minGroupSize cannot leave out ${excluded.join("; ")}`,
    );
  }
  const measured = measuredOf(rule.on, value, interval);
  if (measured === null) {
    return error(
      rule.on !== "value" && value !== null
        ? missingInterval(interval)
        : "the value is undefined (a zero denominator or fewer than two groups)",
    );
  }
  return limitCheck(base, rule, name, measured, value, interval);
}

/** Why a rule on an interval bound cannot be measured: no interval, or one the report withheld. */
function missingInterval(interval: Interval | undefined): string {
  return interval?.reason === "smallDenominator"
    ? "the report withholds its interval (a group has fewer rows than the audit's minGroupSize, too few for a bootstrap)"
    : "the report has no interval for it (audit with intervals)";
}

/**
 * Checks a report against a policy. Each rule gives a check with its measured value; the gate
 * passes unless a rule of severity `error` fails or cannot be measured.
 *
 * Cost: O(rules × groups).
 *
 * @throws FairnessInputError when the policy is invalid
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * gate(report, { rules: [{ criterion: "demographicParityRatio", min: 0.8 }] }).passed; // => false
 *
 * @category Release gate
 */
export function gate(report: FairnessReportData, policy: Policy | PolicyInput): GateResult {
  const parsed = parsePolicy(policy);
  const checks = parsed.rules.map((rule, i) => checkRule(report, rule, i, parsed.minGroupSize));
  const passed = checks.every((c) => c.status === "pass" || c.severity === "warning");
  return { passed, exitCode: passed ? EXIT_CODES.pass : EXIT_CODES.policyFailed, checks };
}

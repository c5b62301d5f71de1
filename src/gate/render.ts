/**
 * Gate results as JUnit XML (for CI test reporters), text and Markdown.
 */
import { escapeMarkdown, escapeXml, sanitizeTerminal } from "../report/escape.js";
import { formatValue } from "../report/format.js";
import type { GateResult } from "./gate.js";

/**
 * Gate results as JUnit XML: one `<testcase>` per rule, a `<failure>` for a failed rule, an
 * `<error>` for a rule that could not be measured, `<skipped>` for a failed warning-only rule.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * const result = gate(report, { rules: [{ criterion: "demographicParityRatio", min: 0.8 }] });
 * renderJunit(result).split("\n")[1]; // => '<testsuites name="fairscope gate" tests="1" failures="1" errors="0" skipped="0">'
 */
export function renderJunit(result: GateResult, suiteName = "fairscope gate"): string {
  const failures = result.checks.filter((c) => c.status === "fail" && c.severity === "error");
  const errors = result.checks.filter((c) => c.status === "error" && c.severity === "error");
  const skipped = result.checks.filter((c) => c.status !== "pass" && c.severity === "warning");
  const attr = (s: string) => escapeXml(s);
  const cases = result.checks.map((c) => {
    const open = `    <testcase classname="fairscope.gate" name="${attr(c.name)}">`;
    let body = "";
    if (c.status !== "pass" && c.severity === "warning") {
      body = `\n      <skipped message="${attr(c.message)}"/>`;
    } else if (c.status === "fail") {
      body = `\n      <failure message="${attr(c.message)}" type="policyFailed">${escapeXml(c.message)}</failure>`;
    } else if (c.status === "error") {
      body = `\n      <error message="${attr(c.message)}" type="notMeasured">${escapeXml(c.message)}</error>`;
    }
    const props = `\n      <system-out>${escapeXml(
      `measured=${formatValue(c.measured, 6)} on=${c.on} groups=${c.groups.join("; ")}`,
    )}</system-out>`;
    return `${open}${body}${props}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suiteName)}" tests="${result.checks.length}" failures="${failures.length}" errors="${errors.length}" skipped="${skipped.length}">`,
    `  <testsuite name="${attr(suiteName)}" tests="${result.checks.length}" failures="${failures.length}" errors="${errors.length}" skipped="${skipped.length}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

const MARK = { pass: "PASS", fail: "FAIL", error: "ERROR" } as const;

/**
 * Gate results as text lines: one per rule, then the verdict.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * const result = gate(report, { rules: [{ criterion: "demographicParityRatio", min: 0.8 }] });
 * renderGateText(result); // => "FAIL  demographicParityRatio >= 0.8: measured 0.000, below the minimum 0.8\nGate FAILED: 1 of 1 checks failed\n"
 */
export function renderGateText(result: GateResult): string {
  const bad = result.checks.filter((c) => c.status !== "pass");
  const lines = result.checks.map(
    (c) =>
      `${c.status !== "pass" && c.severity === "warning" ? "WARN" : MARK[c.status]}  ${sanitizeTerminal(c.message)}`,
  );
  lines.push(
    result.passed
      ? `Gate passed: ${result.checks.length - bad.length} of ${result.checks.length} checks passed`
      : `Gate FAILED: ${bad.length} of ${result.checks.length} checks failed`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Gate results as a Markdown table.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * const result = gate(report, { rules: [{ criterion: "demographicParityRatio", min: 0.8 }] });
 * renderGateMarkdown(result).split("\n")[0]; // => "### Fairness gate: ❌ failed"
 */
export function renderGateMarkdown(result: GateResult): string {
  const icon = { pass: "✅", fail: "❌", error: "⚠️" } as const;
  return [
    `### Fairness gate: ${result.passed ? "✅ passed" : "❌ failed"}`,
    "",
    "| | check | measured | limit |",
    "| :--- | :--- | ---: | :--- |",
    ...result.checks.map(
      (c) =>
        `| ${icon[c.status]} | ${escapeMarkdown(c.name)} | ${formatValue(c.measured)} | ${escapeMarkdown(
          [c.min === undefined ? "" : `≥ ${c.min}`, c.max === undefined ? "" : `≤ ${c.max}`]
            .filter(Boolean)
            .join(", "),
        )} |`,
    ),
    "",
  ].join("\n");
}

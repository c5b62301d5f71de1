/**
 * The Markdown renderer (GitHub-flavoured tables), e.g. for a CI step summary.
 */

import type { RenderedChart } from "../charts.js";
import { escapeHtml, escapeMarkdown } from "../escape.js";
import { warningLabel } from "../format.js";
import { SUBGROUP_SCAN_TITLE, subgroupScanSummary } from "../subgroupScan.js";
import type { FairnessReportData } from "../types.js";
import { clinicalSections } from "./clinicalTables.js";
import {
  aggregateNotes,
  criteriaTable,
  disparityTable,
  groupTable,
  legend,
  marksLegend,
  representationTable,
  softMembershipTable,
  standardizationTable,
  type Table,
} from "./tables.js";

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Charts to embed as `<img>` data URIs (from `renderCharts`). @defaultValue none */
  readonly charts?: readonly RenderedChart[];
}

function table(t: Table, withNotes: boolean): string[] {
  const header = [...t.header, ...(withNotes ? ["note"] : [])];
  const align = [...t.numeric.map((n) => (n ? "---:" : ":---")), ...(withNotes ? [":---"] : [])];
  const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  return [
    row(header),
    `| ${align.join(" | ")} |`,
    ...t.rows.map((r, i) => row([...r, ...(withNotes ? [t.notes[i]!] : [])])),
  ];
}

const ICON = { warning: "⚠️", notice: "🔸", info: "ℹ️" } as const;

/**
 * The report as Markdown: summary, tables, findings, warnings (and charts when given). Every
 * user-supplied name is escaped, so a group called `|` or `<script>` cannot break the table
 * or inject markup.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderMarkdown(report).split("\n")[0]; // => "## Fairness report"
 */
export function renderMarkdown(report: FairnessReportData, options: MarkdownOptions = {}): string {
  return `${markdownLines(report, options).join("\n")}\n`;
}

/**
 * The lines of {@link renderMarkdown}, without their line breaks: the command line writes them a
 * few at a time, so a report of many groups never has to fit in one string.
 *
 * @internal
 */
export function markdownLines(report: FairnessReportData, options: MarkdownOptions = {}): string[] {
  const meta = report.metadata;
  const input = meta.input;
  const lines = [
    `## ${meta.title ? escapeMarkdown(meta.title) : "Fairness report"}`,
    "",
    `${input.rows} rows; groups by ${input.features.map((f) => `**${escapeMarkdown(f)}**`).join(" × ")} ` +
      `(${input.groups} groups); reference group **${escapeMarkdown(report.reference)}**; ` +
      `fairscope ${escapeMarkdown(meta.fairscopeVersion)}` +
      (meta.seed === null ? "" : `; seed ${meta.seed}`) +
      ".",
    "",
  ];
  const headlines = report.findings.filter((f) => f.headline);
  if (headlines.length > 0) {
    lines.push("### Headlines", "");
    for (const f of headlines) lines.push(`- ${ICON[f.severity]} ${escapeMarkdown(f.text)}`);
    lines.push("");
  }
  const others = report.findings.filter((f) => !f.headline);
  const warnings = others.filter((f) => f.severity !== "info");
  if (others.length > 0) {
    lines.push("### Findings", "");
    const shown = (warnings.length > 0 ? warnings : others).slice(0, 12);
    for (const f of shown) lines.push(`- ${ICON[f.severity]} ${escapeMarkdown(f.text)}`);
    const rest = others.filter((f) => !shown.includes(f));
    if (rest.length > 0) {
      lines.push("", "<details><summary>More findings</summary>", "");
      for (const f of rest) lines.push(`- ${escapeMarkdown(f.text)}`);
      lines.push("", "</details>");
    }
    lines.push("");
  }
  if (report.subgroupScan) {
    lines.push(`### ${SUBGROUP_SCAN_TITLE}`, "");
    for (const subgroup of report.subgroupScan.subgroups)
      lines.push(`- ${escapeMarkdown(subgroup.sentence)}`);
    lines.push("", escapeMarkdown(subgroupScanSummary(report.subgroupScan)), "");
  }
  append(lines, ["### Metrics by group", "", ...table(groupTable(report), true), ""]);
  lines.push(`<sub>${escapeHtml(legend(report))}</sub>`, "");
  const marks = marksLegend(report);
  if (marks !== "") lines.push(`<sub>${escapeHtml(marks)}</sub>`, "");
  if (report.representation) {
    append(lines, ["### Representation", "", ...table(representationTable(report), false), ""]);
  }
  if (report.softMembership) {
    append(lines, [
      "### Soft group membership (membership-weighted / most probable group)",
      "",
      ...table(softMembershipTable(report), false),
      "",
    ]);
  }
  if (report.standardization) {
    append(lines, [
      `### Standardised to the target population (${report.standardization.method})`,
      "",
      ...table(standardizationTable(report), false),
      "",
    ]);
  }
  if (report.disparities.length > 0) {
    append(lines, ["### Disparities", "", ...table(disparityTable(report), false), ""]);
    for (const note of aggregateNotes(report)) lines.push(escapeMarkdown(note), "");
  }
  if (report.criteria.length > 0) {
    append(lines, [
      "### Criteria (between groups)",
      "",
      ...table(criteriaTable(report), false),
      "",
    ]);
  }
  for (const section of clinicalSections(report)) {
    lines.push(`### ${escapeMarkdown(section.title)}`, "");
    if (section.table) append(lines, [...table(section.table, false), ""]);
    for (const sentence of section.sentences) lines.push(`- ${escapeMarkdown(sentence)}`);
    if (section.sentences.length > 0) lines.push("");
  }
  for (const chart of options.charts ?? []) {
    lines.push(
      `### ${escapeMarkdown(chart.title)}`,
      "",
      `<img alt="${escapeHtml(chart.title)}" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}">`,
      "",
    );
  }
  if (report.warnings.length > 0) {
    lines.push("<details><summary>Warnings</summary>", "");
    for (const w of report.warnings) {
      lines.push(`- ${escapeMarkdown(warningLabel(w))}: ${escapeMarkdown(w.message)}`);
    }
    lines.push("", "</details>", "");
  }
  return lines;
}

/** Appends `more` to `lines` one by one (a spread into push overflows the stack on large tables). */
function append(lines: string[], more: readonly string[]): void {
  for (const line of more) lines.push(line);
}

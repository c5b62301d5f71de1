/**
 * The HTML renderer: one self-contained document (inline CSS, inline SVG charts, no script, no
 * network), readable offline from a file.
 */
import type { RenderedChart } from "../charts.js";
import { escapeHtml } from "../escape.js";
import { warningLabel } from "../format.js";
import { SUBGROUP_SCAN_TITLE, subgroupScanSummary } from "../subgroupScan.js";
import { drawCharts } from "../svg.js";
import type { FairnessReportData } from "../types.js";
import { clinicalSections } from "./clinicalTables.js";
import { htmlDocument } from "./document.js";
import { shownGroups } from "./shownGroups.js";
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

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /**
   * Charts inlined as SVG; `[]` for none.
   * @defaultValue the report's charts drawn by `drawCharts`
   */
  readonly charts?: readonly RenderedChart[];
  /** A fragment (a `<div>`, for notebooks) instead of a whole document. @defaultValue false */
  readonly fragment?: boolean;
}

/** Findings shown before the rest are folded into a "more" section. */
const SHOWN = 12;

const CSS = `
.fairscope{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;max-width:1100px;margin:0 auto;padding:16px}
.fairscope h1{font-size:22px;margin:0 0 4px}.fairscope h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.fairscope .summary{color:#57606a;margin:0 0 12px}
.fairscope table{border-collapse:collapse;margin:4px 0 8px;font-variant-numeric:tabular-nums}
.fairscope th,.fairscope td{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
.fairscope th{background:#f6f8fa;font-weight:600}.fairscope td.num,.fairscope th.num{text-align:right}
.fairscope tr.small td{color:#8c959f}.fairscope tr.reference td:first-child{font-weight:600}
.fairscope .note{color:#8c959f;font-size:12px}.fairscope .ci{color:#8c959f;font-size:11px}
.fairscope ul.findings{padding-left:0;list-style:none}.fairscope ul.findings li{padding:4px 8px;margin:3px 0;border-left:4px solid #d0d7de;background:#f6f8fa}
.fairscope li.warning{border-color:#cf222e!important;background:#ffebe9!important}.fairscope li.notice{border-color:#bf8700!important;background:#fff8c5!important}
.fairscope .legend{color:#57606a;font-size:12px}.fairscope .chart{margin:8px 0;overflow-x:auto}.fairscope .chart svg{max-width:100%;height:auto}
.fairscope details{margin:8px 0}.fairscope code{background:#f6f8fa;padding:0 3px}
`;

function table(t: Table, className: string): string {
  const th = t.header
    .map((h, c) => `<th${t.numeric[c] ? ' class="num"' : ""}>${escapeHtml(h)}</th>`)
    .join("");
  const rows = t.rows
    .map((r, i) => {
      const note = t.notes[i]!;
      const cls = note
        .split(", ")
        .filter((n) => n === "small" || n === "empty" || n === "reference")
        .map((n) => (n === "empty" ? "small" : n))
        .join(" ");
      const tds = r
        .map((cell, c) => {
          const parts = t.numeric[c] ? /^(\S+?)( \([^)]*\))?( \[.*\]†?)?$/.exec(cell) : null;
          const content =
            parts && (parts[2] || parts[3])
              ? `${escapeHtml(parts[1]!)}${parts[2] ? `<span class="ci">${escapeHtml(parts[2])}</span>` : ""}` +
                (parts[3] ? `<br><span class="ci">${escapeHtml(parts[3].trim())}</span>` : "")
              : escapeHtml(cell);
          return `<td${t.numeric[c] ? ' class="num"' : ""}>${content}</td>`;
        })
        .join("");
      const noteCell = t.notes.some(Boolean) ? `<td class="note">${escapeHtml(note)}</td>` : "";
      return `<tr${cls ? ` class="${cls}"` : ""}>${tds}${noteCell}</tr>`;
    })
    .join("\n");
  const noteHeader = t.notes.some(Boolean) ? "<th></th>" : "";
  return `<table class="${className}"><thead><tr>${th}${noteHeader}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/**
 * The report as a self-contained HTML document (or a fragment for notebooks). A
 * Content-Security-Policy forbids scripts and network access; every user-supplied name is
 * escaped, so a group named `<img src=x onerror=alert(1)>` shows as that text. Past
 * `MAX_SHOWN_GROUPS` (100) groups, tables, charts and findings show the reference and the
 * worst-served groups, and say how many more the JSON report holds, so the page's size and
 * rendering time stay bounded.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderHtml(report).startsWith("<!doctype html>"); // => true
 */
export function renderHtml(full: FairnessReportData, options: HtmlOptions = {}): string {
  const { view: report, hidden } = shownGroups(full);
  const meta = report.metadata;
  const input = meta.input;
  const title = meta.title ?? "Fairness report";
  const parts: string[] = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="summary">${input.rows} rows; groups by ${input.features
      .map((f) => `<b>${escapeHtml(f)}</b>`)
      .join(
        " × ",
      )} (${input.groups} groups); reference group <b>${escapeHtml(report.reference)}</b>; ` +
      `predictions ${input.predictions === "given" ? "given" : `from scores ${escapeHtml(String(input.thresholdRule))} ${input.threshold}`}; ` +
      `fairscope ${escapeHtml(meta.fairscopeVersion)}${meta.seed === null ? "" : `; seed ${meta.seed}`}.</p>`,
  ];
  const li = (f: FairnessReportData["findings"][number]) =>
    `<li class="${f.severity}">${escapeHtml(f.text)}</li>`;
  const headlines = report.findings.filter((f) => f.headline);
  if (headlines.length > 0) {
    parts.push("<h2>Headlines</h2>", `<ul class="findings">${headlines.map(li).join("\n")}</ul>`);
  }
  const others = report.findings.filter((f) => !f.headline);
  if (others.length > 0) {
    const important = others.filter((f) => f.severity !== "info").slice(0, SHOWN);
    const rest = others.filter((f) => !important.includes(f));
    parts.push("<h2>Findings</h2>");
    if (important.length > 0)
      parts.push(`<ul class="findings">${important.map(li).join("\n")}</ul>`);
    if (rest.length > 0) {
      parts.push(
        `<details${important.length === 0 ? " open" : ""}><summary>${rest.length} more findings</summary><ul class="findings">${rest.map(li).join("\n")}</ul></details>`,
      );
    }
  }
  if (report.subgroupScan) {
    const items = report.subgroupScan.subgroups.map((s) => `<li>${escapeHtml(s.sentence)}</li>`);
    parts.push(
      `<h2>${SUBGROUP_SCAN_TITLE}</h2>`,
      `<ul class="subgroups">${items.join("\n")}</ul>`,
      `<p>${escapeHtml(subgroupScanSummary(report.subgroupScan))}</p>`,
    );
  }
  parts.push("<h2>Metrics by group</h2>");
  if (hidden > 0) {
    parts.push(
      `<p class="summary">This page shows ${report.groups.length} of ${full.groups.length} groups: the reference and the worst served (largest gap to the reference in the harmful direction of a metric), in every table, chart and finding. The ${hidden} other groups are in the JSON report (<code>fairscope audit --format json</code>); overall values, disparities and criteria cover every group.</p>`,
    );
  }
  parts.push(table(groupTable(report), "groups"));
  parts.push(`<p class="legend">${escapeHtml(legend(report))}</p>`);
  const marks = marksLegend(report);
  if (marks !== "") parts.push(`<p class="legend">${escapeHtml(marks)}</p>`);
  if (report.representation) {
    parts.push("<h2>Representation</h2>", table(representationTable(report), "representation"));
  }
  if (report.softMembership) {
    parts.push(
      "<h2>Soft group membership (membership-weighted / most probable group)</h2>",
      table(softMembershipTable(report), "soft"),
    );
  }
  if (report.standardization) {
    parts.push(
      `<h2>Standardised to the target population (${escapeHtml(report.standardization.method)})</h2>`,
      table(standardizationTable(report), "standardization"),
    );
  }
  for (const chart of options.charts ?? drawCharts(report)) {
    parts.push(`<h2>${escapeHtml(chart.title)}</h2>`, `<div class="chart">${chart.svg}</div>`);
  }
  if (report.disparities.length > 0) {
    parts.push(
      `<h2>Disparities (reference: ${escapeHtml(report.reference)})</h2>`,
      table(disparityTable(report), "disparities"),
      ...aggregateNotes(report).map((n) => `<p class="legend">${escapeHtml(n)}</p>`),
    );
  }
  if (report.criteria.length > 0) {
    const links = report.criteria
      .map((c) => `<a href="${escapeHtml(c.guide)}">${escapeHtml(c.name)}</a>`)
      .join(", ");
    parts.push(
      "<h2>Criteria (between groups)</h2>",
      table(criteriaTable(report), "criteria"),
      `<p class="legend">Which criterion fits a decision: ${links}.</p>`,
    );
  }
  for (const section of clinicalSections(report)) {
    parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
    if (section.table) parts.push(table(section.table, "clinical"));
    if (section.sentences.length > 0) {
      parts.push(
        `<ul>${section.sentences.map((t) => `<li>${escapeHtml(t)}</li>`).join("\n")}</ul>`,
      );
    }
  }
  if (report.warnings.length > 0) {
    parts.push(
      `<details><summary>${report.warnings.length} warnings</summary><ul>${report.warnings
        .map((w) => `<li><code>${escapeHtml(warningLabel(w))}</code> ${escapeHtml(w.message)}</li>`)
        .join("\n")}</ul></details>`,
    );
  }
  const body = `<div class="fairscope">\n${parts.join("\n")}\n</div>`;
  if (options.fragment) return `<style>${CSS}</style>\n${body}`;
  return htmlDocument(
    title,
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    CSS,
    body,
  );
}

/**
 * The report as a self-contained HTML document with its charts as inline SVG (as `renderHtml`;
 * kept asynchronous for callers that await it).
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderHtmlReport(report) instanceof Promise; // => true
 */
export async function renderHtmlReport(report: FairnessReportData): Promise<string> {
  return renderHtml(report);
}

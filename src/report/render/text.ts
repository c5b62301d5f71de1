/**
 * The text renderer: aligned tables that fit a terminal width, findings and warnings. Colour
 * (ANSI) only when asked for; user text is stripped of control characters.
 */
import { sanitizeTerminal } from "../escape.js";
import { formatValue, warningLabel } from "../format.js";
import { SUBGROUP_SCAN_TITLE, subgroupScanSummary } from "../subgroupScan.js";
import type { FairnessReportData, Finding } from "../types.js";
import { clinicalSections } from "./clinicalTables.js";
import {
  aggregateNotes,
  criteriaTable,
  disparityTable,
  groupTable,
  hasRateDenominators,
  legend,
  marksLegend,
  representationTable,
  smallRateTable,
  softMembershipTable,
  standardizationTable,
  type Table,
} from "./tables.js";

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Maximum line width (tables are split into column blocks to fit). @defaultValue 100 */
  readonly width?: number;
  /** ANSI colour (the CLI enables it only on a TTY without `NO_COLOR`). @defaultValue false */
  readonly color?: boolean;
  /** Show each rate's numerator and denominator `(k/n)` in the group table. @defaultValue false */
  readonly counts?: boolean;
}

/** Widest first column before labels are shortened with "…". */
const MAX_LABEL = 32;

const isWide = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x1f300 && cp <= 0x1faff) ||
  (cp >= 0x20000 && cp <= 0x3fffd);
const isZeroWidth = (cp: number) =>
  (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f;

/**
 * Columns a string occupies on a terminal (wide East Asian characters and emoji count 2,
 * combining marks 0).
 *
 * @example
 * displayWidth("漢字a"); // => 5
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += isZeroWidth(cp) ? 0 : isWide(cp) ? 2 : 1;
  }
  return width;
}

function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s };
const ANSI: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  red: (s) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s) => `\u001b[33m${s}\u001b[39m`,
};

/** Lays a table out in blocks of columns (the first column repeated) that fit `width`. */
function layout(table: Table, width: number, style: Style): string[] {
  const clean = (s: string) => sanitizeTerminal(s);
  const header = table.header.map(clean);
  const rows = table.rows.map((r) => r.map(clean));
  rows.forEach((r) => {
    r[0] = truncate(r[0]!, MAX_LABEL);
  });
  const colWidth = header.map((h, c) =>
    rows.map((r) => displayWidth(r[c]!)).reduce((a, b) => Math.max(a, b), displayWidth(h)),
  );
  const noteWidth = table.notes.map((n) => n.length).reduce((a, b) => Math.max(a, b), 0);
  const blocks: number[][] = [];
  let current: number[] = [];
  let used = colWidth[0]!;
  for (let c = 1; c < header.length; c++) {
    const w = colWidth[c]! + 2;
    if (current.length > 0 && used + w > width) {
      blocks.push(current);
      current = [];
      used = colWidth[0]!;
    }
    current.push(c);
    used += w;
  }
  if (current.length > 0 || header.length === 1) blocks.push(current);
  const lines: string[] = [];
  blocks.forEach((cols, b) => {
    if (b > 0) lines.push("");
    const total = colWidth[0]! + cols.reduce((s, c) => s + colWidth[c]! + 2, 0);
    const withNotes = b === blocks.length - 1 && noteWidth > 0 && total + 2 + noteWidth <= width;
    const line = (cells: readonly string[], note: string) =>
      (
        pad(cells[0]!, colWidth[0]!, false) +
        cols.map((c) => `  ${pad(cells[c]!, colWidth[c]!, table.numeric[c]!)}`).join("") +
        (withNotes && note ? `  ${style.dim(note)}` : "")
      ).trimEnd();
    lines.push(style.bold(line(header, "")));
    lines.push("-".repeat(Math.min(width, total)));
    rows.forEach((r, i) => {
      lines.push(line(r, table.notes[i]!));
    });
  });
  return lines;
}

function wrap(text: string, width: number, indent: string): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && displayWidth(line) + 1 + displayWidth(word) > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

/**
 * Whether the text group table shows each value's interval: not for rates with their own
 * denominators, whose intervals (exact where it matters) are listed in the small-rate table,
 * but for values without one (the bootstrap intervals of regression and multiclass metrics).
 */
function groupIntervals(report: FairnessReportData): boolean {
  return (
    !hasRateDenominators(report) &&
    report.groups.some((g) => Object.values(g.values).some((e) => e.interval !== undefined))
  );
}

/** Findings printed before the rest are counted in one line. */
const SHOWN = 15;

function findingLines(
  findings: readonly Finding[],
  width: number,
  style: Style,
  all = false,
): string[] {
  const mark = { warning: style.red("!"), notice: style.yellow("*"), info: "-" } as const;
  const shown = all
    ? findings
    : findings
        .filter((f) => f.severity !== "info" || f.kind === "note" || f.kind === "calibration")
        .slice(0, SHOWN);
  const hidden = findings.length - shown.length;
  const more =
    hidden > 0 ? wrap(`… and ${hidden} more findings (all in JSON and Markdown)`, width, "  ") : [];
  return [
    ...shown.flatMap((f) => {
      const [first, ...rest] = wrap(sanitizeTerminal(f.text), width, "  ");
      return [`${mark[f.severity]} ${first!.slice(2)}`, ...rest];
    }),
    ...more,
  ];
}

/**
 * The report as plain text: input summary, per-group table, disparities, named criteria,
 * findings and warnings; lines fit `width` columns.
 *
 * @example
 * const report = audit({ yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * renderText(report).split("\n")[0]; // => "Fairness report (fairscope 0.1.0)"
 */
export function renderText(report: FairnessReportData, options: TextOptions = {}): string {
  return `${textLines(report, options).join("\n")}\n`;
}

/**
 * The lines of {@link renderText}, without their line breaks: the command line writes them a
 * few at a time, so a report of many groups never has to fit in one string.
 *
 * @internal
 */
export function textLines(report: FairnessReportData, options: TextOptions = {}): string[] {
  const width = options.width ?? 100;
  const style = options.color ? ANSI : PLAIN;
  const meta = report.metadata;
  const input = meta.input;
  const title = meta.title ? sanitizeTerminal(meta.title) : "Fairness report";
  const lines: string[] = [
    style.bold(`${title} (fairscope ${meta.fairscopeVersion})`),
    ...wrap(
      `${input.rows} rows${input.weighted ? ` (weighted, total weight ${input.weightSum})` : ""}; ` +
        `groups by ${input.features.map(sanitizeTerminal).join(" × ")}: ${input.groups}` +
        (input.emptyGroups > 0 ? ` (${input.emptyGroups} empty)` : "") +
        `; predictions ${input.predictions === "given" ? "given" : `from scores ${input.thresholdRule} ${input.threshold}`}` +
        `; reference group: ${sanitizeTerminal(report.reference)}` +
        (meta.seed === null ? "" : `; seed ${meta.seed}`),
      width,
      "",
    ),
  ];
  const headlines = report.findings.filter((f) => f.headline);
  if (headlines.length > 0) {
    lines.push("", style.bold("Headlines"));
    append(lines, [...findingLines(headlines, width, style, true)]);
  }
  append(lines, [
    "",
    style.bold("Metrics by group"),
    ...layout(groupTable(report, groupIntervals(report), options.counts ?? false), width, style),
    ...wrap(legend(report), width, ""),
    ...wrap(marksLegend(report), width, ""),
  ]);
  const smallRates = smallRateTable(report);
  if (smallRates.rows.length > 0) {
    lines.push(
      "",
      style.bold(
        `Rates on few rows (denominator below ${report.metadata.options.minDenominator ?? 30})`,
      ),
    );
    append(lines, [...layout(smallRates, width, style)]);
  }
  if (report.representation) {
    lines.push("", style.bold("Representation (share of rows vs reference population)"));
    append(lines, [...layout(representationTable(report), width, style)]);
  }
  if (report.softMembership) {
    lines.push("", style.bold("Soft group membership (membership-weighted / most probable group)"));
    append(lines, [...layout(softMembershipTable(report), width, style)]);
  }
  if (report.standardization) {
    const s = report.standardization;
    lines.push(
      "",
      style.bold(
        `Standardised to the target population (${s.method} on ${s.features.map(sanitizeTerminal).join(", ")})`,
      ),
    );
    append(lines, [...layout(standardizationTable(report), width, style)]);
    if (s.converged !== undefined) {
      lines.push(
        `raking ${s.converged ? "converged" : "did not converge"} after ${s.iterations} sweeps; largest margin error ${formatValue(s.maxMarginError ?? null)}`,
      );
    }
  }
  if (report.disparities.length > 0) {
    lines.push("", style.bold(`Disparities (reference: ${sanitizeTerminal(report.reference)})`));
    append(lines, [...layout(disparityTable(report), width, style)]);
    for (const note of aggregateNotes(report))
      append(lines, [...wrap(sanitizeTerminal(note), width, "")]);
  }
  if (report.criteria.length > 0) {
    lines.push("", style.bold("Criteria (between groups)"));
    append(lines, [...layout(criteriaTable(report), width, style)]);
  }
  for (const section of clinicalSections(report)) {
    lines.push("", style.bold(sanitizeTerminal(section.title)));
    if (section.table) append(lines, [...layout(section.table, width, style)]);
    for (const sentence of section.sentences) {
      append(lines, [...wrap(sanitizeTerminal(sentence), width, "  ")]);
    }
  }
  const others = report.findings.filter((f) => !f.headline);
  if (others.length > 0) {
    lines.push("", style.bold("Findings"));
    append(lines, [...findingLines(others, width, style)]);
  }
  if (report.subgroupScan) {
    lines.push("", style.bold(SUBGROUP_SCAN_TITLE));
    for (const subgroup of report.subgroupScan.subgroups) {
      const [first, ...rest] = wrap(sanitizeTerminal(subgroup.sentence), width, "  ");
      append(lines, [`- ${first!.slice(2)}`, ...rest]);
    }
    append(lines, [...wrap(subgroupScanSummary(report.subgroupScan), width, "  ")]);
  }
  if (report.warnings.length > 0) {
    lines.push("", style.bold("Warnings"));
    for (const w of report.warnings) {
      append(lines, [
        ...wrap(
          `${sanitizeTerminal(warningLabel(w))}: ${sanitizeTerminal(w.message)}`,
          width,
          "  ",
        ),
      ]);
    }
  }
  return lines;
}

/** Appends `more` to `lines` one by one (a spread into push overflows the stack on large tables). */
function append(lines: string[], more: readonly string[]): void {
  for (const line of more) lines.push(line);
}

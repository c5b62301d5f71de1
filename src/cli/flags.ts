/**
 * Every flag of the `fairscope` command, declared once: its type, the value it takes and its
 * help text. The argument parser and `--help` are generated from this table, so a new flag is one
 * entry here (and its reading in request.ts).
 */

/** One flag's declaration. */
export interface Flag {
  readonly type: "string" | "boolean";
  /** May be given several times (the values are collected in order). */
  readonly multiple?: boolean;
  /** One-letter alias. */
  readonly short?: string;
  /** The value's placeholder in the help, e.g. "<col>". */
  readonly value?: string;
  /** Section of the help it is listed under. */
  readonly section: "Input" | "Report" | "Output" | "Clinical" | "Scan" | "Gate" | "Other";
  /** Help text; "\n" starts a continuation line. */
  readonly help: string;
}

/** The flags, in help order within each section. */
export const FLAGS = {
  task: {
    type: "string",
    value: "<t>",
    section: "Input",
    help: "binary (default), multiclass or regression; multiclass and regression read\n--label and --pred (classes, or real targets and predictions)",
  },
  tolerance: {
    type: "string",
    value: "<t>",
    section: "Input",
    help: "regression: errors beyond t count as over- or under-prediction (default 0)",
  },
  label: {
    type: "string",
    value: "<col>",
    section: "Input",
    help: "true labels (0/1, -1/1, true/false, or any two values with --pos-label)",
  },
  score: {
    type: "string",
    value: "<col>",
    section: "Input",
    help: "scores or probabilities of the positive class",
  },
  pred: {
    type: "string",
    value: "<col>",
    section: "Input",
    help: "hard predictions (instead of, or with, --score)",
  },
  group: {
    type: "string",
    multiple: true,
    value: "<col>",
    section: "Input",
    help: "sensitive feature; repeat for intersections (--group sex --group race)",
  },
  weight: { type: "string", value: "<col>", section: "Input", help: "sample weights" },
  "pos-label": {
    type: "string",
    value: "<value>",
    section: "Input",
    help: 'the positive label\'s text, e.g. ">50K."',
  },
  threshold: {
    type: "string",
    value: "<t>",
    section: "Input",
    help: "scores >= t are positive (default 0.5)",
  },
  "threshold-rule": {
    type: "string",
    value: "<r>",
    section: "Input",
    help: '">=" (default) or ">"',
  },
  margin: {
    type: "boolean",
    section: "Input",
    help: "scores are unbounded margins, not probabilities",
  },
  "missing-group": {
    type: "string",
    value: "<p>",
    section: "Input",
    help: "error (default), drop or asGroup",
  },
  "input-format": {
    type: "string",
    value: "<f>",
    section: "Input",
    help: "csv, tsv or jsonl (default: from the file name; csv for stdin)",
  },
  engine: {
    type: "string",
    value: "<e>",
    section: "Input",
    help: "memory (default) or duckdb: DuckDB aggregates a CSV or Parquet file of\nany size without reading it into memory (needs the optional package\n@duckdb/node-api); it computes count metrics only: no confidence\nintervals, no score metrics (rocAuc, brierScore), no calibration.\nParquet files need --engine duckdb.",
  },
  reference: {
    type: "string",
    value: "<group>",
    section: "Report",
    help: 'reference group label (e.g. "Male" or "Male, White"), "largest"\n(default) or "overall"',
  },
  metrics: {
    type: "string",
    value: "<ids>",
    section: "Report",
    help: "comma-separated metric ids (default: the standard set)",
  },
  "min-group-size": {
    type: "string",
    value: "<n>",
    section: "Report",
    help: "flag groups with fewer rows (default 30)",
  },
  "min-denominator": {
    type: "string",
    value: "<n>",
    section: "Report",
    help: "flag rates whose own denominator (positives for TPR, …) is below n and\ngive them exact intervals (default 30)",
  },
  "suppress-below": {
    type: "string",
    value: "<n>",
    section: "Report",
    help: "withhold the values of groups with fewer rows (default 0: none)",
  },
  "reference-shares": {
    type: "string",
    value: "<f>",
    section: "Report",
    help: 'reference population by group (JSON {"shares": {...}} or\n{"counts": {...}}, or CSV with group,share or group,count): adds a\nrepresentation check',
  },
  counts: {
    type: "boolean",
    section: "Report",
    help: "show each rate's numerator/denominator in the text table",
  },
  standardize: {
    type: "string",
    value: "<file>",
    section: "Report",
    help: 'target-population margins, JSON {"margins": {"<column>": {"<level>":\nshare}}}: adds the metrics under raking weights to them',
  },
  membership: {
    type: "string",
    value: "<cols>",
    section: "Input",
    help: "comma-separated columns of group-membership probabilities (one per\ngroup, rows summing to 1), instead of --group: audits the most probable\ngroup and adds the membership-weighted estimates",
  },
  ci: {
    type: "string",
    value: "<level|none>",
    section: "Report",
    help: "confidence level of the intervals (default 0.95), or none",
  },
  "n-boot": {
    type: "string",
    value: "<n>",
    section: "Report",
    help: "bootstrap replicates (default 1000)",
  },
  seed: {
    type: "string",
    value: "<n>",
    section: "Report",
    help: "seed of the bootstrap (default 0), recorded in the report",
  },
  title: { type: "string", value: "<text>", section: "Report", help: "report title" },
  format: {
    type: "string",
    value: "<f>",
    section: "Output",
    help: "text (default), markdown, html, json, csv, junit (gate results): the\nformat of stdout, and of a single --out file",
  },
  out: {
    type: "string",
    multiple: true,
    value: "<file>",
    section: "Output",
    help: "write to this file instead of stdout; repeat for several formats in one\nrun, each from its extension (.txt, .md, .html, .json, .csv, .xml for\nJUnit); --out - also writes stdout",
  },
  thresholds: {
    type: "string",
    value: "<list>",
    section: "Clinical",
    help: "decision thresholds, e.g. 0.1,0.2: net benefit by group with intervals,\nthe gap between groups and decision curves (needs --score)",
  },
  "calibration-hierarchy": {
    type: "boolean",
    section: "Clinical",
    help: "calibration hierarchy by group: O/E, slope, intercept, lowess curve\nwith ICI, and a verdict in words (probability scores)",
  },
  time: {
    type: "string",
    value: "<col>",
    section: "Clinical",
    help: "observed time (event or censoring) for time-to-event evaluation",
  },
  event: {
    type: "string",
    value: "<col>",
    section: "Clinical",
    help: "event indicator (1 event, 0 censored), with --time; --score is the risk",
  },
  horizon: {
    type: "string",
    value: "<t>",
    section: "Clinical",
    help: "horizon of Uno's C and of calibration (default: the last event time)",
  },
  "scan-features": {
    type: "string",
    value: "<a,b,c>",
    section: "Scan",
    help: 'adds "Subgroups nobody declared": the bias scan over these columns\n(top 3 subgroups, p-values after 199 null reruns of the search)',
  },
  "scan-buckets": {
    type: "string",
    value: "<a=4,b=5>",
    section: "Scan",
    help: "cut numeric scan features into this many quantile buckets",
  },
  "scan-clip": {
    type: "string",
    value: "<e>",
    section: "Scan",
    help: "clip the probabilities to [e, 1 - e] for the scan only (its Bernoulli\nscore needs them strictly between 0 and 1)",
  },
  policy: {
    type: "string",
    value: "<file>",
    section: "Gate",
    help: 'policy JSON: { "rules": [{ "criterion": "equalizedOddsDifference", "max": 0.1 }] }',
  },
  report: {
    type: "string",
    value: "<file>",
    section: "Gate",
    help: "gate a saved JSON report instead of reading data",
  },
  debug: {
    type: "boolean",
    section: "Other",
    help: "print the stack of an internal error",
  },
  help: { type: "boolean", short: "h", section: "Other", help: "this help" },
  version: { type: "boolean", short: "v", section: "Other", help: "the version" },
} as const satisfies Readonly<Record<string, Flag>>;

/** The flags' names. */
export type FlagName = keyof typeof FLAGS;

const SECTION_TITLES: Readonly<Record<Flag["section"], string>> = {
  Input: 'Input (CSV, TSV or JSON Lines; "-" reads stdin):',
  Report: "Report:",
  Output: "Output:",
  Clinical: "Clinical utility and time to event:",
  Scan: "Subgroups nobody declared (the bias scan; see fairscope scan):",
  Gate: "Gate:",
  Other: "Other:",
};

/**
 * The flag lines of the help, by section (all, or these in this order): `--name <value>` padded
 * to a column, then the text.
 */
export function flagHelp(
  sections: readonly Flag["section"][] = Object.keys(SECTION_TITLES) as Flag["section"][],
): string {
  const width = 25;
  return sections
    .map((section) => {
      const lines = (Object.entries(FLAGS) as [string, Flag][])
        .filter(([, flag]) => flag.section === section)
        .flatMap(([name, flag]) => {
          const head = `  --${name}${flag.value === undefined ? "" : ` ${flag.value}`}`;
          const [first, ...rest] = flag.help.split("\n");
          return [
            `${head.padEnd(width - 1)} ${first}`,
            ...rest.map((line) => `${" ".repeat(width)}${line}`),
          ];
        });
      return [SECTION_TITLES[section], ...lines].join("\n");
    })
    .join("\n\n");
}

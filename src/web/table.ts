/**
 * The audit page's data side, free of the DOM: a CSV text parsed by csv-parse (its browser
 * build), column roles suggested from the values, and the `FairnessInput` of the chosen roles.
 */
import { parse } from "csv-parse/browser/esm/sync";
import type { FairnessInput } from "../data/inputTypes.js";
import { toLabels, toLevels, toNumbers } from "../io/convert.js";

/** A parsed table: its header and its columns as text, row-aligned. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: number;
  readonly columns: ReadonlyMap<string, readonly string[]>;
}

/** Field separators the page offers. */
export type Delimiter = "," | ";" | "\t";

/**
 * The separator of a CSV text, from its first line: tab or semicolon when the first line has
 * more of them than commas, else comma. The page shows it and lets the person change it.
 *
 * @example
 * sniffDelimiter("a;b;c\n1;2;3"); // => ";"
 */
export function sniffDelimiter(text: string): Delimiter {
  const end = text.indexOf("\n");
  const first = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  const best = (["\t", ";"] as const).find((d) => count(d) > count(","));
  return best ?? ",";
}

/**
 * Parses a CSV text with a header row (RFC 4180 quoting, byte-order mark removed, blank lines
 * skipped, every row as long as the header).
 *
 * @throws Error from csv-parse naming the line of a malformed row; Error when the text has no
 * header or repeats a column name
 * @example
 * parseCsv("y,g\n1,a\n0,b\n").columns.get("g"); // => ["a", "b"]
 */
export function parseCsv(text: string, delimiter: Delimiter = ","): CsvTable {
  const records = parse(text, {
    bom: true,
    delimiter,
    skip_empty_lines: true,
    relax_column_count: false,
  }) as string[][];
  const header = records[0];
  if (header === undefined) throw new Error("the file is empty: a header row is needed");
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated !== undefined) {
    throw new Error(`the header names the column ${JSON.stringify(repeated)} twice`);
  }
  const columns = new Map(
    header.map((name, c) => [name, records.slice(1).map((r) => r[c]!)] as const),
  );
  return { header, rows: records.length - 1, columns };
}

/** What the page asks for: which column plays which part. */
export interface ColumnRoles {
  /** The true outcome. */
  readonly label: string;
  /** The label text that counts as positive; the texts 0/1/true/false need none. */
  readonly posLabel?: string;
  /** Probability scores of the positive class (or `prediction`). */
  readonly score?: string;
  /** Predicted labels (when there are no scores). */
  readonly prediction?: string;
  /** The threshold that turns scores into predictions. @defaultValue 0.5 */
  readonly threshold?: number;
  /** The group columns (one or more; several give their intersections). */
  readonly groups: readonly string[];
}

/** The columns of `table` with at most `max` distinct values, in header order. */
function lowCardinality(table: CsvTable, max: number): string[] {
  return table.header.filter((name) => new Set(table.columns.get(name)).size <= max);
}

function numericIn01(cells: readonly string[]): boolean {
  const values = toNumbers(cells);
  return values.every((v) => v >= 0 && v <= 1) && new Set(cells).size > 2;
}

/**
 * Suggested roles, for the page's first selection (the person confirms or changes them): the
 * label is the first two-valued column, the score the first numeric column in [0, 1] with more
 * than two values, the groups the other columns with 2 to 20 values.
 *
 * @example
 * suggestRoles(parseCsv("sex,y,p\nF,1,0.9\nM,0,0.2\nF,0,0.4\n"));
 * // => { label: "y", score: "p", groups: ["sex"] }
 */
export function suggestRoles(table: CsvTable): Partial<ColumnRoles> {
  const twoValued = lowCardinality(table, 2).filter(
    (name) => new Set(table.columns.get(name)).size === 2,
  );
  const label = twoValued.find((name) =>
    [...new Set(table.columns.get(name))].every((v) => /^(0|1|-1|true|false)$/i.test(v.trim())),
  );
  const score = table.header.find(
    (name) => name !== label && numericIn01(table.columns.get(name)!),
  );
  const groups = lowCardinality(table, 20).filter(
    (name) =>
      name !== label &&
      name !== score &&
      new Set(table.columns.get(name)).size >= 2 &&
      !toNumbers(table.columns.get(name)!).every(Number.isFinite),
  );
  return {
    ...(label === undefined ? {} : { label }),
    ...(score === undefined ? {} : { score }),
    groups,
  };
}

/**
 * The `FairnessInput` of the chosen columns, converted as the command line converts them (labels
 * 0/1/true/false, numeric scores, numeric group levels sorted as numbers; empty cells become
 * missing values, which `audit` reports with their row).
 *
 * @throws Error naming a role whose column is not in the table, or a missing score/prediction
 * @example
 * const table = parseCsv("y,p,g\n1,0.9,a\n0,0.2,b\n");
 * auditInput(table, { label: "y", score: "p", groups: ["g"] }).yScore; // => [0.9, 0.2]
 */
export function auditInput(table: CsvTable, roles: ColumnRoles): FairnessInput {
  const column = (name: string, role: string) => {
    const cells = table.columns.get(name);
    if (cells === undefined) throw new Error(`${role}: no column ${JSON.stringify(name)}`);
    return cells;
  };
  if (roles.score === undefined && roles.prediction === undefined) {
    throw new Error("choose a score column or a prediction column");
  }
  if (roles.groups.length === 0) throw new Error("choose at least one group column");
  const posLabel = roles.posLabel === "" ? undefined : roles.posLabel;
  return {
    yTrue: toLabels(column(roles.label, "label"), posLabel),
    ...(roles.score === undefined
      ? { yPred: toLabels(column(roles.prediction!, "prediction"), posLabel) }
      : { yScore: toNumbers(column(roles.score, "score")) }),
    sensitiveFeatures: Object.fromEntries(
      roles.groups.map((g) => [g, toLevels(column(g, "group"))]),
    ),
    ...(posLabel === undefined ? {} : { posLabel }),
    ...(roles.score === undefined || roles.threshold === undefined
      ? {}
      : { threshold: roles.threshold }),
  };
}

/**
 * Data errors: every problem found in user input, reported at once.
 */

/**
 * What went wrong with one input value or field.
 *
 * @category Input and errors
 */
export type InputIssueCode =
  | "empty_input"
  | "length_mismatch"
  | "missing_field"
  | "invalid_type"
  | "not_finite"
  | "not_binary"
  | "degenerate_labels"
  | "pos_label_missing"
  | "pos_label_required"
  | "out_of_range"
  | "negative_weight"
  | "zero_total_weight"
  | "missing_group"
  | "unknown_group"
  | "too_few_levels"
  | "too_many_levels"
  | "duplicate_group"
  | "invalid_option"
  | "mixed_label_types"
  | "single_class"
  | "unknown_class"
  | "probabilities_not_normalized"
  | "task_ambiguous"
  | "task_mismatch";

/**
 * One problem: a code, where it is (field then row index), and a sentence for humans.
 *
 * @category Input and errors
 */
export interface InputIssue {
  /** What kind of problem. */
  readonly code: InputIssueCode;
  /** Where: the field name, then the row index (e.g. `["yScore", 17]`). */
  readonly path: readonly (string | number)[];
  /** The problem and the expectation, in a sentence. */
  readonly message: string;
}

/** How many issues of one code are listed before the rest are summarised. */
const MAX_ISSUES_PER_CODE_AND_FIELD = 20;

/**
 * Thrown by every public entry point when user data is invalid. `issues` lists every problem
 * (at most 20 per field and code, then one summary issue), so a user can fix them all at once.
 *
 * @example
 * new FairnessInputError([{ code: "empty_input", path: ["yTrue"], message: "needs a row" }]).message;
 * // => "yTrue: needs a row [empty_input]"
 *
 * @category Input and errors
 */
export class FairnessInputError extends Error {
  /** Always "FairnessInputError". */
  override readonly name = "FairnessInputError";
  /** Every problem found, grouped by code and field (at most 20 rows listed per pair). */
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : "";
    super(first ? `${formatIssue(first)}${more}` : "invalid input");
    this.issues = issues;
  }

  /** One line per issue, for logs. */
  format(): string {
    return this.issues.map(formatIssue).join("\n");
  }
}

function formatIssue(issue: InputIssue): string {
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : "";
  return `${where}${issue.message} [${issue.code}]`;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * Collects issues while validating, capping each (field, code) pair so a column of ten million
 * bad values yields a readable error.
 */
export class IssueCollector {
  readonly #issues: InputIssue[] = [];
  readonly #counts = new Map<string, number>();

  add(code: InputIssueCode, path: readonly (string | number)[], message: string): void {
    const key = `${code}\u0000${String(path[0])}\u0000${String(typeof path[1] === "string" ? path[1] : "")}`;
    const seen = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, seen);
    if (seen <= MAX_ISSUES_PER_CODE_AND_FIELD) this.#issues.push({ code, path, message });
  }

  get size(): number {
    return this.#issues.length;
  }

  /** Throws a FairnessInputError when any issue was added (with counts of the elided ones). */
  throwIfAny(): void {
    if (this.#issues.length === 0) return;
    const issues = [...this.#issues];
    for (const [key, count] of this.#counts) {
      if (count > MAX_ISSUES_PER_CODE_AND_FIELD) {
        const [code, field] = key.split("\u0000") as [InputIssueCode, string];
        issues.push({
          code,
          path: [field],
          message: `${count - MAX_ISSUES_PER_CODE_AND_FIELD} more rows with the same problem`,
        });
      }
    }
    throw new FairnessInputError(issues);
  }
}

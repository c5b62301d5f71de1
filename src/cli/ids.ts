/**
 * The ids a user types: `fairscope metrics` lists every metric and criterion id from the
 * registries with its one-line description, and policy files are checked against them with the
 * closest id as a suggestion.
 */
import type { TaskType } from "../data/task.js";
import { CRITERIA, getCriterion } from "../disparity/registry.js";
import { getMetric, METRICS } from "../metrics/registry.js";
import { getMulticlassMetric, MULTICLASS_METRICS } from "../multiclass/metrics.js";
import { getRegressionMetric, REGRESSION_METRICS } from "../regression/metrics.js";
import type { CliIo } from "./io.js";
import { didYouMean, parseArguments, UsageError } from "./parse.js";

/** One listed id. */
interface Entry {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/** The lists, with their titles: what each id is given to. */
function lists(): { readonly key: string; readonly title: string; readonly entries: Entry[] }[] {
  const criteria = (task: string) =>
    CRITERIA.filter((c) => (c.task ?? "binary") === task).map((c) => ({
      id: c.id,
      name: c.name,
      description: `${c.description}${c.reportedByDefault ? " (reported by default)" : ""}`,
    }));
  return [
    {
      key: "metrics",
      title: "Metrics (--metrics, policy rules { metric }):",
      entries: [...METRICS],
    },
    {
      key: "regressionMetrics",
      title: "Regression metrics (--task regression):",
      entries: [...REGRESSION_METRICS],
    },
    {
      key: "multiclassMetrics",
      title: "Multiclass metrics (--task multiclass):",
      entries: [...MULTICLASS_METRICS],
    },
    {
      key: "criteria",
      title: "Criteria (policy rules { criterion }):",
      entries: criteria("binary"),
    },
    {
      key: "regressionCriteria",
      title: "Regression criteria (policy rules { criterion }, --task regression):",
      entries: criteria("regression"),
    },
    {
      key: "multiclassCriteria",
      title: "Multiclass criteria (policy rules { criterion }, --task multiclass):",
      entries: criteria("multiclass"),
    },
  ].filter((list) => list.entries.length > 0);
}

const HELP = `Usage:
  fairscope metrics [--format text|json]

Lists every metric id (for --metrics and policy rules on a metric) and every criterion id (for
policy rules on a criterion), each with its definition.

  --format <f>  text (default) or json
  --help, -h    this help

Examples:
  fairscope metrics
  fairscope metrics --format json
`;

const OPTIONS = {
  format: { type: "string", value: "<f>" },
  help: { type: "boolean", short: "h" },
} as const;

/** `fairscope metrics`: the lists of ids; resolves to the exit code. */
export async function runIds(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArguments(argv, OPTIONS);
    if (values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0) {
      throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    }
    const format = values.format ?? "text";
    if (format !== "text" && format !== "json") {
      throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
    }
    const all = lists();
    if (format === "json") {
      const json = Object.fromEntries(
        all.map((list) => [
          list.key,
          list.entries.map(({ id, name, description }) => ({ id, name, description })),
        ]),
      );
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...all.flatMap((list) => list.entries.map((e) => e.id.length))) + 2;
    const text = all
      .map((list) =>
        [list.title, ...list.entries.map((e) => `  ${e.id.padEnd(width)}${e.description}`)].join(
          "\n",
        ),
      )
      .join("\n\n");
    io.stdout.write(`${text}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(
      `fairscope metrics: ${error.message}\nRun "fairscope metrics --help" for usage.\n`,
    );
    return 2;
  }
}

/**
 * Checks the `--metrics` ids against the registry of the task.
 *
 * @throws UsageError naming the id and the closest known id
 */
export function checkMetricIds(ids: readonly string[], task: TaskType): void {
  const known =
    task === "regression"
      ? REGRESSION_METRICS.map((m) => m.id)
      : task === "multiclass"
        ? MULTICLASS_METRICS.map((m) => m.id)
        : METRICS.map((m) => m.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      throw new UsageError(
        `unknown metric ${JSON.stringify(id)}${didYouMean(id, known)} (fairscope metrics lists them)`,
      );
    }
  }
}

const metricKnown = (id: string) =>
  getMetric(id) !== undefined ||
  getRegressionMetric(id) !== undefined ||
  getMulticlassMetric(id) !== undefined;

/**
 * Checks the metric and criterion ids of a policy's rules (before its schema does), so a typo
 * gets the closest id as a suggestion; returns the policy unchanged.
 *
 * @throws UsageError naming the rule, the id and the closest known id
 */
export function checkPolicyIds(policy: unknown): unknown {
  const rules = (policy as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return policy;
  rules.forEach((rule: unknown, i) => {
    if (rule === null || typeof rule !== "object") return;
    const { criterion, metric } = rule as { criterion?: unknown; metric?: unknown };
    const where = `policy rule ${i + 1}`;
    if (typeof criterion === "string" && getCriterion(criterion) === undefined) {
      throw new UsageError(
        `${where}: unknown criterion ${JSON.stringify(criterion)}${didYouMean(
          criterion,
          CRITERIA.map((c) => c.id),
        )} (fairscope metrics lists them)`,
      );
    }
    if (typeof metric === "string" && !metricKnown(metric)) {
      const known = [...METRICS, ...REGRESSION_METRICS, ...MULTICLASS_METRICS].map((m) => m.id);
      throw new UsageError(
        `${where}: unknown metric ${JSON.stringify(metric)}${didYouMean(metric, known)} (fairscope metrics lists them)`,
      );
    }
  });
  return policy;
}

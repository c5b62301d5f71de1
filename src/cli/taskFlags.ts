/**
 * The flags only some tasks honour. A flag given with another `--task` is refused with a usage
 * error rather than silently ignored; every other flag means the same for every task.
 */
import type { TaskType } from "../data/task.js";
import type { FlagName } from "./flags.js";
import { UsageError } from "./request.js";

/**
 * Each task-specific flag with the tasks that honour it: the binary audit's scores, thresholds,
 * small-rate rules, representation, standardization, soft membership, clinical sections and
 * bias scan; the regression audit's tolerance.
 */
export const TASK_FLAGS = {
  tolerance: ["regression"],
  score: ["binary"],
  "pos-label": ["binary"],
  threshold: ["binary"],
  "threshold-rule": ["binary"],
  margin: ["binary"],
  "min-denominator": ["binary"],
  "suppress-below": ["binary"],
  "reference-shares": ["binary"],
  standardize: ["binary"],
  membership: ["binary"],
  thresholds: ["binary"],
  "calibration-hierarchy": ["binary"],
  time: ["binary"],
  event: ["binary"],
  horizon: ["binary"],
  "scan-features": ["binary"],
  "scan-buckets": ["binary"],
  "scan-clip": ["binary"],
} as const satisfies Partial<Record<FlagName, readonly TaskType[]>>;

/**
 * Refuses the first flag of `given` that `task` does not honour (see {@link TASK_FLAGS}).
 *
 * @throws UsageError `--<flag> applies to --task <tasks>, not --task <task>`
 * @example
 * refuseTaskFlags(new Set(["label", "tolerance"]), "regression"); // => undefined
 */
export function refuseTaskFlags(given: ReadonlySet<string>, task: TaskType): void {
  for (const [flag, tasks] of Object.entries(TASK_FLAGS)) {
    if (given.has(flag) && !(tasks as readonly TaskType[]).includes(task)) {
      throw new UsageError(`--${flag} applies to --task ${tasks.join(" or ")}, not --task ${task}`);
    }
  }
}

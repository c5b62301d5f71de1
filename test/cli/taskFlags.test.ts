/**
 * Task-specific flags: each is refused (exit code 2, "--<flag> applies to --task …") with a task
 * that does not honour it, before the data are read, rather than silently ignored; every flag of
 * the command is either task-specific or means the same for every task.
 */
import { describe, expect, it } from "vitest";
import { FLAGS, type FlagName } from "../../src/cli/flags.js";
import { refuseTaskFlags, TASK_FLAGS } from "../../src/cli/taskFlags.js";
import { TASK_TYPES } from "../../src/data/task.js";
import { flagArguments, PRESENTATION_FLAGS, runForError } from "./flagRefusals.js";

/** The flags every task honours (or that do not concern the task: output, gate, help). */
const TASK_NEUTRAL: readonly FlagName[] = [
  "task",
  "label",
  "pred",
  "group",
  "weight",
  "missing-group",
  "input-format",
  "engine",
  "reference",
  "metrics",
  "min-group-size",
  "ci",
  "n-boot",
  "seed",
  ...PRESENTATION_FLAGS,
];

const refusals = Object.entries(TASK_FLAGS).flatMap(([flag, tasks]) =>
  TASK_TYPES.filter((t) => !(tasks as readonly string[]).includes(t)).map(
    (task) => [flag as keyof typeof TASK_FLAGS, task, tasks.join(" or ")] as const,
  ),
);

describe("task-specific flags", () => {
  it("every flag is task-specific or task-neutral, never both", () => {
    const specific = Object.keys(TASK_FLAGS);
    expect([...TASK_NEUTRAL, ...specific].sort()).toEqual(Object.keys(FLAGS).sort());
    expect(TASK_NEUTRAL.filter((f) => specific.includes(f))).toEqual([]);
  });

  it("refuseTaskFlags(…) accepts the flags a task honours", () => {
    expect(() => refuseTaskFlags(new Set(["label", "tolerance"]), "regression")).not.toThrow();
    expect(() => refuseTaskFlags(new Set(["score", "thresholds"]), "binary")).not.toThrow();
  });

  it("audit --tolerance with a binary audit on the memory engine exits 2", async () => {
    const args = ["audit", "data.csv", "--label", "y", "--pred", "p", "--group", "g"];
    const { code, err } = await runForError([...args, "--tolerance", "0.5"]);
    expect(code).toBe(2);
    expect(err).toContain("--tolerance applies to --task regression, not --task binary");
  });

  it.each(refusals)("--%s with --task %s exits 2 with a usage error", async (flag, task, tasks) => {
    const args = ["audit", "data.csv", "--task", task, "--label", "y", "--pred", "p"];
    const { code, err } = await runForError([...args, "--group", "g", ...flagArguments(flag)]);
    expect(code).toBe(2);
    expect(err).toContain(`--${flag} applies to --task ${tasks}, not --task ${task}`);
  });
});

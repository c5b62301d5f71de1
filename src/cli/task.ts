/**
 * `--task regression|multiclass`: the audit of a regression or multiclass file (the memory
 * engine; --label and --pred name the target and prediction columns).
 */
import type { ClassLabel } from "../data/multiclass.js";
import { toLevels, toNumbers } from "../io/convert.js";
import { readTable } from "../io/read.js";
import { auditMulticlass, auditRegression, type TaskAuditOptions } from "../report/auditTask.js";
import type { FairnessReportData } from "../report/types.js";
import type { CliIo } from "./io.js";
import { type CommandRequest, UsageError } from "./request.js";
import { refuseTaskFlags } from "./taskFlags.js";

/** Reads the file of a `--task regression|multiclass` request and audits it. */
export async function auditTaskFile(
  request: CommandRequest,
  io: CliIo,
): Promise<FairnessReportData> {
  const { data, audit: options } = request;
  const task = data.task;
  if (task === "binary") throw new TypeError("auditTaskFile: binary requests use audit");
  const file = data.file!;
  if (data.label === undefined) throw new UsageError("--label <column> is required");
  if (data.pred === undefined) throw new UsageError(`--task ${task} needs --pred <column>`);
  if (data.engine === "duckdb") throw new UsageError(`--task ${task} runs on the memory engine`);
  refuseTaskFlags(request.given, task);
  if (data.groups.length === 0) throw new UsageError("give at least one --group <column>");
  if (/\.parquet$/i.test(file)) {
    throw new UsageError("Parquet files need --engine duckdb, which audits binary tasks only");
  }
  const wanted = [
    data.label,
    data.pred,
    ...data.groups,
    ...(data.weight === undefined ? [] : [data.weight]),
  ];
  const table = await readTable(file === "-" ? io.stdin : file, {
    columns: [...new Set(wanted)],
    ...(data.inputFormat === undefined ? {} : { format: data.inputFormat }),
  });
  const column = (name: string) => table.columns.get(name)!;
  const shared = {
    sensitiveFeatures: Object.fromEntries(data.groups.map((g) => [g, toLevels(column(g))])),
    ...(data.weight === undefined ? {} : { sampleWeight: toNumbers(column(data.weight)) }),
    ...(data.missingGroup === undefined ? {} : { missingGroup: data.missingGroup }),
  };
  const taskOptions: TaskAuditOptions = {
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.reference === undefined ? {} : { reference: options.reference }),
    ...(options.minGroupSize === undefined ? {} : { minGroupSize: options.minGroupSize }),
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(data.tolerance === undefined ? {} : { tolerance: data.tolerance }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.intervals === undefined
      ? {}
      : {
          intervals:
            options.intervals === false
              ? false
              : {
                  ...(options.intervals.level === undefined
                    ? {}
                    : { level: options.intervals.level }),
                  ...(options.intervals.nBoot === undefined
                    ? {}
                    : { nBoot: options.intervals.nBoot }),
                },
        }),
  };
  if (task === "regression") {
    return auditRegression(
      { yTrue: toNumbers(column(data.label)), yPred: toNumbers(column(data.pred)), ...shared },
      taskOptions,
    ).toJSON();
  }
  // Class columns: a column of numbers only is read as numbers, so classes sort numerically.
  const classes = (name: string) => toLevels(column(name)) as ClassLabel[];
  return auditMulticlass(
    { yTrue: classes(data.label), yPred: classes(data.pred), ...shared },
    taskOptions,
  ).toJSON();
}

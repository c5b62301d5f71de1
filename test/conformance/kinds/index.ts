/**
 * Case kinds the runner understands, by the fixture's `kind` field.
 *
 * Adding a kind = one file here exporting a {@link KindHandler} + one line in {@link KINDS}.
 * A handler receives a tracked, read-only view of its case and a context:
 *
 * - `ctx.data`: the dataset pipeline's columns for `source: "dataset"` cases, already restricted
 *   by `inputs.row_filter` and with `yScore` = the case's `p` when `inputs.score_spec` is given
 *   (`inputs.checks` keys shared by all kinds are compared by the runner). For inline cases (and
 *   a uniform view of both), call `caseColumns(testCase, ctx.data)` from ../columns.ts.
 * - `ctx.check.number(path, actual, expected, rtol?, atol?)`: compares with a recorded number
 *   (`null` = NaN, "Infinity" strings). Pass the value read from the case as `expected`: that
 *   marks it compared.
 * - `ctx.check.equal(path, actual, expected)`: JSON equality with a recorded value or subtree
 *   (group levels, lists, booleans); marks every recorded value under `expected` compared.
 * - `ctx.check.assert(node, holds, message)`: a recorded record checked as a whole (an expected
 *   error, a warning fairscope must also give); `node` is an object read from the case or a
 *   JSON path such as `"metricframe.count.by_group[2].value"`.
 * - `ctx.check.difference(node, holds, message)`: a documented deliberate difference (list it in
 *   docs/conformance.md); `holds` asserts fairscope's documented behaviour instead.
 * - `ctx.check.used(node)`: recorded values that are inputs of the computation (arguments echoed
 *   in a result record). Values under `inputs`, `params` and the other configuration keys of
 *   compare.ts's `CONFIG_KEYS` count as used when read.
 * - `ctx.check.acknowledge(node, reason)`: values that are not parity targets (wall-clock times).
 * - `throw new Unsupported(message)` (../compare.ts) for a parameter value or input the kind
 *   cannot reproduce: the case is reported `unsupported`, never `fail`.
 *
 * Any recorded value left neither compared, used, asserted nor acknowledged makes the case
 * `unsupported`, naming the field. Kinds without a handler here are reported `unsupported`.
 */
import type { KindHandler } from "../runner.js";
import { aif360 } from "./aif360.js";
import { aif360Individual } from "./aif360_individual.js";
import { aif360Postprocessing } from "./aif360_postprocessing.js";
import { biasScanKind } from "./bias_scan.js";
import { calibration } from "./calibration.js";
import { calibrationFlexible } from "./calibration_flexible.js";
import { calibrationRegression } from "./calibration_regression.js";
import { metricsControlKind, metricsErrorKind, metricsKind } from "./metrics.js";
import { multiclass } from "./multiclass.js";
import { netBenefit } from "./net_benefit.js";
import { reductions } from "./reductions.js";
import { regression } from "./regression.js";
import { stats } from "./stats.js";
import { thresholdOptimizer, thresholdOptimizerError } from "./threshold_optimizer.js";

export const KINDS: Record<string, KindHandler> = {
  aif360,
  aif360_individual: aif360Individual,
  aif360_postprocessing: aif360Postprocessing,
  bias_scan: biasScanKind,
  calibration,
  calibration_flexible: calibrationFlexible,
  calibration_regression: calibrationRegression,
  metrics: metricsKind,
  metrics_control: metricsControlKind,
  metrics_error: metricsErrorKind,
  net_benefit: netBenefit,
  multiclass,
  reductions,
  regression,
  stats,
  threshold_optimizer: thresholdOptimizer,
  threshold_optimizer_error: thresholdOptimizerError,
};

/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { aif360 } from "./aif360.js";
import { metricsControlKind, metricsErrorKind, metricsKind } from "./metrics.js";

export const KINDS: Record<string, KindHandler> = {
  aif360,
  metrics: metricsKind,
  metrics_control: metricsControlKind,
  metrics_error: metricsErrorKind,
};

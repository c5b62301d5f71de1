/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { aif360 } from "./aif360.js";

export const KINDS: Record<string, KindHandler> = {
  aif360,
};

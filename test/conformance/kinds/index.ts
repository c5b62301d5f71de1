/** Case kinds the runner understands, by the fixture's `kind` field. */
import type { KindHandler } from "../runner.js";
import { reductions } from "./reductions.js";

export const KINDS: Record<string, KindHandler> = {
  reductions,
};

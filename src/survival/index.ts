/** Time-to-event evaluation: public API of the module (the root index re-exports these by name). */
export {
  type Concordance,
  type ConcordanceGap,
  type HorizonCalibration,
  type SurvivalBootstrapOptions,
  type SurvivalGroup,
  type SurvivalInput,
  type SurvivalOptions,
  type SurvivalResult,
  type SurvivalWarning,
  survivalByGroup,
} from "./survivalByGroup.js";

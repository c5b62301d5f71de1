/**
 * `fairscope/tfjs`: TensorFlow.js integration. Imports `@tensorflow/tfjs` (an optional peer
 * dependency); the root entry never imports this module.
 */
export type {
  BinaryLoss,
  PenaltyBatch,
  TrainingHistory,
  TrainingPenalty,
  TrainWeightedOptions,
} from "./weightedTraining.js";
export { trainWeighted } from "./weightedTraining.js";

/**
 * `fairscope/tfjs`: TensorFlow.js integration. Imports `@tensorflow/tfjs` (an optional peer
 * dependency); the root entry never imports this module.
 */

export type { TensorFairnessInput, TensorFeatureInput } from "./adapters.js";
export { fromTensors, readTensor, withTensors } from "./adapters.js";
export type { AuditModelOptions, PredictingModel } from "./auditModel.js";
export { auditModel, predictInBatches } from "./auditModel.js";
export type { LogisticRegressionOptions } from "./learners/logisticRegression.js";
export { LogisticRegressionLearner } from "./learners/logisticRegression.js";
export type { MlpLearnerOptions, TfLearnerOptions } from "./learners/tfLearners.js";
export { MlpLearner, TfLogisticRegressionLearner } from "./learners/tfLearners.js";
export type { DenseMatrix, Learner, LearnerFactory } from "./learners/types.js";
export { denseMatrix } from "./learners/types.js";
export type { FairnessPenaltyOptions } from "./penalties.js";
export { demographicParityPenalty, equalizedOddsPenalty } from "./penalties.js";
export type {
  ExponentiatedGradientIteration,
  ExponentiatedGradientOptions,
} from "./reductions/exponentiatedGradient.js";
export {
  ExponentiatedGradientResult,
  exponentiatedGradient,
} from "./reductions/exponentiatedGradient.js";
export type { GridPoint, GridSearchOptions } from "./reductions/gridSearch.js";
export { GridSearchResult, gridSearch } from "./reductions/gridSearch.js";
export type { ReductionInput } from "./reductions/input.js";
export type { BaseClassifier } from "./reductions/lagrangian.js";
export type { ConstraintLabel, ReductionConstraint } from "./reductions/moments.js";
export { RandomizedClassifier } from "./reductions/randomized.js";
export type {
  BinaryLoss,
  PenaltyBatch,
  TrainingHistory,
  TrainingPenalty,
  TrainWeightedOptions,
} from "./weightedTraining.js";
export { trainWeighted } from "./weightedTraining.js";

/**
 * The shape every fitted mitigation rule shares: labels from `predict`, probabilities from
 * `predictProba`, plain JSON out (`toJSON`) and back in (the class's static `fromJSON`, validated
 * by the rule's zod schema), and the rule in words (`explain`).
 */

/**
 * A fitted rule that scores new rows. `Input` holds the rows (scores or hard predictions, and
 * the sensitive features seen at fit time); `PredictOptions` carries the seed of randomised rules.
 */
export interface FittedRule<Input, PredictOptions, JSON> {
  /** Sensitive feature names, in group-key order. */
  readonly featureNames: readonly string[];
  /** Labels (1 = favorable) for every row. */
  predict(input: Input, options: PredictOptions): Uint8Array;
  /** P(label = 1) for every row. */
  predictProba(input: Input): Float64Array;
  /** The rule as plain JSON, read back by the class's `fromJSON`. */
  toJSON(): JSON;
  /** One sentence per group, saying what the rule does to its rows. */
  explain(): string[];
}

/**
 * The static side of a rule class: `fromJSON` validates a stored rule and throws a
 * FairnessInputError naming every problem.
 */
export interface FittedRuleClass<Rule> {
  /** Reads a rule written by `toJSON`. */
  fromJSON(json: unknown): Rule;
}

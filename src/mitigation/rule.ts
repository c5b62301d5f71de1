/**
 * The shape every fitted mitigation rule shares: labels from `predict`, probabilities from
 * `predictProba`, plain JSON out (`toJSON`) and back in (the class's static `fromJSON`, validated
 * by the rule's zod schema), and the rule in words (`explain`).
 */
import type { Level } from "../data/columns.js";
import { GroupLookup, type RawFeatures } from "./groupLookup.js";

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

/** What the JSON state of a rule holds at least: feature names and one entry per fitted group. */
export interface RuleState {
  /** Sensitive feature names, in group-key order. */
  readonly featureNames: readonly string[];
  /** One entry per group seen at fit time. */
  readonly groups: readonly {
    /** The group's levels, one per feature. */
    readonly group: readonly Level[];
  }[];
}

/**
 * The part every rule kept as its validated JSON state shares: the state, `toJSON`, the feature
 * names and the predict-time group lookup (built once, when the rule is created).
 */
export abstract class StatefulRule<State extends RuleState> {
  /** The fitted rule. */
  readonly state: State;
  readonly #lookup: GroupLookup;

  /** @throws FairnessInputError when a group is listed twice or has the wrong number of levels */
  constructor(state: State) {
    this.state = state;
    this.#lookup = new GroupLookup(
      state.featureNames,
      state.groups.map((g) => g.group),
    );
  }

  /** Sensitive feature names, in key order. */
  get featureNames(): readonly string[] {
    return this.state.featureNames;
  }

  /** The fitted rule as plain JSON (read back with the class's `fromJSON`). */
  toJSON(): State {
    return this.state;
  }

  /**
   * Each row's fitted group entry. Throws a FairnessInputError naming the feature when one is
   * missing or mis-sized, and the rows whose group was not seen at fit time.
   */
  protected groupsOf(features: RawFeatures, n: number): State["groups"][number][] {
    const codes = this.#lookup.codes(features, n);
    return Array.from(codes, (g) => this.state.groups[g]!);
  }
}

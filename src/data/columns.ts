/**
 * Columns: the one internal representation every computation reads. Built once by `prepare`
 * from user input; typed arrays, row-aligned. Read only: a user's typed array that already is
 * in this encoding (0/1 labels in a Uint8Array, group codes 0..k-1 in a Uint32Array, scores or
 * weights in a Float64Array) is used without a copy, so nothing may write to a column.
 */

/**
 * A level of a sensitive or control feature: the user's value, kept with its JSON type.
 *
 * @category Input and errors
 */
export type Level = string | number | boolean | null;

/**
 * The groups of one or more features. With several features the groups are the level
 * combinations observed in the rows, in product order (each feature's sort order, the last
 * feature varying fastest); with `intersections: 'all'` the full Cartesian product of the
 * observed levels, so empty intersections exist as groups with no rows.
 */
export interface GroupIndex {
  /** Feature names, e.g. `["race", "sex"]`; unnamed single features are `sensitive_feature_0`. */
  readonly featureNames: readonly string[];
  /** Each feature's sorted levels. */
  readonly levels: readonly (readonly Level[])[];
  /** Group code → one level per feature. `keys.length` is the number of groups. */
  readonly keys: readonly (readonly Level[])[];
}

/**
 * Group codes, weights and kept rows: the part of a prepared input every task type (binary,
 * regression, multiclass) shares.
 */
export interface GroupedRows {
  /** Number of rows (the kept rows, when rows with a missing group were dropped). */
  readonly n: number;
  /** Sample weights (non-negative, finite), when given. */
  readonly weight: Float64Array | undefined;
  /** Group code of each row (index into `groups.keys`). */
  readonly group: Uint32Array;
  /** The groups' features, levels and keys. */
  readonly groups: GroupIndex;
  /** Control-feature stratum of each row, when control features were given. */
  readonly control:
    | {
        /** Stratum code of each row (index into `strata.keys`). */
        readonly code: Uint32Array;
        /** The strata's features, levels and keys. */
        readonly strata: GroupIndex;
      }
    | undefined;
  /**
   * Row of the user's input for each prepared row, when rows were dropped
   * (`missingGroup: 'drop'`); otherwise undefined (row i is input row i).
   */
  readonly sourceRow: Uint32Array | undefined;
}

/** Prepared, validated input of a binary task. */
export interface Columns extends GroupedRows {
  /** 1 where the true label is the positive label, else 0. */
  readonly label: Uint8Array;
  /** 1 where the hard prediction is positive (given, or `score` thresholded), else 0. */
  readonly pred: Uint8Array | undefined;
  /** Scores or probabilities of the positive class, when given. */
  readonly score: Float64Array | undefined;
  /** How scores are read: `probability` (checked to lie in [0, 1]) or `margin`. */
  readonly scoreKind: "probability" | "margin" | undefined;
}

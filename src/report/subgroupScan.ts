/**
 * The report's "Subgroups nobody declared" section: the bias scan over features the audit did not
 * group by, with the model's probabilities as expectations.
 */
import type { Columns } from "../data/columns.js";
import { type BiasScanOptions, biasScan } from "../scan/biasScan.js";
import { describeSubgroup } from "../scan/describe.js";
import type { ScanFeatures, ScanLevel } from "../scan/features.js";
import type { SubgroupScanSection } from "./types.js";

/** The bias scan of an audit: its search features and the scan's options. */
export interface AuditScanOptions extends BiasScanOptions {
  /** Search features by name, aligned with the audit's input rows. */
  readonly features: ScanFeatures;
  /**
   * The rows, as a plural noun in the sentences.
   * @defaultValue "rows"
   */
  readonly population?: string;
  /**
   * The positive label's name in the sentences ("the observed <outcome> rate").
   * @defaultValue "outcome"
   */
  readonly outcome?: string;
  /**
   * Clip the probabilities to [clip, 1 − clip] as expectations of the scan (the Bernoulli score
   * needs them strictly between 0 and 1); the audit's other sections use them unclipped.
   * @defaultValue undefined (no clipping)
   */
  readonly clip?: number;
}

/**
 * Runs the bias scan on the audited rows: outcomes are the labels, expectations the probability
 * scores (the overall rate without them); rows the audit dropped are dropped from the features
 * too. Defaults differ from `biasScan` where a report needs them: the top 3 subgroups, tested
 * with 199 null reruns of the search.
 */
export function subgroupScanSection(
  columns: Columns,
  options: AuditScanOptions,
): SubgroupScanSection {
  const { features, population, outcome, clip, ...scan } = options;
  const rows = columns.sourceRow;
  const aligned: Record<string, ScanLevel[]> = {};
  for (const [name, column] of Object.entries(features)) {
    aligned[name] = rows === undefined ? Array.from(column) : Array.from(rows, (r) => column[r]!);
  }
  const probability = columns.score !== undefined && columns.scoreKind === "probability";
  const result = biasScan(
    {
      outcomes: columns.label,
      ...(probability
        ? {
            expectations:
              clip === undefined
                ? columns.score!
                : Array.from(columns.score!, (p) => Math.min(1 - clip, Math.max(clip, p))),
          }
        : {}),
      features: aligned,
    },
    { topK: 3, replicates: 199, ...scan },
  );
  const s = result.settings;
  return {
    features: Object.keys(features),
    scoring: s.scoring,
    direction: s.direction,
    penalty: s.penalty,
    iterations: s.iterations,
    seed: s.seed,
    replicates: s.replicates,
    testSeed: s.testSeed,
    nullModel: s.nullModel,
    subgroups: result.subgroups.map((subgroup) => ({
      subset: Object.fromEntries(Object.entries(subgroup.subset).map(([k, v]) => [k, [...v]])),
      rows: subgroup.rows,
      expectedRate: subgroup.expectedRate,
      observedRate: subgroup.observedRate,
      score: subgroup.score,
      pValue: Number.isNaN(subgroup.pValue) ? null : subgroup.pValue,
      sentence: describeSubgroup(subgroup, {
        ...(population === undefined ? {} : { population }),
        ...(outcome === undefined ? {} : { outcome }),
      }),
    })),
  };
}

/** The section's title in every renderer. */
export const SUBGROUP_SCAN_TITLE = "Subgroups nobody declared";

/**
 * What the section searched and how its p-values were computed, in one sentence.
 *
 * @example
 * subgroupScanSummary({ features: ["age", "priors"], scoring: "bernoulli", direction: "overpredicted", penalty: 0.5, iterations: 10, seed: 0, replicates: 199, testSeed: 1, nullModel: "parametric", subgroups: [] });
 * // => "Bias scan over every combination of levels of age, priors (Bernoulli score, overpredicted, penalty 0.5, 10 restarts, seed 0). No subgroup found. p-values: 199 reruns of the search on outcomes drawn from the model's probabilities (seed 1), step-down adjusted over this list."
 */
export function subgroupScanSummary(section: SubgroupScanSection): string {
  const score = section.scoring === "bernoulli" ? "Bernoulli score" : "Berk–Jones score";
  const searched = `Bias scan over every combination of levels of ${section.features.join(", ")} (${score}, ${section.direction}, penalty ${section.penalty}, ${section.iterations} restarts, seed ${section.seed}).`;
  const none = section.subgroups.length === 0 ? " No subgroup found." : "";
  const nullText =
    section.nullModel === "parametric"
      ? "outcomes drawn from the model's probabilities"
      : "shuffled outcomes";
  const test =
    section.replicates > 0
      ? ` p-values: ${section.replicates} reruns of the search on ${nullText} (seed ${section.testSeed}), step-down adjusted over this list.`
      : " Not tested for significance.";
  return `${searched}${none}${test}`;
}

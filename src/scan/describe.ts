/**
 * Subgroups in words, for reports and the command line.
 */
import type { ScanSubgroup } from "./biasScan.js";

/** Words for the sentence: who the rows are and what the outcome is called. */
export interface DescribeOptions {
  /**
   * The rows, as a plural noun.
   * @defaultValue "rows"
   */
  readonly population?: string;
  /**
   * The outcome's name, read as "the observed <outcome> rate".
   * @defaultValue "outcome"
   */
  readonly outcome?: string;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** A p-value in words: two decimals from 0.01 up, one significant digit below, "< 0.001" below that. */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return "not tested";
  if (p < 0.001) return "p < 0.001";
  return `p = ${p >= 0.01 ? p.toFixed(2) : p.toPrecision(1)}`;
}

/**
 * A subgroup's conditions in words: `sex = Female and age_cat in {25 - 45, Less than 25}`;
 * "all rows" for the whole population.
 *
 * @example
 * subgroupConditions({ sex: ["Female"], age: ["< 25", "25-45"] }); // => "sex = Female and age in {< 25, 25-45}"
 */
export function subgroupConditions(subset: Readonly<Record<string, readonly unknown[]>>): string {
  const parts = Object.entries(subset).map(([name, levels]) =>
    levels.length === 1
      ? `${name} = ${String(levels[0])}`
      : `${name} in {${levels.map(String).join(", ")}}`,
  );
  return parts.length === 0 ? "all rows" : parts.join(" and ");
}

/**
 * One sentence for a subgroup the bias scan found: its conditions, the predicted and observed
 * rates, its size and its p-value after the search.
 *
 * @example
 * describeSubgroup({ subset: { sex: ["Female"] }, score: 9.3, rows: 1175, observedRate: 0.351, expectedRate: 0.405, q: 0.73, penalty: 0.5, pValue: 0.004 }, { population: "people", outcome: "reoffence" });
 * // => "Among people with sex = Female, the model predicts 41% but the observed reoffence rate is 35% (1175 rows, p = 0.004 after the search)."
 */
export function describeSubgroup(subgroup: ScanSubgroup, options: DescribeOptions = {}): string {
  const population = options.population ?? "rows";
  const outcome = options.outcome ?? "outcome";
  const who =
    Object.keys(subgroup.subset).length === 0
      ? `Among all ${population}`
      : `Among ${population} with ${subgroupConditions(subgroup.subset)}`;
  const p = Number.isNaN(subgroup.pValue)
    ? "not tested for significance"
    : `${formatPValue(subgroup.pValue)} after the search`;
  return `${who}, the model predicts ${percent(subgroup.expectedRate)} but the observed ${outcome} rate is ${percent(subgroup.observedRate)} (${subgroup.rows} rows, ${p}).`;
}

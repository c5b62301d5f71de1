/**
 * The `stats` kind: statsmodels / scipy references for proportion intervals, tests, corrections
 * and sample sizes (see the fixture's `conventions.stats`). Tolerance 1e-10 relative except where
 * the reference itself is a numerical root (`nobs1`, accurate to ~1e-7 in statsmodels).
 */
import { adjustPValues } from "../../../src/uncertainty/corrections.js";
import {
  clopperPearsonInterval,
  newcombeDifferenceInterval,
  wilsonInterval,
} from "../../../src/uncertainty/proportion.js";
import { proportionEffectSize, requiredSampleSize } from "../../../src/uncertainty/sampleSize.js";
import {
  chiSquareHomogeneityTest,
  fisherExactTest,
  twoProportionZTest,
} from "../../../src/uncertainty/significance.js";
import { Unsupported } from "../compare.js";
import type { KindHandler } from "../runner.js";

const RTOL = 1e-10;
const ATOL = 1e-14;
/** statsmodels' `solve_power` agrees with the exact root to ~1e-7 relative (fixture conventions). */
const ROOT_RTOL = 1e-6;

type Rec = Record<string, unknown>;
const num = (r: Rec, key: string) => r[key] as number;

/** The arguments each result record echoes (inputs of the call, not results). */
const ARGUMENTS: Record<string, readonly string[]> = {
  proportion_confint: ["count", "nobs", "method", "alpha"],
  newcombe: ["count1", "nobs1", "count2", "nobs2", "alpha"],
  proportions_ztest: ["count1", "nobs1", "count2", "nobs2"],
  fisher_exact: ["table", "table_label"],
  chi2_contingency: ["table", "table_label", "correction"],
  multipletests: ["pvals", "method", "alpha"],
  sample_size: ["p1", "p2"],
};

/** Input lists whose combinations the result records enumerate (each record echoes its own). */
const LISTED_INPUTS = [
  "pairs",
  "quadruples",
  "tables",
  "vectors",
  "methods",
  "alphas",
  "corrections",
];

/** The statsmodels / scipy call each function tag names (the case's `function` field). */
const FUNCTIONS: Record<string, RegExp> = {
  proportion_confint: /proportion_confint/,
  newcombe: /newcombe|confint_proportions_2indep/,
  proportions_ztest: /proportions_ztest/,
  fisher_exact: /fisher_exact/,
  chi2_contingency: /chi2_contingency/,
  multipletests: /multipletests/,
  sample_size: /NormalIndPower|proportion_effectsize|solve_power/,
};

export const stats: KindHandler = (testCase, { check }) => {
  const tag = (testCase.tags as string[] | undefined)?.[0] ?? "";
  const results = testCase.results as Rec[];
  const inputs = testCase.inputs as Rec;
  const call = String(testCase.function);
  if (!FUNCTIONS[tag]?.test(call)) throw new Unsupported(`stats function ${tag}: ${call}`);
  // Every listed argument combination has its result record (inputs × methods × alphas ...).
  const combinations = LISTED_INPUTS.filter((key) => key in inputs).reduce(
    (n, key) => n * (inputs[key] as unknown[]).length,
    1,
  );
  // (multipletests lists its methods in `function` only, so one record per input and method.)
  if (results.length % combinations !== 0) {
    check.fail(
      "results.length",
      `expected records for ${combinations} inputs, got ${results.length}`,
    );
  }
  results.forEach((r, i) => {
    const at = (field: string) => `results[${i}].${field}`;
    for (const key of ARGUMENTS[tag] ?? []) if (key in r) check.used(at(key));
    if (r.error !== undefined) {
      // The reference raised (a zero expected count, an empty table): fairscope must refuse too,
      // or return NaN.
      let outcome: string;
      try {
        outcome = JSON.stringify(compute(tag, r, inputs));
      } catch (error) {
        outcome = "threw";
        check.assert(at("error"), error instanceof Error, "expected an error");
      }
      if (outcome !== "threw") {
        check.assert(at("error"), /null/.test(outcome), `expected an error or NaN, got ${outcome}`);
      }
      return;
    }
    if (r.warnings !== undefined) {
      const outcome = JSON.stringify(compute(tag, r, inputs));
      check.assert(at("warnings"), /null/.test(outcome), `warned, but fairscope gave ${outcome}`);
    }
    switch (tag) {
      case "proportion_confint": {
        const fn = r.method === "wilson" ? wilsonInterval : clopperPearsonInterval;
        const ci = fn(num(r, "count"), num(r, "nobs"), 1 - num(r, "alpha"));
        check.number(at("low"), ci.lower, r.low, RTOL, ATOL);
        check.number(at("upp"), ci.upper, r.upp, RTOL, ATOL);
        break;
      }
      case "newcombe": {
        const ci = newcombeDifferenceInterval(
          num(r, "count1"),
          num(r, "nobs1"),
          num(r, "count2"),
          num(r, "nobs2"),
          1 - num(r, "alpha"),
        );
        check.number(at("low"), ci.lower, r.low, RTOL, ATOL);
        check.number(at("upp"), ci.upper, r.upp, RTOL, ATOL);
        break;
      }
      case "proportions_ztest": {
        const t = twoProportionZTest(
          num(r, "count1"),
          num(r, "nobs1"),
          num(r, "count2"),
          num(r, "nobs2"),
        );
        check.number(at("zstat"), t.statistic, r.zstat, RTOL, ATOL);
        check.number(at("pvalue"), t.pValue, r.pvalue, RTOL, 0);
        break;
      }
      case "fisher_exact": {
        const t = fisherExactTest(r.table as number[][]);
        check.number(at("statistic"), t.statistic, r.statistic, RTOL, ATOL);
        check.number(at("pvalue"), t.pValue, r.pvalue, RTOL, 0);
        break;
      }
      case "chi2_contingency": {
        const t = chiSquareHomogeneityTest(r.table as number[][], {
          yates: r.correction as boolean,
        });
        check.number(at("statistic"), t.statistic, r.statistic, RTOL, ATOL);
        check.number(at("pvalue"), t.pValue, r.pvalue, RTOL, 0);
        check.equal(at("dof"), t.dof, r.dof);
        (r.expected_freq as number[][]).forEach((row, a) => {
          row.forEach((e, b) => {
            check.number(at(`expected_freq[${a}][${b}]`), t.expected[a]?.[b] ?? Number.NaN, e);
          });
        });
        break;
      }
      case "multipletests": {
        const method = r.method === "holm" ? "holm" : "benjaminiHochberg";
        if (r.method !== "holm" && r.method !== "fdr_bh") {
          check.fail(at("method"), `unknown method ${String(r.method)}`);
          break;
        }
        const adj = adjustPValues(r.pvals as number[], { method, alpha: num(r, "alpha") });
        (r.pvals_corrected as number[]).forEach((p, k) => {
          check.number(at(`pvals_corrected[${k}]`), adj.adjusted[k] ?? Number.NaN, p, RTOL, ATOL);
        });
        check.equal(at("reject"), adj.reject, r.reject);
        break;
      }
      case "sample_size": {
        const h = proportionEffectSize(num(r, "p1"), num(r, "p2"));
        const s = requiredSampleSize(num(r, "p1"), num(r, "p2"), {
          alpha: inputs.alpha as number,
          power: inputs.power as number,
          ratio: inputs.ratio as number,
        });
        check.number(at("effect_size"), h, r.effect_size, RTOL, ATOL);
        check.number(at("nobs1"), s.nobs1, r.nobs1, ROOT_RTOL, 0);
        check.equal(at("nobs1_ceil"), s.perGroup1, r.nobs1_ceil);
        break;
      }
      default:
        throw new Unsupported(`stats function ${tag}`);
    }
  });
};

/** The fairscope call of one record (for records whose reference raised or warned). */
function compute(tag: string, r: Rec, inputs: Rec): unknown {
  switch (tag) {
    case "proportion_confint": {
      const fn = r.method === "wilson" ? wilsonInterval : clopperPearsonInterval;
      return fn(num(r, "count"), num(r, "nobs"), 1 - num(r, "alpha"));
    }
    case "newcombe":
      return newcombeDifferenceInterval(
        num(r, "count1"),
        num(r, "nobs1"),
        num(r, "count2"),
        num(r, "nobs2"),
        1 - num(r, "alpha"),
      );
    case "proportions_ztest":
      return twoProportionZTest(
        num(r, "count1"),
        num(r, "nobs1"),
        num(r, "count2"),
        num(r, "nobs2"),
      );
    case "fisher_exact":
      return fisherExactTest(r.table as number[][]);
    case "chi2_contingency":
      return chiSquareHomogeneityTest(r.table as number[][], { yates: r.correction as boolean });
    case "multipletests":
      return adjustPValues(r.pvals as number[], {
        method: r.method === "holm" ? "holm" : "benjaminiHochberg",
        alpha: num(r, "alpha"),
      });
    case "sample_size":
      return requiredSampleSize(num(r, "p1"), num(r, "p2"), {
        alpha: inputs.alpha as number,
        power: inputs.power as number,
        ratio: inputs.ratio as number,
      });
    default:
      throw new Unsupported(`stats function ${tag}`);
  }
}

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
import type { KindHandler } from "../runner.js";

const RTOL = 1e-10;
const ATOL = 1e-14;
/** statsmodels' `solve_power` agrees with the exact root to ~1e-7 relative (fixture conventions). */
const ROOT_RTOL = 1e-6;

type Rec = Record<string, unknown>;
const num = (r: Rec, key: string) => r[key] as number;

export const stats: KindHandler = (testCase, { check }) => {
  const tag = (testCase.tags as string[] | undefined)?.[0];
  const results = testCase.results as Rec[];
  const inputs = testCase.inputs as Rec;
  results.forEach((r, i) => {
    const at = (field: string) => `results[${i}].${field}`;
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
        check.fail("tags", `unsupported stats function ${String(tag)}`);
    }
  });
};

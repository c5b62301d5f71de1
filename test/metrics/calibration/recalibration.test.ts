import { readFileSync } from "node:fs";
import fc from "fast-check";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import {
  fitInterceptWithOffset,
  fitSlope,
  logitColumn,
} from "../../../src/metrics/calibration/recalibration.js";
import { DatasetLoader } from "../../conformance/datasets.js";

interface Json {
  [key: string]: unknown;
}
const fixture = JSON.parse(readFileSync("test/fixtures/fairlearn_reference.json", "utf8")) as {
  cases: Json[];
};
const synthetic = fixture.cases.find(
  (c) => c.name === "synthetic_calibration_regression_miscalibrated",
)!;
const inputs = synthetic.inputs as {
  y_true: number[];
  y_score: number[];
  sensitive_features: string[];
};

/**
 * statsmodels' GLM IRLS, step by step (start μ = (y + ½)/2, stop when the deviance changes by
 * ≤ 1e-8, bse from the weights of the last WLS solve, i.e. of the previous iterate). Used only to
 * show where statsmodels' standard errors differ from the information at the exact maximum.
 */
function statsmodelsIrls(label: Uint8Array, z: Float64Array) {
  const n = z.length;
  let mu = Float64Array.from(label, (y) => (y + 0.5) / 2);
  const deviance = (m: Float64Array) => {
    let d = 0;
    for (let i = 0; i < n; i++) d -= 2 * Math.log(label[i] === 1 ? m[i]! : 1 - m[i]!);
    return d;
  };
  let dev = deviance(mu);
  let cov = [0, 0, 0];
  let params = [0, 0];
  for (let it = 0; it < 100; it++) {
    let saa = 0;
    let sab = 0;
    let sbb = 0;
    let ra = 0;
    let rb = 0;
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const w = m * (1 - m);
      const target = Math.log(m / (1 - m)) + (label[i]! - m) / w;
      saa += w;
      sab += w * z[i]!;
      sbb += w * z[i]! * z[i]!;
      ra += w * target;
      rb += w * target * z[i]!;
    }
    const det = saa * sbb - sab * sab;
    params = [(sbb * ra - sab * rb) / det, (saa * rb - sab * ra) / det];
    cov = [sbb / det, -sab / det, saa / det];
    mu = Float64Array.from(z, (zi) => 1 / (1 + Math.exp(-(params[0]! + params[1]! * zi))));
    const next = deviance(mu);
    const done = Math.abs(next - dev) <= 1e-8;
    dev = next;
    if (done) break;
  }
  return { params, se: [Math.sqrt(cov[0]!), Math.sqrt(cov[2]!)] };
}

describe("fitSlope", () => {
  it("fitSlope(…) after one Newton step from (0, 1) equals the hand-computed 2×2 step", () => {
    // y = [1, 0, 1, 0, 1], z = [0, 1, −1, ½, 2]; at (a, b) = (0, 1): μ_i = σ(z_i), gradient
    // g = Σ (y − μ)[1, z], information H = Σ μ(1−μ)[1 z; z z²]; step = H⁻¹ g (Cramer's rule).
    const y = [1, 0, 1, 0, 1];
    const zs = [0, 1, -1, 0.5, 2];
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    zs.forEach((zi, i) => {
      const mu = 1 / (1 + Math.exp(-zi));
      const v = mu * (1 - mu);
      ga += y[i]! - mu;
      gb += (y[i]! - mu) * zi;
      haa += v;
      hab += v * zi;
      hbb += v * zi * zi;
    });
    const det = haa * hbb - hab * hab;
    const label = Uint8Array.from(y);
    const z = Float64Array.from(zs);
    const one = fitSlope(label, z, undefined, 1);
    expect(one.iterations).toBe(1);
    expect(one.intercept).toBeCloseTo((hbb * ga - hab * gb) / det, 14);
    expect(one.slope).toBeCloseTo(1 + (haa * gb - hab * ga) / det, 14);
    const fit = fitSlope(label, z, undefined);
    expect(fit.converged).toBe(true);
    // At the maximum the score equations hold: Σ (y − μ) = 0 and Σ (y − μ) z = 0.
    const r = zs.map((zi, i) => y[i]! - 1 / (1 + Math.exp(-(fit.intercept + fit.slope * zi))));
    expect(r.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    expect(r.reduce((s, v, i) => s + v * zs[i]!, 0)).toBeCloseTo(0, 12);
  });

  it("fitSlope(…) reproduces statsmodels GLM on the inline synthetic case (fixture)", () => {
    // statsmodels GLM Binomial, fixture synthetic_calibration_regression_miscalibrated
    const label = Uint8Array.from(inputs.y_true);
    const z = logitColumn(Float64Array.from(inputs.y_score), 1e-6);
    const fit = fitSlope(label, z, undefined);
    const e = (synthetic.overall as Json).slope_model as Record<string, number>;
    expect(fit.intercept).toBeCloseTo(e.intercept!, 8);
    expect(fit.slope).toBeCloseTo(e.slope!, 8);
    expect(fit.seIntercept / e.se_intercept! - 1).toBeLessThan(1e-6);
    expect(fit.seSlope / e.se_slope! - 1).toBeLessThan(1e-6);
    expect(fit.logLikelihood).toBeCloseTo(e.llf!, 7);
    const citl = fitInterceptWithOffset(label, z, undefined);
    const o = (synthetic.overall as Json).citl_model as Record<string, number>;
    expect(citl.intercept).toBeCloseTo(o.intercept!, 8);
    expect(citl.seIntercept).toBeCloseTo(o.se_intercept!, 8);
  });

  it("statsmodels' standard errors are the information at its previous IRLS iterate (German, under_25)", () => {
    const loader = new DatasetLoader(["examples/data"]);
    const data = loader.load("german_lr");
    const rows = data.features.age_group!.flatMap((g, i) => (g === "under_25" ? [i] : []));
    const label = Uint8Array.from(rows, (i) => data.yTrue[i]!);
    const z = logitColumn(
      Float64Array.from(rows, (i) => data.yScore![i]!),
      1e-6,
    );
    // statsmodels GLM Binomial, fixture german_age_group_calibration_regression, by_group under_25
    const german = fixture.cases.find((c) => c.name === "german_age_group_calibration_regression")!;
    const e = (german.by_group as Json[])[1]!.slope_model as Record<string, number>;
    const irls = statsmodelsIrls(label, z);
    expect(irls.se[0]! / e.se_intercept! - 1).toBeLessThan(1e-10);
    expect(Math.abs(irls.se[1]! / e.se_slope! - 1)).toBeLessThan(1e-10);
    const fit = fitSlope(label, z, undefined);
    expect(fit.slope).toBeCloseTo(e.slope!, 8);
    // At the exact maximum the standard errors differ from statsmodels' by about 1e-5 relative.
    expect(Math.abs(fit.seSlope / e.se_slope! - 1)).toBeLessThan(3e-5);
  });

  it("weights that are integers equal duplicated rows", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.integer({ min: -6, max: 6 }).map((k) => k / 2),
            fc.integer({ min: 1, max: 3 }),
          ),
          {
            minLength: 8,
            maxLength: 40,
          },
        ),
        (rows) => {
          const w = rows.map((r) => r[2]);
          const expanded = rows.flatMap((r) => Array.from({ length: r[2] }, () => r));
          const a = fitSlope(
            Uint8Array.from(rows, (r) => (r[0] ? 1 : 0)),
            Float64Array.from(rows, (r) => r[1]),
            Float64Array.from(w),
          );
          const b = fitSlope(
            Uint8Array.from(expanded, (r) => (r[0] ? 1 : 0)),
            Float64Array.from(expanded, (r) => r[1]),
            undefined,
          );
          fc.pre(a.converged && b.converged && a.seSlope < 10);
          const near = (x: number, e: number) => Math.abs(x - e) <= 1e-8 * (1 + Math.abs(e));
          expect(near(a.slope, b.slope)).toBe(true);
          expect(near(a.intercept, b.intercept)).toBe(true);
          expect(near(a.seSlope, b.seSlope)).toBe(true);
          expect(near(a.logLikelihood, b.logLikelihood)).toBe(true);
        },
      ),
    );
  });

  it("recovers slope 1 and intercept 0 within their standard errors on calibrated data (seeded)", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = xoroshiro128plus(seed);
      const n = 4000;
      const label = new Uint8Array(n);
      const score = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = Math.min(0.999999, Math.max(1e-6, uniformFloat64(rng)));
        score[i] = u;
        label[i] = uniformFloat64(rng) < u ? 1 : 0;
      }
      const fit = fitSlope(label, logitColumn(score, 1e-6), undefined);
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.slope - 1)).toBeLessThan(3 * fit.seSlope);
      expect(Math.abs(fit.intercept)).toBeLessThan(3 * fit.seIntercept);
    }
  });

  it("recovers a known miscalibration (a = 0.4, b = 0.75) within 3 standard errors (seeded)", () => {
    for (const seed of [11, 12, 13]) {
      const rng = xoroshiro128plus(seed);
      const n = 5000;
      const label = new Uint8Array(n);
      const score = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = Math.min(0.999, Math.max(0.001, uniformFloat64(rng)));
        score[i] = u;
        const truth = 1 / (1 + Math.exp(-(0.4 + 0.75 * Math.log(u / (1 - u)))));
        label[i] = uniformFloat64(rng) < truth ? 1 : 0;
      }
      const fit = fitSlope(label, logitColumn(score, 1e-6), undefined);
      expect(Math.abs(fit.slope - 0.75)).toBeLessThan(3 * fit.seSlope);
      expect(Math.abs(fit.intercept - 0.4)).toBeLessThan(3 * fit.seIntercept);
    }
  });

  it("reports converged: false when one class is missing (no finite maximum)", () => {
    const fit = fitSlope(Uint8Array.from([0, 0, 0]), Float64Array.from([-1, 0, 1]), undefined);
    expect(fit.converged).toBe(false);
  });
});

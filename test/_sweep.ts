import { DatasetLoader } from "/work/wt/conformance/test/conformance/datasets.js";
import { exponentiatedGradient } from "/work/wt/conformance/src/tfjs/reductions/exponentiatedGradient.js";
import { UtilityParity } from "/work/wt/conformance/src/tfjs/reductions/moments.js";
const [rowsArg, ...rest] = process.argv.slice(2);
const data = new DatasetLoader(["/work/wt/conformance/examples/data"]).load("adult_reductions");
const t = data.training!;
const n = Math.min(Number(rowsArg), t.yTrain.length);
const x = { data: t.xTrain.subarray(0, n * t.cols), rows: n, cols: t.cols };
const y = t.yTrain.slice(0, n);
const sex = t.featuresTrain.sex!.slice(0, n);
const group = Uint32Array.from(sex, (s) => (s === "Male" ? 1 : 0));
for (const constraint of (rest[0] ?? "demographicParity,equalizedOdds").split(",") as ("demographicParity" | "equalizedOdds")[]) {
  for (const eps of [0.005, 0.01, 0.02, 0.05, 0.1]) {
    const started = performance.now();
    const eg = exponentiatedGradient(x, { yTrue: y, sensitiveFeatures: sex }, { constraint, eps, runLinprogStep: rest[1] !== "nolp" });
    const p = eg.predictProba(x);
    const m = new UtilityParity(constraint, Uint8Array.from(y), group, 2, eps);
    const gamma = m.gamma(Float64Array.from(p));
    const violation = Math.max(...gamma);
    let acc = 0;
    for (let i = 0; i < n; i++) acc += y[i] === 1 ? p[i]! : 1 - p[i]!;
    console.log(`${constraint} eps=${eps} maxGamma=${violation.toFixed(5)} excess=${(violation - eps).toFixed(5)} bestGap=${eg.bestGap.toFixed(5)} nu=${eg.nu.toFixed(5)} bestIter=${eg.bestIter} last=${eg.lastIter} acc=${(acc / n).toFixed(4)} ${((performance.now() - started) / 1000).toFixed(1)}s`);
  }
}

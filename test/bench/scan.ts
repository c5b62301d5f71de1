/**
 * `npm run bench -- --scan`: the MDSS bias scan (Bernoulli, 10 restarts, AIF360's settings) on
 * COMPAS (when ../shared/datasets is present, beside AIF360's recorded scan time from the round-3
 * fixture) and on 1M synthetic rows with 6 features, each as a ratio to one pass over its columns
 * (outcomes, expectations and every feature's codes read once and summed).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { biasScan } from "../../src/scan/biasScan.js";
import { randomSource } from "../../src/uncertainty/random.js";

let sink = 0;

interface ScanData {
  readonly outcomes: Uint8Array;
  readonly expectations: Float64Array;
  readonly features: Record<string, string[]>;
}

function bestOf(runs: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** One pass: every column read once (the feature codes as the scan holds them, one per row). */
function onePass(data: ScanData): () => void {
  const codes = Object.values(data.features).map((column) => {
    const index = new Map<string, number>();
    return Uint32Array.from(column, (v) => index.get(v) ?? index.set(v, index.size).size - 1);
  });
  return () => {
    let s = 0;
    for (let i = 0; i < data.outcomes.length; i++) {
      s += data.outcomes[i]! + data.expectations[i]!;
      for (const column of codes) s += column[i]!;
    }
    sink += s;
  };
}

/** 1M rows, features with 4, 4, 3, 3, 2, 5 levels, expectations rounded to 0.01, a planted subgroup. */
function synthetic(rows: number): ScanData {
  const random = randomSource(20240607);
  const sizes = [4, 4, 3, 3, 2, 5];
  const features: Record<string, string[]> = {};
  sizes.forEach((_, j) => {
    features[`f${j}`] = [];
  });
  const outcomes = new Uint8Array(rows);
  const expectations = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let planted = true;
    sizes.forEach((levels, j) => {
      const v = random.integer(0, levels - 1);
      features[`f${j}`]!.push(`l${v}`);
      if (j < 2 && v !== 0) planted = false;
    });
    const p = Math.round((0.05 + 0.9 * random.uniform()) * 100) / 100;
    expectations[i] = p;
    const odds = (p / (1 - p)) * (planted ? 1.5 : 1);
    outcomes[i] = random.uniform() < odds / (1 + odds) ? 1 : 0;
  }
  return { outcomes, expectations, features };
}

function compas(dir: string): ScanData {
  const records = (
    parse(readFileSync(`${dir}/compas-scores-two-years.csv`, "utf8"), {
      columns: true,
    }) as Record<string, string>[]
  ).filter((r) => {
    const days = r.days_b_screening_arrest === "" ? Number.NaN : Number(r.days_b_screening_arrest);
    return (
      days >= -30 &&
      days <= 30 &&
      r.is_recid !== "-1" &&
      r.c_charge_degree !== "O" &&
      r.score_text !== "N/A"
    );
  });
  const bucket = (c: number) => (c === 0 ? "0" : c <= 3 ? "1-3" : c <= 9 ? "4-9" : "10+");
  return {
    outcomes: Uint8Array.from(records, (r) => Number(r.two_year_recid)),
    expectations: Float64Array.from(records, (r) =>
      Math.min(0.95, Math.max(0.05, Number(r.decile_score) / 10)),
    ),
    features: {
      race: records.map((r) => r.race!),
      sex: records.map((r) => r.sex!),
      age_cat: records.map((r) => r.age_cat!),
      c_charge_degree: records.map((r) => r.c_charge_degree!),
      priors_bucket: records.map((r) => bucket(Number(r.priors_count))),
    },
  };
}

function report(name: string, data: ScanData, runs: number, extra = ""): void {
  const passMs = bestOf(5, onePass(data));
  const scanMs = bestOf(runs, () => {
    sink += biasScan(data, { penalty: 0.5, iterations: 10 }).best.score;
  });
  console.log(
    `${name.padEnd(58)} ${scanMs.toFixed(1).padStart(9)} ms  ${(scanMs / passMs).toFixed(0)}× one pass (${passMs.toFixed(2)} ms)${extra}`,
  );
}

/** Runs the scan cases. */
export function scanBench(): void {
  const shared = fileURLToPath(new URL("../../../shared/", import.meta.url));
  if (existsSync(`${shared}datasets/compas-scores-two-years.csv`)) {
    const fixture = `${shared}fixtures/round3_reference.json`;
    let aif360 = "";
    if (existsSync(fixture)) {
      const cases = (
        JSON.parse(readFileSync(fixture, "utf8")) as {
          cases: { name: string; scan_seconds?: number }[];
        }
      ).cases;
      const recorded = cases.find((c) => c.name === "bias_scan_compas_bernoulli_over_pen0p5");
      if (recorded?.scan_seconds !== undefined) {
        aif360 = `; AIF360 0.6.1 recorded ${(recorded.scan_seconds * 1000).toFixed(0)} ms for the same scan`;
      }
    }
    report(
      "bias scan, COMPAS (6172 rows, 5 features, Bernoulli)",
      compas(`${shared}datasets`),
      5,
      aif360,
    );
  } else {
    console.log("bias scan, COMPAS: skipped (../shared/datasets is absent)");
  }
  report("bias scan, 1e6 synthetic rows, 6 features, Bernoulli", synthetic(1_000_000), 1);
  if (sink === 0.5) console.log("");
}

/**
 * `fairscope scan` through `run` (the CLI without a process), on the bundled Adult example and,
 * when ../shared/datasets is present, on the COMPAS file.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const adult = join(root, "examples/data/adult-test-scored.csv");
const compas = resolve(root, "../shared/datasets/compas-scores-two-years.csv");

async function fairscope(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
  const code = await run(args, {
    stdin: Readable.from([]),
    stdout: sink(out),
    stderr: sink(err),
    env: {},
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("fairscope scan", { timeout: 120_000 }, () => {
  it("prints the top subgroups of the Adult example in sentences with p-values after the search", async () => {
    const r = await fairscope([
      "scan",
      adult,
      "--label",
      "income",
      "--score",
      "lr_score",
      "--clip",
      "1e-6",
      "--features",
      "sex,race,age",
      "--buckets",
      "age=4",
      "--direction",
      "under",
      "--penalty",
      "1",
      "--iterations",
      "3",
      "--replicates",
      "19",
      "--top",
      "2",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^fairscope scan: Bernoulli, underpredicted, penalty 1, 3 restarts \(seed 0\); probabilities clipped to \[0\.000001, 0\.999999\]/,
    );
    expect(r.stdout).toMatch(
      /\n1\. Among rows with .*, the model predicts \d+% but the observed income rate is \d+% \(\d+ rows, p = 0\.\d+ after the search\)\. Score \d+\.\d\d\./,
    );
    expect(r.stdout).toContain(
      "19 reruns of the search on outcomes drawn from the probabilities (seed 1)",
    );
  });

  it("--format json gives the subgroups, the null maxima and the settings", async () => {
    const r = await fairscope([
      "scan",
      adult,
      "--label",
      "income",
      "--features",
      "sex,race",
      "--replicates",
      "9",
      "--iterations",
      "2",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.nullScores).toHaveLength(9);
    expect(json.settings.nullModel).toBe("permutation");
    expect(json.subgroups[0].pValue).toBeGreaterThan(0);
  });

  it("exits 2 with a usage message or the input issues", async () => {
    const missing = await fairscope(["scan", adult, "--label", "income"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--features <a,b,c> is required");
    const tooMany = await fairscope([
      "scan",
      adult,
      "--label",
      "income",
      "--features",
      "age",
      "--max-levels",
      "10",
      "--replicates",
      "0",
    ]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/features\.age: has \d+ levels, more than maxLevels = 10/);
    const direction = await fairscope([
      "scan",
      adult,
      "--label",
      "income",
      "--features",
      "sex",
      "--direction",
      "sideways",
    ]);
    expect(direction.stderr).toContain("--direction must be one of over, under");
  });

  it.runIf(existsSync(compas))(
    "prints the top subgroups of the COMPAS file (needs ../shared/datasets)",
    async () => {
      const r = await fairscope([
        "scan",
        compas,
        "--label",
        "two_year_recid",
        "--features",
        "race,sex,age_cat,c_charge_degree",
        "--direction",
        "under",
        "--penalty",
        "0.5",
        "--iterations",
        "3",
        "--replicates",
        "19",
      ]);
      expect(r.code).toBe(0);
      expect(
        r.stdout.split("\n").filter((line) => /^\d\. Among rows with /.test(line)),
      ).not.toHaveLength(0);
      expect(r.stdout).toContain("shuffled outcomes");
    },
  );
});

/**
 * The CLI's small-group options, run in-process on the bundled Adult example.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ADULT = [
  join(root, "examples/data/adult-test-scored.csv"),
  "--label",
  "income",
  "--score",
  "lr_score",
];
const tmp = mkdtempSync(join(tmpdir(), "fairscope-small-"));

async function fairscope(args: readonly string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  const code = await run(args, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { NO_COLOR: "1" },
  });
  return { code, stdout: out, stderr: err };
}

describe("fairscope audit: small groups", { timeout: 60_000 }, () => {
  it("--reference-shares (JSON or CSV), --suppress-below and --counts reach the report", async () => {
    const json = join(tmp, "race.json");
    writeFileSync(
      json,
      JSON.stringify({
        counts: {
          White: 600,
          Black: 130,
          "Asian-Pac-Islander": 65,
          "Amer-Indian-Eskimo": 13,
          Other: 192,
        },
      }),
    );
    const r = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "race",
      "--reference-shares",
      json,
      "--suppress-below",
      "140",
      "--ci",
      "none",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.representation.referenceKind).toBe("counts");
    expect(
      report.representation.groups.find((g: { group: string }) => g.group === "Other")
        .underRepresented,
    ).toBe(true);
    expect(report.groups.find((g: { label: string }) => g.label === "Other").suppressed).toBe(true);
    expect(report.metadata.options.suppressBelow).toBe(140);

    const csv = join(tmp, "race.csv");
    writeFileSync(
      csv,
      "group,share\nWhite,0.6\nBlack,0.13\nAsian-Pac-Islander,0.065\nAmer-Indian-Eskimo,0.013\nOther,0.192\n",
    );
    const text = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "sex",
      "--group",
      "race",
      "--counts",
      "--min-denominator",
      "20",
      "--ci",
      "none",
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("0.000* (0/3)");
    const withCsv = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "race",
      "--reference-shares",
      csv,
      "--ci",
      "none",
    ]);
    expect(withCsv.stdout).toContain("Representation");
  });

  it("--standardize rakes to target margins and --membership audits soft groups", async () => {
    const margins = join(tmp, "margins.json");
    writeFileSync(margins, JSON.stringify({ margins: { sex: { Female: 0.5, Male: 0.5 } } }));
    const r = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "race",
      "--standardize",
      margins,
      "--ci",
      "none",
      "--format",
      "json",
    ]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.standardization.method).toBe("raking");
    expect(report.standardization.converged).toBe(true);
    expect(report.standardization.features).toEqual(["sex"]);
    const soft = join(tmp, "soft.csv");
    const rows = [
      "y,p,pa,pb",
      ...Array.from(
        { length: 40 },
        (_, i) => `${i % 2},${(i % 5) / 5},${i < 20 ? 0.8 : 0.3},${i < 20 ? 0.2 : 0.7}`,
      ),
    ];
    writeFileSync(soft, `${rows.join("\n")}\n`);
    const m = await fairscope([
      "audit",
      soft,
      "--label",
      "y",
      "--score",
      "p",
      "--membership",
      "pa,pb",
      "--ci",
      "none",
    ]);
    expect(m.stderr).toBe("");
    expect(m.code).toBe(0);
    expect(m.stdout).toContain("Soft group membership");
    const both = await fairscope([
      "audit",
      soft,
      "--label",
      "y",
      "--score",
      "p",
      "--membership",
      "pa,pb",
      "--group",
      "y",
    ]);
    expect(both.code).toBe(2);
  });

  it("bad reference shares and minDenominator < 1 exit 2 naming the option", async () => {
    const bad = join(tmp, "bad.csv");
    writeFileSync(bad, "group,share\nWhite,0.6\nBlack,0.2\n");
    const r = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "race",
      "--reference-shares",
      bad,
      "--ci",
      "none",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--reference-shares .*bad\.csv: shares sum to 0\.8/);
    const m = await fairscope([
      "audit",
      ...ADULT,
      "--group",
      "race",
      "--min-denominator",
      "0",
      "--ci",
      "none",
    ]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--min-denominator must be at least 1/);
  });
});

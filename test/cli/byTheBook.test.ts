/**
 * The command by the book (clig.dev): help per subcommand with examples, the list of metric and
 * criterion ids, did-you-mean for flags, commands and ids, output paths checked before the run,
 * several outputs in one run, the subgroup scan from `audit`, progress only on a terminal, and
 * `--help`/`--version` without loading the audit code.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { CRITERIA } from "../../src/disparity/registry.js";
import { METRICS } from "../../src/metrics/registry.js";
import { REGRESSION_METRICS } from "../../src/regression/metrics.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const adult = join(root, "examples/data/adult-test-scored.csv");
const ADULT = ["--label", "income", "--score", "lr_score", "--group", "sex", "--ci", "none"];
const tmp = mkdtempSync(join(tmpdir(), "fairscope-book-"));

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  w.isTTY = isTTY;
  w.text = () => chunks.join("");
  return w;
}

async function cli(
  args: readonly string[],
  options: { tty?: boolean; env?: Record<string, string>; stdin?: string } = {},
) {
  const stdout = sink(options.tty ?? false);
  const stderr = sink(options.tty ?? false);
  const code = await run(args, {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout,
    stderr,
    env: options.env ?? { NO_COLOR: "1" },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Lines of a stack trace. */
const STACK = /\n\s+at /;

describe("fairscope by the book", { timeout: 60_000 }, () => {
  it("prints each subcommand's own help with its usage and examples", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    for (const name of ["audit", "gate", "scan", "metrics"]) {
      expect(top.stdout).toMatch(new RegExp(`\\n  ${name} +\\S`));
    }
    const audit = await cli(["audit", "--help"]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/^Usage:\n {2}fairscope audit <file\|->/);
    expect(audit.stdout).toContain("--scan-features <a,b,c>");
    expect(audit.stdout).toMatch(/Examples:\n {2}fairscope audit /);
    expect((await cli(["help", "audit"])).stdout).toBe(audit.stdout);
    const gate = await cli(["gate", "-h"]);
    expect(gate.stdout).toMatch(/^Usage:\n {2}fairscope gate /);
    expect(gate.stdout).toMatch(/Examples:\n {2}fairscope gate .*--out junit\.xml/s);
    const scan = await cli(["scan", "--help"]);
    expect(scan.stdout).toMatch(/^Usage:\n {2}fairscope scan /);
    expect(scan.stdout).toMatch(/Examples:\n {2}fairscope scan /);
    expect((await cli(["help", "scan"])).stdout).toBe(scan.stdout);
    expect((await cli(["metrics", "--help"])).stdout).toMatch(/^Usage:\n {2}fairscope metrics/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(top.stdout);
  });

  it("lists every registered metric and criterion id with its description", async () => {
    const text = await cli(["metrics"]);
    expect(text.code).toBe(0);
    for (const entry of [...METRICS, ...REGRESSION_METRICS, ...CRITERIA]) {
      expect(text.stdout).toMatch(new RegExp(`\\n {2}${entry.id} +\\S`));
    }
    const tpr = METRICS.find((m) => m.id === "truePositiveRate")!;
    expect(text.stdout).toContain(tpr.description);
    const json = JSON.parse((await cli(["metrics", "--format", "json"])).stdout);
    expect(json.metrics.map((m: { id: string }) => m.id)).toEqual(METRICS.map((m) => m.id));
    expect(
      [
        ...json.criteria,
        ...(json.regressionCriteria ?? []),
        ...(json.multiclassCriteria ?? []),
      ].map((c: { id: string }) => c.id),
    ).toEqual(CRITERIA.map((c) => c.id));
  });

  it("suggests the closest flag, command, metric and criterion, never Node's parser text", async () => {
    const cases: [readonly string[], string][] = [
      [["audit", adult, "--lable", "income"], "unknown option --lable; did you mean --label?"],
      [["audi", adult], 'unknown command "audi"; did you mean audit?'],
      [
        ["audit", adult, ...ADULT, "--metrics", "truePositveRate"],
        'unknown metric "truePositveRate"; did you mean truePositiveRate?',
      ],
      [
        ["audit", adult, "--task", "regression", "--metrics", "meanAbsoluteEror"],
        'unknown metric "meanAbsoluteEror"; did you mean meanAbsoluteError?',
      ],
      [["audit", adult, "--label"], "--label needs a value <col>"],
      [["audit", adult, "--counts=yes"], "--counts takes no value"],
      [["scan", adult, "--featurs", "sex"], "unknown option --featurs; did you mean --features?"],
      [["metrics", "--formt", "json"], "unknown option --formt; did you mean --format?"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain("To specify a positional argument");
      expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option '/);
    }
    const policy = join(tmp, "typo.json");
    writeFileSync(
      policy,
      JSON.stringify({ rules: [{ criterion: "equalisedOddsDifference", max: 0.1 }] }),
    );
    const gate = await cli(["gate", adult, ...ADULT, "--policy", policy]);
    expect(gate.code).toBe(2);
    expect(gate.stderr).toContain(
      'policy rule 1: unknown criterion "equalisedOddsDifference"; did you mean equalizedOddsDifference?',
    );
  });

  it("refuses an unwritable --out before reading the data: exit 2, a reason, no stack", async () => {
    for (const [out, reason] of [
      [join(tmp, "missing", "report.html"), "its directory does not exist"],
      [tmp, "it is a directory"],
      [join(adult, "report.html"), "a part of its path is not a directory"],
    ] as const) {
      // The data file does not exist either: the output is checked first.
      const r = await cli(["audit", join(tmp, "no-such.csv"), ...ADULT, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot write --out ${out}: ${reason}`);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toBe("");
    }
    const junit = await cli(["audit", adult, ...ADULT, "--out", join(tmp, "junit.xml")]);
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain("holds gate results: give --policy");
    const unknown = await cli(["audit", adult, ...ADULT, "--out", "a.html", "--out", "b.pdf"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("cannot tell the format of --out b.pdf");
  });

  it("writes several outputs of one gate run, each in the format of its extension", async () => {
    const paths = ["gate.md", "report.html", "junit.xml", "report.json", "report.txt"].map((f) =>
      join(tmp, f),
    );
    const policy = join(root, "examples/policies/fail.json");
    const r = await cli([
      "gate",
      adult,
      ...ADULT,
      "--policy",
      policy,
      ...paths.flatMap((p) => ["--out", p]),
      "--out",
      "-",
      "--format",
      "junit",
    ]);
    expect(r.code).toBe(1);
    const [md, html, junit, json, text] = paths.map((p) => readFileSync(p, "utf8"));
    expect(md).toContain("| group |");
    expect(html!.startsWith("<!doctype html>")).toBe(true);
    expect(junit).toContain('<testsuites name="fairscope gate"');
    expect(JSON.parse(json!).gate.passed).toBe(false);
    expect(text).toMatch(/^Fairness report \(fairscope /);
    expect(r.stdout).toBe(junit);
    // One --out with --format keeps that format, whatever the extension.
    const single = join(tmp, "single.out");
    expect((await cli(["audit", adult, ...ADULT, "--format", "json", "--out", single])).code).toBe(
      0,
    );
    expect(JSON.parse(readFileSync(single, "utf8")).groups).toHaveLength(2);
  });

  it("adds the subgroup scan to the audit with --scan-features", async () => {
    // 400 rows, probabilities 0.3 everywhere and 30% outcomes, but region "north" with band "b"
    // has no outcome: the scan must find it (over-predicted).
    const rows = Array.from({ length: 400 }, (_, i) => {
      const region = ["north", "south"][i % 2]!;
      const band = ["a", "b", "c", "d"][Math.floor(i / 2) % 4]!;
      const y = region === "north" && band === "b" ? 0 : i % 10 < 3 ? 1 : 0;
      return `${y},0.3,${i % 3 === 0 ? "F" : "M"},${region},${band}`;
    });
    const csv = `y,p,sex,region,band\n${rows.join("\n")}\n`;
    const r = await cli(
      [
        "audit",
        "-",
        "--label",
        "y",
        "--score",
        "p",
        "--group",
        "sex",
        "--ci",
        "none",
        "--scan-features",
        "region,band",
        "--format",
        "json",
      ],
      { stdin: csv },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const section = JSON.parse(r.stdout).subgroupScan;
    expect(section.features).toEqual(["region", "band"]);
    expect(section.subgroups[0].subset).toEqual({ region: ["north"], band: ["b"] });
    expect(section.subgroups[0].rows).toBe(50);
    // A probability of exactly 1 is refused by the Bernoulli score unless the scan clips it.
    const certain = csv.replace("\n1,0.3,", "\n1,1,");
    const scanArgs = ["--scan-features", "region,band", "--format", "json"];
    const base = ["audit", "-", "--label", "y", "--score", "p", "--group", "sex", "--ci", "none"];
    const refused = await cli([...base, ...scanArgs], { stdin: certain });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("strictly between 0 and 1");
    const clipped = await cli([...base, ...scanArgs, "--scan-clip", "1e-6"], { stdin: certain });
    expect(clipped.code).toBe(0);
    const report = JSON.parse(clipped.stdout);
    expect(report.subgroupScan.subgroups[0].subset).toEqual({ region: ["north"], band: ["b"] });
    const bad = await cli(["audit", adult, ...ADULT, "--scan-buckets", "age=one"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--scan-buckets takes name=count pairs");
  });

  it("shows progress while reading and while computing only on a terminal, without colour", async () => {
    const tty = await cli(["audit", adult, ...ADULT, "--out", join(tmp, "p.html")], {
      tty: true,
      env: { NO_COLOR: "1" },
    });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("auditing 16281 rows: metrics");
    expect(tty.stderr).toContain("writing");
    // The only control sequence is the one that clears the line: no colour.
    expect(tty.stderr.split("\u001b[K").join("")).not.toContain("\u001b");
    expect(tty.stderr.endsWith("\r\u001b[K")).toBe(true);
    const pipe = await cli(["audit", adult, ...ADULT, "--out", join(tmp, "q.html")]);
    expect(pipe.code).toBe(0);
    expect(pipe.stderr).toBe("");
  });

  it("loads no audit, registry, report, gate or schema code for --help and --version", () => {
    const STATIC =
      /^(?:import|export)\s(?!type\s)[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm;
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(STATIC)) {
        const spec = (m[1] ?? m[2])!;
        if (!spec.startsWith(".")) {
          seen.add(spec);
          continue;
        }
        const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
        if (existsSync(target)) visit(target);
      }
    };
    visit(join(root, "src/cli/main.ts"));
    const loaded = [...seen].map((f) => f.replace(`${root}/`, ""));
    expect(loaded).toContain("src/cli/run.ts");
    for (const heavy of [
      "src/cli/audit.ts",
      "src/report/audit.ts",
      "src/gate/gate.ts",
      "src/gate/policy.ts",
      "src/report/schema.ts",
      "src/metrics/registry.ts",
      "zod",
      "zod/mini",
      "csv-parse",
    ]) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });
});

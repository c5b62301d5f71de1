import { describe, expect, it } from "vitest";
import { parseRequest, UsageError } from "../../src/cli/request.js";

const commands = ["audit", "gate"];

describe("parseRequest(argv, commands)", () => {
  it("parses once into a typed request", () => {
    const r = parseRequest(
      [
        "audit",
        "data.csv",
        "--label",
        "y",
        "--score",
        "p",
        "--group",
        "sex",
        "--group",
        "race",
        "--threshold",
        "0.3",
        "--seed",
        "7",
        "--ci",
        "0.9",
        "--n-boot",
        "200",
        "--reference",
        "Male",
        "--metrics",
        "selectionRate, accuracy",
      ],
      commands,
    );
    expect(r.kind).toBe("command");
    if (r.kind !== "command") return;
    expect(r.data).toMatchObject({
      file: "data.csv",
      groups: ["sex", "race"],
      threshold: 0.3,
      engine: "memory",
      margin: false,
    });
    expect(r.audit).toEqual({
      intervals: { level: 0.9, nBoot: 200 },
      metrics: ["selectionRate", "accuracy"],
      reference: { label: "Male" },
      seed: 7,
    });
    expect(r.outputs).toEqual([{ path: undefined, format: "text" }]);
  });

  it("answers --help, --version and no command", () => {
    expect(parseRequest(["--help"], commands)).toEqual({ kind: "help", exitCode: 0 });
    expect(parseRequest([], commands)).toEqual({ kind: "help", exitCode: 2 });
    expect(parseRequest(["-v"], commands)).toEqual({ kind: "version" });
  });

  it("rejects the user's mistakes with a UsageError naming the flag", () => {
    for (const [argv, message] of [
      [["audit", "f", "--bogus"], /bogus/],
      [["gat", "f"], /unknown command "gat"; did you mean gate\? \(use audit, gate\)/],
      [["audit", "f", "--seed=-1"], /--seed must be an integer in \[0, 4294967295\]/],
      [["audit", "f", "--n-boot", "1"], /--n-boot must be an integer in \[2/],
      [["audit", "f", "--min-group-size", "2.5"], /--min-group-size/],
      [["audit", "f", "--ci", "1.5"], /--ci must be a level/],
      [["audit", "f", "--format", "pdf"], /--format must be one of/],
      [["audit", "f", "g"], /unexpected arguments: g/],
    ] as const) {
      expect(() => parseRequest(argv, commands), argv.join(" ")).toThrow(UsageError);
      expect(() => parseRequest(argv, commands), argv.join(" ")).toThrow(message);
    }
  });
});

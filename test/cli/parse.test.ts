import { describe, expect, it } from "vitest";
import { didYouMean, parseArguments, UsageError } from "../../src/cli/parse.js";

const OPTIONS = {
  label: { type: "string", value: "<column>" },
  group: { type: "string", multiple: true, value: "<column>" },
  quiet: { type: "boolean", short: "q" },
} as const;

describe("didYouMean(word, known, prefix)", () => {
  it("didYouMean(…) suggests the closest known word, or nothing", () => {
    expect(didYouMean("lable", ["label", "group"], "--")).toBe("; did you mean --label?");
    expect(didYouMean("zzzzzz", ["label", "group"])).toBe("");
  });
});

describe("parseArguments(argv, options)", () => {
  it("parseArguments(…) reads options, repeated options and positionals", () => {
    const { values, positionals } = parseArguments(
      ["data.csv", "--label", "y", "--group", "a", "--group=b", "-q"],
      OPTIONS,
    );
    expect(values).toEqual({ label: "y", group: ["a", "b"], quiet: true });
    expect(positionals).toEqual(["data.csv"]);
  });

  it("parseArguments(…) accepts a value starting with - only written inline", () => {
    expect(parseArguments(["--label=-1"], OPTIONS).values.label).toBe("-1");
    expect(parseArguments(["-"], OPTIONS).positionals).toEqual(["-"]);
  });

  it("parseArguments(…) explains each mistake for people", () => {
    const message = (argv: string[]) => {
      try {
        parseArguments(argv, OPTIONS);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error("expected a UsageError");
    };
    expect(message(["--lable", "y"])).toBe("unknown option --lable; did you mean --label?");
    expect(message(["--label"])).toBe("--label needs a value <column>");
    expect(message(["--label", "-1"])).toBe(
      '--label needs a value <column> (for a value starting with "-", write --label=-1)',
    );
    expect(message(["--quiet=yes"])).toBe("--quiet takes no value");
  });
});

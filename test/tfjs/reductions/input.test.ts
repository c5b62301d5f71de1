import { describe, expect, it } from "vitest";
import { encodeTraining } from "../../../src/tfjs/reductions/input.js";
import { inputIssues } from "../../helpers/errors.js";

describe("encodeTraining(input, fn)", () => {
  it("encodeTraining(…) encodes labels and groups as prepare does", () => {
    const encoded = encodeTraining(
      { yTrue: ["no", "yes", "yes"], posLabel: "yes", sensitiveFeatures: ["b", "a", "b"] },
      "fit",
    );
    expect(Array.from(encoded.label)).toEqual([0, 1, 1]);
    expect(Array.from(encoded.group)).toEqual([1, 0, 1]);
    expect(encoded.keys).toEqual([["a"], ["b"]]);
  });

  it("encodeTraining(…) keeps rows aligned: a missing group is an error or a group, never dropped", () => {
    expect(
      inputIssues(() =>
        encodeTraining({ yTrue: [0, 1], sensitiveFeatures: ["a", null] }, "fit"),
      )[0]!.code,
    ).toBe("missing_group");
    const asGroup = encodeTraining(
      { yTrue: [0, 1], sensitiveFeatures: ["a", null], missingGroup: "asGroup" },
      "fit",
    );
    expect(asGroup.keys).toEqual([["a"], [null]]);
    expect(() =>
      encodeTraining(
        { yTrue: [0, 1], sensitiveFeatures: ["a", "b"], missingGroup: "drop" as "error" },
        "ExponentiatedGradient.fit",
      ),
    ).toThrow(
      new RangeError('ExponentiatedGradient.fit: missingGroup must be "error" or "asGroup"'),
    );
  });
});

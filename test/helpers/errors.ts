import { expect } from "vitest";
import { FairnessInputError, type InputIssue } from "../../src/index.js";

/** Runs `fn`, expects a FairnessInputError, and returns its issues. */
export function inputIssues(fn: () => unknown): readonly InputIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FairnessInputError);
    return (error as FairnessInputError).issues;
  }
  throw new Error("expected a FairnessInputError");
}

import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputs } from "../../src/cli/outputs.js";
import { UsageError } from "../../src/cli/request.js";

const dir = mkdtempSync(join(tmpdir(), "fairscope-outputs-"));
const file = join(dir, "existing.txt");
writeFileSync(file, "x");

const reason = (path: string) => {
  try {
    checkOutputs([{ path, format: "json" }], false);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
};

describe("checkOutputs(outputs, gated)", () => {
  it("checkOutputs(…) accepts a new or existing file in a writable directory, and stdout", () => {
    expect(reason(join(dir, "new.json"))).toBeUndefined();
    expect(reason(file)).toBeUndefined();
    expect(() => checkOutputs([{ path: undefined, format: "text" }], false)).not.toThrow();
  });

  it("checkOutputs(…) names the output and why it cannot be written", () => {
    expect(reason(dir)).toBe(`cannot write --out ${dir}: it is a directory`);
    expect(reason(join(dir, "missing", "x.json"))).toBe(
      `cannot write --out ${join(dir, "missing", "x.json")}: its directory does not exist`,
    );
    expect(reason(join(file, "x.json"))).toBe(
      `cannot write --out ${join(file, "x.json")}: a part of its path is not a directory`,
    );
  });

  // Root may write anywhere, so the check is only observable for other users.
  it.skipIf(process.getuid?.() === 0)(
    "checkOutputs(…) reports a directory without write permission",
    () => {
      const locked = join(dir, "locked");
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      const message = reason(join(locked, "x.json"));
      chmodSync(locked, 0o700);
      expect(message).toBe(`cannot write --out ${join(locked, "x.json")}: permission denied`);
    },
  );

  it("checkOutputs(…) needs gate results for JUnit output", () => {
    expect(() => checkOutputs([{ path: "r.xml", format: "junit" }], false)).toThrow(
      "JUnit output (--out r.xml) holds gate results: give --policy",
    );
    expect(() => checkOutputs([{ path: undefined, format: "junit" }], true)).not.toThrow();
  });
});

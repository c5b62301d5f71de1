import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { progressOn } from "../../src/cli/progress.js";

/** A CLI io whose stderr records what is written, as a terminal or not. */
function io(isTTY: boolean) {
  const written: string[] = [];
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  const cli = { stdin: undefined, stdout: undefined, stderr, env: {} } as unknown as CliIo;
  return { cli, written };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("progressOn(io)", () => {
  it("progressOn(…) reports nothing when stderr is not a terminal", () => {
    expect(progressOn(io(false).cli)).toBeUndefined();
  });

  it("each message replaces the previous one on the same line, and done clears it", () => {
    const { cli, written } = io(true);
    const progress = progressOn(cli)!;
    progress.done();
    expect(written).toEqual([]);
    progress.stage("auditing 10 rows");
    progress.done();
    progress.done();
    expect(written).toEqual(["\rauditing 10 rows…\u001b[K", "\r\u001b[K"]);
  });

  it("reading(…) shows the share read and the megabytes, at most every 100 ms", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const { cli, written } = io(true);
    const progress = progressOn(cli)!;
    progress.reading(2_500_000, 10_000_000);
    progress.reading(5_000_000, 10_000_000);
    vi.setSystemTime(1_000_150);
    progress.reading(12_000_000, 10_000_000);
    vi.setSystemTime(1_000_300);
    progress.reading(1_234_567, undefined);
    expect(written).toEqual([
      "\rreading 25% (2.5 MB)\u001b[K",
      "\rreading 100% (12.0 MB)\u001b[K",
      "\rreading (1.2 MB)\u001b[K",
    ]);
  });
});

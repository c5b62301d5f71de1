/**
 * `run` (the CLI without a process): colour and progress depend on the streams being TTYs.
 */
import { dirname, join, resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = [
  "audit",
  join(root, "examples/data/adult-test-scored.csv"),
  "--label",
  "income",
  "--score",
  "lr_score",
  "--group",
  "sex",
  "--ci",
  "none",
];

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

describe("run", { timeout: 60_000 }, () => {
  it("colours text only on a TTY without NO_COLOR, and reports progress only to a TTY", async () => {
    const tty = sink(true);
    const ttyErr = sink(true);
    expect(
      await run(args, { stdin: Readable.from([]), stdout: tty, stderr: ttyErr, env: {} }),
    ).toBe(0);
    expect(tty.text()).toContain("\u001b[1m");
    expect(ttyErr.text()).toContain("reading");

    const noColor = sink(true);
    const env = { NO_COLOR: "1" };
    await run(args, { stdin: Readable.from([]), stdout: noColor, stderr: sink(true), env });
    expect(noColor.text()).not.toContain("\u001b[");

    const pipe = sink(false);
    const pipeErr = sink(false);
    await run(args, { stdin: Readable.from([]), stdout: pipe, stderr: pipeErr, env: {} });
    expect(pipe.text()).not.toContain("\u001b[");
    expect(pipeErr.text()).toBe("");
  });

  it("exits 3 with a one-line bug report on an internal error, the stack only with --debug", async () => {
    const broken = Object.assign(sink(false), {
      write: () => {
        throw new RangeError("boom");
      },
    });
    for (const debug of [false, true]) {
      const err = sink(false);
      const io = { stdin: Readable.from([]), stdout: broken, stderr: err, env: {} };
      expect(await run([...args, ...(debug ? ["--debug"] : [])], io)).toBe(3);
      expect(err.text()).toMatch(
        /^fairscope: internal error: boom\nThis is a bug in fairscope; please report it/,
      );
      expect(err.text().includes("    at ")).toBe(debug);
    }
  });

  it("exits 2 on a user's mistake", async () => {
    const err = sink(false);
    const io = { stdin: Readable.from([]), stdout: sink(false), stderr: err, env: {} };
    expect(await run([...args, "--n-boot", "1"], io)).toBe(2);
    expect(err.text()).toContain("--n-boot must be an integer");
  });
});

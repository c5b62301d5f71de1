/**
 * `--engine duckdb` without the optional package @duckdb/node-api (its import fails here, as
 * when it is not installed): exit code 2 and a message saying to install it.
 */
import { Readable, Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/run.js";

vi.mock("@duckdb/node-api", () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

describe("audit --engine duckdb without @duckdb/node-api", () => {
  it("exits 2 and says to install the package", async () => {
    const chunks: string[] = [];
    const stderr = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const args = ["audit", "data.parquet", "--engine", "duckdb", "--label", "y", "--pred", "p"];
    const code = await run([...args, "--group", "g"], {
      stdin: Readable.from([]),
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr,
      env: {},
    });
    expect(code).toBe(2);
    expect(chunks.join("")).toMatch(
      /needs the optional package @duckdb\/node-api: npm install @duckdb\/node-api/,
    );
  });
});

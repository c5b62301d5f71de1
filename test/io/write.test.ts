/**
 * Writing outputs in pieces: files and streams receive every piece, in order.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { joinedLines, writeOutput, writePieces } from "../../src/io/write.js";
import { inputIssues } from "../helpers/errors.js";

describe("writing outputs in pieces", () => {
  it("joinedLines(…) joins with newlines and a final newline, a few hundred lines a piece", () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `line ${i}`);
    const pieces = [...joinedLines(lines)];
    expect(pieces.join("")).toBe(`${lines.join("\n")}\n`);
    expect(pieces).toHaveLength(3);
    expect([...joinedLines([])]).toEqual([]);
  });

  it("writeOutput(…) writes every piece to the file; a missing directory is an input error", () => {
    const dir = mkdtempSync(join(tmpdir(), "fairscope-write-"));
    writeOutput(join(dir, "out.txt"), ["a", "b", "c"]);
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("abc");
    const issues = inputIssues(() => writeOutput(join(dir, "no", "out.txt"), ["x"]));
    expect(issues[0]).toMatchObject({ code: "invalid_option", path: ["out"] });
  });

  it("writePieces(…) waits for a slow stream to drain and keeps the order", async () => {
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk, _enc, done) {
        received.push(String(chunk));
        setTimeout(done, 1);
      },
    });
    const pieces = Array.from({ length: 50 }, (_, i) => `piece ${i};`);
    await writePieces(slow, pieces);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(received.join("")).toBe(pieces.join(""));
  });

  it("writePieces(…) stops quietly when the reader goes away (EPIPE) and throws other errors", async () => {
    const failing = (code: string) => {
      let writes = 0;
      return new Writable({
        highWaterMark: 1,
        write(_chunk, _enc, done) {
          writes++;
          if (writes === 3) done(Object.assign(new Error(`write ${code}`), { code }));
          else setTimeout(done, 1);
        },
      });
    };
    const pieces = Array.from({ length: 100 }, (_, i) => `piece ${i};`);
    await expect(writePieces(failing("EPIPE"), pieces)).resolves.toBeUndefined();
    await expect(writePieces(failing("EIO"), pieces)).rejects.toThrow("write EIO");
  });
});

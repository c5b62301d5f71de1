/**
 * Preload (`node --import ./test/bench/peak.mjs …`; plain JavaScript, so the
 * measured program carries no TypeScript loader) that prints, when the process
 * exits, its peak memory as one JSON line on stderr prefixed `fairscope-bench-peak `: Linux
 * `VmHWM` (this program's peak; exec resets it) and `process.resourceUsage().maxRSS` (getrusage,
 * which keeps the parent's peak across fork and exec), both in KiB.
 */
import { readFileSync } from "node:fs";

/** This process's peak resident set in KiB (Linux `VmHWM`), or null off Linux. */
function vmHwmKiB() {
  try {
    const line = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

process.on("exit", () => {
  const peak = { vmHwmKiB: vmHwmKiB(), maxRssKiB: process.resourceUsage().maxRSS };
  process.stderr.write(`fairscope-bench-peak ${JSON.stringify(peak)}\n`);
});

/**
 * Time of `import('fairscope')` (the built dist/index.js) in fresh node processes.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

const CHILD = `
const t0 = performance.now();
await import(process.argv[1]);
console.log(performance.now() - t0);
`;

export interface ImportTimes {
  readonly runs: number[];
  readonly median: number;
  /** Time from process start to the first line of the child script, for context. */
  readonly nodeStartup: number;
}

/** Spawns `runs` fresh processes, each timing one dynamic import of the built entry. */
export async function importTime(runs: number): Promise<ImportTimes> {
  if (!existsSync(ENTRY))
    throw new Error("importTime: run `npm run build` first (npm run bench does)");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", CHILD, ENTRY]);
    times.push(Number(out.toString().trim()));
  }
  const startup = execFileSync(process.execPath, ["-e", "console.log(performance.now())"]);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: times,
    median: sorted[Math.floor(sorted.length / 2)]!,
    nodeStartup: Number(startup.toString().trim()),
  };
}

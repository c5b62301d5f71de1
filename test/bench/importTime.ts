/**
 * Start-up costs in fresh node processes: `import('fairscope')` (resolved as a user's Node resolves
 * it, through the package's exports: the bundled build dist/bundle/index.js), the
 * CLI's `--version` and `--help`, and node's own start-up (`node -e 0`), each the median of `runs` processes.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENTRY = fileURLToPath(new URL("../../dist/bundle/index.js", import.meta.url));
const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

const CHILD = `
const t0 = performance.now();
await import(process.argv[1]);
console.log(performance.now() - t0);
`;

export interface ImportTimes {
  /** Time of the dynamic import inside each process, in ms. */
  readonly runs: number[];
  /** Their median. */
  readonly median: number;
  /** Median wall time of `node -e 0`, spawn included. */
  readonly nodeStartup: number;
  /** Median wall time of `node dist/cli.js --version`, spawn included. */
  readonly cliVersion: number;
  /** Median wall time of `node dist/cli.js --help`, spawn included. */
  readonly cliHelp: number;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of `runs` fresh processes of node with `args`. */
function wallTime(args: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Spawns `runs` fresh processes for each measurement. */
export async function importTime(runs: number): Promise<ImportTimes> {
  if (!existsSync(ENTRY))
    throw new Error("importTime: run `npm run build` first (npm run bench does)");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", CHILD, "fairscope"], {
      cwd: ROOT,
    });
    times.push(Number(out.toString().trim()));
  }
  return {
    runs: times,
    median: median(times),
    nodeStartup: wallTime(["-e", "0"], runs),
    cliVersion: wallTime([CLI, "--version"], runs),
    cliHelp: wallTime([CLI, "--help"], runs),
  };
}

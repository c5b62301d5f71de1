/**
 * Running a notebook headless with nbclient (Debian's python3-nbclient) through execute.py, and
 * reading the executed copy's outputs.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PYTHON = "/usr/bin/python3";
const here = dirname(fileURLToPath(import.meta.url));

/** One output of an executed cell, as nbformat stores it. */
export interface NotebookOutput {
  output_type: string;
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  text?: string | string[];
}

/** Whether /usr/bin/python3 can import nbclient and nbformat. */
export function nbclientAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import nbclient, nbformat"]).status === 0;
}

/** The install hint of a skipped notebook test. */
export const NBCLIENT_HINT =
  "/usr/bin/python3 with nbclient (apt-get install -y python3-nbclient jupyter-core)";

/** Runs `notebook` in `kernel` with working folder `cwd`, writing the executed copy to `out`. */
export function executeNotebook(
  notebook: string,
  out: string,
  kernel: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): SpawnSyncReturns<string> {
  return spawnSync(PYTHON, [join(here, "execute.py"), notebook, out, kernel, cwd], {
    env,
    encoding: "utf8",
  });
}

/** Every output of every cell of the executed notebook at `path`. */
export function notebookOutputs(path: string): NotebookOutput[] {
  const executed = JSON.parse(readFileSync(path, "utf8")) as {
    cells: { cell_type: string; outputs?: NotebookOutput[] }[];
  };
  return executed.cells.flatMap((c) => c.outputs ?? []);
}

/** A multiline output field as one string. */
export const outputText = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? v.join("") : (v ?? "");

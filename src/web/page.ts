/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The private audit page's script (bundled into dist/web/index.html by src/web/build.ts): a
 * person picks or drops a CSV file, chooses the label, score (or prediction) and group columns,
 * and the page audits it and shows the report with its charts, all in this browser tab. Nothing
 * is sent anywhere; the page's Content-Security-Policy forbids network connections.
 */
import { audit } from "../report/audit.js";
import { renderHtml } from "../report/render/html.js";
import {
  auditInput,
  type ColumnRoles,
  type CsvTable,
  type Delimiter,
  parseCsv,
  sniffDelimiter,
  suggestRoles,
} from "./table.js";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const fileInput = byId<HTMLInputElement>("file");
const drop = byId<HTMLElement>("drop");
const status = byId<HTMLElement>("status");
const form = byId<HTMLFormElement>("roles");
const output = byId<HTMLElement>("report");
const download = byId<HTMLAnchorElement>("download");

let text = "";
let fileName = "";
let table: CsvTable | undefined;

function say(message: string, error = false): void {
  status.textContent = message;
  status.className = error ? "error" : "";
}

function options(select: HTMLSelectElement, names: readonly string[], empty?: string): void {
  select.replaceChildren(
    ...(empty === undefined ? [] : [new Option(empty, "")]),
    ...names.map((n) => new Option(n, n)),
  );
}

function showColumns(t: CsvTable): void {
  const roles = suggestRoles(t);
  const label = byId<HTMLSelectElement>("label");
  const score = byId<HTMLSelectElement>("score");
  options(label, t.header);
  options(score, t.header);
  if (roles.label !== undefined) label.value = roles.label;
  if (roles.score !== undefined) score.value = roles.score;
  else byId<HTMLInputElement>("kind-prediction").checked = true;
  const groups = byId<HTMLElement>("groups");
  groups.replaceChildren(
    ...t.header.map((name) => {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "group";
      box.value = name;
      box.checked = roles.groups?.includes(name) ?? false;
      const item = document.createElement("label");
      item.append(box, ` ${name}`);
      return item;
    }),
  );
  form.hidden = false;
}

function load(source: string, name: string): void {
  text = source;
  fileName = name;
  const delimiter = byId<HTMLSelectElement>("delimiter");
  delimiter.value = sniffDelimiter(source);
  reparse();
}

function reparse(): void {
  const delimiter = byId<HTMLSelectElement>("delimiter").value as Delimiter;
  try {
    table = parseCsv(text, delimiter);
    say(`${fileName}: ${table.rows} rows, ${table.header.length} columns. Choose the columns.`);
    showColumns(table);
  } catch (error) {
    table = undefined;
    form.hidden = true;
    say(`${fileName} could not be read: ${(error as Error).message}`, true);
  }
}

async function readFile(file: File | undefined): Promise<void> {
  if (!file) return;
  say(`Reading ${file.name}…`);
  load(await file.text(), file.name);
}

function chosenRoles(): ColumnRoles {
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value;
  const prediction = byId<HTMLInputElement>("kind-prediction").checked;
  const threshold = Number(value("threshold"));
  return {
    label: value("label"),
    posLabel: value("pos-label").trim(),
    ...(prediction ? { prediction: value("score") } : { score: value("score"), threshold }),
    groups: [...form.querySelectorAll<HTMLInputElement>("input[name=group]:checked")].map(
      (b) => b.value,
    ),
  };
}

async function run(): Promise<void> {
  if (!table) return;
  say("Auditing in this browser tab…");
  output.replaceChildren();
  download.hidden = true;
  // Lets the browser paint the message before the computation takes the thread.
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    const report = audit(auditInput(table, chosenRoles()), { seed: 0 }).toJSON();
    const titled = {
      ...report,
      metadata: { ...report.metadata, title: `Fairness report: ${fileName}` },
    };
    output.innerHTML = renderHtml(titled, { fragment: true });
    const documentHtml = renderHtml(titled);
    download.href = URL.createObjectURL(new Blob([documentHtml], { type: "text/html" }));
    download.download = `${fileName.replace(/\.[^.]*$/, "")}-fairness-report.html`;
    download.hidden = false;
    say(`Audited ${report.metadata.input.rows} rows of ${fileName}.`);
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    const detail = issues ? issues.map((i) => i.message).join("; ") : (error as Error).message;
    say(`The audit could not run: ${detail}`, true);
  }
}

fileInput.addEventListener("change", () => void readFile(fileInput.files?.[0]));
byId<HTMLSelectElement>("delimiter").addEventListener("change", () => {
  if (text !== "") reparse();
});
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  void readFile(event.dataTransfer?.files[0]);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run();
});

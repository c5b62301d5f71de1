/**
 * The audit page's document: the form, the privacy statement and the Content-Security-Policy
 * (no network connection of any kind, only the page's own inline script, by its hash).
 */
import { htmlDocument } from "../report/render/document.js";

/** The page's Content-Security-Policy for an inline script with the given SHA-256 (base64). */
export function pagePolicy(scriptSha256: string): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptSha256}'`,
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

const CSS = `
body{margin:0;background:#fff;color:#1b1f24;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:24px;margin:8px 0 4px}
.private{border-left:4px solid #1a7f37;background:#dafbe1;padding:8px 12px;margin:8px 0 16px}
#drop{border:2px dashed #8c959f;border-radius:8px;padding:20px;text-align:center;background:#f6f8fa}
#drop.over{border-color:#0969da;background:#ddf4ff}
#status{margin:10px 0;color:#57606a}#status.error{color:#cf222e;font-weight:600}
form{display:grid;grid-template-columns:max-content 1fr;gap:8px 14px;align-items:center;margin:12px 0;padding:12px;border:1px solid #d0d7de;border-radius:8px}
form[hidden]{display:none}
form .wide{grid-column:1 / -1}
#groups label{margin-right:14px;white-space:nowrap}
button{font:inherit;padding:6px 18px;border-radius:6px;border:1px solid #1a7f37;background:#1f883d;color:#fff;cursor:pointer}
a#download{display:inline-block;margin:8px 0}
`;

/**
 * The page as one HTML document with its script inline (so it works opened from a file).
 *
 * @example
 * pageDocument("1", "abc").includes("connect-src 'none'"); // => true
 */
export function pageDocument(script: string, scriptSha256: string): string {
  return htmlDocument(
    "fairscope: private fairness audit",
    pagePolicy(scriptSha256),
    CSS,
    `<main>
<h1>Private fairness audit</h1>
<p class="private"><b>Your data stays on this computer.</b> This page reads the file you choose and
computes the report inside this browser tab. It uploads nothing and makes no network request of
any kind: its Content-Security-Policy forbids every connection, so it also works offline.</p>
<div id="drop">
<p>Drop a CSV file here, or choose one: <input type="file" id="file" accept=".csv,.tsv,.txt,text/csv"></p>
<p>Separator: <select id="delimiter"><option value=",">comma</option><option value=";">semicolon</option><option value="&#9;">tab</option></select></p>
</div>
<p id="status" role="status">No file yet. The file needs a header row, a true-outcome column, a score or prediction column and one or more group columns.</p>
<form id="roles" hidden>
<label for="label">True outcome (label)</label><select id="label"></select>
<label for="pos-label">Positive label</label><span><input id="pos-label" placeholder="e.g. >50K (not needed for 0/1 or true/false)" size="40"></span>
<span>Model output</span><span><label><input type="radio" name="kind" id="kind-score" checked> probability score</label> <label><input type="radio" name="kind" id="kind-prediction"> predicted label</label></span>
<label for="score">Score or prediction column</label><select id="score"></select>
<label for="threshold">Threshold (scores)</label><span><input id="threshold" type="number" value="0.5" min="0" max="1" step="0.01"> predicted positive when score ≥ threshold</span>
<span>Group columns</span><span id="groups"></span>
<span class="wide"><button type="submit" id="run">Audit</button></span>
</form>
<a id="download" hidden>Save the report as an HTML file</a>
<div id="report"></div>
</main>
<script>${script}</script>`,
  );
}

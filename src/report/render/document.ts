/**
 * The frame of a standalone HTML document: UTF-8, a mobile viewport, a Content-Security-Policy,
 * the title, one inline style sheet and the body.
 */
import { escapeHtml } from "../escape.js";

/**
 * A complete HTML document around `body` (inserted as is), with the page's policy and inline
 * CSS; the title is escaped.
 *
 * @example
 * htmlDocument("a < b", "default-src 'none'", "p{margin:0}", "<p>hi</p>").includes("<title>a &lt; b</title>"); // => true
 */
export function htmlDocument(title: string, policy: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

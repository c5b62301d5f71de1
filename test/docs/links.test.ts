/**
 * Every relative link in README.md and docs/*.md points at a file of the repository, and every
 * `#anchor` at a heading of its target Markdown file (GitHub's heading slugs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const docs = join(root, "docs");
const pages = [
  join(root, "README.md"),
  ...readdirSync(docs)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(docs, f)),
];

/** The Markdown outside fenced code blocks and inline code spans. */
function prose(text: string): string {
  return text.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor for each heading of a Markdown file, duplicates numbered -1, -2, … */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(readFileSync(file, "utf8")).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

/** The relative targets of the inline links and images of a page. */
function links(file: string): string[] {
  const targets = [...prose(readFileSync(file, "utf8")).matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
  return targets;
}

describe("relative links in README.md and docs/*.md", () => {
  it.each(pages.map((p) => [relative(root, p), p]))("%s", (_, page) => {
    const broken = links(page!).filter((target) => {
      const [path = "", anchor] = target.split("#");
      const file = path === "" ? page! : resolve(dirname(page!), decodeURIComponent(path));
      if (!existsSync(file)) return true;
      if (anchor === undefined) return false;
      return !(statSync(file).isFile() && file.endsWith(".md") && anchors(file).has(anchor));
    });
    expect(broken, `broken links in ${relative(root, page!)}`).toEqual([]);
  });
});

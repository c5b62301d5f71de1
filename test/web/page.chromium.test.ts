/**
 * The private audit page in Debian's headless Chromium (playwright-core): builds
 * dist/web/index.html into a temporary folder, opens it from the file, uploads the bundled Adult
 * file, keeps the suggested columns (income, lr_score; sex and race), audits, and checks the
 * headline finding (the same sentence Node's `audit` writes), the charts, that no request left
 * the page, and the page's Content-Security-Policy. Writes a screenshot to
 * $FAIRSCOPE_SCREENSHOTS (or the temporary folder). Skips, saying so, without /usr/bin/chromium.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/report/audit.js";
import { buildWebPage } from "../../src/web/build.js";
import { auditInput, parseCsv } from "../../src/web/table.js";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.js";

const available = chromiumAvailable("page.chromium.test");
const ADULT = resolve("examples/data/adult-test-scored.csv");

describe("private audit page", () => {
  it.skipIf(!available)(
    "audits a dropped CSV in the page with no network request",
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "fairscope-page-"));
      const { path } = await buildWebPage(join(dir, "web"));
      const html = readFileSync(path, "utf8");
      expect(html).toContain("connect-src 'none'");
      expect(html).toContain("default-src 'none'");

      // What Node says for the same columns.
      const table = parseCsv(readFileSync(ADULT, "utf8"));
      const expected = audit(
        auditInput(table, { label: "income", score: "lr_score", groups: ["sex", "race"] }),
        { seed: 0 },
      )
        .toJSON()
        .findings.filter((f) => f.headline)
        .map((f) => f.text);
      expect(expected.length).toBeGreaterThan(0);

      const context = await launchChromium(dir);
      try {
        const page = await context.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on("request", (r) => {
          requests.push(r.url());
        });
        page.on("pageerror", (e) => {
          errors.push(e.message);
        });
        await page.setViewportSize({ width: 1200, height: 900 });
        await page.goto(pathToFileURL(path).href);
        await page.setInputFiles("#file", ADULT);
        await page.waitForSelector("#roles:not([hidden])");
        expect(await page.inputValue("#label")).toBe("income");
        expect(await page.inputValue("#score")).toBe("lr_score");
        const groups = await page.$$eval("input[name=group]:checked", (boxes) =>
          boxes.map((b) => (b as HTMLInputElement).value),
        );
        expect(groups).toEqual(["sex", "race"]);
        await page.click("#run");
        await page.waitForSelector("#report .fairscope", { timeout: 120_000 });

        expect(await page.textContent("#report h2")).toBe("Headlines");
        const headlines = await page.$$eval("#report h2:first-of-type + ul.findings li", (items) =>
          items.map((li) => li.textContent),
        );
        expect(headlines).toEqual(expected);
        expect(headlines).toContain(
          "The worst-served group for equal opportunity is Female, Amer-Indian-Eskimo: TPR 0.000 (0/3) vs 0.620 (1845/2976) for the reference Male, White; gap 0.620, 95% CI 0.058–0.637. The rate for Female, Amer-Indian-Eskimo rests on only 3 positives (fewer than 30); its interval is exact (Clopper–Pearson) and wide.",
        );
        expect(await page.textContent("#status")).toBe(
          "Audited 16281 rows of adult-test-scored.csv.",
        );
        expect(await page.locator("#report .chart svg").count()).toBeGreaterThanOrEqual(3);
        expect(await page.isVisible("#download")).toBe(true);
        expect(errors).toEqual([]);

        const shots = process.env.FAIRSCOPE_SCREENSHOTS ?? dir;
        await page.screenshot({ path: join(shots, "audit-page.png"), fullPage: true });
        // The page itself, then only blob: URLs it made (the report to save); nothing else.
        expect(requests[0]).toBe(pathToFileURL(path).href);
        expect(requests.slice(1).filter((u) => !u.startsWith("blob:"))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

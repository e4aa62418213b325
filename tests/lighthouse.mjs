// Lighthouse (pinned in package-lock.json) over a list of pages in one Chromium:
//   node tests/lighthouse.mjs mobile|desktop CHROMIUM URL...
// prints one JSON array: per page, its four category scores (0-100) and every
// audit that counts towards a category and did not pass.
// chrome-launcher is Lighthouse's own dependency (the same version it runs with).
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [formFactor, chromePath, ...urls] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const pages = [];
try {
  const run = async (url) => {
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
    return (await lighthouse(url, flags, formFactor === "desktop" ? desktopConfig : undefined)).lhr;
  };
  const performance = (lhr) => lhr.categories.performance.score ?? 0;
  for (const url of urls) {
    // Lighthouse's performance score varies from run to run on a busy machine (its
    // documentation: take the median of several runs); a page below 95 is run three
    // times and the median run is the one reported. The other categories do not vary.
    let lhr = await run(url);
    if (performance(lhr) < 0.95) {
      const runs = [lhr, await run(url), await run(url)].sort((a, b) => performance(a) - performance(b));
      lhr = runs[1];
    }
    const scores = {};
    const failed = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failed.push({ category: id, id: ref.id, title: audit.title, score: audit.score, value: audit.displayValue || "" });
        }
      }
    }
    pages.push({ url, scores, failed, error: lhr.runtimeError ? lhr.runtimeError.message : null });
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(pages));

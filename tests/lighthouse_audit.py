"""Lighthouse's scores of pages served by nginx, and the audits they fail.

The targets (the site's quality gate): 100 in accessibility, best practices
and SEO, at least 95 in performance, on a phone (Lighthouse's mobile
emulation, simulated slow 4G) and on a desktop. A page that misses 95 in
performance is measured again, three times, with the CPU slowdown calibrated
to the machine (tests/lighthouse.mjs says how); the report says when.
"""

import json
import subprocess

from tools import CHROMIUM, NODE_MODULES, ROOT, require

SCRIPT = ROOT / "tests" / "lighthouse.mjs"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def audit(urls, form_factor):
    """[{url, scores, failed, error}] for each URL, in order (tests/lighthouse.mjs)."""
    require(NODE_MODULES / "lighthouse", "run 'npm ci' (make test does)")
    result = subprocess.run(
        ["node", str(SCRIPT), form_factor, CHROMIUM, *urls],
        capture_output=True, text=True, check=False, timeout=60 * len(urls) + 60, cwd=ROOT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(pages, form_factor, name=lambda url: url, expected=None):
    """(lines for people, lines of what misses a target): each page's scores, then every failed audit.

    expected: {url: {audit ids}} a page fails on purpose (the offline page asks not to be indexed:
    `is-crawlable`); a category whose only failed audits are expected ones is not a miss.
    """
    lines, misses = [], []
    expected = expected or {}
    for page in pages:
        scores = page["scores"]
        calibration = page.get("calibration")
        lines.append(f"{form_factor:<8}{name(page['url']):<40}"
                     + " ".join(f"{category}={scores.get(category)}" for category in TARGETS)
                     + (f" (median of 3, CPU {calibration['multiplier']}x for benchmark index"
                        f" {calibration['benchmarkIndex']})" if calibration else ""))
        if page["error"]:
            misses.append(f"{form_factor} {name(page['url'])}: Lighthouse could not run: {page['error']}")
        for category, target in TARGETS.items():
            failed = {audit["id"] for audit in page["failed"] if audit["category"] == category}
            if failed and failed <= expected.get(page["url"], set()):
                continue
            if scores.get(category) is None or scores[category] < target:
                misses.append(f"{form_factor} {name(page['url'])}: {category} {scores.get(category)} < {target}")
        for failed in page["failed"]:
            lines.append(f"    {failed['category']}: {failed['id']} ({failed['score']:.2f}) {failed['title']}"
                         + (f": {failed['value']}" if failed["value"] else ""))
    return lines, misses

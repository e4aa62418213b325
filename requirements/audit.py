"""Known vulnerabilities in the locked packages: pip-audit over requirements/dev.txt, npm audit.

    .venv/bin/invoke audit          (or .venv/bin/python requirements/audit.py)

pip-audit looks up every package of requirements/dev.txt (a superset of build.txt) at its
locked version without installing anything (`--disable-pip`, hashes required), in PyPI's
vulnerability data; `npm audit` looks up package-lock.json in the npm registry's advisories.
Both need those services: where one cannot be reached, or answers for only some packages,
its part is reported as NOT CHECKED with the reason, never as passed.

Exit status: 0 when both parts were checked and found nothing; 1 when a known vulnerability
was found (each is listed with its fix); 2 when a part could not be checked.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = "requirements/dev.txt"

OK, VULNERABLE, NOT_CHECKED = "ok", "vulnerable", "not checked"


def _last_line(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def python_verdict(report, returncode, stderr=""):
    """(status, lines) of pip-audit's JSON report (`--format json`), its exit status and stderr."""
    try:
        data = json.loads(report or "")
        dependencies = data["dependencies"]
    except (ValueError, KeyError, TypeError):
        return NOT_CHECKED, [f"Python packages: NOT CHECKED: pip-audit gave no report ({_last_line(stderr)})."]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    found = [(d, v) for d in dependencies for v in d.get("vulns", [])]
    lines = [
        f"Python packages: {d['name']} {d['version']}: {v['id']}"
        + (f" (also {', '.join(v['aliases'])})" if v.get("aliases") else "")
        + (f", fixed in {', '.join(v['fix_versions'])}" if v.get("fix_versions") else ", no fixed version yet")
        for d, v in found
    ]
    if skipped:
        reason = skipped[0]["skip_reason"]
        lines.append(
            f"Python packages: NOT CHECKED: {len(skipped)} of {len(dependencies)} could not be looked up"
            f" in the vulnerability database (e.g. {reason})."
        )
    if found:
        return VULNERABLE, lines
    if skipped:
        return NOT_CHECKED, lines
    if returncode:
        return NOT_CHECKED, [f"Python packages: NOT CHECKED: pip-audit failed ({_last_line(stderr)})."]
    return OK, [f"Python packages: no known vulnerabilities in {len(dependencies)} locked packages."]


def npm_verdict(report, returncode, stderr=""):
    """(status, lines) of `npm audit --json`'s report, its exit status and stderr."""
    try:
        data = json.loads(report or "")
    except ValueError:
        data = {}
    if "auditReportVersion" not in data:
        reason = data.get("message") or _last_line(stderr)
        return NOT_CHECKED, [f"npm packages: NOT CHECKED: the registry's advisories could not be read ({reason})."]
    vulnerabilities = data.get("vulnerabilities", {})
    if vulnerabilities:
        lines = []
        for name, found in sorted(vulnerabilities.items()):
            fix = found.get("fixAvailable")
            advice = "a fix is available (npm audit fix)" if fix else "no fix available yet"
            lines.append(f"npm packages: {name} {found.get('range', '')}: {found.get('severity', '?')}, {advice}")
        return VULNERABLE, lines
    total = data.get("metadata", {}).get("dependencies", {}).get("total", "all")
    return OK, [f"npm packages: no known vulnerabilities in {total} locked packages."]


def run_pip_audit(root=ROOT):
    bindir = Path(sys.executable).parent
    command = [
        str(bindir / "pip-audit"), "--requirement", str(Path(root) / LOCK), "--require-hashes",
        "--disable-pip", "--format", "json", "--progress-spinner", "off",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        return "", 1, str(error)
    return done.stdout, done.returncode, done.stderr


def run_npm_audit(root=ROOT):
    try:
        done = subprocess.run(["npm", "audit", "--json"], cwd=root, capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, NO_UPDATE_NOTIFIER="1"))
    except (OSError, subprocess.TimeoutExpired) as error:
        return "", 1, str(error)
    return done.stdout, done.returncode, done.stderr


def exit_status(statuses):
    if VULNERABLE in statuses:
        return 1
    return 2 if NOT_CHECKED in statuses else 0


def main():
    results = [python_verdict(*run_pip_audit()), npm_verdict(*run_npm_audit())]
    for _status, lines in results:
        for line in lines:
            print(line)
    status = exit_status([status for status, _lines in results])
    if status == 2:
        print("The audit is incomplete: what is marked NOT CHECKED was not looked up."
              " Run it where PyPI's and the npm registry's vulnerability services can be reached.")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Every dependency locked and checked: requirements/*.txt against pyproject.toml, who installs
from them, `npm ci` everywhere, the supported Pythons, and `invoke audit`.

requirements/check.py (run by `make` and the publishing hook) is tried on copies of the
project's files with one thing changed at a time; the locked set is checked closed with the
metadata of the packages `make` installed from it; `invoke audit` runs for real.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

sys.path.insert(0, str(ROOT / "requirements"))
import audit  # noqa: E402
import check  # noqa: E402

FIX = "The lock files do not match pyproject.toml: run `make lock`, then commit pyproject.toml with requirements/."


def test_the_locks_match_pyproject():
    assert check.problems() == []
    done = subprocess.run([sys.executable, ROOT / "requirements" / "check.py"], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.fixture
def project(tmp_path):
    """A copy of pyproject.toml and requirements/ to change."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_pin_changed_in_pyproject_but_not_locked_is_found(project):
    edit(project / "pyproject.toml", '"pelican==4.12.0"', '"pelican==4.11.0"')
    assert check.problems(project) == [
        "requirements/dev.txt: pelican is locked at 4.12.0, pyproject.toml pins 4.11.0.",
        "requirements/build.txt: pelican is locked at 4.12.0, pyproject.toml pins 4.11.0.",
    ]


def test_a_new_dependency_not_locked_is_found(project):
    edit(project / "pyproject.toml", '"pytest==9.2.0",', '"pytest==9.2.0",\n    "tabulate==0.9.0",')
    edit(project / "pyproject.toml", '"icalendar==7.3.0",', '"icalendar==7.3.0",\n    "PyPDFium2==5.15.2",')
    assert check.problems(project) == [
        "requirements/dev.txt: pypdfium2 is in pyproject.toml but not locked.",
        "requirements/dev.txt: tabulate is in pyproject.toml but not locked.",
        "requirements/build.txt: pypdfium2 is in pyproject.toml but not locked.",
    ]


def test_a_loose_pin_a_missing_hash_and_a_build_lock_gone_astray_are_found(project):
    edit(project / "pyproject.toml", '"pyyaml==6.0.3"', '"pyyaml>=6"')
    lock = project / "requirements" / "build.txt"
    text = lock.read_text(encoding="utf-8")
    tzdata = re.search(r"^tzdata==\S+ \\\n(    --hash=\S+ \\\n)*    --hash=\S+\n", text, re.M)
    lock.write_text(text.replace(tzdata[0], "tzdata==2020.1\n"), encoding="utf-8")
    assert check.problems(project) == [
        "pyproject.toml: pyyaml is not pinned exactly (name==version).",
        "requirements/build.txt: tzdata==2020.1 has no hash.",
        "requirements/build.txt: tzdata is not locked as in requirements/dev.txt (versions or hashes differ).",
    ]


def test_make_refuses_a_lock_that_does_not_match(project):
    (project / "requirements" / "build.txt").unlink()
    done = subprocess.run([sys.executable, project / "requirements" / "check.py"], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["requirements/build.txt is missing.", FIX]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rule = makefile[makefile.index("$(STAMP): pyproject.toml requirements/dev.txt"):]
    assert rule.index("python3 requirements/check.py") < rule.index(
        "$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt")


def locked_entries(path):
    """[(name, version, marker or None)] of a lock file."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9][\w.-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if found:
            entries.append((canonicalize_name(found[1]), found[2], found[3]))
    return entries


def test_the_locked_set_is_closed_here():
    """Every dependency of a locked package is locked, and nothing is locked that nothing needs.

    Walked from pyproject.toml's requirements through the metadata of the packages installed
    in this venv (by `make`, from requirements/dev.txt), with this Python's markers.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    roots = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    locked = {name: version for name, version, marker in locked_entries(ROOT / "requirements" / "dev.txt")
              if marker is None or Marker(marker).evaluate()}
    needed, todo = set(), [Requirement(r) for r in roots]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is needed (by pyproject.toml or a locked package) but not locked"
        extras = requirement.extras or {""}
        if name in needed and not requirement.extras:
            continue
        needed.add(name)
        assert metadata.version(name) == locked[name], f"{name}: installed {metadata.version(name)}"
        for child in metadata.requires(name) or []:
            child = Requirement(child)
            if child.marker is None or any(child.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(child)
    assert sorted(set(locked) - needed) == []


def test_the_build_lock_holds_what_the_dependencies_need_without_the_extras():
    build = {name for name, _version, _marker in locked_entries(ROOT / "requirements" / "build.txt")}
    assert {"pelican", "weasyprint", "tinycss2", "pyphen", "tzdata", "python-dateutil", "unidecode"} <= build
    assert not build & {"pytest", "playwright", "pip-audit", "uv", "lxml", "pypdf"}


def test_the_hook_and_the_hosted_workflows_install_from_the_lock_with_hashes():
    hook = (ROOT / "deploy" / "publish" / "pre-receive").read_text(encoding="utf-8")
    environment = hook[hook.index("def environment("):hook.index("def build(")]
    assert '"--require-hashes", "-r", lock' in environment
    assert 'os.path.join(tree, "requirements", "build.txt")' in environment
    assert 'os.path.join(tree, "requirements", "check.py")' in environment
    commands = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        commands += [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    commands += [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])]
    installs = [line for command in commands for line in command.splitlines() if re.search(r"\bpip install\b", line)]
    assert installs and all("--require-hashes -r requirements/" in line for line in installs), installs
    assert any("requirements/build.txt" in line for line in installs)
    assert any("requirements/dev.txt" in line for line in installs)


def test_every_npm_install_is_npm_ci():
    """package-lock.json is installed as it is (`npm ci`) everywhere packages are installed."""
    places = [ROOT / "Makefile", ROOT / ".ci" / "run", ROOT / ".gitlab-ci.yml",
              *sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
    npm = [(path.name, found[1]) for path in places for found in
           re.finditer(r"\bnpm (install|i|ci|update|add)\b", path.read_text(encoding="utf-8"))]
    assert ("Makefile", "ci") in npm and ("audit.yml", "ci") in npm and (".gitlab-ci.yml", "ci") in npm
    assert [entry for entry in npm if entry[1] != "ci"] == []


def test_the_supported_pythons_are_stated_and_the_lowest_and_newest_tested():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.13"]
    assert job["container"] == "python:${{ matrix.python }}-bookworm"
    assert any(step.get("run", "").rstrip().endswith("bash .ci/run") for step in job["steps"])


def test_the_hosted_audit_runs_weekly_and_fails_on_what_it_could_not_check():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "audit.yml").read_text(encoding="utf-8"))
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    minute, hour, day, month, weekday = trigger["schedule"][0]["cron"].split()
    assert (day, month, weekday) == ("*", "*", "1")
    steps = workflow["jobs"]["audit"]["steps"]
    assert steps[-1]["run"] == ".venv/bin/invoke audit"
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))["audit"]
    assert gitlab["script"][-1] == ".venv/bin/invoke audit"
    assert gitlab["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]


PIP_AUDIT_SKIPPED = {"dependencies": [
    {"name": "jinja2", "version": "3.1.6", "vulns": []},
    {"name": "anyio", "version": "4.16.0", "skip_reason": "Dependency not found on PyPI and could not be audited: anyio (4.16.0)"},
], "fixes": []}
PIP_AUDIT_FOUND = {"dependencies": [
    {"name": "jinja2", "version": "3.1.4", "vulns": [
        {"id": "GHSA-q2x7-8rv6-6q7h", "fix_versions": ["3.1.5"], "aliases": ["CVE-2024-56201"], "description": "..."}]},
    {"name": "babel", "version": "2.18.0", "vulns": []},
], "fixes": []}
PIP_AUDIT_CLEAN = {"dependencies": [{"name": "jinja2", "version": "3.1.6", "vulns": []}], "fixes": []}


def test_pip_audit_s_reports_read_as_checked_vulnerable_or_not_checked():
    assert audit.python_verdict(json.dumps(PIP_AUDIT_SKIPPED), 0) == (audit.NOT_CHECKED, [
        "Python packages: NOT CHECKED: 1 of 2 could not be looked up in the vulnerability database"
        " (e.g. Dependency not found on PyPI and could not be audited: anyio (4.16.0))."])
    assert audit.python_verdict(json.dumps(PIP_AUDIT_FOUND), 1) == (audit.VULNERABLE, [
        "Python packages: jinja2 3.1.4: GHSA-q2x7-8rv6-6q7h (also CVE-2024-56201), fixed in 3.1.5"])
    assert audit.python_verdict(json.dumps(PIP_AUDIT_CLEAN), 0) == (
        audit.OK, ["Python packages: no known vulnerabilities in 1 locked packages."])
    assert audit.python_verdict("", 1, "Traceback...\nrequests.exceptions.ConnectionError: no route") == (
        audit.NOT_CHECKED,
        ["Python packages: NOT CHECKED: pip-audit gave no report (requests.exceptions.ConnectionError: no route)."])


def test_npm_audit_s_reports_read_as_checked_vulnerable_or_not_checked():
    refused = {"message": "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
               "statusCode": 405}
    assert audit.npm_verdict(json.dumps(refused), 1) == (audit.NOT_CHECKED, [
        "npm packages: NOT CHECKED: the registry's advisories could not be read"
        " (405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk)."])
    found = {"auditReportVersion": 2, "vulnerabilities": {"axe-core": {
        "name": "axe-core", "severity": "high", "range": "<4.15.0", "fixAvailable": True}}, "metadata": {}}
    assert audit.npm_verdict(json.dumps(found), 1) == (audit.VULNERABLE, [
        "npm packages: axe-core <4.15.0: high, a fix is available (npm audit fix)"])
    clean = {"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {"dependencies": {"total": 38}}}
    assert audit.npm_verdict(json.dumps(clean), 0) == (
        audit.OK, ["npm packages: no known vulnerabilities in 38 locked packages."])
    assert [audit.exit_status(s) for s in (["ok", "ok"], ["ok", "not checked"], ["vulnerable", "not checked"])] \
        == [0, 2, 1]


def test_invoke_audit_never_passes_without_checking():
    """Run for real: where the databases answer, it passes or lists vulnerabilities; where they
    do not (as on a machine that reaches only the package registries), it says NOT CHECKED
    and exits 2."""
    done = subprocess.run([sys.executable, "-m", "invoke", "audit"], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Python packages: ") and any(line.startswith("npm packages: ") for line in lines)
    if any("NOT CHECKED" in line for line in lines):
        assert done.returncode == 2, done.stdout
        assert lines[-1].startswith("The audit is incomplete: what is marked NOT CHECKED was not looked up.")
    elif done.returncode == 0:
        assert lines == [line for line in lines if "no known vulnerabilities" in line]
    else:
        assert done.returncode == 1, done.stdout + done.stderr

"""How the tests run in CI: .ci/run says it is CI, and there no test may be skipped."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SKIPPING = '''
import pytest

pytest.importorskip("no_such_module_anywhere") if "{where}" == "module" else None


@pytest.fixture
def tool():
    pytest.skip("the tool is missing") if "{where}" == "fixture" else None


def test_one(tool):
    if "{where}" == "test":
        pytest.skip("node_modules is not installed")


@pytest.mark.skip(reason="marked")
def test_marked():
    pass


@pytest.mark.xfail(reason="known", strict=True)
def test_expected_to_fail():
    assert False
'''


def run_pytest(folder, where, ci):
    (folder / "test_skipping.py").write_text(SKIPPING.replace("{where}", where), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(HERE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "ci_skips", "-q", "-rA", "-p", "no:cacheprovider",
         "--rootdir", str(folder), str(folder / "test_skipping.py")],
        cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=120,
    )
    return result.returncode, result.stdout.splitlines()[-1]


def summary(line):
    """'2 failed, 1 passed, 1 xfailed in 0.12s' without its time."""
    return line.rsplit(" in ", 1)[0]


def test_a_skip_in_a_test_a_fixture_or_a_mark_fails_under_ci(tmp_path):
    # A skip while a test is set up (a fixture's, a mark's) is reported as an error, one in the test as a failure.
    assert [(status, summary(last)) for status, last in (run_pytest(tmp_path, where, "true")
                                                         for where in ("test", "fixture"))] == [
        (1, "1 failed, 1 xfailed, 1 error"), (1, "1 xfailed, 2 errors")]


def test_a_module_skipped_at_collection_fails_under_ci(tmp_path):
    status, last = run_pytest(tmp_path, "module", "true")
    assert (status, summary(last)) == (2, "1 error")  # 2: collection was interrupted


def test_without_ci_a_skip_is_a_skip(tmp_path):
    assert [(status, summary(last)) for status, last in (run_pytest(tmp_path, "test", ci) for ci in (None, "false"))] == [
        (0, "2 skipped, 1 xfailed"), (0, "2 skipped, 1 xfailed")]


def test_ci_run_says_it_is_ci():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line.split("#")[0].strip() for line in lines if line.startswith("export CI=")] == ["export CI=true"]

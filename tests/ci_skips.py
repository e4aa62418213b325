"""Under CI (CI=true, as .ci/run sets it), a skipped test is a failed test.

A test skips when something it needs is missing (a tool, node_modules); on a
developer's machine that is said in the summary (-rs), in CI nothing may pass
unchecked. Every way of skipping is caught: pytest.skip() in a test or a
fixture, the skip marks, and a module skipped while it is collected. An
expected failure (xfail) is left as it is.
"""

import os

import pytest


def under_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return longrepr[2]
    return str(longrepr)


def _fail(report):
    report.outcome = "failed"
    report.longrepr = f"skipped under CI, where every test must run: {_reason(report)}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if under_ci() and report.skipped and not hasattr(report, "wasxfail"):
        _fail(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if under_ci() and report.skipped:
        _fail(report)

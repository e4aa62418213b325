"""Publishing by git push: a real bare repository with the project's own hook.

One server for the module (deploy/publish/install.sh into a temporary folder,
nginx serving its `current`) and one clone of a copy of the project. Two
good pushes set it up; the tests then run in order: a good push is live, a
bad push is refused, rollback, two publications at once. Five strict builds
in all (about a minute).
"""

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools import ROOT, free_port, request, require, serve_with_project_config

PUBLISH = ROOT / "deploy" / "publish"
PROJECT_FILES = ("content", "theme", "plugins", "editor", "pelicanconf.py", "publishconf.py", "pyproject.toml")
ABOUT = "content/pages/par-projektu.lv.md"  # served at /par-projektu/
MARKER = "Šī rindkopa nāca ar otro publikāciju."
BAD_STORY = "content/stories/mezinieku-viedais-ciems.lv.md"

sys.path.insert(0, str(PUBLISH))
import releases  # noqa: E402


def run(*command, cwd, check=True, env_override=None, **kwargs):
    env = dict(env_override or os.environ, GIT_AUTHOR_NAME="Staff", GIT_AUTHOR_EMAIL="staff@example.org",
               GIT_COMMITTER_NAME="Staff", GIT_COMMITTER_EMAIL="staff@example.org")
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, check=check,
                          capture_output=True, text=True, **kwargs)


@dataclass
class Server:
    repo: Path
    root: Path
    clone: Path
    base: str
    pushes: list

    def commit(self, message):
        run("git", "commit", "-qam", message, cwd=self.clone)
        return run("git", "rev-parse", "HEAD", cwd=self.clone).stdout.strip()

    def push(self, *refs):
        return run("git", "push", "origin", *(refs or ["main"]), cwd=self.clone, check=False)

    def branch(self):
        return run("git", "ls-remote", self.repo, "refs/heads/main", cwd=self.clone).stdout.split()[0]

    def current(self):
        return releases.current(self.root)

    def releases(self):
        return releases.releases(self.root)

    def page(self, path="/par-projektu/"):
        status, _headers, body = request(self.base + path)
        assert status == 200, f"{path}: {status}"
        return body.decode("utf-8")

    def rollback(self, *args):
        return run(self.repo / "hooks" / "rollback", *args, cwd=self.repo, check=False)


def copy_project(folder):
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore)
        else:
            shutil.copy(source, folder / name)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A bare repository with the hook, published twice: release A, then B with MARKER."""
    require("git", "apt-get install git")
    base = tmp_path_factory.mktemp("publish")
    port = free_port()
    repo, root, clone = base / "kopienas.git", base / "srv-kopienas", base / "clone"
    run("sh", PUBLISH / "install.sh", "--site-url", f"http://127.0.0.1:{port}", "--python", sys.executable,
        repo, root, cwd=base)
    clone.mkdir()
    copy_project(clone)
    run("git", "init", "-q", "-b", "main", cwd=clone)
    run("git", "add", ".", cwd=clone)
    run("git", "commit", "-qm", "First publication", cwd=clone)
    run("git", "remote", "add", "origin", repo, cwd=clone)
    first = run("git", "push", "origin", "main", cwd=clone, check=False)
    assert first.returncode == 0, first.stderr
    nginx = serve_with_project_config(base / "nginx", root / "current", port)
    server = Server(repo, root, clone, f"http://127.0.0.1:{port}", [first])
    with open(clone / ABOUT, "a", encoding="utf-8") as f:
        f.write(f"\n{MARKER}\n")
    server.commit("About: one more paragraph")
    second = server.push()
    assert second.returncode == 0, second.stderr
    server.pushes.append(second)
    yield server
    nginx.stop()


def test_a_good_push_goes_live(server):
    said = server.pushes[-1].stderr
    assert re.search(r"^remote: Published: release \d{8}T\d{6}Z-[0-9a-f]{12} is live", said, re.M), said
    head = run("git", "rev-parse", "HEAD", cwd=server.clone).stdout.strip()
    assert server.branch() == head
    assert len(server.releases()) == 2
    assert server.current() == server.releases()[-1]
    assert releases.commit_of(server.current()) == head[:12]
    assert MARKER in server.page()
    assert (server.root / "current" / "index.html.gz").exists()  # the production build
    assert not list((server.root / "work").iterdir()), "the exported tree was left behind"


def test_a_push_with_a_content_error_is_refused(server):
    before = (server.branch(), server.current(), server.releases())
    story = server.clone / BAD_STORY
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("communities: [mezinieki]", "communities: [mezinieki", 1), encoding="utf-8")
    try:
        server.commit("Story: a list left open")
        pushed = server.push()
    finally:
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    said = pushed.stderr
    assert pushed.returncode != 0
    assert f"remote: {BAD_STORY}:6:" in said, said  # the build's own line: file, line, what to do
    assert "remote: Push refused: the live site was not changed." in said
    assert "[remote rejected] main -> main (pre-receive hook declined)" in said
    assert (server.branch(), server.current(), server.releases()) == before
    assert MARKER in server.page()
    assert not [name for name in os.listdir(server.root / "releases") if name.startswith(".")]


def test_deleting_the_published_branch_is_refused(server):
    deleted = server.push(":main")
    assert deleted.returncode != 0
    assert "remote: main cannot be deleted: it is the published site." in deleted.stderr
    assert server.branch()


def test_rollback_returns_to_the_previous_release(server):
    first, second = server.releases()
    assert server.current() == second
    rolled = server.rollback()  # inside the bare repository: publish.root from its config
    assert rolled.returncode == 0, rolled.stderr
    assert f"current is now {first}" in rolled.stdout
    assert server.current() == first
    assert MARKER not in server.page()  # nginx serves the older site
    again = server.rollback(server.root)
    assert again.returncode == 1
    assert "Nothing to roll back to" in again.stderr
    assert server.rollback("--to", second).returncode == 0
    assert MARKER in server.page()


def test_a_push_that_waited_while_main_moved_on_is_refused(server):
    """Two people push at once: the second waits for the lock, finds main moved, builds nothing."""
    old = server.branch()
    (server.clone / "NOTES.txt").write_text("another person's change\n")
    run("git", "add", "NOTES.txt", cwd=server.clone)
    theirs = server.commit("Another person's change")
    assert server.push("HEAD:refs/heads/theirs").returncode == 0  # on the server, not yet on main
    run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    (server.clone / "NOTES.txt").write_text("my change\n")
    run("git", "add", "NOTES.txt", cwd=server.clone)
    server.commit("My change")
    try:
        with releases.locked(server.root):  # their publication is running
            pushing = subprocess.Popen(["git", "push", "origin", "main"], cwd=server.clone,
                                       stderr=subprocess.PIPE, text=True)
            said = ""
            while "waiting for it" not in said and pushing.poll() is None:
                said += pushing.stderr.readline()
            run("git", "update-ref", "refs/heads/main", theirs, old, cwd=server.repo)  # and went through
        said += pushing.communicate(timeout=120)[1]
        assert pushing.returncode != 0
        assert f"remote: main has moved on to {theirs[:12]} while this push waited: pull, then push again." in said
        assert "Building" not in said
        assert server.current() == server.releases()[-1] and MARKER in server.page()
    finally:
        run("git", "update-ref", "refs/heads/main", old, cwd=server.repo)
        run("git", "update-ref", "-d", "refs/heads/theirs", cwd=server.repo)
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)


def test_two_publications_at_once_take_turns(server):
    """The hook run twice at once, as git runs it: the second build starts after the first ends.

    With keep=3 the fourth release removes the oldest one (never the live one).
    """
    old = server.branch()
    with open(server.clone / ABOUT, "a", encoding="utf-8") as f:
        f.write("\nTrešā publikācija.\n")
    new = server.commit("About: a third paragraph")
    assert server.push("main:refs/heads/next").returncode == 0  # the objects, without publishing
    run("git", "config", "publish.keep", "3", cwd=server.repo)
    env = dict(os.environ, GIT_DIR=str(server.repo))
    line = f"{old} {new} refs/heads/main\n"
    log = server.root / "publish.log"
    results = {}

    def hook(key):
        results[key] = subprocess.run([server.repo / "hooks" / "pre-receive"], input=line, env=env,
                                      capture_output=True, text=True, timeout=600)

    first = threading.Thread(target=hook, args=("first",))
    first.start()
    while f"build start {new}" not in log.read_text(encoding="utf-8") and first.is_alive():
        threading.Event().wait(0.05)
    hook("second")
    first.join()
    try:
        assert results["first"].returncode == 0, results["first"].stderr
        assert results["second"].returncode == 0, results["second"].stderr
        assert "Another publication is running: waiting for it..." in results["second"].stderr
        spans = build_spans(log.read_text(encoding="utf-8"), new)
        assert len(spans) == 2
        (start1, end1), (start2, end2) = sorted(spans)
        assert start1 < end1 <= start2 < end2, spans
        names = server.releases()
        assert len(names) == 3 and server.current() == names[-1]
        assert all(releases.commit_of(name) == new[:12] for name in names[1:])
    finally:
        run("git", "config", "publish.keep", "5", cwd=server.repo)
        server.rollback("--to", next(n for n in server.releases() if releases.commit_of(n) == old[:12]))
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)


REFUSED = "remote: Push refused: the live site was not changed. / Publicēšana atteikta: vietne netika mainīta."


def test_a_push_to_a_server_without_its_settings_is_refused(server):
    """publish.root and publish.siteurl have no default: without them nothing is built or moved."""
    before = (server.branch(), server.current(), server.releases(), server.page())
    saved = {key: run("git", "config", "--get", f"publish.{key}", cwd=server.repo).stdout.strip()
             for key in ("root", "siteurl")}
    with open(server.clone / ABOUT, "a", encoding="utf-8") as f:
        f.write("\nŠī rindkopa netiek publicēta.\n")
    server.commit("About: a paragraph for a server that is not set up")
    said = {}
    try:
        for missing in (("siteurl",), ("root", "siteurl")):
            for key in missing:
                run("git", "config", "--unset", f"publish.{key}", cwd=server.repo)
            pushed = server.push()
            said[missing] = (pushed.returncode != 0, [line.rstrip() for line in pushed.stderr.splitlines()
                                                     if line.startswith("remote: ") and line.rstrip() != "remote:"])
            for key in missing:
                run("git", "config", f"publish.{key}", saved[key], cwd=server.repo)
    finally:
        for key, value in saved.items():
            run("git", "config", f"publish.{key}", value, cwd=server.repo)
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    assert said == {
        ("siteurl",): (True, [
            "remote: The server is not set up for publishing: git config publish.siteurl is missing"
            " (see deploy/publish/README.md).", REFUSED]),
        ("root", "siteurl"): (True, [
            "remote: The server is not set up for publishing: git config publish.root and publish.siteurl"
            " is missing (see deploy/publish/README.md).", REFUSED]),
    }
    assert (server.branch(), server.current(), server.releases(), server.page()) == before


LATE = "Šī rindkopa pirmo reizi tika būvēta pārāk ilgi."


def test_a_build_over_the_time_limit_is_refused_and_the_next_publication_clears_what_a_killed_one_left(server):
    before = (server.branch(), server.current(), server.releases(), server.page())
    with open(server.clone / ABOUT, "a", encoding="utf-8") as f:
        f.write(f"\n{LATE}\n")
    new = server.commit("About: a paragraph built too slowly")
    run("git", "config", "publish.timeout", "1", cwd=server.repo)
    try:
        slow = server.push()
    finally:
        run("git", "config", "--unset", "publish.timeout", cwd=server.repo)
    assert slow.returncode != 0
    assert "remote: The build took longer than 1 s and was stopped." in slow.stderr, slow.stderr
    assert REFUSED in slow.stderr
    assert (server.branch(), server.current(), server.releases(), server.page()) == before

    # What a build killed with its hook (the server restarted, say) leaves: a half-written
    # release and an exported tree. The next publication removes both before it builds.
    half = server.root / "releases" / f".{releases.release_name(new)}-x1y2z3"
    tree = server.root / "work" / f"{releases.release_name(new)}-a1b2c3"
    for folder, name in ((half, "index.html"), (tree, "pyproject.toml")):
        folder.mkdir(parents=True)
        (folder / name).write_text("left by a killed build\n", encoding="utf-8")
    again = server.push()
    assert again.returncode == 0, again.stderr
    assert server.branch() == new and releases.commit_of(server.current()) == new[:12]
    assert LATE in server.page()
    assert not half.exists() and not tree.exists()
    assert [name for name in os.listdir(server.root / "releases") if name.startswith(".")] == []
    assert list((server.root / "work").iterdir()) == []


def test_without_a_python_of_its_own_the_hook_makes_one_once(tmp_path):
    """No publish.python: the first push sets up an environment from pyproject.toml, later pushes use it."""
    require("git", "apt-get install git")
    repo, root, clone = tmp_path / "kopienas.git", tmp_path / "srv-kopienas", tmp_path / "clone"
    run("sh", PUBLISH / "install.sh", "--site-url", "https://kopienas.example.org", repo, root, cwd=tmp_path)
    assert run("git", "config", "--get", "publish.python", cwd=repo, check=False).stdout == ""
    clone.mkdir()
    copy_project(clone)
    run("git", "init", "-q", "-b", "main", cwd=clone)
    run("git", "add", ".", cwd=clone)
    run("git", "commit", "-qm", "First publication", cwd=clone)
    run("git", "remote", "add", "origin", repo, cwd=clone)
    # The hook runs with the server's python3, never with the tests' virtual environment.
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(part for part in env["PATH"].split(os.pathsep)
                                  if not part.startswith(str(Path(sys.prefix))))
    first = run("git", "push", "origin", "main", cwd=clone, check=False, env_override=env)
    assert first.returncode == 0, first.stderr
    assert re.search(r"^remote: .*environment", first.stderr, re.M | re.I), first.stderr
    assert re.search(r"^remote: Published: release \d{8}T\d{6}Z-[0-9a-f]{12} is live", first.stderr, re.M)
    with open(clone / ABOUT, "a", encoding="utf-8") as f:
        f.write(f"\n{MARKER}\n")
    run("git", "commit", "-qam", "About: one more paragraph", cwd=clone)
    second = run("git", "push", "origin", "main", cwd=clone, check=False, env_override=env)
    assert second.returncode == 0, second.stderr
    assert not re.search(r"environment", second.stderr, re.I), second.stderr  # made once, then used
    assert MARKER in (root / "current" / "par-projektu" / "index.html").read_text(encoding="utf-8")


def build_spans(log, sha):
    """(start, end) timestamps of each build of `sha` in publish.log, by process."""
    spans = {}
    for stamp, pid, event in re.findall(r"^(\S+) \[(\d+)\] build (start|end) " + sha, log, re.M):
        spans.setdefault(pid, {})[event] = stamp
    return [(span["start"], span["end"]) for span in spans.values()]


def test_pruning_keeps_the_newest_and_the_live_release(tmp_path):
    names = [f"2026010{n}T000000Z-{n:012x}" for n in range(1, 8)]
    for name in names:
        (tmp_path / "releases" / name).mkdir(parents=True)
    releases.switch(tmp_path, names[0])  # rolled far back
    assert releases.prune(tmp_path, 5) == [names[1]]
    assert releases.releases(tmp_path) == [names[0], *names[2:]]
    assert releases.current(tmp_path) == names[0]


def test_rollback_without_an_older_release_says_so(tmp_path):
    (tmp_path / "releases" / "20260101T000000Z-0123456789ab").mkdir(parents=True)
    releases.switch(tmp_path, "20260101T000000Z-0123456789ab")
    refused = run(PUBLISH / "rollback", tmp_path, cwd=tmp_path, check=False)
    assert refused.returncode == 1
    assert "Nothing to roll back to: no release older than 20260101T000000Z-0123456789ab" in refused.stderr
    assert releases.current(tmp_path) == "20260101T000000Z-0123456789ab"


# Hosted publishing: the workflows and `invoke publish` run the same strict build.

STRICT_BUILD = "python -m site_build --settings publishconf.py --strict --output"


def load_yaml(path):
    import yaml  # noqa: PLC0415

    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def test_the_github_workflow_builds_strictly_and_deploys_to_pages():
    workflow = load_yaml(".github/workflows/pages.yml")
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert trigger["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    commands = [step["run"] for step in build["steps"] if "run" in step]
    assert any(f"{STRICT_BUILD} output" in command for command in commands), commands
    built = next(step for step in build["steps"] if STRICT_BUILD in step.get("run", ""))
    assert built["env"]["PYTHONPATH"] == "plugins" and "vars.SITEURL" in built["env"]["SITEURL"]
    setup = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "output"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_the_gitlab_job_builds_strictly_into_public_on_the_default_branch():
    job = load_yaml(".gitlab-ci.yml")["pages"]
    assert any(f"{STRICT_BUILD} public" in command for command in job["script"]), job["script"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert job["image"].startswith("python:3.11")


def test_invoke_publish_without_a_target_refuses():
    env = {key: value for key, value in os.environ.items() if key != "PUBLISH_TARGET"}
    refused = subprocess.run([Path(sys.executable).parent / "invoke", "publish"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 2
    assert "Nothing published: name the destination" in refused.stderr + refused.stdout


def test_invoke_publish_builds_strictly_then_copies_with_rsync(site, tmp_path, monkeypatch):
    """The build replaced by a copy of the session's site (one strict build less); rsync is real."""
    require("rsync", "apt-get install rsync")
    from invoke import Config, Context  # noqa: PLC0415

    monkeypatch.syspath_prepend(str(ROOT))
    import tasks  # noqa: PLC0415

    output, target = tmp_path / "output", tmp_path / "server" / "site"
    target.mkdir(parents=True)
    (target / "stale.html").write_text("removed by the next publication")
    builds = []

    def build(c, arguments, **kwargs):
        builds.append(arguments)
        shutil.copytree(site.output, output)

    monkeypatch.setitem(tasks.CONFIG, "output", str(output))
    monkeypatch.setattr(tasks, "_python", build)
    monkeypatch.setenv("PUBLISH_TARGET", f"{target}/")
    tasks.publish(Context(Config(overrides={"run": {"in_stream": False}})))  # pytest owns stdin
    assert builds == [f"-m site_build --settings {ROOT / 'publishconf.py'} --strict --output {output}"]
    assert (target / "en" / "index.html").read_bytes() == (site.output / "en" / "index.html").read_bytes()
    assert (target / "index.html.gz").exists()
    assert not (target / "stale.html").exists()

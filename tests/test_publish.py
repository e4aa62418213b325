"""Publishing by git push: a real bare repository with the project's own hook.

One server for the module (deploy/publish/install.sh into a temporary folder,
nginx serving its `current`) and one clone of a copy of the project. Two
good pushes set it up, the second built from the first (the live release);
the tests then run in order: a good push is live, with its progress lines,
and equals a cold strict build byte for byte; pushes that must be refused
are (a content error before anything is rendered, symbolic links, no room on
the disk, the memory limit); rollback; two publications at once. A site root
on a small tmpfs tries a full disk.
"""

import contextlib
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
PROJECT_FILES = ("content", "theme", "plugins", "sitebuilder", "editor", "pelicanconf.py", "publishconf.py",
                 "pyproject.toml", "requirements")
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
    work = server.root / "work"
    assert not work.exists() or not list(work.iterdir()), "a temporary folder was left behind"
    assert not [name for name in os.listdir(server.root / "releases") if name.startswith(".")]


PROGRESS = re.compile(r"^remote: \[\s*(\d+\.\d) s\] (.+?)(?:: (\d+)(?:/(\d+))?)?\s*$", re.M)


def progress(said):
    """[(seconds, stage, done, total)] of the pusher's progress lines."""
    return [(float(s), stage, done and int(done), total and int(total))
            for s, stage, done, total in PROGRESS.findall(said)]


def test_the_pusher_sees_the_stages_and_the_pages_done(server):
    lines = progress(server.pushes[-1].stderr)
    stages = [stage for _s, stage, _d, _t in lines]
    assert stages[0] == "files of the commit", stages
    assert "checking the content" in stages and "step site_search" in stages, stages
    seconds = [s for s, *_rest in lines]
    assert seconds == sorted(seconds)
    checked = next(line for line in lines if line[1] == "content files checked")
    assert checked[2] > 20
    for lang in ("lv", "en"):
        pages = [line for line in lines if line[1].startswith(f"pages {lang} (")]
        assert len(pages) == 1, lines
        _s, stage, done, total = pages[0]
        assert done == total > 30
        made = int(re.search(r"\((\d+) made anew\)", stage).group(1))
        assert 0 < made < total // 4, stage  # the edited page and the lists that show it: the rest linked
    assert any(stage == "compressing" for stage in stages)


def cold_strict_build(server, output):
    """The site of the clone's HEAD built strictly from nothing (no cache), as a first publication."""
    tree = output.parent / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    run("git", "worktree", "add", "--detach", tree, "HEAD", cwd=server.clone)
    try:
        env = dict(os.environ, SITEURL=server.base, PYTHONPATH=str(tree / "plugins"))
        built = subprocess.run(
            [sys.executable, "-m", "site_build", "--settings", "publishconf.py", "--strict", "--quiet",
             "--output", output, "--set", f"CACHE_PATH={output.parent / 'cache'}"],
            cwd=tree, env=env, capture_output=True, text=True)
        assert built.returncode == 0, built.stderr
    finally:
        run("git", "worktree", "remove", "--force", tree, cwd=server.clone)


def files_of(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if not path.is_dir())


def test_a_release_made_from_the_live_one_is_a_cold_strict_build_byte_for_byte(server, tmp_path):
    first, second = (server.root / "releases" / name for name in server.releases())
    cold = tmp_path / "cold"
    cold_strict_build(server, cold)
    assert files_of(cold) == files_of(second)
    different = [name for name in files_of(cold) if (cold / name).read_bytes() != (second / name).read_bytes()]
    assert not different
    # Unchanged pages and their compressed copies are the live release's very files, not remade.
    def shared(suffix):
        names = [name for name in files_of(second) if name.endswith(suffix) and (first / name).exists()]
        same = [name for name in names if (first / name).stat().st_ino == (second / name).stat().st_ino]
        return len(same), len(names)

    for suffix in (".html", ".html.gz", ".html.br"):
        same, both = shared(suffix)
        assert same > both * 3 // 4, (suffix, same, both)
    for name in ("par-projektu/index.html", "par-projektu/index.html.br"):
        assert (first / name).stat().st_ino != (second / name).stat().st_ino
    assert MARKER in (second / "par-projektu/index.html").read_text(encoding="utf-8")


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
    stages = [stage for _s, stage, _d, _t in progress(said)]
    assert "content files checked" in stages
    assert not [stage for stage in stages if stage.startswith(("pages", "step", "compressing"))], stages
    assert "[remote rejected] main -> main (pre-receive hook declined)" in said
    assert (server.branch(), server.current(), server.releases()) == before
    assert MARKER in server.page()
    assert not [name for name in os.listdir(server.root / "releases") if name.startswith(".")]


def refused_without_building(server, pushed, *lines):
    said = pushed.stderr
    assert pushed.returncode != 0
    for line in lines:
        assert f"remote: {line}" in said, said
    assert "remote: Push refused: the live site was not changed." in said
    assert "Traceback" not in said
    return said


def test_a_push_with_a_symbolic_link_is_refused_before_building(server):
    before = (server.branch(), server.current(), server.releases())
    link = server.clone / "content" / "stories" / "parole.lv.md"
    link.symlink_to("/etc/hostname")
    run("git", "add", link, cwd=server.clone)
    try:
        server.commit("Story: a link to a file of the server")
        said = refused_without_building(
            server, server.push(),
            "content/stories/parole.lv.md: a symbolic link; links are not published: copy the file in instead."
            " / content/stories/parole.lv.md: simboliskā saite; saites netiek publicētas: ievietojiet pašu failu.",
        )
        assert "Building" not in said
    finally:
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    assert (server.branch(), server.current(), server.releases()) == before


def test_a_push_linking_outside_content_is_refused_and_copies_nothing(server):
    """{attach} with ".." that leaves content/ once copied the named file into the release."""
    before = (server.branch(), server.current(), server.releases())
    secret = server.root.parent / "outside-secret.txt"
    secret.write_text("not for the site\n", encoding="utf-8")
    story = server.clone / BAD_STORY
    text = story.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    story.write_text(text + "\n[Programma]({attach}../../../../outside-secret.txt)\n", encoding="utf-8")
    try:
        server.commit("Story: a link out of content/")
        said = refused_without_building(
            server, server.push(),
            f"{BAD_STORY}:{line}: saite '{{attach}}../../../../outside-secret.txt' ved ārpus mapes content/:"
            " ielieciet failu mapē content/ un norādiet saiti uz to tur, piemēram, {static}/faili/programma.pdf",
        )
        stages = [stage for _s, stage, _d, _t in progress(said)]
        assert not [stage for stage in stages if stage.startswith(("pages", "step", "compressing"))], stages
    finally:
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    assert (server.branch(), server.current(), server.releases()) == before
    copies = [path for path in server.root.parent.rglob("*outside-secret*") if path != secret]
    assert copies == []


def test_a_push_is_refused_when_the_disk_lacks_room_for_a_release(server):
    before = (server.branch(), server.current(), server.releases())
    run("git", "config", "publish.headroom", str(1 << 30), cwd=server.repo)  # a petabyte to spare
    (server.clone / "NOTES.txt").write_text("a change\n")
    run("git", "add", "NOTES.txt", cwd=server.clone)
    try:
        server.commit("A change")
        said = refused_without_building(server, server.push())
        assert re.search(r"^remote: Not enough free disk space to build: \d+ MB free in \S+, about \d+ MB needed"
                         r" \(twice the live release, \d+ MB, plus 1073741824 MB, publish.headroom\)\. Free space"
                         r" on the server, then push again\. / Serverī nepietiek brīvas vietas diskā: vajag ap"
                         r" \d+ MB, brīvi \d+ MB\. Atbrīvojiet vietu, tad publicējiet vēlreiz\.", said, re.M), said
        assert "Building" not in said
    finally:
        run("git", "config", "--unset", "publish.headroom", cwd=server.repo)
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    assert (server.branch(), server.current(), server.releases()) == before


def test_the_build_runs_under_the_memory_limit(server, tmp_path):
    """publish.python is a Python that first takes 600 MB: past publish.memory, it stops, and says so."""
    greedy = tmp_path / "python"
    greedy.write_text(f"#!{sys.executable}\nimport os, sys\nheld = bytearray(600 << 20)\n"
                      f"os.execv({sys.executable!r}, [{sys.executable!r}, *sys.argv[1:]])\n")
    greedy.chmod(0o755)
    before = (server.branch(), server.current(), server.releases())
    run("git", "config", "publish.python", greedy, cwd=server.repo)
    run("git", "config", "publish.memory", "400", cwd=server.repo)
    (server.clone / "NOTES.txt").write_text("a change\n")
    run("git", "add", "NOTES.txt", cwd=server.clone)
    try:
        server.commit("A change")
        said = refused_without_building(
            server, server.push(),
            "The build needed more memory than the server allows it (400 MB, publish.memory): the site was not"
            " built. Look for a content file that is far bigger or more deeply nested than others."
            " / Būvējumam vajadzēja vairāk atmiņas, nekā serveris atļauj: vietne netika uzbūvēta."
            " Meklējiet satura failu, kas ir daudz lielāks vai dziļāk ligzdots nekā citi.",
        )
        assert "MemoryError" not in said
    finally:
        run("git", "config", "publish.python", sys.executable, cwd=server.repo)
        run("git", "config", "--unset", "publish.memory", cwd=server.repo)
        run("git", "reset", "-q", "--hard", "HEAD~1", cwd=server.clone)
    assert (server.branch(), server.current(), server.releases()) == before


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


DISK_FULL = (
    "The server's disk is full: the site was not built. The staff who run the server must free space"
    " (deploy/publish/README.md), then push again. / Servera disks ir pilns: vietne netika uzbūvēta."
    " Servera uzturētājiem jāatbrīvo vieta, tad publicējiet vēlreiz."
)
OLD_RELEASE = "20200101T000000Z-0123456789ab"
OLDER_RELEASES = ("20190101T000000Z-0123456789aa", "20190601T000000Z-0123456789a9")


@pytest.fixture
def small_disk(tmp_path):
    """A site root on an 8 MB file system (tmpfs), with a live release already on it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        repo, root, clone = tmp_path / "kopienas.git", disk / "srv", tmp_path / "clone"
        run("sh", PUBLISH / "install.sh", "--site-url", "http://127.0.0.1:9", "--python", sys.executable,
            repo, root, cwd=tmp_path)
        run("git", "config", "publish.headroom", "0", cwd=repo)
        run("git", "config", "publish.keep", "1", cwd=repo)
        (root / "releases" / OLD_RELEASE).mkdir(parents=True)
        (root / "releases" / OLD_RELEASE / "index.html").write_text("the live site\n")
        releases.switch(root, OLD_RELEASE)
        # Older releases beyond publish.keep, and what a killed build left: a failed push removes them.
        for older in OLDER_RELEASES:
            (root / "releases" / older).mkdir()
        (root / "releases" / f".{OLD_RELEASE}-x1y2z3").mkdir()
        (root / "work" / "killed").mkdir(parents=True)
        clone.mkdir()
        copy_project(clone)
        run("git", "init", "-q", "-b", "main", cwd=clone)
        run("git", "add", ".", cwd=clone)
        run("git", "commit", "-qm", "First publication", cwd=clone)
        run("git", "remote", "add", "origin", repo, cwd=clone)
        yield Server(repo, root, clone, "", [])
    finally:
        subprocess.run(["umount", "-l", disk], check=False)


def test_a_full_disk_refuses_in_one_line_and_the_next_push_with_room_publishes(small_disk, tmp_path):
    server = small_disk

    def refused():
        pushed = server.push()
        said = refused_without_building(server, pushed, DISK_FULL)
        assert said.count("disk is full") == 1
        assert "Build failed" not in said and "tar:" not in said and "Errno" not in said, said
        assert server.current() == OLD_RELEASE
        assert (server.root / "current" / "index.html").read_text() == "the live site\n"
        assert server.releases() == [OLD_RELEASE]
        assert not [name for name in os.listdir(server.root / "releases") if name.startswith(".")]
        work = server.root / "work"
        assert not work.exists() or not list(work.iterdir())
        return said

    refused()  # the build itself runs out of space
    filler = server.root / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as f:  # every byte left
        while True:
            f.write(b"\0" * (1 << 16))
            f.flush()
    said = server.push().stderr
    assert "remote: Push refused: the live site was not changed." in said and "Traceback" not in said
    assert "disk is full" in said or "Not enough free disk space to build" in said, said
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,size=64m", server.root.parent], check=True)
    pushed = server.push()
    assert pushed.returncode == 0, pushed.stderr
    assert server.current() != OLD_RELEASE and (server.root / "current" / "index.html.br").exists()


def test_rollback_with_no_releases_says_nothing_was_published(tmp_path):
    refused = run(PUBLISH / "rollback", tmp_path, cwd=tmp_path, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Nothing to roll back to: nothing has been published in {tmp_path} yet (no releases)."
    )


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

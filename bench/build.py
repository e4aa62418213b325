"""Build speed at scale: `make bench`.

Generates a corpus outside content/ (bench/corpus.py: N stories per language,
~600 words each, with their communities and meetings), lets the disk settle
(settle()), then times, each in a new process and into a new folder, as
`make build` and `make serve` run it (`python -m sitebuilder`, pelicanconf.py):
  cold        no output and no cache: every page made from nothing; taking
              turns with the reference, COLD_REPEAT times, the fastest of
              each shown (all are printed)
  warm        again, nothing changed
  edit text   after a paragraph is added to one story (the first rebuild after
              the cold build), then as an organiser goes on: another
              paragraph, REPEAT times, the fastest shown (all are printed)
  edit title  after one story's title is changed (every list shows it)
  edit to reload  the text edit again, REPEAT times, while `make serve` runs (its
              rebuilds are forked from a process that has imported everything
              once): from the edit to the server's order to reload the open tab
  published   cold, with publishconf.py: search index, PDFs, compressed copies
  publish     through the real pre-receive hook (deploy/publish/install.sh into a bare
              repository; the project with the corpus as its content/, pushed with git):
              the first push, then one story's text edited and pushed, REPEAT times
              (the fastest shown, all printed), and a push with a content error (refused),
              each from `git push` to its end; then the live release is compared
              with a cold strict build of the same commit, byte for byte
and, as the reference, plain Pelican building the same Latvian stories
(bench/plainconf.py: default theme, one language, PLUGINS = []). Each row
gives wall seconds, the ratio to plain Pelican, the peak memory of the build
(all its processes together, proportional set size, sampled every 50 ms) and
pages per second (pages of the finished site / wall seconds). A full build
from an empty cache then checks that the edits left the site as it makes it.
"""

import argparse
import filecmp
import http.client
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from corpus import generate  # noqa: E402


def _tree(pid):
    """pid and every descendant of it (/proc/PID/task/TID/children)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    pending.extend(int(child) for child in f.read().split())
            except (OSError, ValueError):
                pass
    return found


def _pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


SAMPLE_SECONDS = 0.05  # every 10 ms, walking all of /proc, took about a sixth of the 2 cores


class _Memory(threading.Thread):
    """The largest total memory (kB, PSS) of a process and its children while it runs."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(SAMPLE_SECONDS)


def run(command, env):
    """(wall seconds, peak MB) of a command; stops the benchmark when it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = _Memory(process.pid)
    memory.start()
    _out, errors = process.communicate()
    seconds = time.perf_counter() - started
    memory.running = False
    memory.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{errors.decode()}")
    return seconds, memory.peak / 1024


REPEAT = 3  # edits timed again and again: this machine's speed varies by half from minute to minute
COLD_REPEAT = 2  # plain Pelican and the cold build, taking turns


def best(runs):
    """(fewest seconds, most MB) of several runs of the same build."""
    return min(seconds for seconds, _memory in runs), max(memory for _seconds, memory in runs)


def serve_edit(command, env, story, port):
    """[(seconds, peak MB)] from an edit to the open tab's order to reload, REPEAT times.

    The dev server is started and its first build awaited; a client listens
    to its events (/_dev/events) as an open tab's reload.js does; then a
    paragraph is added to `story`, and the time runs until the server tells
    the client that the rebuild is done (watching for the change included):
    the tab reloads at that moment. Memory: the server, its builder and the
    build together.
    """
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def wait(prefix):
        while True:
            try:
                line = lines.get(timeout=300)
            except queue.Empty:
                raise SystemExit(f"the dev server did not print {prefix!r}") from None
            if line.startswith(prefix):
                return

    found = []
    try:
        wait("Serving ")
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        events.request("GET", "/_dev/events")
        stream = events.getresponse()

        def reload_event():
            while True:
                line = stream.readline()
                if not line:
                    raise SystemExit("the dev server closed its events")
                if line.startswith(b"event: build"):
                    return

        reload_event()  # the first event says how many builds there were so far
        for _time in range(REPEAT):
            time.sleep(1)  # the watcher is ready, and the last build's rm is done
            memory = _Memory(process.pid)
            memory.start()
            started = time.perf_counter()
            edit_text(story)
            reload_event()
            seconds = time.perf_counter() - started
            wait("Built ")
            memory.running = False
            memory.join()
            found.append((seconds, memory.peak / 1024))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return found


PROJECT_FILES = ("theme", "plugins", "sitebuilder", "editor", "pelicanconf.py", "publishconf.py", "pyproject.toml")
PUBLISH = ROOT / "deploy" / "publish"
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def push(clone, env, refused=False):
    """(wall seconds, peak MB) of `git push origin main`: the transfer, the hook, its build."""
    started = time.perf_counter()
    process = subprocess.Popen(["git", "push", "-q", "origin", "main"], cwd=clone, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = _Memory(process.pid)
    memory.start()
    _out, said = process.communicate()
    seconds = time.perf_counter() - started
    memory.running = False
    memory.join()
    if (process.returncode != 0) != refused:
        raise SystemExit(f"the push was {'accepted' if refused else 'refused'}:\n{said.decode()}")
    return seconds, memory.peak / 1024


def publish(folder, content, stories, env):
    """The publish rows: pushes through the project's pre-receive hook, as staff publish."""
    env = dict(env, **GIT_ENV)
    env.pop("PYTHONPATH", None)  # the hook sets the build's own, from the pushed tree
    repo, root, clone = folder / "site.git", folder / "srv", folder / "clone"
    folder.mkdir(parents=True)
    subprocess.run(["sh", str(PUBLISH / "install.sh"), "--site-url", "https://example.org", "--python",
                    sys.executable, str(repo), str(root)], check=True, stdout=subprocess.DEVNULL)
    clone.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=ignore)
        else:
            shutil.copy(source, clone / name)
    shutil.copytree(content, clone / "content")

    def git(*args):
        subprocess.run(["git", *args], cwd=clone, env=env, check=True, stdout=subprocess.DEVNULL)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-qm", "The benchmark's site")
    git("remote", "add", "origin", str(repo))
    rows, spread = {}, {}
    count = lambda: pages(root / "current")  # noqa: E731
    rows["publish: first push"] = push(clone, env), count()
    story = clone / "content" / "stories" / f"stasts-{stories // 3:05d}.lv.md"
    edits = []
    for _time in range(REPEAT):
        edit_text(story)
        git("commit", "-qam", "One story: one more paragraph")
        edits.append(push(clone, env))
    name = f"publish: edit one story, best of {REPEAT}"
    rows[name], spread[name] = (best(edits), count()), edits
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("\ncommunities: [", "\ncommunities: [[", 1), encoding="utf-8")
    git("commit", "-qam", "One story: a list left open")
    rows["publish: content error, refused"] = push(clone, env, refused=True), count()
    git("reset", "-q", "--hard", "HEAD~1")

    # The live release must be what a cold strict build of its commit makes.
    cold = folder / "cold"
    build_env = dict(env, PYTHONPATH=os.pathsep.join((str(clone), str(clone / "plugins"))))
    subprocess.run([sys.executable, "-m", "sitebuilder", "--settings", "publishconf.py", "--strict", "--quiet",
                    "--output", str(cold), "--set", f"CACHE_PATH={folder / 'cold-cache'}"],
                   cwd=clone, env=build_env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return rows, spread, same_trees(root / "current", cold)


def pages(folder):
    return sum(name.endswith(".html") for _d, _s, names in os.walk(folder) for name in names)


def edit_text(path):
    with open(path, "a", encoding="utf-8") as f:
        f.write("\nŠī rindkopa pievienota, lai izmērītu būvējumu pēc viena stāsta labošanas.\n")


def edit_title(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: Labots – ", 1), encoding="utf-8")


def same_trees(left, right):
    """Files only in one, or differing, between two folders: [] when they are the same."""
    differences = []
    compared = filecmp.dircmp(left, right)
    stack = [("", compared)]
    while stack:
        prefix, node = stack.pop()
        differences += [prefix + name for name in node.left_only + node.right_only]
        _match, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        differences += [prefix + name for name in mismatch + errors]
        stack += [(f"{prefix}{name}/", sub) for name, sub in node.subdirs.items()]
    return differences


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SETTLE_SECONDS = 61


def settle():
    """Wait until the files deleted before the benchmark no longer slow it down.

    ext4 without a journal (this machine's disk) will not reuse an inode
    freed in the last minute (six while its table is not yet written), and
    every file it creates searches past each such inode: 2,600 folders with
    a page each took 4.9 s right after as many were deleted, 0.7 s once the
    deletions were written and a minute old. The benchmark deletes only
    before this wait and builds into new folders, so that it times the
    builds, not the files its last run (or a test run) deleted.
    """
    print(f"writing the disk's caches and waiting {SETTLE_SECONDS} s for it to settle", file=sys.stderr)
    os.sync()
    time.sleep(SETTLE_SECONDS)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000, help="stories per language")
    args = parser.parse_args()

    out = BENCH / "out"
    shutil.rmtree(out, ignore_errors=True)
    content = generate(BENCH / "corpus" / "content", args.stories)
    settle()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), str(ROOT / "plugins"))), SITEURL="https://example.org")
    # As on an organiser's computer, Python keeps the modules it compiled (some
    # environments turn that off; then every build compiles the plugins again).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    python = sys.executable

    def ours(settings, output, cache, *extra):
        return [
            python, "-m", "sitebuilder", "--settings", str(ROOT / settings), "--output", str(output),
            "--set", f"PATH={content}", "--set", f"CACHE_PATH={cache}", "--quiet", *extra,
        ]

    rows, spread = {}, {}
    # The reference and the cold build one after the other, COLD_REPEAT times: a
    # ratio of two builds timed minutes apart says more of this machine than of them.
    plain_runs, cold_runs = [], []
    for turn in range(COLD_REPEAT):
        plain_out = out / f"plain-{turn}"
        plain_runs.append(run([python, "-m", "pelican", "-s", str(BENCH / "plainconf.py"), "-o", str(plain_out), "-q"], env))
        site, cache = out / f"site-{turn}", out / f"cache-{turn}"
        cold_runs.append(run(ours("pelicanconf.py", site, cache), env))
    # The edits go on from the last cold build.
    build = ours("pelicanconf.py", site, cache)
    reference = f"plain Pelican, lv, best of {COLD_REPEAT}"
    rows[reference], spread[reference] = (best(plain_runs), pages(plain_out)), plain_runs
    cold = f"cold, best of {COLD_REPEAT}"
    rows[cold], spread[cold] = (best(cold_runs), pages(site)), cold_runs
    rows["warm, nothing changed"] = run(build, env), pages(site)
    story = content / "stories" / f"stasts-{args.stories // 2:05d}.lv.md"
    edit_text(story)
    rows["edit one story's text"] = run(build, env), pages(site)
    # As an organiser writing: the same story edited again.
    again = []
    for _time in range(REPEAT):
        edit_text(story)
        again.append(run(build, env))
    rows[f"edit it again, best of {REPEAT}"] = best(again), pages(site)
    spread[f"edit it again, best of {REPEAT}"] = again
    edit_title(story)
    rows["edit one story's title"] = run(build, env), pages(site)

    # The site after the edits must be the one a build from nothing makes.
    check = out / "check"
    subprocess.run(ours("pelicanconf.py", check, out / "check-cache", "--full"), env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    differences = same_trees(site, check)

    # The same edit as organisers make it while `make serve` runs (a preview build of its own).
    port = free_port()
    serve = [
        python, "-m", "sitebuilder.serve", "--settings", str(ROOT / "pelicanconf.py"), "--port", str(port),
        "--output", str(out / "serve"), "--set", f"PATH={content}", "--set", f"CACHE_PATH={cache}",
    ]
    served = serve_edit(serve, env, story, port)
    rows[f"edit to reload, serve, best of {REPEAT}"] = best(served), pages(out / "serve")
    spread[f"edit to reload, serve, best of {REPEAT}"] = served

    published = out / "published"
    rows["published, cold"] = run(ours("publishconf.py", published, out / "published-cache"), env), pages(published)

    publish_rows, publish_spread, published_differences = publish(out / "publish", content, args.stories, env)
    rows.update(publish_rows)
    spread.update(publish_spread)

    plain = rows[reference][0][0]
    print(f"{args.stories} stories per language ({args.stories // 10} meetings), {os.cpu_count()} cores")
    print(f"{'build':<30}{'pages':>7}{'seconds':>9}{'vs plain':>10}{'peak MB':>9}{'pages/s':>9}")
    for name, ((seconds, memory), count) in rows.items():
        print(f"{name:<30}{count:>7}{seconds:>9.2f}{seconds / plain:>9.2f}x{memory:>9.0f}{count / seconds:>9.0f}")
    for name, runs in spread.items():
        print(f"{name}: " + ", ".join(f"{seconds:.2f} s" for seconds, _memory in runs))
    if differences:
        raise SystemExit(f"the edited site differs from a build from nothing: {differences[:10]}")
    print("after the edits the site is byte for byte the one a full build makes")
    if published_differences:
        raise SystemExit(f"the live release differs from a cold strict build: {published_differences[:10]}")
    print("the live release after the pushes is byte for byte a cold strict build of its commit")


if __name__ == "__main__":
    main()

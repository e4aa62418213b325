"""The release folders of a published site, shared by `pre-receive` and `rollback`.

A site root holds:

    releases/20261115T101502Z-3f9c2a1b7d4e/   one complete build per publication
    current -> releases/...                  what the web server serves
    publish.lock  publish.log                one publication at a time; what happened

Release names sort by time (UTC timestamp, then the commit), so the newest
release is the last one published by a push. `current` is switched by renaming
a new symlink over it, which is atomic: a visitor gets the old site or the new
one, never a mixture. Standard library only: the server needs nothing else.
"""

import contextlib
import datetime
import fcntl
import os
import re
import shutil

RELEASE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{12}$")


def release_name(sha, now=None):
    """A sortable name for a build of `sha`: `20261115T101502Z-3f9c2a1b7d4e`."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{sha[:12]}"


def releases(root):
    """The names of the complete releases below root, oldest first."""
    folder = os.path.join(root, "releases")
    if not os.path.isdir(folder):
        return []
    return sorted(name for name in os.listdir(folder) if RELEASE.match(name))


def current(root):
    """The name of the release `current` points to, or None."""
    link = os.path.join(root, "current")
    if not os.path.islink(link):
        return None
    return os.path.basename(os.path.normpath(os.readlink(link)))


def commit_of(name):
    """The (abbreviated) commit a release was built from."""
    return name.rsplit("-", 1)[1]


def switch(root, name):
    """Point `current` at releases/name atomically (a relative link: the root may move)."""
    temporary = os.path.join(root, f".current-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.remove(temporary)
    os.symlink(os.path.join("releases", name), temporary)
    os.replace(temporary, os.path.join(root, "current"))


def prune(root, keep):
    """Remove all but the newest `keep` releases, never the live one; returns the removed names."""
    names = releases(root)
    live = current(root)
    removed = [name for name in names[: max(len(names) - keep, 0)] if name != live]
    for name in removed:
        shutil.rmtree(os.path.join(root, "releases", name), ignore_errors=True)
    return removed


def remove_leftovers(root):
    """Half-written folders of a build that was killed (only while holding the lock)."""
    for parent in ("releases", "work"):
        folder = os.path.join(root, parent)
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                if parent == "work" or name.startswith("."):
                    shutil.rmtree(os.path.join(folder, name), ignore_errors=True)


@contextlib.contextmanager
def locked(root, waiting=None):
    """Hold the site's publication lock; calls waiting() once if someone else holds it."""
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "publish.lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def log(root, message):
    """One timestamped line in root/publish.log (UTC, milliseconds, the process)."""
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    with open(os.path.join(root, "publish.log"), "a", encoding="utf-8") as f:
        f.write(f"{now} [{os.getpid()}] {message}\n")

"""Has anything a build reads changed since the last build of this output?

A build reads its settings, content/, the theme, the plugins, this package, the installed
packages and the day it runs on (drafts, dates to come, past and upcoming
meetings). `fingerprint` hashes all of them; after a successful build the
fingerprint is kept with the size and modification time of every file the
build wrote (`save`). When the next build of the same output finds the same
fingerprint and every file as it left it (`up_to_date`), there is nothing to
do: `python -m sitebuilder` says so and stops, in about a tenth of a second
instead of a whole build. A file changed or removed by hand in the output
makes the build run again.

Standard library only, and no Pelican: the check must cost far less than
importing what a build needs.
"""

import datetime
import hashlib
import json
import os
import runpy
import stat as stat_module
import sys
import sysconfig
import time
from zoneinfo import ZoneInfo

__all__ = ["Inputs", "fingerprint", "hash_tree", "output_files", "packages", "prune", "save", "up_to_date"]

STATE_FOLDER = "builds"
APPLICATION = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # sitebuilder/, the code that builds
KEEP_STATES = 16  # the newest states kept; one per output folder built


class Inputs:
    """What the check needs of a settings file, read without Pelican."""

    def __init__(self, settings_file, extra=None, output=None):
        self.settings_file = os.path.abspath(settings_file)
        self.root = os.path.dirname(self.settings_file)
        self.extra = dict(extra or {})
        self.settings = {**_read_settings(self.settings_file), **self.extra}
        self._output = os.path.abspath(output) if output else None
        self.fingerprints = {}

    def path(self, name, default):
        value = self.settings.get(name) or default
        return os.path.normpath(os.path.join(self.root, os.path.expanduser(str(value))))

    @property
    def output(self):
        return self._output or self.path("OUTPUT_PATH", "output")

    @property
    def cache(self):
        return self.path("CACHE_PATH", "cache")

    def folders(self):
        """Every folder whose files a build reads but content/ (see with_content)."""
        folders = [self.path("THEME", "theme"), APPLICATION]
        folders += [os.path.join(self.root, str(path)) for path in self.settings.get("PLUGIN_PATHS", ())]
        if self.settings.get("EDITOR"):  # the web editor, copied into the site (sitebuilder.editor)
            folders.append(os.path.join(self.root, str(self.settings["EDITOR"]["source"])))
        return folders

    def today(self):
        value = self.settings.get("SITE_TODAY")
        if value:
            return str(value)
        return datetime.datetime.now(ZoneInfo(self.settings.get("TIMEZONE") or "UTC")).date().isoformat()


def _read_settings(settings_file):
    """The settings file's names, as Pelican would read them (a Python file)."""
    folder = os.path.dirname(settings_file)
    sys.path.insert(0, folder)  # publishconf.py imports pelicanconf.py
    try:
        names = runpy.run_path(settings_file)
    finally:
        sys.path.remove(folder)
    return {name: value for name, value in names.items() if name.isupper()}


BIG_FILE = 1 << 20  # bigger files (photos) count by size and time, not read each build
RACY_NS = 2_000_000_000  # a file changed this recently may change again within one time stamp


class FileDigests:
    """The digest of each file read, kept with its size, time and inode, for the next check.

    A file whose size, modification time (in nanoseconds) and inode are those
    it had when it was last read is not read again, as git does. A file
    modified less than two seconds before it was read is read again next time:
    two edits within one time stamp would otherwise look like one.
    """

    def __init__(self, path):
        self.path = path
        try:
            with open(path, encoding="utf-8") as f:
                self.entries = json.load(f)
        except (OSError, ValueError):
            self.entries = {}
        self.changed = False
        self.seen = set()

    def digest(self, path, stat):
        self.seen.add(path)
        known = self.entries.get(path)
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        if known is not None and known[:3] == stamp:
            return bytes.fromhex(known[3])
        with open(path, "rb") as f:
            found = hashlib.blake2b(f.read(), digest_size=16).digest()
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            self.entries[path] = [*stamp, found.hex()]
        else:
            self.entries.pop(path, None)
        self.changed = True
        return found

    def save(self):
        """Keep the entries of the files read since this was loaded; nothing when nothing changed."""
        if not self.changed and len(self.seen) == len(self.entries):
            return
        entries = {path: entry for path, entry in self.entries.items() if path in self.seen}
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(json.dumps(entries))  # dumps: json.dump encodes in Python, several times slower
        os.replace(temporary, self.path)


def hash_tree(digest, folder, skip=(), known=None):
    """Every file's name and bytes below folder, in a stable order; `skip` are names relative to it.

    known: a FileDigests, to read only the files changed since it last saw them.
    """
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if name != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".mo")):
                continue
            path = os.path.join(dirpath, name)
            relative = path[len(folder) + 1:]  # os.walk's paths start with folder
            if relative in skip:
                continue
            digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
            stat = os.lstat(path)
            if not stat_module.S_ISREG(stat.st_mode):
                # A link (to anything, a loop included) or a pipe is never followed or read:
                # the content check refuses links, and nothing else is read (site_content.boundary).
                target = os.readlink(path) if stat_module.S_ISLNK(stat.st_mode) else ""
                digest.update(f"{stat.st_mode} {target}".encode("utf-8", "surrogateescape"))
                continue
            if stat.st_size > BIG_FILE:
                digest.update(f"{stat.st_size} {stat.st_mtime_ns}".encode())
                continue
            if known is not None:
                digest.update(known.digest(path, stat))
                continue
            with open(path, "rb") as f:
                digest.update(hashlib.blake2b(f.read(), digest_size=16).digest())


def packages():
    """The installed distributions and their versions (their .dist-info names)."""
    names = set()
    for key in ("purelib", "platlib"):
        folder = sysconfig.get_paths()[key]
        if os.path.isdir(folder):
            names.update(name for name in os.listdir(folder) if name.endswith(".dist-info"))
    return sorted(names)


def fingerprint(inputs, strict=False, content=True):
    key = (bool(strict), content)
    if key not in inputs.fingerprints:  # once per build, though both the check and the build ask
        inputs.fingerprints[key] = _fingerprint(inputs, strict, content)
    return inputs.fingerprints[key]


def _fingerprint(inputs, strict=False, content=True):
    """A hash of everything a build of these settings reads; None when it cannot be told.

    content=False leaves content/ (and strict) out: what the pages of a build
    depend on besides the content (incremental.py adds the content's part).
    """
    try:
        settings = json.dumps(inputs.settings, sort_keys=True, default=repr)
    except (TypeError, ValueError):
        return None
    if " at 0x" in settings:  # an object without a stable description: always build
        return None
    if content:
        return with_content(fingerprint(inputs, content=False), inputs, strict)
    digest = hashlib.blake2b(digest_size=20)
    for part in (settings, inputs.today(), sys.version, *packages()):
        digest.update(part.encode("utf-8") + b"\0")
    for folder in inputs.folders():
        digest.update(folder.encode("utf-8") + b"\0")
        if os.path.isdir(folder):
            hash_tree(digest, folder)
    hash_settings_files(digest, inputs.root)
    return digest.hexdigest()


def hash_settings_files(digest, root):
    """The settings files beside the project's root, and the Python files they may import."""
    for name in sorted(os.listdir(root)):
        if name.endswith(".py"):
            digest.update(name.encode("utf-8") + b"\0")
            with open(os.path.join(root, name), "rb") as f:
                digest.update(f.read())


def with_content(code, inputs, strict=False):
    """fingerprint(inputs, strict) from fingerprint(inputs, content=False): content/ hashed once."""
    if code is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{code}\0{bool(strict)}\0".encode())
    folder = inputs.path("PATH", "content")
    if os.path.isdir(folder):
        known = FileDigests(os.path.join(inputs.cache, STATE_FOLDER, "files-" + _name(folder) + ".digests"))
        hash_tree(digest, folder, known=known)
        known.save()
    return digest.hexdigest()


def output_files(output, prefix="", files=None):
    """{relative path: [size, mtime_ns]} of every file below output."""
    files = {} if files is None else files
    try:
        entries = os.scandir(os.path.join(output, prefix) if prefix else output)
    except FileNotFoundError:
        return files
    with entries:
        for entry in entries:
            if entry.is_dir():  # as os.walk: a link to a folder is not followed, nor a file
                if not entry.is_symlink():
                    output_files(output, f"{prefix}{entry.name}/", files)
            else:
                stat = entry.stat()
                files[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns]
    return files


def _name(folder):
    return hashlib.blake2b(os.path.abspath(folder).encode("utf-8"), digest_size=10).hexdigest()


def state_path(cache, output):
    """The state file of one output folder."""
    return os.path.join(cache, STATE_FOLDER, f"{_name(output)}.json")


def load(cache, output):
    """The kept state of the last build of output."""
    path = state_path(cache, output)
    try:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in _LOADED:  # the check and the build read it once
            with open(path, encoding="utf-8") as f:
                _LOADED.clear()
                _LOADED[key] = json.load(f)
        return _LOADED[key]
    except (OSError, ValueError):
        return None


_LOADED = {}


def up_to_date(inputs, strict=False):
    """The kept state of the last build when it is still good, else None."""
    state = load(inputs.cache, inputs.output)
    if not state or state.get("output") != inputs.output:
        return None
    if state.get("fingerprint") != fingerprint(inputs, strict) or state["fingerprint"] is None:
        return None
    if output_files(inputs.output) != state.get("files"):
        return None
    return state


def save(cache, output, state):
    """Keep the state of a successful build; only the newest KEEP_STATES are kept."""
    path = state_path(cache, output)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps({**state, "output": os.path.abspath(output)}, ensure_ascii=False)  # see FileDigests
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)
    prune(os.path.dirname(path), ".json")


def prune(folder, suffix, keep=KEEP_STATES):
    """Remove all but the `keep` newest files ending in suffix from a cache folder."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.endswith(suffix)]
    except (FileNotFoundError, NotADirectoryError):  # nothing kept there
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for entry in entries[keep:]:
        try:
            os.remove(entry.path)
        except FileNotFoundError:
            pass


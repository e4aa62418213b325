"""The content index, built in a second process while the build imports Pelican.

`python -m site_build` spends about 0.4 s importing Pelican, Jinja, Markdown
and the plugins before it can read its settings as Pelican does, and the
content index of 2,000 files (with the digests the incremental build needs)
takes 0.3 s more, though it needs none of them. So the command forks first
(`EarlyIndex.start`): the child reads the settings as fresh.Inputs does,
without Pelican, builds the index and the pages' digests and sends them; the
build takes them (`take`) only if what the index was made from (scan's
arguments, the folder shown in messages, the file of kept readings, the
code's digest) is what its own settings give, and otherwise builds the index
itself, as it does when there is no second core or Pelican is already
imported (the builder of `make serve`: nothing to overlap).

Measured on the benchmark's site (1,000 stories a language), the rebuild after
editing one story: see README.md, Build speed. Receiving the index costs
about 0.04 s (unpickling 2,000 documents).

Standard library and site_content only: no Pelican.
"""

import gc
import hashlib
import multiprocessing
import os
import sys

from . import fresh

__all__ = ["EarlyIndex", "cache_file", "pages_digests"]


def cache_file(cache, folder, content, lang=""):
    """The file of kept results (site_content.kept) of one content folder (and language)."""
    name = hashlib.blake2b(f"{os.path.abspath(content)}\0{lang}".encode(), digest_size=10).hexdigest()
    return os.path.join(cache, folder, f"{name}.pickle")


def pages_digests(code, index, settings):
    """What pages depend on but the documents' text (see incremental.py)."""
    files = hashlib.blake2b(digest_size=16)
    # The photos and other files beside the documents: the pages show their sizes and names.
    fresh.hash_tree(files, settings["PATH"], skip=set(index.files) | index.unreadable)
    shared, meta, states = index.digests()
    narrow = hashlib.blake2b(f"{code}\0{files.hexdigest()}\0{shared}".encode(), digest_size=16)
    full = narrow.copy()
    for name, digest in sorted(meta.items()):
        full.update(f"{name}\0{digest}\0".encode())
    return {"digest": full.hexdigest(), "narrow": narrow.hexdigest(), "groups": meta, "states": states}


def index_settings(inputs):
    """The settings the index reads, as Pelican's read_settings gives them (its defaults included)."""
    settings = dict(inputs.settings)
    settings["PATH"] = inputs.path("PATH", os.curdir)
    settings.setdefault("DEFAULT_LANG", "en")
    settings.setdefault("STATIC_PATHS", ["images"])
    settings.setdefault("IGNORE_FILES", ["**/.*"])
    return settings


def made_from(settings, root, cache, code):
    """What an index and its digests depend on besides the files."""
    from site_content.index import scan_arguments  # noqa: PLC0415 - in the child, after the fork
    from site_content.problems import shown_folder  # noqa: PLC0415

    return (
        scan_arguments(settings),
        shown_folder(settings["PATH"], root),
        cache_file(cache, "index", settings["PATH"]),
        code,
    )


def build_index(settings, root, cache, code, save=True):
    """(what it is made from, the content index, its pages' digests).

    save=False leaves the kept readings (index.kept) for the caller to save.
    """
    from site_content import ContentIndex  # noqa: PLC0415
    from site_content.index import kept_namespace  # noqa: PLC0415
    from site_content.kept import Kept  # noqa: PLC0415

    basis = made_from(settings, root, cache, code)
    _arguments, shown, kept_path, _code = basis
    kept = Kept(kept_path, kept_namespace())
    index = ContentIndex.from_settings(settings, shown=shown, kept=kept)
    digests = pages_digests(code, index, settings)  # with the kept readings: some are kept too
    if save:
        kept.save()
    return basis, index, digests


def _child(inputs, sender):
    kept = None
    try:
        _basis, index, digests = found = build_index(
            index_settings(inputs), inputs.root, inputs.cache, fresh.fingerprint(inputs, content=False),
            save=False,
        )
        kept, index.kept = index.kept, None  # not sent: the build reads no more
    except Exception:  # noqa: BLE001 - the build makes the index itself, and says what is wrong
        found = None
    try:
        sender.send(found)
    except Exception:  # noqa: BLE001 - cannot be sent: the same
        sender.send(None)
    sender.close()
    if kept is not None:  # once the build has what it waits for (it waits for this process at its end)
        kept.save()


class EarlyIndex:
    """The content index being built in a child process."""

    def __init__(self, process, receiver):
        self.process = process
        self.receiver = receiver

    @staticmethod
    def saves_time(jobs=None):
        """Whether there is an import to overlap, and a core to overlap it on (jobs=1: one process)."""
        return "pelican" not in sys.modules and jobs != 1 and (os.cpu_count() or 1) >= 2

    @classmethod
    def start(cls, inputs):
        """Start building it from what `inputs` (a fresh.Inputs) read of the settings."""
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(inputs, sender), name="site_build early index")
        process.start()
        sender.close()
        return cls(process, receiver)

    def take(self, settings, root, cache, code):
        """(index, digests) if it was built from what these settings give, else None."""
        enabled = gc.isenabled()
        gc.disable()  # thousands of new objects, all kept: no use looking for garbage among them
        try:
            found = self.receiver.recv()
        except (EOFError, OSError):  # the child died
            found = None
        finally:
            if enabled:
                gc.enable()
        self.process.join()
        self.receiver.close()
        if found is None:
            return None
        basis, index, digests = found
        if basis != made_from(settings, root, cache, code):
            return None
        return index, digests

    def close(self):
        """Stop the child if it is still at work (a build that ended before taking the index)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receiver.close()

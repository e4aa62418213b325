"""The build's one cache: what a build made, kept for the next build by a key of its inputs.

Every cached thing has a namespace (a folder of CACHE_PATH: "photos", "pdf",
"cards" ...) and a key made by `key()` from everything that decides its bytes:
the same inputs give the same key, any change of input gives another key, so
an entry is never out of date and is never invalidated, only left unused.
Entries are written under a temporary name and renamed, so an entry is whole
or absent, even when two builds write the same one at once.
"""

import hashlib
import os
import shutil
import tempfile

__all__ = ["key", "Store", "store"]

KEY_BYTES = 16


def key(*parts):
    """A hex digest of the parts (str, bytes, int, None or tuples of them), each tagged and
    length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.blake2b(digest_size=KEY_BYTES)
    _feed(digest.update, parts)
    return digest.hexdigest()


def _feed(update, value):
    kind = type(value)
    if kind is str:
        data = value.encode("utf-8")
        update(b"S%d:" % len(data))
        update(data)
    elif kind is bytes:
        update(b"B%d:" % len(value))
        update(value)
    elif kind is tuple or kind is list:
        update(b"T%d:" % len(value))
        for part in value:
            _feed(update, part)
    elif value is None:
        update(b"N")
    elif kind in (int, float, bool):
        update(b"I%s:" % repr(value).encode())
    elif isinstance(value, (str, bytes, tuple, list)):  # a subclass (markupsafe.Markup, a namedtuple)
        _feed(update, (str if isinstance(value, str) else bytes if isinstance(value, bytes) else tuple)(value))
    else:
        raise TypeError(f"a cache key is made of text, bytes and numbers, not {kind.__name__}")


class Store:
    """One namespace of the cache, a folder: entries by key, in <folder>/<key[:2]>/<key>.

    An entry is bytes (`get`, `put`) or a folder of files (`put_files`, `make_folder`; its
    path is `path(key)`).
    """

    def __init__(self, folder):
        self.folder = folder

    def path(self, entry):
        return os.path.join(self.folder, entry[:2], entry)

    def get(self, entry):
        """The bytes stored under a key, or None."""
        try:
            with open(self.path(entry), "rb") as f:
                return f.read()
        except OSError:
            return None

    def put(self, entry, data):
        """Store bytes under a key (whole or not at all); returns the entry's path."""
        target = self.path(entry)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{entry[:12]}-", dir=os.path.dirname(target))
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.chmod(scratch, 0o644)
            os.replace(scratch, target)
        except BaseException:
            if os.path.exists(scratch):
                os.unlink(scratch)
            raise
        return target

    def put_files(self, entry, files):
        """Store a folder of files ({name: bytes}) under a key, whole or not at all.

        When another build stored the same key meanwhile, theirs is kept (the same inputs
        made the same files). Returns the entry's path.
        """

        def write(folder):
            for name, data in files.items():
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)

        return self.make_folder(entry, write)

    def make_folder(self, entry, make):
        """The path of the folder stored under a key; when missing, `make(path)` fills a new folder,
        which is stored whole (or not at all, when `make` raises)."""
        target = self.path(entry)
        if os.path.isdir(target):
            return target
        os.makedirs(os.path.dirname(target), exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=f".{entry[:12]}-", dir=self.folder)
        try:
            make(scratch)
            os.chmod(scratch, 0o755)
            os.rename(scratch, target)
        except OSError:
            if not os.path.isdir(target):
                raise
        finally:
            if os.path.isdir(scratch):  # make() failed, or another build stored the same key meanwhile
                shutil.rmtree(scratch, ignore_errors=True)
        return target

    def get_or_make(self, entry, make):
        """The stored bytes of a key, made by `make()` and stored when missing."""
        data = self.get(entry)
        if data is None:
            data = make()
            self.put(entry, data)
        return data


def store(settings, namespace):
    """The Store of a namespace under the build's CACHE_PATH (Pelican's setting, default "cache")."""
    return Store(os.path.join(settings.get("CACHE_PATH") or "cache", namespace))

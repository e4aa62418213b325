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
    """A hex digest of the parts (str, bytes, int, None or tuples of them), each length-prefixed
    so that ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.blake2b(digest_size=KEY_BYTES)
    _feed(digest, parts)
    return digest.hexdigest()


def _feed(digest, value):
    if isinstance(value, (tuple, list)):
        digest.update(b"T%d:" % len(value))
        for part in value:
            _feed(digest, part)
        return
    if value is None:
        data, tag = b"", b"N"
    elif isinstance(value, bytes):
        data, tag = value, b"B"
    elif isinstance(value, str):
        data, tag = value.encode("utf-8"), b"S"
    elif isinstance(value, (int, float, bool)):
        data, tag = repr(value).encode(), b"I"
    else:
        raise TypeError(f"a cache key is made of text, bytes and numbers, not {type(value).__name__}")
    digest.update(tag + b"%d:" % len(data) + data)


class Store:
    """One namespace of the cache, a folder: entries by key, in <folder>/<key[:2]>/<key>.

    An entry is bytes (`get`, `put`) or a folder of named files (`put_files`; its
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
        target = self.path(entry)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=f".{entry[:12]}-", dir=self.folder)
        for name, data in files.items():
            with open(os.path.join(scratch, name), "wb") as f:
                f.write(data)
        os.chmod(scratch, 0o755)
        try:
            os.rename(scratch, target)
        except OSError:
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

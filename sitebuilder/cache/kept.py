"""Results kept between builds: one file of {key: pickled result} per kind of work.

A build asks for the result of some work by a key (a hash of all the work
depends on); what it finds was made by an earlier build, what it does not it
makes and puts. `save` then keeps exactly what this build used, so a kept
file never outgrows the content it is about. Each result is pickled on its
own and unpickled afresh when asked for, so a build may change what it gets
without changing what the next build finds. A file made for another
`namespace` (other settings, another version of the code) is ignored.
"""

import os
import pickle

__all__ = ["Kept"]


class Kept:
    def __init__(self, path, namespace):
        self.path = path
        self.namespace = namespace
        self._entries = None  # loaded on first use, in the process that works
        self._used = {}
        self._touched = set()  # keys used without being asked for (see touch)
        self.made = 0

    def _load(self):
        self._entries = {}
        try:
            with open(self.path, "rb") as f:
                data = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return
        if isinstance(data, dict) and data.get("namespace") == self.namespace:
            self._entries = data.get("entries", {})

    def __contains__(self, key):
        if self._entries is None:
            self._load()
        return key in self._entries or key in self._used

    def get(self, key):
        """The kept result for key, or None."""
        if self._entries is None:
            self._load()
        found = self._entries.get(key)
        if found is None:
            found = self._used.get(key)  # put by this build
            if found is None:
                return None
        self._used[key] = found
        return pickle.loads(found)

    def put(self, key, value):
        self._used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.made += 1

    def touch(self, key):
        """Keep the result for key, which this build used without asking (documents.py
        restored a whole document made of it), without loading the file for that."""
        self._touched.add(key)

    def save(self):
        """Keep what this build used; nothing to write when it made nothing and used all."""
        if self._entries is None:  # never asked: the file stays as it is
            return
        for key in self._touched:
            if key not in self._used and key in self._entries:
                self._used[key] = self._entries[key]
        if not self.made and len(self._used) == len(self._entries):
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as f:
            pickle.dump({"namespace": self.namespace, "entries": self._used}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

"""Processed photos kept between builds, and the processes that make them.

An entry of the build's cache (sitebuilder.cache, the folder PHOTOS["cache"])
is a folder named by the key of the photo's bytes and of the settings that
make its files (config.fingerprint): an unchanged photo under unchanged
settings is never processed again, a changed one gets a new key. The folder
holds the files and `photo.json`, whole or absent.

Photos that are not in the cache are made in a pool of processes, one per
core. Photos that cannot be published are not cached: they are rare, fail
fast, and their message stays that of the code that runs (the content
check's, pipeline.inspect).
"""

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor

from site_content.messages import Text
from sitebuilder.cache import Store

from .config import cache_key, fingerprint
from .model import DIGEST_LENGTH, Photo, Variant
from .pipeline import BadPhoto, derive, inspect

MANIFEST = "photo.json"


def entry_path(cache, key):
    return Store(cache).path(key)


def load(cache, source, key):
    """The cached Photo of a key, or None when it is missing or incomplete."""
    folder = entry_path(cache, key)
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as f:
            stored = json.load(f)
        variants = tuple(Variant(**variant) for variant in stored["variants"])
        photo = Photo(source, key, stored["width"], stored["height"], variants)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(os.path.isfile(os.path.join(folder, variant.file)) for variant in variants):
        return None
    return photo


def _store(cache, key, width, height, made):
    """Store an entry: its files and their manifest."""
    variants, files = [], {}
    for new_width, new_height, kind, data in made:
        digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]  # the published name, not a cache key
        variant = Variant(new_width, new_height, kind, digest, len(data))
        files[variant.file] = data
        variants.append(variant)
    manifest = {"width": width, "height": height, "variants": [vars(v) for v in variants]}
    files[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
    Store(cache).put_files(key, files)
    return tuple(variants)


def make(path, source, config, made_by):
    """Process one photo into the cache; runs in a worker process."""
    with open(path, "rb") as f:
        data = f.read()
    key = cache_key(data, made_by)  # of the bytes processed, should the file change meanwhile
    try:
        width, height, made = derive(data, config)
    except BadPhoto as bad:
        # In the content check's words (checking.py), so that both say the same; a photo is
        # inspected only once refused: inspecting every one first cost 12% more CPU per photo.
        try:
            inspect(data, config)
        except BadPhoto as inspected:
            bad = inspected
        return Photo(source, key, problem=Text(bad.code, bad.params), processed=True)
    variants = _store(config["cache"], key, width, height, made)
    return Photo(source, key, width, height, variants, processed=True)


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read(), None
    except OSError as error:
        return None, Text("photo_unreadable", {"reason": error.strerror or str(error)})


def process_all(files, config, jobs=None):
    """A Photo for each (source, path) in files, in order: from the cache or made now.

    A photo missing from the cache goes to the pool as soon as its bytes are
    hashed, so that hashing the next ones overlaps with making it.
    """
    made_by = fingerprint(config)
    workers = jobs or config.get("jobs") or os.cpu_count() or 1
    found, pending = {}, {}
    pool = None
    try:
        for source, path in files:
            data, problem = _read(path)
            cached = None if problem else load(config["cache"], source, cache_key(data, made_by))
            if problem:
                found[source] = Photo(source, "", problem=problem)
            elif cached is not None:
                found[source] = cached
            elif workers == 1:
                found[source] = make(path, source, config, made_by)
            else:
                pool = pool or ProcessPoolExecutor(max_workers=workers)
                pending[source] = pool.submit(make, path, source, config, made_by)
        found.update((source, future.result()) for source, future in pending.items())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return [found[source] for source, _path in files]

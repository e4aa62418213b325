"""Precompressed copies (`x.html.gz`) of the site's text files, for `gzip_static`.

The web server sends the `.gz` file to browsers that accept gzip, without
compressing on every request. `mtime=0` keeps the files byte-identical from
one build to the next.
"""

import gzip
import os
from concurrent.futures import ProcessPoolExecutor

TEXT_FILES = (".html", ".css", ".js", ".xml", ".svg", ".json", ".txt", ".ics", ".csv", ".webmanifest")
MIN_SIZE = 256  # smaller files gain nothing


def compress_file(path):
    """Write `path.gz`; returns False for files too small to gain anything."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < MIN_SIZE:
        return False
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    return True


def text_files(root):
    return [
        os.path.join(dirpath, name)
        for dirpath, _dirnames, filenames in os.walk(root)
        for name in filenames
        if name.endswith(TEXT_FILES)
    ]


def compress_tree(root, workers=None):
    """Write `name.gz` beside every text file below root, on every core; returns how many."""
    files = text_files(root)
    if len(files) < 200:  # starting processes costs more than it saves
        return sum(map(compress_file, files))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(compress_file, files, chunksize=64))

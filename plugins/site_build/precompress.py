"""Precompressed copies (`x.html.gz`, `x.html.br`) of the site's text files.

The web server sends the `.br` or `.gz` file to browsers that accept it
(nginx's `gzip_static`, `brotli_static`; Apache's rewrite rules in
deploy/apache/.htaccess), without compressing on every request. `.br` is
written when the `brotli` package is installed (pyproject.toml pins it).
Both are byte-identical from one build to the next (`mtime=0` for gzip;
Brotli stores no time).
"""

import gzip
import os
from concurrent.futures import ProcessPoolExecutor

try:
    import brotli
except ImportError:  # gzip alone; every browser and server handles it
    brotli = None

TEXT_FILES = (".html", ".css", ".js", ".xml", ".svg", ".json", ".txt", ".ics", ".csv", ".webmanifest")
MIN_SIZE = 256  # smaller files gain nothing


def compress_file(path):
    """Write `path.gz` (and `path.br`); returns False for files too small to gain anything."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < MIN_SIZE:
        return False
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    if brotli:
        with open(path + ".br", "wb") as f:
            f.write(brotli.compress(data, mode=brotli.MODE_TEXT, quality=11))
    return True


def text_files(root):
    return [
        os.path.join(dirpath, name)
        for dirpath, _dirnames, filenames in os.walk(root)
        for name in filenames
        if name.endswith(TEXT_FILES)
    ]


def compress_tree(root, workers=None):
    """Write `name.gz` (and `name.br`) beside every text file below root, on every core; returns how many."""
    files = text_files(root)
    if len(files) < 200:  # starting processes costs more than it saves
        return sum(map(compress_file, files))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(compress_file, files, chunksize=64))

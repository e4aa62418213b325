"""Precompressed copies (`x.html.gz`) of the site's text files, for `gzip_static`.

The web server sends the `.gz` file to browsers that accept gzip, without
compressing on every request. `mtime=0` keeps the files byte-identical from
one build to the next.
"""

import gzip
import os

TEXT_FILES = (".html", ".css", ".js", ".xml", ".svg", ".json", ".txt", ".ics", ".csv", ".webmanifest")
MIN_SIZE = 256  # smaller files gain nothing


def compress_tree(root, skip=()):
    """Write `name.gz` beside every text file below root; returns how many.

    `skip` names top-level folders of root to leave alone (another language's run).
    """
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath == root:
            dirnames[:] = [name for name in dirnames if name not in skip]
        for name in filenames:
            if not name.endswith(TEXT_FILES):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                data = f.read()
            if len(data) < MIN_SIZE:
                continue
            with open(path + ".gz", "wb") as f:
                f.write(gzip.compress(data, compresslevel=9, mtime=0))
            count += 1
    return count

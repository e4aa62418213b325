"""Precompressed copies (`x.html.gz`, `x.html.br`) of the site's text files.

The web server sends the `.br` or `.gz` file to browsers that accept it
(nginx's `gzip_static`, `brotli_static`; Apache's rewrite rules in
deploy/apache/.htaccess), without compressing on every request. `.br` is
written when the `brotli` package is installed (pyproject.toml pins it).
Both are byte-identical from one build to the next (`mtime=0` for gzip;
Brotli stores no time), and from one Python to the next: the gzip header is
written here, because gzip.compress marks the operating system as Unix (3)
under Python 3.11 and as unknown (255) from 3.12 on.
"""

import os
import struct
import zlib
from concurrent.futures import ProcessPoolExecutor

from . import progress

try:
    import brotli
except ImportError:  # gzip alone; every browser and server handles it
    brotli = None

# Chosen by measurement on the benchmark's site (2,618 text files, 33.8 MB; CPU seconds, total
# compressed size): Brotli quality 5 takes 0.6 s for 8.30 MB, quality 11 38 s for 7.46 MB
# (qualities 6-8 gain under 1%, 9 and 10 cost 13-14 s); gzip -9 0.6 s for 9.01 MB, -6 as much.
# A publication compresses every page it renders anew, and a new day, a new theme or the first
# push renders them all: at quality 11 that alone is more than the whole push may take, for text
# 11% smaller, a few hundred bytes a page. So quality 5, and gzip's best, which costs nothing.
GZIP_LEVEL = 9
BROTLI_QUALITY = 5

TEXT_FILES = (".html", ".css", ".js", ".xml", ".svg", ".json", ".txt", ".ics", ".csv", ".webmanifest")
MIN_SIZE = 256  # smaller files gain nothing


def gzip_bytes(data):
    """`data` as a gzip file (RFC 1952): no name, no time, best compression, OS "unknown"."""
    deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zlib.DEF_MEM_LEVEL)
    body = deflate.compress(data) + deflate.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff"
    return header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def compress_file(path):
    """Write `path.gz` (and `path.br`); returns False for files too small to gain anything."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < MIN_SIZE:
        return False
    with open(path + ".gz", "wb") as f:
        f.write(gzip_bytes(data))
    if brotli:
        with open(path + ".br", "wb") as f:
            f.write(brotli.compress(data, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY))
    return True


def text_files(root):
    return [
        os.path.join(dirpath, name)
        for dirpath, _dirnames, filenames in os.walk(root)
        for name in filenames
        if name.endswith(TEXT_FILES)
    ]


def reused_copies(root, files, previous, recorded):
    """Link the compressed copies of files the build took unchanged from the previous site.

    A file of `root` that is the previous site's very file (a hard link, see
    incremental.py) has the same compressed copies: those are linked too when
    they are as the previous build left them (`recorded`: {path: [size,
    mtime_ns]}). Returns the files that still need compressing.
    """
    remaining = []
    for path in files:
        relative = os.path.relpath(path, root)
        old = os.path.join(previous, relative)
        try:
            same = os.stat(path).st_ino == os.stat(old).st_ino
        except OSError:
            same = False
        copies = [relative + suffix for suffix in ((".gz", ".br") if brotli else (".gz",))]
        if same and all(_as_recorded(os.path.join(previous, copy), recorded.get(copy)) for copy in copies):
            for copy in copies:
                os.link(os.path.join(previous, copy), os.path.join(root, copy))
        else:
            remaining.append(path)
    return remaining


def _as_recorded(path, record):
    if record is None:
        return False
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == record


def compress_tree(root, workers=None, reuse=None):
    """Write `name.gz` (and `name.br`) beside every text file below root, on every core; returns how many.

    reuse=(previous site, its recorded files): files unchanged since then get
    the previous copies (see reused_copies) instead of being compressed again.
    """
    files = text_files(root)
    if reuse is not None:
        files = reused_copies(root, files, *reuse)
    report = progress.Pages("")
    report.stage, report.total = "compressing", len(files)
    if len(files) < 200:  # starting processes costs more than it saves
        done = sum(map(compress_file, files))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = 0
            for made in pool.map(compress_file, files, chunksize=64):
                done += made
                report.add()
    report.done = len(files)
    report.finish()
    return done

"""The one boundary of what a build reads: files inside content/, of the kinds the site publishes.

Content is untrusted input (a git push, the web editor), so the content index
walks content/ once, here, without following links: a symbolic link (to a
file or a folder, inside or outside content/, a loop) is a content problem of
its own and is never read, so no link can publish a file from elsewhere on the
server and no loop can hang a build. Every other file is a text of a section,
a photo of the photo folder (site_photos makes what is published of it), an
attachment of a kind in ATTACHMENT_TYPES, or a content problem naming it.

A link written in a text (`{static}`, `{attach}`, `{filename}`) is resolved
here too: one that leaves content/, or leads to a file that is not published,
is refused (references.py says so and leaves the text out of the build, so
that Pelican never copies what it names).
"""

import os
import posixpath
from dataclasses import dataclass, field

# What may be attached to a text besides photos: documents people download and
# open in their own programs, never run by a browser on the site's origin
# (HTML, SVG, JavaScript, CSS would be).
ATTACHMENT_TYPES = (".pdf", ".odt", ".ods", ".docx", ".xlsx")

# A text larger than this is refused before it is decoded or parsed: the
# longest real text is under 20 kB, a whole methodology chapter under 40 kB.
MAX_TEXT_BYTES = 1024 * 1024


# Python-Markdown's time grows faster than the count of some marks: 1,000 "[" in
# one paragraph took 1.6 s, 2,000 took 8 s, 4,000 took 42 s; 100 kB of "*a"
# took 10 s. Counts above these are refused before any conversion (the real
# texts have under 100 of each): a text converts in well under a second.
MARKUP_LIMITS = {"[": 500, "*": 4000, "_": 4000}


def markup_overflow(body):
    """(mark, count, limit) of the first mark a body has too many of, or None."""
    for mark, limit in MARKUP_LIMITS.items():
        count = body.count(mark)
        if count > limit:
            return mark, count, limit
    return None


@dataclass
class Walk:
    """What is in content/: every regular file and every symbolic link, relative, with "/"."""

    files: list = field(default_factory=list)  # sorted
    links: list = field(default_factory=list)  # sorted: files and folders that are links
    folders: set = field(default_factory=set)  # every real folder walked ("" is content/ itself)


def walk(content_path, ignored=None, skip=()):
    """Walk content/ without following links; hidden files and folders are left out.

    ignored: a callable telling, from a file's (normcase'd) name, that it is ignored;
    skip: folders (relative) not walked. os.scandir's entries know, without a
    call to the system per file, which are links, files and folders.
    """
    found = Walk()
    skip = {os.path.normpath(path) for path in skip}
    pending = [""]
    while pending:
        relative = pending.pop()
        found.folders.add(relative)
        with os.scandir(os.path.join(content_path, relative) if relative else content_path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = entry.name
                if name.startswith("."):
                    continue
                source = f"{relative}/{name}" if relative else name
                if entry.is_symlink():
                    found.links.append(source)
                elif entry.is_dir(follow_symlinks=False):
                    if os.path.normpath(source) not in skip:
                        pending.append(source)
                elif entry.is_file(follow_symlinks=False):
                    if not (ignored and ignored(os.path.normcase(name))):
                        found.files.append(source)
    found.files.sort()
    found.links.sort()
    return found


def _source(relative, name):
    return os.path.normpath(os.path.join(relative, name)).replace(os.sep, "/")


def resolve(source, path):
    """The content-relative path a link written in `source` names, or None when it leaves content/.

    path: the part after `{static}` etc., already unquoted; "/..." is relative
    to content/, anything else to the folder of `source`.
    """
    if "\0" in path or "\\" in path:
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
    relative = posixpath.normpath(joined)
    if relative == ".." or relative.startswith("../") or posixpath.isabs(relative):
        return None
    return relative


def is_attachment(source):
    return os.path.splitext(source)[1].lower() in ATTACHMENT_TYPES


def inside(content_path, relative):
    """Whether a content-relative path is a regular file that, links followed, is inside content/."""
    root = os.path.realpath(content_path)
    real = os.path.realpath(os.path.join(content_path, *relative.split("/")))
    return real.startswith(root + os.sep) and real == os.path.join(root, *relative.split("/")) and os.path.isfile(real)

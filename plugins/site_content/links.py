"""The links and images of a Markdown body, with the line each is on.

Regular expressions rather than a Markdown parse: the index reads every file
before Pelican does, and converting every body twice would cost what the
build's one conversion costs. Fenced code blocks and inline code are skipped
(they show links, they do not make them).
"""

import re
from typing import NamedTuple


class Link(NamedTuple):
    line: int  # 1-based line of the file
    target: str
    image: bool = False
    alt: str | None = None  # an image's description; None where not known


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE = re.compile(r"`+[^`]*`+")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_A_TAG = re.compile(r"<a\b[^>]*>", re.I)
# Any other tag with an address Pelican resolves ({static}... in cite="", src=""...).
_OTHER_TAG = re.compile(r"<(?!a\b|img\b)[a-z][a-z0-9-]*\b[^>]*>", re.I)
_LINKING_ATTRIBUTES = ("href", "src", "cite", "poster", "data", "action", "formaction", "content")


def _attribute(tag, name):
    match = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", tag, re.I)
    if match is None:
        return None
    return next(group for group in match.groups() if group is not None)


def find_links(body, body_line=1):
    """Every link and image of a body: [Link]; body_line is where the body starts."""
    found = []
    fenced = False
    for number, line in enumerate(body.splitlines(), start=body_line):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or ("](" not in line and "<" not in line and "]:" not in line):
            continue  # most lines of prose hold no link: skip the expressions
        line = _CODE.sub("", line) if "`" in line else line
        for match in _IMAGE.finditer(line):
            found.append(Link(number, match["target"], True, match["alt"].strip()))
        for match in _LINK.finditer(_IMAGE.sub("", line)):
            found.append(Link(number, match["target"]))
        match = _REFERENCE.match(line)
        if match:
            found.append(Link(number, match["target"]))
        for tag in _IMG_TAG.findall(line):
            source = _attribute(tag, "src")
            if source:
                found.append(Link(number, source, True, (_attribute(tag, "alt") or "").strip()))
        for tag in _A_TAG.findall(line):
            target = _attribute(tag, "href")
            if target:
                found.append(Link(number, target))
        for tag in _OTHER_TAG.findall(line):
            for name in _LINKING_ATTRIBUTES:
                target = _attribute(tag, name)
                if target:
                    found.append(Link(number, target))
    return found

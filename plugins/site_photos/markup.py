"""Photos in a page's HTML: <img> to <picture>, galleries, links to originals.

Works on the HTML that Python-Markdown made of the organiser's text, with
regular expressions over `<img` tags only; a page without "<img" is not
looked at (a substring test). Re-parsing every page with BeautifulSoup cost
45% of a build (DESIGN.md); see __init__.py for what this costs.

What organisers write, and what it becomes:

    ![A description](/images/x.jpg)          an inline <picture>
    ![A description](/images/x.jpg "Caption") alone in its paragraph:
                                              a <figure> with the caption
    ::: gallery                               a list of thumbnails, each a
    ![First photo](/images/a.jpg)             link to the larger photo
    ![Second photo](/images/b.jpg "Caption")
    :::

`{static}/images/x.jpg`, `/images/x.jpg` and paths relative to the text's
file all name content/images/x.jpg. A link to a photo's original
(`[photo]({static}/images/x.jpg)`) is pointed at its widest JPEG instead.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_PELICAN = re.compile(r"^(?:\{(?:static|attach)\}|\|(?:static|attach)\|)")
_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_GALLERY_START = r":::[ \t]*(?:gallery|galerija)[ \t]*"
# Every alternative starts with "<", written once in front: Python's regular
# expressions then skip from "<" to "<" at C speed (15 microseconds for a page
# of 13 KB, against 1.5 ms with the "<" inside each alternative).
_TOKEN = re.compile(
    rf"<(?:(?P<gallery>p>{_GALLERY_START}(?:\n|</p>)(?P<items>.*?)(?:\n|<p>):::[ \t]*</p>)"
    r"|(?P<figure>p>\s*(?P<alone><img\b[^>]*>)\s*</p>)"
    r"|(?P<img>img\b[^>]*>)"
    r"|(?P<link>a\b[^>]*?\bhref\s*=\s*[\"']?(?:\{(?:static|attach)\}|\|(?:static|attach)\|)[^>]*>))",
    re.S | re.I,
)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_UNCLOSED = re.compile(rf"<p>{_GALLERY_START}(?:\n|</p>)", re.I)
_LEFTOVER = re.compile(r"</?p>|<br\s*/?>", re.I)


@dataclass(frozen=True)
class Found:
    """What an <img> or link points to: a photo ready to show, or one that cannot be shown."""

    picture: object | None  # views.Picture, None for a photo that cannot be published
    caption: str = ""  # from the photo's record, in the page's language; the text's own title wins
    credit: str = ""  # who took it, and its licence: shown under the photo
    withheld: bool = False  # shows people without a record of their consent: a placeholder instead


def attributes(tag):
    """{name: unescaped value} of an HTML tag's attributes."""
    found = {}
    for match in _ATTRIBUTE.finditer(tag):
        value = next(group for group in match.groups()[1:] if group is not None)
        found[match.group(1).lower()] = html.unescape(value)
    return found


def photo_path(target, document_folder, folder="images"):
    """The path in content/ of the photo a link points to, or None when it is not in `folder`.

    document_folder: the folder in content/ of the page's file, for relative paths.
    """
    target = html.unescape(target).strip()
    pelican = _PELICAN.match(target)
    if pelican:
        target = target[pelican.end():]
    elif _SCHEME.match(target):
        return None
    target = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not target:
        return None
    if target.startswith("/"):
        path = target.lstrip("/")
    elif target.startswith(folder + "/") and not pelican:
        path = target  # "images/x.jpg": meant from content/, whatever the page's folder
    else:
        path = posixpath.join(document_folder, target)
    path = posixpath.normpath(path)
    return path if path.startswith(folder + "/") else None


def cover_path(value, folder="images"):
    """The path in content/ of a `cover:` field: "images/x.jpg", "x.jpg", "{static}/images/x.jpg"."""
    text = _PELICAN.sub("", str(value).strip()).lstrip("/")
    text = text[len(folder) + 1:] if text.startswith(folder + "/") else text
    return posixpath.normpath(posixpath.join(folder, text))


def rewrite(page_html, find, render, eager_first=True):
    """(new HTML, [problem messages]) of a page's HTML.

    find(target) -> Found, or None for what is not a photo of the site (left
    as it is); render: an object with picture(picture, alt, eager),
    figure(picture, alt, caption, eager, credit), gallery([(picture, alt,
    caption, credit)]) and withheld(alt, alone) returning HTML. A photo
    within a line of text shows neither caption nor credit (a <figure>
    cannot stand inside a paragraph). The first photo of the page loads at once when
    eager_first; the others load lazily, as the reader scrolls to them.
    """
    problems = []
    state = {"eager": eager_first}

    def take_eager():
        eager, state["eager"] = state["eager"], False
        return eager

    def one(tag, alone):
        attrs = attributes(tag)
        found = find(attrs.get("src", ""))
        if found is None:
            return None
        alt, caption = attrs.get("alt", ""), attrs.get("title", "") or found.caption
        if found.withheld:
            return render.withheld(alt, alone)
        if found.picture is None:
            return ""  # a photo that cannot be published: already reported, left out
        if alone:
            return render.figure(found.picture, alt, caption, take_eager(), found.credit)
        return render.picture(found.picture, alt, take_eager())

    def gallery(items):
        shown, withheld = [], []

        def take(match):
            attrs = attributes(match[0])
            found = find(attrs.get("src", ""))
            if found is None:
                return match[0]  # not one of the site's photos: left as it is, after the gallery
            if found.withheld:
                withheld.append(render.withheld(attrs.get("alt", ""), True))
            elif found.picture is not None:
                shown.append((found.picture, attrs.get("alt", ""), attrs.get("title", "") or found.caption,
                              found.credit))
            return ""

        rest = _LEFTOVER.sub("", _IMG.sub(take, items)).strip()
        result = (render.gallery(shown) if shown else "") + "".join(withheld)
        text = _IMG.sub("", rest).strip()
        if text:
            problems.append(
                "a gallery holds only photos, one '![description](/images/photo.jpg)' a line:"
                f" move the text '{html.unescape(text)[:40]}' above or below it"
            )
        if rest:
            result += f"\n<p>{rest}</p>"
        return result

    def link(tag):
        found = find(attributes(tag).get("href", ""))
        if found is None:
            return None
        url = found.picture.large if found.picture is not None and not found.withheld else "#"
        return _HREF.sub(lambda _match: f'href="{html.escape(url)}"', tag, count=1)

    def replace(match):
        if match["gallery"]:
            return gallery(match["items"])
        if match["figure"]:
            result = one(match["alone"], alone=True)
        elif match["img"]:
            result = one(match[0], alone=False)
        else:
            result = link(match[0])
        return match[0] if result is None else result

    result = _TOKEN.sub(replace, page_html)
    if _UNCLOSED.search(result):
        problems.append("'::: gallery' has no closing ':::' line: end the gallery with a line ':::'")
    return result, problems

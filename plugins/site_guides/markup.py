"""Changes to a chapter's HTML: heading permalinks on screen, a print version.

Pure functions over the HTML that Python-Markdown writes (quoted attributes,
`<` in text escaped), working on tags only, never on the text between them.
"""

import re

from markupsafe import Markup, escape

__all__ = ["permalinks", "print_fragment", "plain_text"]

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ID = re.compile(r'(\s)id="([^"]*)"')
_HREF_FRAGMENT = re.compile(r'(\s)href="#([^"]*)"')
_HEADING = re.compile(r"<h([2-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def plain_text(fragment):
    """The text of an HTML fragment, tags removed (entities kept as they are)."""
    return re.sub(r"<[^>]*>", "", fragment).strip()


def permalinks(html, label):
    """Give every heading with an id a visible link to itself, named for screen readers.

    The link follows the heading (it is not part of the heading's name), shows
    "#", and is named "<label>: <heading>", e.g. "Link to this section: Who...".
    Search leaves it out (`data-pagefind-ignore`): its name is not the page's text.
    """

    def link(match):
        level, attributes, inner = match.groups()
        found = _ID.search(attributes)
        if not found:
            return match.group(0)
        target = found.group(2)
        name = f"{escape(label)}: {plain_text(inner)}"
        return (
            f'<div class="heading-anchor">{match.group(0)}'
            f'<a class="permalink" href="#{target}" data-pagefind-ignore><span aria-hidden="true">#</span>'
            f'<span class="visually-hidden">{name}</span></a></div>'
        )

    return Markup(_HEADING.sub(link, str(html)))


def print_fragment(html, prefix):
    """A chapter's HTML for the page of the whole guide.

    Headings go one level down (the chapter's title is the h2 there) and ids,
    with the in-page links to them, start with `prefix` ("koprade--"), so that
    chapters sharing a heading do not share an id.
    """

    def tag(match):
        text = _ID.sub(lambda m: f'{m.group(1)}id="{prefix}{m.group(2)}"', match.group(0))
        text = _HREF_FRAGMENT.sub(lambda m: f'{m.group(1)}href="#{prefix}{m.group(2)}"', text)
        return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", text)

    closing = re.sub(r"</h([1-6])>", lambda m: f"</h{min(int(m.group(1)) + 1, 6)}>", str(html))
    return Markup(_TAG.sub(tag, closing))

"""Raw HTML in texts, under one policy: what organisers may write, and nothing that runs.

Markdown lets a text carry HTML of its own. Every page is cleaned by nh3 (the
Python binding of the maintained Rust sanitiser ammonia) against the allow-list
below, so the site stays safe on any host, with or without our
Content-Security-Policy: no scripts, frames, objects, forms, <base>, event
attributes (onclick...), styles, or addresses other than http(s), mailto, tel
and links within the site.

The content check reports, naming the file and the line, what the cleaning
removes (`problems`): the same allow-list read the other way, by a scan of the
Markdown source, so that `invoke check` says what a build would leave out.

Which pages are cleaned (`needs_cleaning`): those whose Markdown holds
anything that can become HTML the organiser wrote (a tag, an entity, an
attribute list `{: ...}`, a script: or data: address). Markdown alone, and our
own extensions, make nothing else, and cleaning such a page would only
re-serialise it: pages without raw HTML stay byte for byte what they were.
Photos' <picture> markup is made after this (site_photos), from the site's own
templates. nh3 costs about 20 µs for a typical page.
"""

import html
import re

import nh3

# --- the allow-list (documented in content/README.md) -------------------------

ALLOWED_TAGS = frozenset({
    # text
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
    "abbr", "cite", "q", "dfn", "kbd", "samp", "var", "code", "pre", "time", "span", "div", "wbr",
    "blockquote",
    # headings, lists, tables
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
    # links, photos, figures, folding sections
    "a", "img", "picture", "source", "figure", "figcaption", "details", "summary",
})

ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "details": {"open"},
}
# Markdown's tables align columns with style="text-align: ...": those values, as it writes them, and no other style.
TABLE_STYLES = frozenset(f"text-align: {side};" for side in ("left", "center", "right"))
ALLOWED_VALUES = {tag: {"style": set(TABLE_STYLES)} for tag in ("th", "td")}

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "srcset"})

# Removed with what they hold, not only their tags: their content is code, not text.
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "textarea", "select", "option", "svg", "math", "title", "xmp", "noembed", "noframes",
})

# The attribute lists of Markdown's attr_list extension ({: #id .class key=value }).
ATTR_LIST_NAMES = frozenset({"id", "class", "title", "lang", "dir"})


def clean(text):
    """A page's HTML with everything outside the allow-list removed."""
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        tag_attribute_values={tag: {name: set(values) for name, values in allowed.items()}
                              for tag, allowed in ALLOWED_VALUES.items()},
    )


# The lookahead names the first characters of the alternatives: at any other character the search
# moves on without trying each of them (the same matches, in half the time on the stories).
_NEEDS_CLEANING = re.compile(
    r"(?=[<&{\]sd])"
    r"(?:<[A-Za-z!/?]|&#|&[A-Za-z][A-Za-z0-9]*;|\{:|\{[#.]|\{[^{}\n]*=|script\s*:|data\s*:"
    r"|\]\(\s*<?(?!https?:|mailto:|tel:)[A-Za-z][A-Za-z0-9+.\-]*:)",
    re.I,
)


def needs_cleaning(body):
    """Whether a Markdown body can give HTML that Markdown itself does not make (see the docstring)."""
    return _NEEDS_CLEANING.search(body) is not None


# --- what cleaning removes, found in the Markdown source -----------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE = re.compile(r"`+[^`\n]*`+")
_TAG = re.compile(
    r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
)
_ATTRIBUTE = re.compile(r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<a>[^\"]*)\"|'(?P<b>[^']*)'|(?P<c>[^\s\"'=<>`]+)))?")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<items>[^{}\n]*=[^{}\n]*)\}")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_url(url):
    """Whether an address would be removed: a scheme (after entities and hidden characters) not allowed."""
    plain = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(plain)
    return match is not None and match[1] not in URL_SCHEMES


def _masked(body):
    """The body with code (fenced blocks, `spans`) blanked out, lines kept: code shows HTML, it makes none."""
    lines = []
    fenced = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
            continue
        if fenced:
            lines.append("")
            continue
        lines.append(_CODE.sub(lambda m: " " * len(m[0]), line) if "`" in line else line)
    return "\n".join(lines)


def problems(body, body_line=1, links=()):
    """[(line, message code, params)] of what cleaning removes from a body's page.

    links: the body's links (links.find_links), for addresses written in Markdown.
    """
    found = []
    seen = set()

    def report(line, code, **params):
        key = (line, code, tuple(sorted(params.items())))
        if key not in seen:
            seen.add(key)
            found.append((line, code, params))

    if "<" in body or "{" in body:
        masked = _masked(body)
        for match in _TAG.finditer(masked):
            line = body_line + masked.count("\n", 0, match.start())
            name = match["name"].lower()
            if name not in ALLOWED_TAGS:
                report(line, "html_tag", tag=name)
                continue
            allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(name, set()) | set(ALLOWED_VALUES.get(name, ()))
            for attribute in _ATTRIBUTE.finditer(match["attributes"]):
                attribute_name = attribute["name"].lower()
                value = attribute["a"] or attribute["b"] or attribute["c"] or ""
                if attribute_name.startswith("on"):
                    report(line, "html_event", tag=name, attribute=attribute_name)
                elif attribute_name not in allowed or value not in ALLOWED_VALUES.get(name, {}).get(
                        attribute_name, [value]):
                    report(line, "html_attribute", tag=name, attribute=attribute_name)
                elif attribute_name in URL_ATTRIBUTES and any(
                    unsafe_url(part.split()[0]) for part in value.split(",") if part.strip()
                ):
                    report(line, "unsafe_url", target=value)
        for match in _ATTR_LIST.finditer(masked):
            line = body_line + masked.count("\n", 0, match.start())
            for attribute in _ATTRIBUTE.finditer(match["items"]):
                attribute_name = attribute["name"].lower()
                if attribute_name[:1] in ("#", ".", ":") or "=" not in attribute[0]:
                    continue
                if attribute_name.startswith("on"):
                    report(line, "attr_list_event", attribute=attribute_name)
                elif attribute_name not in ATTR_LIST_NAMES:
                    report(line, "attr_list_attribute", attribute=attribute_name)
    for link in links:
        if unsafe_url(link.target):
            report(link.line, "unsafe_url", target=link.target)
    found.sort(key=lambda item: item[0])
    return found


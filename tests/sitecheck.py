"""Reading a built site: its pages, their links, and where those links lead.

Shared by the build tests; URLs are resolved with the rules of any plain web
server serving output/ (a folder URL serves its index.html).
"""

import os
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup


def html_files(output):
    """Every .html file below output, as paths relative to it, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(output):
        dirnames.sort()
        found += [
            os.path.relpath(os.path.join(dirpath, name), output)
            for name in sorted(filenames)
            if name.endswith(".html")
        ]
    return found


@lru_cache(maxsize=None)
def _parse(path, mtime):
    with open(path, encoding="utf-8") as f:
        return BeautifulSoup(f.read(), "lxml")


def parse(output, relative):
    path = os.path.join(output, relative)
    return _parse(path, os.stat(path).st_mtime_ns)


def page_url(relative):
    """The URL path a file is served at: `stasti/x/index.html` -> `/stasti/x/`."""
    url = "/" + relative.replace(os.sep, "/")
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def local_path(href, base_path, site_url=""):
    """The file in output/ that `href`, found on the page at base_path, points to.

    Returns None for links that leave the site (other hosts, mailto:, ...).
    """
    if site_url and href.startswith(site_url + "/"):
        href = href[len(site_url) :]
    absolute = urljoin("http://site.invalid" + base_path, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "site.invalid":
        return None
    path = unquote(parts.path)
    if path.endswith("/"):
        path += "index.html"
    return path.lstrip("/")


def references(soup):
    """(attribute, value) of every link and asset reference on a page."""
    for tag in soup.find_all(href=True):
        yield "href", tag["href"]
    for tag in soup.find_all(src=True):
        yield "src", tag["src"]
    for tag in soup.find_all(srcset=True):
        for candidate in tag["srcset"].split(","):
            if candidate.strip():
                yield "srcset", candidate.split()[0]
    # a link preview's image (the share card) is a file of the site too
    for tag in soup.find_all("meta", property=["og:image", "og:image:url", "og:image:secure_url"]):
        if tag.get("content"):
            yield tag["property"], tag["content"]


def resolves(output, target):
    """True when a path from local_path() is a file a web server would serve."""
    full = os.path.join(output, target)
    return os.path.isfile(full)


def broken_links(output, site_url=""):
    """Every href, src, srcset and og:image of every page that points inside the site to no file."""
    broken = []
    for page in html_files(output):
        for attribute, value in references(parse(output, page)):
            target = local_path(value, page_url(page), site_url)
            if target is not None and not resolves(output, target):
                broken.append(f"{page}: {attribute}={value} leads nowhere")
    return broken


def half_built(project):
    """The build folders left beside project/output/ but its spare (site_build): none after any build."""
    return [name for name in os.listdir(project) if name.startswith(".output-") and name != ".output-spare"]


def tree_digest(root):
    """{relative path: bytes} of every file below root."""
    files = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                files[os.path.relpath(full, root)] = f.read()
    return files

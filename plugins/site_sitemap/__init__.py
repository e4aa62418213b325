"""sitemap.xml with every page's translations, and robots.txt pointing to it.

Written after the languages' runs, from the finished site: every page that was
built (error pages and later pages of long lists aside) is listed with the
`hreflang` alternates its own `<head>` announces, so the sitemap can never
disagree with the pages. `lastmod` comes from the content's dates, never from
the time of the build.
"""

import hashlib
import html
import io
import multiprocessing
import os
import re
import xml.etree.ElementTree as ET

from site_content.kept import Kept
from site_content.model import language_root

__all__ = ["write_sitemap", "sitemap_entries"]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# <link rel="alternate" hreflang="lv" href="..."> as our base.html writes it
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
PAGINATED = re.compile(r"(^|/)\d+/index\.html$")
PARALLEL_MIN = 500  # pages; fewer are read in this process
# A page that asks not to be indexed (the web editor's) is not listed either.
NOINDEX = re.compile(r'<meta name="robots" content="[^"]*noindex')


def _pages(output_path, prefix=""):
    """Every index.html below output_path, relative to it, in a stable order.

    os.scandir, not os.walk: a site has a folder per page, and os.walk's
    lstat and relpath of each one cost more than reading the heads.
    """
    folders = []
    with os.scandir(os.path.join(output_path, prefix) if prefix else output_path) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            elif entry.name == "index.html":
                yield prefix + entry.name
    for name in folders:
        yield from _pages(output_path, f"{prefix}{name}/")


def _head(path, size=16384):
    """A page's <head>: read from the start of the file, as far as it goes."""
    with open(path, "rb") as f:
        data = f.read(size)
        end = data.find(b"</head>")
        if end < 0:
            data += f.read()
            end = data.find(b"</head>")
    return data[:end].decode("utf-8")


def _dates_by_url(settings, index):
    """{root-relative URL: latest date} of documents, and of each list page."""
    dates = {}
    languages = settings["LANGUAGES"]
    for document in index.documents.values():
        meta = index.metadata(document)
        value = meta.get("modified") or meta.get("date")
        if value is None:
            continue
        day = str(value)[:10]
        root = language_root(languages, document.lang)
        dates[root + document.url] = day
        section_path = settings["SECTIONS"][document.section][document.lang]
        for listing in (root, f"{root}{section_path}/" if section_path else None):
            if listing and day > dates.get(listing, ""):
                dates[listing] = day
    return dates


def _alternates(path):
    """A page's hreflang alternates; None for a page that asks not to be indexed."""
    head = _head(path)
    if NOINDEX.search(head):
        return None
    return [(lang, html.unescape(href)) for lang, href in ALTERNATE.findall(head)]


def _kept(settings):
    """What the last builds of this output read of their pages' heads, and their sitemaps."""
    if not settings.get("CACHE_PATH"):
        return None
    name = hashlib.blake2b(settings["OUTPUT_PATH"].encode(), digest_size=10).hexdigest()
    return Kept(os.path.join(settings["CACHE_PATH"], "sitemap", f"{name}.pickle"), "1")


def _read_alternates(output_path, pages, settings, kept=None):
    """Each page's alternates, as its <head> says; a page the last build read is not read again.

    A page an incremental build took unchanged from the last site is the same
    file (a hard link: same inode, size and time); what its head says is kept
    (site_content.kept) between builds of the same output.
    """
    found, todo = [None] * len(pages), []
    for number, relative in enumerate(pages):
        path = os.path.join(output_path, relative)
        stat = os.stat(path)
        key = f"{relative}\0{stat.st_ino}\0{stat.st_size}\0{stat.st_mtime_ns}"
        found[number] = kept.get(key) if kept is not None else None
        if found[number] is None:
            todo.append((number, key, path))
    paths = [path for _number, _key, path in todo]
    if len(paths) < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        read = list(map(_alternates, paths))
    else:  # reading thousands of pages: on every core
        with multiprocessing.get_context("fork").Pool() as pool:
            read = pool.map(_alternates, paths, chunksize=128)
    for (number, key, _path), alternates in zip(todo, read):
        found[number] = alternates
        if kept is not None:
            kept.put(key, alternates)
    return found


def sitemap_entries(output_path, settings, index, kept=None):
    """[(url, lastmod or None, [(hreflang, href), ...])] for every listed page."""
    site_root = settings["SITEURL"]
    dates = _dates_by_url(settings, index)
    pages = [
        relative for relative in _pages(output_path)
        if not (PAGINATED.search(relative) or relative.startswith("pagefind/"))
    ]
    alternates = _read_alternates(output_path, pages, settings, kept)
    entries = []
    for relative, found in zip(pages, alternates):
        if found is None:  # noindex
            continue
        path = "/" + relative[: -len("index.html")]
        entries.append((site_root + path, dates.get(path), found))
    return entries


def write_sitemap(output_path, settings, index):
    """Write sitemap.xml and robots.txt into output_path; returns the number of URLs."""
    kept = _kept(settings)
    entries = sitemap_entries(output_path, settings, index, kept)
    # The same entries as a last build's make the same file: kept, not written out again.
    key = "sitemap\0" + hashlib.blake2b(repr(entries).encode(), digest_size=16).hexdigest()
    data = kept.get(key) if kept is not None else None
    if data is None:
        data = _sitemap_xml(entries)
        if kept is not None:
            kept.put(key, data)
    if kept is not None:
        kept.save()
    with open(os.path.join(output_path, "sitemap.xml"), "wb") as f:
        f.write(data)
    with open(os.path.join(output_path, "robots.txt"), "w", encoding="utf-8") as f:
        editor = settings.get("EDITOR")
        hidden = f"Disallow: /{editor['path']}/\n" if editor else ""
        f.write(f"User-agent: *\n{hidden}Allow: /\n\nSitemap: {settings['SITEURL']}/sitemap.xml\n")
    return len(entries)


def _sitemap_xml(entries):
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, lastmod, alternates in entries:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
        for hreflang, href in alternates:
            ET.SubElement(
                url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href}
            )
    ET.indent(urlset)
    data = io.BytesIO()
    ET.ElementTree(urlset).write(data, encoding="utf-8", xml_declaration=True)
    return data.getvalue()

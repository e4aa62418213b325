"""sitemap.xml with every page's translations, and robots.txt pointing to it.

Made after the languages' runs from what the build knows: each page that a
run wrote (or reused from the last build) has its record (site_incremental's
writer, `sitemap_entry`): its path and the `hreflang` alternates its own
`<head>` announces, from the same values the template was given, so the
sitemap can never disagree with the pages. Error pages and later pages of
long lists have none. `lastmod` comes from the content's dates, never from
the time of the build.
"""

import os
from xml.sax.saxutils import escape

from site_content.model import language_root

__all__ = ["write_sitemap", "sitemap_entries"]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


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


def sitemap_entries(settings, index, pages):
    """[(url, lastmod or None, [(hreflang, href), ...])] for every listed page, in path order.

    pages: [(path of the page's file relative to the site, [(hreflang, href)])].
    """
    site_root = settings["SITEURL"]
    dates = _dates_by_url(settings, index)
    entries = []
    listed = [entry for entry in pages if entry is not None]
    # A folder's page, then its subfolders' in name order (the order of a walk of the site).
    for relative, alternates in sorted(listed, key=lambda entry: entry[0].split("/")[:-1]):
        path = "/" + relative[: -len("index.html")]
        entries.append((site_root + path, dates.get(path), alternates))
    return entries


def write_sitemap(output_path, settings, index, pages):
    """Write sitemap.xml and robots.txt into output_path; returns the number of URLs."""
    entries = sitemap_entries(settings, index, pages)
    with open(os.path.join(output_path, "sitemap.xml"), "wb") as f:
        f.write(_sitemap_xml(entries))
    with open(os.path.join(output_path, "robots.txt"), "w", encoding="utf-8") as f:
        editor = settings.get("EDITOR")
        hidden = f"Disallow: /{editor['path']}/\n" if editor else ""
        f.write(f"User-agent: *\n{hidden}Allow: /\n\nSitemap: {settings['SITEURL']}/sitemap.xml\n")
    return len(entries)


def _sitemap_xml(entries):
    """The sitemap's bytes, written line by line (as ElementTree with ET.indent writes it)."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for loc, lastmod, alternates in entries:
        lines += ["  <url>", f"    <loc>{escape(loc)}</loc>"]
        if lastmod:
            lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
        lines += [f'    <xhtml:link rel="alternate" hreflang={_attribute(hreflang)} href={_attribute(href)} />'
                  for hreflang, href in alternates]
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines).encode("utf-8")


def _attribute(value):
    return '"' + escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}) + '"'

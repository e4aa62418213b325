"""What search engines and link previews read: canonical URL, OpenGraph, JSON-LD.

Plain functions build the data as dicts; the theme renders them (JSON-LD with
Jinja's `tojson`, which escapes for HTML), so nothing structured is assembled
from strings.
"""

import html

from pelican import signals

__all__ = ["organization", "article", "share_image", "register"]

SCHEMA = "https://schema.org"


def organization(settings):
    """schema.org Organization of the site's association, in the page's language."""
    lang = settings["DEFAULT_LANG"]
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": settings["LANGUAGES"][lang]["organisation"],
        "url": f"{settings['SITEURL']}/",
    }
    description = settings["LANGUAGES"][lang].get("tagline")
    if description:
        data["description"] = description
    return data


def article(settings, item, url):
    """schema.org Article for a story or news item at `url`."""
    publisher = {key: value for key, value in organization(settings).items() if key != "@context"}
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": item.title,
        "inLanguage": item.lang,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": item.date.isoformat(),
        "author": publisher,
        "publisher": publisher,
    }
    modified = getattr(item, "modified", None)
    if modified:
        data["dateModified"] = modified.isoformat()
    summary = getattr(item, "summary", None)
    if summary:
        data["description"] = _plain(summary)
    image = share_image(item)
    if image:
        data["image"] = image["url"]
    return data


def share_image(item):
    """{"url", "alt", "width", "height"} of a document's cover photo (site_photos), or None."""
    cover = getattr(item, "cover_photo", None)
    if not cover:
        return None
    return {
        "url": cover.large,
        "alt": getattr(item, "cover_alt", "") or "",
        "width": cover.width,
        "height": cover.height,
    }


def _plain(html_text):
    """Summaries are stored HTML-escaped; JSON-LD and meta tags want the text itself."""
    return html.unescape(html_text)


def add_template_functions(generator):
    settings = generator.settings
    env = generator.env
    env.globals["organization_data"] = lambda: organization(settings)
    env.globals["article_data"] = lambda item, url: article(settings, item, url)
    env.globals["share_image"] = share_image
    env.filters["plain_text"] = _plain


def register():
    signals.generator_init.connect(add_template_functions)

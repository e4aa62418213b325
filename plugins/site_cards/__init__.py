"""Share cards: the image a link preview shows of a page, 1200×630, in the page's language.

Every story, news item (a meeting's with its time and place), guide chapter,
community, goal and page gets a card of its own in each of its languages, and
so does the first page of every list (a section's, the upcoming and past
meetings'); the home page and every other page show the site's card (its
tagline).
A card carries the title (draw.py, layout.py), the kind of page and the
communities it is about (words.py), and the site's wordmark; where the page
has a cover photo, the photo is behind the words, under a scrim.

The card is the page's `og:image` always, not only where there is no cover
photo: a cover photo is cut to whatever shape each service chooses, and
shows neither the title nor the site, while the card is made at the shape
link previews use (1.91:1) and carries the photo too. The JSON-LD of
stories and news keeps the photo itself as the article's image.

Where the work happens: once the run's content is read (all the generators
finalized: meetings and their reports known), every card of the run's
language is made, or taken from the build's cache (sitebuilder.cache,
namespace "cards", keyed by everything that decides its bytes), and
attached to its document as `share_card`; the theme reads it through
`share_card(item)`. The files are linked from the cache into the output
while the pages are written (CardWriter), beside each page as
`share.<digest>.png` (or `.jpg` over a photo): the name changes with the
bytes, so a service that keeps previews for a long time never shows an old
card, and the web server may keep them a year (deploy/nginx).

SHARE_CARDS (settings, default on) turns them on or off: drawing every card
of a large site takes longer than rendering its pages (bench/RESULTS.md,
Share cards), so the development settings leave them to the published site,
and a page's cover photo is then its link preview. A cached card costs a
file read.
"""

import hashlib
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field

import PIL
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from sitebuilder.cache import key, store

from . import draw, words
from .fonts import Fonts, layout_engine

__all__ = ["Card", "register"]

logger = logging.getLogger(__name__)

NAMESPACE = "cards"
FILE_STEM = "share"
DIGEST_LENGTH = 10  # as theme_assets and site_photos: nginx's rule for files kept a year


@dataclass(frozen=True)
class Card:
    """A card as the page's head names it, and where its file goes."""

    url: str
    alt: str
    width: int
    height: int
    path: str  # relative to the run's OUTPUT_PATH
    entry: str  # the file in the cache


@dataclass
class CardRun:
    """This run's cards: the site's own, and every document's (attached to the documents too)."""

    site: Card | None = None
    cards: tuple = ()
    lists: dict = field(default_factory=dict)  # the list pages' cards by the page's URL


def code_digest():
    """The plugin's own code, part of every card's key: a change of drawing draws every card again."""
    digest = hashlib.sha256()
    folder = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                digest.update(name.encode() + b"\0" + f.read())
    return digest.hexdigest()


def environment():
    """What else decides the pixels: Pillow, its FreeType, and the layout engine.

    Pillow's wheels lay text out with HarfBuzz (Raqm) only where they find the
    system's FriBiDi (Debian's libfribidi0, which Pango needs too); without
    it, they use their basic layout, without the font's kerning.
    """
    from PIL import features  # noqa: PLC0415

    return (PIL.__version__, features.version("freetype2") or "", str(layout_engine()),
            features.version("raqm") or "", features.version("fribidi") or "",
            features.version("harfbuzz") or "", sys.version_info[:2])


def cover_file(settings, item):
    """(path, digest) of the cover photo's JPEG to set behind the card, or None (site_photos' cache)."""
    if not getattr(item, "cover_photo", None):
        return None
    from site_photos import current_run  # noqa: PLC0415

    run = current_run()
    if run is None:
        return None
    from site_photos.cache import entry_path  # noqa: PLC0415
    from site_photos.markup import cover_path  # noqa: PLC0415

    photo = run.catalogue.get(cover_path(item.cover, run.config["folder"]))
    if photo is None or not photo.ok:
        return None
    jpegs = sorted(photo.of_kind("jpeg"), key=lambda variant: variant.width)
    variant = next((v for v in jpegs if v.width >= draw.WIDTH and v.height >= draw.HEIGHT), jpegs[-1])
    return os.path.join(entry_path(run.config["cache"], photo.key), variant.file), variant.digest


def make_card(settings, fonts, shared, card_words, photo, folder, alt):
    """The Card of some words (made, or taken from the cache) to go into `folder` of the output."""
    photo_path, photo_digest = photo if photo else (None, None)
    entry = key("share card", shared, tuple(vars(card_words).items()), photo_digest)
    cache = store(settings, NAMESPACE)
    extension = draw.extension(photo_path)
    data = cache.get_or_make(entry, lambda: draw.render(fonts, card_words, photo_path))
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    name = f"{FILE_STEM}.{digest}.{extension}"
    path = f"{folder}/{name}" if folder else name
    url = f"{settings['SITEURL']}/{path}"
    return Card(url=url, alt=alt, width=draw.WIDTH, height=draw.HEIGHT, path=path, entry=cache.path(entry))


def enabled(settings):
    return bool(settings.get("SHARE_CARDS", True))  # the plugin listed in PLUGINS: cards, unless turned off


def make_cards(generators):
    """Every card of this run's language, attached to its document; the site's card in the run's state."""
    _RUN[0] = None
    documents = [g for g in generators if isinstance(g, (ArticlesGenerator, PagesGenerator))]
    if not documents:
        return
    settings = documents[0].settings
    if not enabled(settings):
        return
    lang = settings["DEFAULT_LANG"]
    fonts = Fonts(os.path.abspath(settings["THEME"]))
    missing = fonts.missing()
    if missing:
        logger.error("share cards: the theme has no %s (theme/make_fonts.py --cards makes it); "
                     "the pages' link previews are their cover photos", ", ".join(missing))
        return
    shared = (code_digest(), fonts.digests(), environment())
    macros = documents[0].env.get_template(words.MACROS).module
    site = words.site_words(settings)
    run = CardRun(site=make_card(settings, fonts, shared, site, None, "", words.alt_text(site)))
    made = []
    for item in _documents(documents, lang):
        card_words = words.document_words(settings, macros, item)
        photo = cover_file(settings, item)
        alt = words.alt_text(card_words, macros, getattr(item, "cover_alt", "") if photo else "")
        folder = os.path.dirname(item.save_as).replace(os.sep, "/")
        item.share_card = make_card(settings, fonts, shared, card_words, photo, folder, alt)
        made.append(item.share_card)
    for name, path in words.list_pages(settings).items():
        card_words = words.list_words(settings, macros, name)
        card = make_card(settings, fonts, shared, card_words, None, path, words.alt_text(card_words))
        run.lists[f"{settings['SITEURL']}/{path}/"] = card
        made.append(card)
    run.cards = tuple(made)
    _RUN[0] = run


_RUN = [None]  # this language run's cards (a CardRun), kept by this module, not in the settings


def _documents(generators, lang):
    seen = set()
    for generator in generators:
        for name in ("articles", "pages", "hidden_pages"):
            for item in getattr(generator, name, ()):
                if getattr(item, "lang", lang) != lang or not item.save_as or id(item) in seen:
                    continue
                seen.add(id(item))
                yield item


class CardWriter:
    """Links this run's cards from the cache into the output, beside their pages."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.settings = settings
        self.output_path = output_path

    def generate_output(self, writer):
        run = _RUN[0]
        if run is None:
            return
        for card in sorted({run.site, *run.cards}, key=lambda card: card.path):
            publish(card.entry, os.path.join(self.output_path, *card.path.split("/")))


def publish(entry, target):
    """Put a cached card at `target`: a new file (never one written to in place), whole or not at all."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".card-", dir=os.path.dirname(target))
    os.close(handle)
    os.unlink(scratch)
    try:
        os.link(entry, scratch)
    except OSError:  # another file system, or links not allowed
        with open(entry, "rb") as source, open(scratch, "wb") as copy:
            copy.write(source.read())
        os.chmod(scratch, 0o644)
    os.replace(scratch, target)
    if os.path.lexists(scratch):  # the same file was there already (a link to the same entry)
        os.unlink(scratch)


def card_writer(pelican):
    return CardWriter


def add_template_functions(generator):
    settings = generator.settings

    def share_card(item=None, url=None):
        """The link preview's image of a page (at `url`): its card, its list's, the site's card,
        or (without cards) its cover photo."""
        run = _RUN[0]
        card = getattr(item, "share_card", None) if item is not None else None
        if card is None and run is not None:
            card = run.lists.get(url) or run.site
        if card is not None:
            return {"url": card.url, "alt": card.alt, "width": card.width, "height": card.height}
        from site_metadata import share_image  # noqa: PLC0415

        return share_image(item) if item is not None else None

    generator.env.globals["share_card"] = share_card


def start_run(pelican):
    """No cards until this run has made its own (a process may run several builds, one after another)."""
    _RUN[0] = None


def register():
    signals.initialized.connect(start_run)
    signals.generator_init.connect(add_template_functions)
    signals.all_generators_finalized.connect(make_cards)
    signals.get_generators.connect(card_writer)

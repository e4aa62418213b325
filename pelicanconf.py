"""Settings for development builds (`make serve`, `make build`).

Everything that makes this the site of one association lives here and in
`content/`: another association copies the repository and changes both.
Per-language values (site name, output folder, URL prefix) are applied by
`sitebuilder`, which runs one Pelican build per language.
"""

import logging

AUTHOR = "Partnerība Daugavkrasts"
SITEURL = ""  # root of the site; "" serves root-relative links in development
TIMEZONE = "Europe/Riga"

# The languages of the site, the first is the default one (served at /).
# A third language is one more entry here plus a catalogue in theme/translations/.
DEFAULT_LANG = "lv"
LANGUAGES = {
    "lv": {
        "name": "Latviešu",
        "locale": "lv_LV",  # for dates (Babel); no system locale is needed
        "prefix": "",
        "sitename": "Kopienu stāsti",
        "organisation": "Partnerība Daugavkrasts",
        "tagline": "Ķekavas novada kopienu stāsti, tikšanās un metodoloģija",
        "acknowledgement": (
            "Projekts „Ceļa karte iedzīvotāju kopienu stiprināšanai”, "
            "projekta Nr. 2022.LV/NVOF/MIC/041/. Projektu finansiāli atbalsta "
            "Sabiedrības integrācijas fonds no Kultūras ministrijas piešķirtajiem "
            "Latvijas valsts budžeta līdzekļiem."
        ),
    },
    "en": {
        "name": "English",
        "locale": "en_GB",
        "prefix": "en",
        "sitename": "Community stories",
        "organisation": "Partnerība Daugavkrasts",
        "tagline": "Stories, meetings and methodology of the communities of Ķekava municipality",
        "acknowledgement": (
            "Project “A roadmap for strengthening residents' communities” "
            "(Ceļa karte iedzīvotāju kopienu stiprināšanai), project No. "
            "2022.LV/NVOF/MIC/041/. The project is funded by the Society "
            "Integration Foundation from Latvian state budget funds allocated "
            "by the Ministry of Culture."
        ),
    },
}

# Kinds of content: the folder in content/ and the URL path of its pages in
# each language ("" puts the pages at the root of their language).
SECTIONS = {
    "stories": {"kind": "story", "lv": "stasti", "en": "stories"},
    "news": {"kind": "news", "lv": "jaunumi", "en": "news"},
    "methodology": {"kind": "chapter", "lv": "metodologija", "en": "methodology"},
    "communities": {"kind": "community", "lv": "kopienas", "en": "communities"},
    # the goals register: each goal's page, and an overview of them all as the
    # list page, with the goals as open data (site_goals)
    "goals": {"kind": "goal", "lv": "merki", "en": "goals"},
    "pages": {"kind": "page", "lv": "", "en": ""},
}

# Meetings (news items with `event_start`, see site_meetings): the pages of
# upcoming and past meetings and the calendar to subscribe to, per language,
# relative to the language's root. Past or upcoming is judged on the day of the
# build (SITE_TODAY = "YYYY-MM-DD" builds as if on another day). Calendar UIDs
# end in the host of SITEURL unless CALENDAR_UID_DOMAIN sets another.
MEETINGS = {
    "lv": {
        "upcoming": "tiksanas",
        "past": "tiksanas/notikusas",
        "calendar": "kalendars.ics",
        "calendar_name": "Kopienu stāsti: tikšanās",
    },
    "en": {
        "upcoming": "meetings",
        "past": "meetings/past",
        "calendar": "calendar.ics",
        "calendar_name": "Community stories: meetings",
    },
}

# Participation over the years (site_participation): the association's page
# with the record as open data beside it, and a printable report a year, per
# language, relative to the language's root.
PARTICIPATION = {
    "lv": {"page": "lidzdaliba", "report": "lidzdaliba/parskats-{year}"},
    "en": {"page": "participation", "report": "participation/report-{year}"},
}

# The guides of the methodology section, in the order they are listed.
GUIDES = ["methodology", "guidelines"]

# Each guide on one page for printing, and a PDF made from it (site_guides),
# below the methodology section's path in each language: a folder, and each
# guide's name in it. /metodologija/druka/kopienu-metodologija/ is the page,
# /metodologija/druka/kopienu-metodologija.pdf its PDF.
GUIDE_PRINT = {
    # PDFs (WeasyPrint) add about 3 s of CPU per language to a build: only the
    # published site (publishconf.py) has them, `make serve` stays quick.
    "pdf": False,
    "paths": {
        "lv": {"folder": "druka", "methodology": "kopienu-metodologija",
               "guidelines": "sadarbibas-vadlinijas"},
        "en": {"folder": "print", "methodology": "community-methodology",
               "guidelines": "cooperation-guidelines"},
    },
}

# A poster for the noticeboard (site_posters): an A4 PDF for each upcoming
# meeting, in each language of its page, linked from it ("Print a poster"),
# named after the meeting's slug and "names" beside the page:
# /jaunumi/<slug>/<slug>-plakats.pdf. Like the guides' PDFs, only the
# published site (publishconf.py) has them.
POSTERS = {
    "pdf": False,
    "names": {"lv": "plakats", "en": "poster"},
}

# Share cards (site_cards): the image of each page's link preview, 1200x630,
# drawn by Pillow (a card per document and language), kept in cache/cards/.
# Only the published site (publishconf.py)
# has them: a first `make serve` of 1,000 stories would wait over a minute for
# them, and a preview is never shared. Without them a cover photo is the preview.
SHARE_CARDS = False

# Main navigation, in order: section folders, "meetings" (the upcoming and past
# meetings, site_meetings), then pages by their file key.
NAVIGATION = ["stories", "news", "meetings", "communities", "goals", "methodology", "pages/par-projektu"]

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Always explicit: unset, Pelican loads every installed namespace plugin.
PLUGINS = ["site_content", "site_languages", "site_sections", "theme_i18n", "theme_assets",
           "site_meetings", "site_search", "site_metadata", "site_guides", "site_goals",
           "site_participation", "site_posters", "site_cards"]

# The web editor for organisers (sitebuilder.editor, Sveltia CMS): the folder in the
# repository it is published from, and its address in the site (/admin/).
# Its changes arrive as merge requests for staff to publish. The backend is
# the git host (deploy/editor/README.md): after changing it, run
# `invoke editor-config` and put its API's address in /admin/'s
# Content-Security-Policy (deploy/nginx/site.conf, deploy/apache/.htaccess).
EDITOR = {
    "source": "editor",  # relative to this file's folder, as PATH is
    "path": "admin",
    "backend": {
        "name": "gitlab",
        "repo": "your-group/your-repository",  # the site's repository on the git host
        "branch": "main",
        "auth_type": "pkce",  # browser login, no server of our own
        "app_id": "",  # the OAuth application's id (deploy/editor/README.md)
    },
}

# Offline reading (site_offline): a web app manifest in each language, the
# offline page of each language (relative to its root), and a service worker
# that keeps the pages a visitor opens, the theme and the guides' print pages.
# The worker is on in the published site only (publishconf.py): in a preview
# it would show the page as it was before the last change.
OFFLINE = {
    "worker": False,
    "pages": {"lv": "bezsaiste", "en": "offline"},
}
PLUGINS += ["site_offline"]

# The search page of each language, relative to the language's root.
SEARCH_PAGES = {"lv": "meklet", "en": "search"}
# The search index (Pagefind) reads every page of the finished site: about 2 s
# per 1,000 pages, on every build, however small the change. Only the published
# site (publishconf.py) has it; the preview's search page says so.
SEARCH_INDEX = False

ARTICLE_PATHS = ["stories", "news"]
PAGE_PATHS = ["methodology", "communities", "goals", "pages"]
# content/images/ holds photos, and is not a static folder: its files are never
# copied as they are. site_photos publishes each photo as a few widths in WebP
# and JPEG, upright, in sRGB, without any metadata. They are made once per
# build, before the languages' runs, on every core, and kept in cache/photos/
# (an unchanged photo is never made again).
STATIC_PATHS = []
PLUGINS += ["site_photos"]
IGNORE_FILES = [".#*", "*~", "*.swp", "README.md", "README.*.md"]

# The language of the content check's messages to organisers ("lv" or "en");
# `invoke check --lang en` overrides it for one run.
CONTENT_MESSAGES_LANG = "lv"

# Our own list pages (site_sections) replace Pelican's archives.
DIRECT_TEMPLATES = ["index", "404"]
INDEX_SAVE_AS = "index.html"
PAGINATED_TEMPLATES = {"section": None}  # list pages; the home page is not paginated
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/{number}/", "{base_name}/{number}/index.html"),
)
for _name in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES"):
    globals()[f"{_name}_SAVE_AS"] = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
DEFAULT_CATEGORY = "stories"
USE_FOLDER_AS_CATEGORY = True
# Translations are known from file names (the content index), not from equal
# slugs: a story and a news item may share a name (/stasti/x/, /jaunumi/x/),
# which Pelican's own grouping by slug alone took for two originals of one
# page. Grouped by slug and address, each document is a group of its own, in
# the order grouping by slug gave (items of one date stay in that order).
ARTICLE_TRANSLATION_ID = ("slug", "url")
PAGE_TRANSLATION_ID = ("slug", "url")

# One Atom feed per language, holding only that language's stories and news.
FEED_ALL_ATOM = "feeds/atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20
# Development builds have no domain, so their feeds hold root-relative links:
# that is expected here (publishconf.py sets the domain), not worth a warning.
LOG_FILTER = [
    (logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"),
]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # An id on every heading, for links to a section: Python-Markdown's `toc`,
        # without building a table of contents no page shows (the same HTML).
        "site_content.quick_toc": {},
        "markdown.extensions.sane_lists": {},
        "site_content.years": {},  # "2022. gada ..." starts a paragraph, not a list
        # The same HTML, a third faster: inline patterns that cannot match are not tried.
        "site_content.quick_inline": {},
        # The same HTML, over a quarter faster again: block processors are not asked to take
        # a block that lacks what they look for (a table's "|", a heading's "#").
        "site_content.quick_blocks": {},
    },
    "output_format": "html5",
}
# Our reader passes MARKDOWN to Markdown() as it is, which (unlike Pelican's own
# reader) uses only the extensions listed here: the ones configured above.
MARKDOWN["extensions"] = list(MARKDOWN["extension_configs"])

JINJA_ENVIRONMENT = {
    # Each build is a new process: no template changes while it runs, so Jinja
    # need not look at the template files again on every include (10% of a page).
    "auto_reload": False,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
}

RELATIVE_URLS = False
PRECOMPRESS = False  # publishconf.py turns it on
DELETE_OUTPUT_DIRECTORY = False  # sitebuilder builds into a fresh folder and swaps
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Links in the footer of every page, by section folder and file key.
FOOTER_LINKS = ["pages/pieejamibas-pazinojums", "pages/privatums"]

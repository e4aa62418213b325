"""Plain Pelican, the reference: one language, default theme, no plugins.

Reads the same Latvian files as our build (Python-Markdown's meta extension
accepts their `---` front matter), so the two builds do the same Markdown work.
"""

PATH = "corpus/content"
OUTPUT_PATH = "out/plain"
SITENAME = "Plain"
TIMEZONE = "Europe/Riga"
DEFAULT_LANG = "lv"
PLUGINS = []
ARTICLE_PATHS = ["stories", "news"]
PAGE_PATHS = ["communities", "goals"]
IGNORE_FILES = ["*.en.md"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

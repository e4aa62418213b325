"""Settings for the published site: pelicanconf.py with absolute URLs.

Set the site's address in the environment: `SITEURL=https://... invoke build --production`.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PRECOMPRESS = True  # `.gz` copies of text files for the web server's gzip_static
GUIDE_PRINT = dict(GUIDE_PRINT, pdf=True)  # noqa: F405  each guide's PDF beside its print page
POSTERS = dict(POSTERS, pdf=True)  # noqa: F405  a poster beside each upcoming meeting's page
SEARCH_INDEX = True  # the Pagefind index of the search page
SHARE_CARDS = True  # each page's link preview image (site_cards)
OFFLINE = dict(OFFLINE, worker=True)  # noqa: F405  the service worker (sw.js) for offline reading

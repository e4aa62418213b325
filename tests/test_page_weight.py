"""What a first-time visitor downloads, photos aside, for each kind of page.

Measured in Chromium against nginx (gzip as a browser gets it): HTML, CSS,
JavaScript and fonts, the bytes on the wire of each response's body, and the
service worker the page registers (sw.js, fetched by the browser beside the
page: counted as a script). The table is printed at the end of `make test`.
"""

import pytest

from pages import KINDS
from tools import PAGE_WEIGHTS, request, url_of

LIMIT = 30_000  # bytes: HTML, CSS, scripts and fonts, gzipped, of one page
COUNTED = {"document", "stylesheet", "script", "font"}


def download_weight(browser, url):
    """{resource type: bytes} that a visitor with an empty cache downloads."""
    context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        weights = {}
        for response in responses:
            kind = response.request.resource_type
            size = response.request.sizes()["responseBodySize"]
            weights[kind] = weights.get(kind, 0) + size
        worker = page.evaluate("document.querySelector('script[data-worker]')?.dataset.worker || null")
        if worker:  # its fetch is the worker's own, not the page's: asked for as the browser does
            _status, _headers, body = request(worker, headers={"Accept-Encoding": "gzip"})
            weights["script"] = weights.get("script", 0) + len(body)
        return weights
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds])
def test_page_weight_without_photos(served_site, browser, lang, kind):
    weights = download_weight(browser, url_of(served_site, KINDS[lang][kind]))
    total = sum(size for resource, size in weights.items() if resource in COUNTED)
    PAGE_WEIGHTS.append((f"{lang} {kind}", weights.get("document", 0), total - weights.get("document", 0), total))
    assert weights.get("document", 0) > 0
    assert total <= LIMIT, f"{KINDS[lang][kind]}: {total} bytes without photos, more than {LIMIT}"

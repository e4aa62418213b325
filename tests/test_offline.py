"""Offline reading (site_offline): the manifests, the service worker, the offline pages.

The worker is tried in Debian's Chromium against nginx with the project's
configuration: a visitor reads a story, goes offline, and still reads it, the
guides' print pages and, for a page never opened, the offline page of the
address's language listing what the device keeps.
"""

import json
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, build_site
from pages import KINDS
from tools import request

OFFLINE_PAGES = {"lv": "bezsaiste/index.html", "en": "en/offline/index.html"}
HEADINGS = {"lv": "Nav savienojuma", "en": "No connection"}
GUIDES = {
    "lv": {"metodologija/druka/kopienu-metodologija/": "Metodoloģija darbam ar kopienām",
           "metodologija/druka/sadarbibas-vadlinijas/": "Vadlīnijas kopienu sadarbībai ar pašvaldību"},
    "en": {"en/methodology/print/community-methodology/": "Methodology for working with communities",
           "en/methodology/print/cooperation-guidelines/": "Guidelines for cooperation with the municipality"},
}
STORIES = {"lv": ("stasti/mezinieku-viedais-ciems/", "Mežinieku viedais ciems"),
           "en": ("en/stories/mezinieki-smart-village/", "Mežinieki smart village")}
NEVER_OPENED = {"lv": "kopienas/", "en": "en/communities/"}


def parse(output, relative):
    return BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")


def worker_config(output):
    """The CONFIG the build wrote at the head of sw.js."""
    text = (output / "sw.js").read_text(encoding="utf-8")
    found = re.match(r"const CONFIG = (\{.*?\n\});\n", text, re.S)
    assert found, "sw.js does not start with its CONFIG"
    return json.loads(found.group(1))


# --- The built site ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_language_has_a_manifest_with_its_name_and_icons(site, lang):
    prefix = "" if lang == "lv" else "en/"
    manifest = json.loads((site.output / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
    name = {"lv": "Kopienu stāsti", "en": "Community stories"}[lang]
    assert (manifest["name"], manifest["lang"], manifest["start_url"], manifest["scope"]) == (name, lang, f"/{prefix}", "/")
    assert manifest["display"] == "minimal-ui" and manifest["theme_color"] == "#1f5f4a"
    for icon in manifest["icons"]:
        path = site.output / icon["src"].lstrip("/")
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang in KINDS for kind in ("home", "story", "404")])
def test_every_page_links_its_manifest_and_registers_the_worker(site, lang, kind):
    soup = parse(site.output, KINDS[lang][kind])
    prefix = "" if lang == "lv" else "/en"
    assert soup.find("link", rel="manifest")["href"] == f"{site.site_url}{prefix}/manifest.webmanifest"
    [script] = soup.find_all("script", attrs={"data-worker": True})
    assert (script["data-worker"], script["data-scope"]) == (f"{site.site_url}/sw.js", "/")
    assert re.fullmatch(rf"{re.escape(site.site_url)}/theme/js/offline\.[0-9a-f]{{10}}\.js", script["src"])
    assert script.has_attr("defer")


def test_the_editor_does_not_register_the_worker(site):
    soup = parse(site.output, "admin/index.html")
    assert soup.find("script", attrs={"data-worker": True}) is None
    assert soup.find("link", rel="manifest") is None


def test_the_worker_keeps_the_theme_the_guides_and_the_offline_pages_and_never_the_editor_or_search(site):
    config = worker_config(site.output)
    assert re.fullmatch(r"[0-9a-f]{32}", config["release"])
    assert config["cache"] == "offline-" and config["scope"] == "/"
    assert config["never"] == ["/admin/", "/en/pagefind/", "/pagefind/"]
    assert config["offline"] == [["/en/", "/en/offline/"], ["/", "/bezsaiste/"]]
    pages = {f"/{page}" for guides in GUIDES.values() for page in guides} | {"/bezsaiste/", "/en/offline/"}
    assert pages <= set(config["precache"])
    theme = {re.sub(r"\.[0-9a-f]{10}\.", ".", url) for url in config["precache"] if url.startswith("/theme/")}
    assert theme == {"/theme/css/site.css", "/theme/css/print.css", "/theme/fonts/source-sans-3-bold.woff2",
                     "/theme/images/logo.svg", "/theme/js/offline.js", "/theme/js/kept.js"}
    for url in config["precache"]:  # each one is a file of the site, as the worker will ask for it
        path = site.output / url.lstrip("/")
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_offline_page_is_a_page_of_the_theme_in_its_language(site, lang):
    soup = parse(site.output, OFFLINE_PAGES[lang])
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == HEADINGS[lang]
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find(attrs={"data-pagefind-body": True}) is None  # so Pagefind leaves it out
    links = {a["href"].removeprefix(site.site_url + "/"): a.get_text() for a in soup.main.find_all("a", href=True)}
    for page, title in GUIDES[lang].items():
        assert links[page] == title
    kept = soup.find(id="kept-pages")
    assert kept["data-root"] == ("/" if lang == "lv" else "/en/")
    assert json.loads(kept["data-others"]) == (["/en/"] if lang == "lv" else [])
    assert soup.find(id="kept-opened").has_attr("hidden")  # shown by kept.js, with what the device keeps
    other = {"lv": "en", "en": "lv"}[lang]
    alternate = soup.find("link", rel="alternate", hreflang=other)
    assert alternate["href"] == f"{site.site_url}/{OFFLINE_PAGES[other].removesuffix('index.html')}"


def test_the_offline_pages_are_not_in_the_sitemap(site):
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/bezsaiste/" not in sitemap and "/en/offline/" not in sitemap
    assert "/stasti/mezinieku-viedais-ciems/" in sitemap


def test_a_preview_has_no_worker(tmp_path):
    """`make serve` and `make build` (pelicanconf.py): the manifest and offline page, no worker."""
    output = tmp_path / "output"
    result = build_site(output, settings="pelicanconf.py", PATH=str(ROOT / "tests" / "fixtures" / "site"))
    assert result.ok
    assert not (output / "sw.js").exists()
    soup = parse(output, "index.html")
    assert soup.find("script", attrs={"data-worker": True}) is None
    assert soup.find("link", rel="manifest") is not None
    assert parse(output, OFFLINE_PAGES["en"]).h1.get_text() == HEADINGS["en"]


def _digest_inputs(tmp_path, **changes):
    theme = tmp_path / "theme"
    if not theme.exists():
        theme.mkdir()
        (theme / "base.html").write_text("<html>", encoding="utf-8")
    settings = {
        "SITEURL": "https://kopienas.example.org", "SITE_TODAY": "2026-12-03",
        "LANGUAGES": {"lv": {"prefix": ""}}, "THEME": str(theme), "PLUGIN_PATHS": [],
        "index": SimpleNamespace(data={"stories/x.lv.md": "Ķekava".encode()}),
        "photos": {"images/a.jpg": SimpleNamespace(key="k1")},
    }
    settings.update(changes)
    return settings


def release_digest(inputs):
    from site_offline.release import release_digest as digest  # noqa: PLC0415

    settings = dict(inputs)
    return digest(settings, settings.pop("index"), settings.pop("photos"), settings["SITEURL"])


def test_the_release_digest_changes_with_any_input_and_only_then(tmp_path):
    same = release_digest(_digest_inputs(tmp_path))
    assert release_digest(_digest_inputs(tmp_path)) == same
    changed = [
        {"index": SimpleNamespace(data={"stories/x.lv.md": "Ķekavā".encode()})},
        {"photos": {"images/a.jpg": SimpleNamespace(key="k2")}},
        {"SITE_TODAY": "2026-12-04"},
        {"SITEURL": "https://other.example.org"},
    ]
    for change in changed:
        assert release_digest(_digest_inputs(tmp_path, **change)) != same, change
    (tmp_path / "theme" / "base.html").write_text("<html lang>", encoding="utf-8")
    assert release_digest(_digest_inputs(tmp_path)) != same


# --- Served by nginx ----------------------------------------------------------


def test_nginx_serves_the_worker_unfingerprinted_and_never_cached_long(served_site):
    status, headers, body = request(served_site.site_url + "/sw.js")
    assert status == 200 and body.startswith(b"const CONFIG = ")
    assert headers["Content-Type"].startswith("application/javascript")
    assert headers["Cache-Control"] == "no-cache"  # a new release's worker is found at the next visit
    assert "worker-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/en/manifest.webmanifest"])
def test_nginx_serves_the_manifests_as_manifests(served_site, path):
    status, headers, body = request(served_site.site_url + path, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "application/manifest+json; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip"


# --- In Chromium --------------------------------------------------------------


def _wait_for_worker(page):
    """Until the page is controlled by the site's worker (installed, keeping, claimed)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)


def _cached(page):
    """{cache name: [URL path of each kept response]}."""
    return page.evaluate("""async () => {
        const found = {};
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            found[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
        }
        return found;
    }""")


def _kept_paths(page):
    return [path for paths in _cached(page).values() for path in paths]


def _eventually(page, condition, seconds=20):
    """Wait until condition(page) holds (the worker works beside the page), at most `seconds`."""
    for _attempt in range(seconds * 5):
        if condition(page):
            return True
        page.wait_for_timeout(200)
    return condition(page)


def _kept_titles(page):
    page.wait_for_selector("#kept-opened:not([hidden])", timeout=10_000)
    return [a.inner_text() for a in page.query_selector_all("#kept-pages a")]


@pytest.fixture
def visitor(browser, served_site):
    context = browser.new_context()
    yield context
    context.close()


def test_a_visitor_reads_offline_what_was_opened_the_guides_and_the_offline_page(visitor, served_site):
    base = served_site.site_url
    config = worker_config(served_site.output)
    page = visitor.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for lang in ("lv", "en"):
        page.goto(f"{base}/{STORIES[lang][0]}")
        _wait_for_worker(page)
    assert _eventually(page, lambda page: {f"/{STORIES[lang][0]}" for lang in STORIES} <= set(_kept_paths(page)))
    cached = _cached(page)
    assert list(cached) == [f"offline-{config['release']}"]
    [kept] = cached.values()
    assert {f"/{STORIES['lv'][0]}", f"/{STORIES['en'][0]}"} <= set(kept)
    assert not [path for path in kept if path.startswith(("/admin/", "/pagefind/", "/en/pagefind/"))]

    visitor.set_offline(True)
    for lang in ("lv", "en"):
        path, title = STORIES[lang]
        page.goto(f"{base}/{path}")
        assert page.locator("h1").inner_text() == title
        assert page.evaluate("document.documentElement.lang") == lang
        # the stylesheet came from the worker's cache: the page is laid out as online
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        for guide, heading in GUIDES[lang].items():  # never opened, kept from the start
            page.goto(f"{base}/{guide}")
            assert heading in page.locator("h1").inner_text()
        page.goto(f"{base}/{NEVER_OPENED[lang]}")
        assert page.url == f"{base}/{NEVER_OPENED[lang]}"
        assert page.locator("h1").inner_text() == HEADINGS[lang]
        assert page.evaluate("document.documentElement.lang") == lang
        assert _kept_titles(page) == [title]  # only the pages of its language, the guides listed above it
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(f"{base}/admin/")  # the worker never answers for the editor
    assert errors == []


def test_a_new_release_replaces_the_old_cache_and_keeps_what_was_read(visitor, served_site):
    base = served_site.site_url
    worker = served_site.output / "sw.js"
    saved = {path: path.read_bytes() for path in served_site.output.glob("sw.js*")}
    page = visitor.new_page()
    try:
        page.goto(f"{base}/{STORIES['lv'][0]}")
        _wait_for_worker(page)
        old = worker_config(served_site.output)["release"]
        assert list(_cached(page)) == [f"offline-{old}"]
        # The next release: another digest (nginx would send the .gz of the old one).
        for path in saved:
            if path != worker:
                path.unlink()
        new = "0" * 32
        worker.write_bytes(saved[worker].replace(old.encode(), new.encode()))
        page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
        assert _eventually(page, lambda page: list(_cached(page)) == [f"offline-{new}"])  # the new worker is active
        [kept] = _cached(page).values()
        assert f"/{STORIES['lv'][0]}" in kept  # carried over from the old release's cache
        visitor.set_offline(True)
        page.goto(f"{base}/{STORIES['lv'][0]}")
        assert page.locator("h1").inner_text() == STORIES["lv"][1]
    finally:
        for path, data in saved.items():
            path.write_bytes(data)


def test_a_page_that_is_gone_is_no_longer_kept(visitor, served_site):
    base, relative = served_site.site_url, "privatums/"
    folder = served_site.output / relative
    files = {path: path.read_bytes() for path in folder.iterdir()}
    assert {"index.html", "index.html.br", "index.html.gz"} <= {path.name for path in files}  # and its share card
    page = visitor.new_page()
    try:
        page.goto(f"{base}/{relative}")
        _wait_for_worker(page)
        # kept as the worker starts: it was opened before the worker ran
        assert _eventually(page, lambda page: f"/{relative}" in _kept_paths(page))
        for path in files:  # the next release has no such page (a folder without its page is a 403)
            path.unlink()
        folder.rmdir()
        page.goto(f"{base}/{relative}")  # the kept copy at once, and a 404 behind it
        assert page.locator("h1").count() == 1
        assert _eventually(page, lambda page: f"/{relative}" not in _kept_paths(page))
    finally:
        folder.mkdir(exist_ok=True)
        for path, data in files.items():
            path.write_bytes(data)


def test_neither_the_editor_nor_a_search_is_ever_kept(visitor, served_site):
    page = visitor.new_page()
    page.goto(f"{served_site.site_url}/admin/")
    page.goto(f"{served_site.site_url}/en/search/")
    _wait_for_worker(page)
    page.goto(f"{served_site.site_url}/admin/")  # now through the worker, which lets it pass
    page.goto(f"{served_site.site_url}/en/search/")
    assert _eventually(page, lambda page: "/en/search/" in _kept_paths(page))
    page.fill("#search-query", "community")
    page.press("#search-query", "Enter")
    page.wait_for_selector("#search-results li", timeout=20_000)
    kept = _kept_paths(page)
    assert not [path for path in kept if path.startswith(("/pagefind/", "/en/pagefind/", "/admin/"))]
    assert "/en/search/" in kept



def test_the_offline_pages_addresses_are_reserved_for_the_site():
    """A content page at /bezsaiste/ or /en/offline/ is a content problem, not a page hiding the offline one."""
    from pelican.settings import read_settings  # noqa: PLC0415

    from site_content.index import reserved_addresses  # noqa: PLC0415

    reserved = reserved_addresses(read_settings(str(ROOT / "publishconf.py")))
    assert "bezsaiste/" in reserved["lv"] and "offline/" in reserved["en"]

"""The built site served by Apache with deploy/apache/.htaccess: what nginx's site.conf does."""

import gzip
import re

import brotli
import pytest

from test_nginx import assert_security_headers
from tools import ROOT, Apache, free_port, request

DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def apache(site, tmp_path_factory):
    server = Apache(tmp_path_factory.mktemp("apache"), site.output, free_port()).start()
    yield server
    server.stop()


def test_the_same_security_headers_as_nginx():
    nginx = dict(re.findall(r'^add_header (\S+) "(.*)" always;$', (DEPLOY / "nginx" / "site.conf").read_text(), re.M))
    apache = dict(re.findall(r'^Header always set (\S+) "(.*)"$', (DEPLOY / "apache" / ".htaccess").read_text(), re.M))
    assert len(nginx) >= 6
    assert apache == nginx


@pytest.mark.parametrize("path", ["/", "/en/", "/stasti", "/nav-tadas/", "/en/nope/", "/kalendars.ics"])
def test_security_headers_on_every_response(apache, path):
    status, headers, _body = request(apache.base + path)
    assert status in (200, 301, 404)
    assert_security_headers(headers, path)


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/nav-tadas-lapas/", "lv", "Lapa nav atrasta"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_each_language_has_its_own_404(apache, path, lang, heading):
    status, _headers, body = request(apache.base + path)
    text = body.decode("utf-8")
    assert status == 404
    assert f'<html lang="{lang}">' in text and f"<h1>{heading}</h1>" in text


def test_pretty_urls_and_the_calendar_type(apache):
    status, headers, body = request(apache.base + "/kopienas/mezinieki/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert """<h1 data-pagefind-weight="10">Mežinieki</h1>""" in body.decode("utf-8")
    status, headers, _body = request(apache.base + "/stasti")
    assert status == 301 and headers["Location"].endswith("/stasti/")
    _status, headers, _body = request(apache.base + "/kalendars.ics")
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize("path", ["/feeds/atom.xml", "/en/feeds/atom.xml"])
@pytest.mark.parametrize(("accept", "encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)])
def test_feeds_are_served_as_atom(apache, path, accept, encoding):
    status, headers, _body = request(apache.base + path, headers={"Accept-Encoding": accept})
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert headers.get("Content-Encoding") == encoding


@pytest.mark.parametrize(("accept", "encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)])
def test_the_precompressed_file_the_browser_accepts(apache, site, accept, encoding):
    status, headers, body = request(apache.base + "/en/", headers={"Accept-Encoding": accept})
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in headers["Vary"]
    suffix = {"br": ".br", "gzip": ".gz", None: ""}[encoding]
    assert body == (site.output / "en" / f"index.html{suffix}").read_bytes()  # the build's file, as it is
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert decode(body) == (site.output / "en" / "index.html").read_bytes()


def test_only_fingerprinted_assets_are_cached_long(apache, site):
    stylesheet = next((site.output / "theme" / "css").glob("site.??????????.css")).name
    _status, headers, _body = request(f"{apache.base}/theme/css/{stylesheet}", headers={"Accept-Encoding": "br"})
    assert headers["Cache-Control"] == "max-age=31536000"
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    for path in ("/", "/en/feeds/atom.xml"):
        _status, headers, _body = request(apache.base + path)
        assert headers["Cache-Control"] == "no-cache", path


def test_the_editor_has_its_own_policy_as_with_nginx(apache):
    from test_editor import assert_editor_policy  # noqa: PLC0415

    _status, public, _body = request(apache.base + "/")
    for path in ("/admin/", "/admin/vendor/sveltia-cms.js"):
        status, headers, _body = request(apache.base + path)
        assert status == 200, path
        assert_editor_policy(headers, public["Content-Security-Policy"])
    nginx = re.search(r'location \^~ /admin/ \{\n    add_header Content-Security-Policy "(.*)" always;',
                      (DEPLOY / "nginx" / "site.conf").read_text())
    assert headers["Content-Security-Policy"] == nginx.group(1)

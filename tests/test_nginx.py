"""The built site served by nginx with the project's own configuration."""

import gzip
import re
import ssl
import subprocess
import urllib.request

import pytest

from tools import ROOT, Nginx, free_port, request, require

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)
# The values of the public pages' headers, written out (the CSP is checked part by part).
HEADER_VALUES = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(),"
                          " microphone=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(headers, url):
    for name in SECURITY_HEADERS:
        assert headers.get(name), f"{url}: no {name}"
    csp = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, csp
    assert "frame-ancestors 'none'" in csp
    assert "worker-src 'self'" in csp  # the service worker for offline reading, the site's own (site_offline)
    assert {name: headers[name] for name in HEADER_VALUES} == HEADER_VALUES, url


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/stasti/", "/en/stories/mezinieki-smart-village/", "/feeds/atom.xml", "/nav-tadas/", "/en/nope/", "/stasti"]
)
def test_security_headers_on_every_response(served_site, path):
    status, headers, _body = request(served_site.site_url + path)
    assert status in (200, 301, 404)
    assert_security_headers(headers, path)
    assert "Strict-Transport-Security" not in headers  # only the production variant sends it


def test_no_hsts_over_plain_http_on_the_editor_either(served_site):
    status, headers, _body = request(served_site.site_url + "/admin/")
    assert status == 200 and headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "Strict-Transport-Security" not in headers


@pytest.mark.parametrize("path", [
    "/kalendars.ics", "/en/calendar.ics",
])
def test_calendars_are_served_as_calendars(served_site, path):
    status, headers, body = request(served_site.site_url + path)
    assert (status, headers["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert_security_headers(headers, path)


@pytest.mark.parametrize("path", ["/feeds/atom.xml", "/en/feeds/atom.xml"])
@pytest.mark.parametrize("accept", ["gzip", ""])
def test_feeds_are_served_as_atom(served_site, path, accept):
    status, headers, body = request(served_site.site_url + path, headers={"Accept-Encoding": accept})
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert headers.get("Content-Encoding") == (accept or None)
    assert_security_headers(headers, path)


def test_pretty_urls_serve_the_folder_index(served_site):
    status, headers, body = request(served_site.site_url + "/kopienas/mezinieki/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert """<h1 data-pagefind-weight="10">Mežinieki</h1>""" in body.decode("utf-8")


def test_a_folder_without_slash_redirects_to_it(served_site):
    status, headers, _body = request(served_site.site_url + "/stasti")
    assert (status, headers["Location"]) == (301, "/stasti/")


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/nav-tadas-lapas/", "lv", "Lapa nav atrasta"), ("/en/no-such-page/", "en", "Page not found"),
     ("/stasti/nav-tada/", "lv", "Lapa nav atrasta")],
)
def test_each_language_has_its_own_404(served_site, path, lang, heading):
    status, _headers, body = request(served_site.site_url + path)
    text = body.decode("utf-8")
    assert status == 404
    assert f'<html lang="{lang}">' in text
    assert f"<h1>{heading}</h1>" in text


def test_precompressed_files_are_sent_to_browsers_that_take_gzip(served_site):
    site = served_site
    status, headers, body = request(served_site.site_url + "/en/", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body == (site.output / "en" / "index.html.gz").read_bytes()  # gzip_static, not on the fly
    assert gzip.decompress(body) == (site.output / "en" / "index.html").read_bytes()
    _status, plain_headers, plain = request(served_site.site_url + "/en/")
    assert "Content-Encoding" not in plain_headers
    assert plain == (site.output / "en" / "index.html").read_bytes()


def test_only_fingerprinted_assets_are_cached_long(served_site):
    _status, _headers, body = request(served_site.site_url + "/")
    found = re.search(rb'href="http://127.0.0.1:[0-9]+(/theme/css/site\.[0-9a-f]{10}\.css)"', body)
    assert found, "the page does not link a fingerprinted stylesheet"
    stylesheet = found.group(1).decode()
    status, headers, _css = request(served_site.site_url + stylesheet)
    assert status == 200
    assert headers["Cache-Control"] == "max-age=31536000"
    assert_security_headers(headers, stylesheet)
    for path in ("/", "/theme/css/site.css", "/en/feeds/atom.xml"):
        _status, headers, _body = request(served_site.site_url + path)
        assert headers["Cache-Control"] == "no-cache", path


def test_production_variant_sends_hsts_over_https(site, tmp_path):
    openssl = require("openssl", "apt-get install openssl")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    https_port, http_port = free_port(), free_port()
    config = (ROOT / "deploy" / "nginx" / "production.conf").read_text(encoding="utf-8")
    replacements = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "/etc/letsencrypt/live/kopienas.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/kopienas.example.org/privkey.pem": str(key),
        "/srv/kopienas/current": str(site.output),
        "/var/log/nginx/kopienas.access.log": str(tmp_path / "access.log"),
        "/etc/nginx/kopienas/site.conf": str(ROOT / "deploy" / "nginx" / "site.conf"),
    }
    for old, new in replacements.items():
        assert old in config, f"production.conf no longer has '{old}'"
        config = config.replace(old, new)
    server = Nginx(tmp_path / "nginx", config, https_port).start()
    try:
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        for path in ("/", "/en/nope/", "/admin/", "/admin/nope"):
            req = urllib.request.Request(f"https://127.0.0.1:{https_port}{path}")
            try:
                response = urllib.request.urlopen(req, context=context, timeout=10)
            except urllib.error.HTTPError as error:
                response = error
            assert response.headers.get_all("Strict-Transport-Security") == ["max-age=63072000; includeSubDomains"], path
            if path == "/admin/":  # the editor's own policy (test_editor.py), headers and all
                assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
                assert "connect-src 'self' data: blob: https://gitlab.com" in response.headers["Content-Security-Policy"]
            else:
                assert_security_headers(response.headers, path)
        status, headers, _body = request(f"http://127.0.0.1:{http_port}/stasti/")
        assert status == 301 and headers["Location"].startswith("https://")
    finally:
        server.stop()

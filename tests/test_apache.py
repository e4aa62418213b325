"""The built site served by Apache with deploy/apache/.htaccess: what nginx's site.conf does."""

import gzip
import os
import re
import socket
import ssl
import subprocess
import urllib.error
import urllib.request

import brotli
import pytest

from test_nginx import assert_security_headers
from tools import ROOT, Apache, free_port, request, require

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
    vhost = dict(re.findall(r'^    Header always set (\S+) "(.*)"$', (DEPLOY / "apache" / "kopienas.conf").read_text(), re.M))
    assert vhost == {**apache, "Strict-Transport-Security": "max-age=63072000; includeSubDomains"}


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


def raw_response(sock, request_bytes):
    """(status, {lower-case header name: value}) of one raw request, e.g. a malformed one."""
    sock.sendall(request_bytes)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(head[0].split()[1]), headers


MALFORMED = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nthis line is not a header\r\n\r\n"


def test_with_htaccess_alone_a_malformed_request_s_400_has_no_security_headers(apache):
    """Why the virtual host sets the headers too (deploy/apache/README.md): Apache answers
    a malformed request before it reads .htaccess."""
    with socket.create_connection(("127.0.0.1", apache.port), timeout=10) as sock:
        status, headers = raw_response(sock, MALFORMED)
    assert status == 400
    assert "content-security-policy" not in headers


def test_the_virtual_host_sends_hsts_and_the_security_headers_on_every_answer_a_400_too(site, tmp_path):
    openssl = require("openssl", "apt-get install openssl")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    https_port, http_port = free_port(), free_port()
    server = Apache(tmp_path / "apache", site.output, http_port)
    site_root = server.root / "site"
    vhost = (DEPLOY / "apache" / "kopienas.conf").read_text(encoding="utf-8")
    replacements = {
        "<VirtualHost *:80>": f"<VirtualHost 127.0.0.1:{http_port}>",
        "<VirtualHost *:443>": f"<VirtualHost 127.0.0.1:{https_port}>",
        "/etc/letsencrypt/live/kopienas.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/kopienas.example.org/privkey.pem": str(key),
        "/srv/kopienas/current": str(site_root),
        "/var/log/apache2/kopienas.access.log": str(server.workdir / "access.log"),
        "/etc/apache2/kopienas.htaccess": str(DEPLOY / "apache" / ".htaccess"),
    }
    for old, new in replacements.items():
        assert old in vhost, f"kopienas.conf no longer has '{old}'"
        vhost = vhost.replace(old, new)
    (site_root / ".htaccess").unlink()  # AllowOverride None: the rules come from the Include
    modules = "".join(f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so\n"
                      for name in (*Apache.MODULES, "alias", "ssl", "socache_shmcb"))
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    server.conf.write_text(
        f"ServerRoot {server.workdir}\nServerName 127.0.0.1\nListen 127.0.0.1:{http_port}\n"
        f"Listen 127.0.0.1:{https_port}\nPidFile {server.workdir}/httpd.pid\n"
        f"DefaultRuntimeDir {server.workdir}\nErrorLog {server.workdir}/error.log\n{user}{modules}"
        "TypesConfig /etc/mime.types\nInclude /etc/apache2/mods-available/mime.conf\n"
        f"SSLSessionCache shmcb:{server.workdir}/ssl_scache(512000)\n"
        "<Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n" + vhost,
        encoding="utf-8",
    )
    subprocess.run(["chmod", "a+r", str(cert), str(key)], check=True)
    server.start()
    try:
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        hsts = ["max-age=63072000; includeSubDomains"]
        for path in ("/", "/en/nope/", "/admin/", "/stasti"):
            req = urllib.request.Request(f"https://127.0.0.1:{https_port}{path}")
            try:
                response = urllib.request.urlopen(req, context=context, timeout=10)
            except urllib.error.HTTPError as error:
                response = error
            assert response.headers.get_all("Strict-Transport-Security") == hsts, path
            if path == "/admin/":  # the editor's own policy, from .htaccess as without the virtual host
                assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
                assert "https://gitlab.com" in response.headers["Content-Security-Policy"]
            else:
                assert_security_headers(response.headers, path)
                assert len(response.headers.get_all("Content-Security-Policy")) == 1
        with socket.create_connection(("127.0.0.1", https_port), timeout=10) as plain:
            with context.wrap_socket(plain, server_hostname="localhost") as sock:
                status, headers = raw_response(sock, MALFORMED)
        assert status == 400
        assert headers["strict-transport-security"] == hsts
        assert_security_headers({name.title(): values[0] for name, values in headers.items()}, "a 400")
        status, headers, _body = request(f"http://127.0.0.1:{http_port}/stasti/")
        assert status == 301 and headers["Location"] == "https://kopienas.example.org/stasti/"
    finally:
        server.stop()


def test_the_worker_and_the_manifests_as_with_nginx(apache):
    """Offline reading (site_offline): the worker revalidated on every visit, the manifests by their type."""
    status, headers, body = request(apache.base + "/sw.js")
    assert status == 200 and body.startswith(b"const CONFIG = ")
    assert headers["Cache-Control"] == "no-cache"
    assert "worker-src 'self'" in headers["Content-Security-Policy"]
    for path in ("/manifest.webmanifest", "/en/manifest.webmanifest"):
        status, headers, _body = request(apache.base + path, headers={"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Type"] == "application/manifest+json; charset=utf-8"
        assert headers["Content-Encoding"] == "gzip"

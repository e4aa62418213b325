"""The real tools the quality gates run: nginx, Chromium, Java, the npm checkers.

On a developer's machine without one of them, its tests are skipped with the
reason; in CI (CI=true) a missing tool fails them, so nothing passes unchecked.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from sitecheck import page_url

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
# Rows (page, HTML bytes, other bytes, total) that test_page_weight fills for the summary.
PAGE_WEIGHTS = []
# Lines (scores, failed audits) that test_lighthouse fills for the summary.
LIGHTHOUSE_REPORT = []
# Chromium as root needs --no-sandbox; the rest keep it off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def require(path_or_command, install_hint):
    """Skip (or in CI fail) when a tool is missing."""
    found = os.path.exists(path_or_command) if "/" in str(path_or_command) else shutil.which(path_or_command)
    if not found:
        message = f"{path_or_command} is missing: {install_hint}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(path_or_command) if "/" in str(path_or_command) else found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx in the foreground on 127.0.0.1, with the project's configuration."""

    def __init__(self, workdir, server_block, port):
        self.workdir = Path(workdir)
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        (self.workdir / "logs").mkdir(parents=True, exist_ok=True)
        self.conf = self.workdir / "nginx.conf"
        # As root, nginx's workers would run as "nobody", who cannot read pytest's
        # private temporary folders; the test server is on loopback only.
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf.write_text(
            f"""{user}daemon off;
worker_processes 1;
pid {self.workdir}/nginx.pid;
error_log stderr;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {self.workdir}/body;
    proxy_temp_path {self.workdir}/proxy;
    fastcgi_temp_path {self.workdir}/fastcgi;
    uwsgi_temp_path {self.workdir}/uwsgi;
    scgi_temp_path {self.workdir}/scgi;
{server_block}
}}
""",
            encoding="utf-8",
        )
        self.process = None

    def start(self):
        nginx = require("nginx", "apt-get install nginx")
        self.process = subprocess.Popen(
            [nginx, "-p", str(self.workdir), "-c", str(self.conf), "-e", "stderr"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_port(self.process, self.port, "nginx")
        return self

    def stop(self):
        """Stop nginx by its PID (never the system service)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def serve_with_project_config(workdir, root, port=None):
    """nginx serving `root` through deploy/nginx/site.conf, as the project recommends."""
    port = port or free_port()
    block = f"""    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include {ROOT / "deploy" / "nginx" / "site.conf"};
    }}"""
    return Nginx(workdir, block, port).start()


class Apache:
    """Debian's apache2 in the foreground (-X: one process) on 127.0.0.1, serving a
    copy of a built site with deploy/apache/.htaccess in it (AllowOverride All).

    As root, Apache serves as www-data, who cannot read pytest's private
    temporary folders: the copy goes to a folder everyone may read.
    """

    MODULES = ("mpm_event", "authz_core", "dir", "mime", "rewrite", "headers")

    def __init__(self, workdir, site, port):
        self.workdir = Path(workdir)
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.root = Path(tempfile.mkdtemp(prefix="apache-site-"))
        self.root.chmod(0o755)
        shutil.copytree(site, self.root / "site")
        shutil.copy(ROOT / "deploy" / "apache" / ".htaccess", self.root / "site" / ".htaccess")
        subprocess.run(["chmod", "-R", "a+rX", str(self.root)], check=True)
        self.workdir.mkdir(parents=True, exist_ok=True)
        modules = "".join(
            f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so\n" for name in self.MODULES
        )
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        self.conf = self.workdir / "httpd.conf"
        self.conf.write_text(
            f"""ServerRoot {self.workdir}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {self.workdir}/httpd.pid
DefaultRuntimeDir {self.workdir}
ErrorLog {self.workdir}/error.log
{user}{modules}TypesConfig /etc/mime.types
Include /etc/apache2/mods-available/mime.conf
DocumentRoot {self.root}/site
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {self.root}/site>
    AllowOverride All
    Require all granted
</Directory>
""",
            encoding="utf-8",
        )
        self.process = None

    def start(self):
        apache = require("/usr/sbin/apache2", "apt-get install apache2")
        self.process = subprocess.Popen(
            [apache, "-X", "-f", str(self.conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )  # its log goes to error.log beside httpd.conf
        wait_for_port(self.process, self.port, "apache2")
        return self

    def stop(self):
        """Stop apache2 by its PID (never the system service), then remove the copy."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for_port(process, port, name):
    """Return once `process` listens on 127.0.0.1:port; raise when it stops or takes 10 s."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped: {process.stderr.read().decode()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not start listening")


def url_of(site, relative):
    """The address of a built file on the test server; 404 pages by a missing address."""
    if relative.endswith("404.html"):
        return site.site_url + ("/en/no-such-page/" if relative.startswith("en/") else "/nav-tadas-lapas/")
    return site.site_url + page_url(relative)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, headers=None, method="GET"):
    """(status, headers, body bytes) of one real HTTP request, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with opener.open(req, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()

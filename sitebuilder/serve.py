"""The development server of `make serve`: serve output/, rebuild on changes.

Drafts and items dated after today are shown, marked (CONTENT_PREVIEW).
Each rebuild is `python -m sitebuilder` (the incremental build) in a process
of its own, forked from one that has imported Pelican and the plugins once
(builder.py): no state is carried from one build to the next, and an edit to
the plugins or the settings starts that process again. The server keeps
serving the last good site while a rebuild runs or after one fails.

Edit and see: every HTML page it serves gets one script tag more,
`/_dev/reload.js`, which this server alone serves (the built files never
have it, so neither has the published site). The script listens to
`/_dev/events` (server-sent events) and reloads the tab when a rebuild has
ended; when the last rebuild failed or found content problems, it shows them
over the page, as the build wrote them: in the organisers' language
(CONTENT_MESSAGES_LANG), until a rebuild finds none.
"""

import functools
import http.server
import json
import os
import sys
import threading

import watchfiles

from sitebuilder import progress
from sitebuilder.builder import Builder

DEV = "/_dev/"
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devreload.js")
MAX_LINES = 200  # of a build's messages shown on the page

# The heading over the problems, in the organisers' language (the lines are the build's own).
HEADINGS = {
    "failed": {
        "lv": "Pārbūve neizdevās: redzama iepriekšējā vietnes versija. Izlabojiet šīs problēmas:",
        "en": "The rebuild failed: this is the site as it was before. Fix these problems:",
    },
    "problems": {
        "lv": "Satura problēmas: lapas ir uzbūvētas, taču šādā veidā tās nevarēs publicēt.",
        "en": "Content problems: the pages were built, but cannot be published like this.",
    },
}


class Builds:
    """What the dev server knows of its rebuilds: how many have ended, and the last one's messages."""

    def __init__(self, lang="en"):
        self.lang = lang if lang in HEADINGS["failed"] else "en"
        self.generation = 0
        self.ok = True
        self.lines = []
        self._current = []
        self.changed = threading.Condition()

    def line(self, text):
        """A line a build wrote on standard error: echoed, and kept unless it is progress."""
        sys.stderr.write(text)
        sys.stderr.flush()
        if progress.parse(text) is None and text.strip():
            self._current.append(text.rstrip("\n"))

    def ended(self, status):
        with self.changed:
            self.ok = status == 0
            self.lines, self._current = self._current[:MAX_LINES], []
            self.generation += 1
            self.changed.notify_all()

    def status(self):
        with self.changed:
            kind = None if self.ok and not self.lines else ("problems" if self.ok else "failed")
            return {
                "generation": self.generation,
                "ok": self.ok,
                "heading": HEADINGS[kind][self.lang] if kind else "",
                "lines": list(self.lines),
                "lang": self.lang,
            }

    def wait(self, after, seconds):
        """The generation once it is past `after`, or after `seconds` whatever it is."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation > after, timeout=seconds)
            return self.generation


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Pretty URLs as on the real server; a missing page gets its language's 404."""

    def __init__(self, *args, languages=None, builds=None, **kwargs):
        self.languages = languages or {}
        self.builds = builds
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 - the base class's name
        if self.builds is not None and self.path.startswith(DEV):
            return self._dev()
        page = self._page()
        if page is None:
            return super().do_GET()
        return self._send(200, page)

    def do_HEAD(self):  # noqa: N802
        if self.builds is not None and (self.path.startswith(DEV) or self._page() is not None):
            self.send_response(200)
            self.end_headers()
            return None
        return super().do_HEAD()

    def _page(self):
        """The HTML file a GET of this path serves, or None (another kind of file, or none)."""
        if self.builds is None:
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the address with a slash
            path = os.path.join(path, "index.html")
        return path if path.endswith(".html") and os.path.isfile(path) else None

    def _send(self, code, path):
        with open(path, "rb") as f:
            body = self._with_script(f.read())
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _with_script(self, body):
        """The page with the dev server's script (and the rebuild it shows) before </body>."""
        if self.builds is None:
            return body
        tag = f'<script src="{DEV}reload.js" data-generation="{self.builds.generation}"></script>'.encode()
        at = body.rfind(b"</body>")
        return body[:at] + tag + body[at:] if at >= 0 else body + tag

    def _dev(self):
        name = self.path[len(DEV):].split("?", 1)[0]
        if name == "reload.js":
            with open(SCRIPT, "rb") as f:
                return self._plain(f.read(), "text/javascript; charset=utf-8")
        if name == "status":
            return self._plain(json.dumps(self.builds.status(), ensure_ascii=False).encode(),
                               "application/json; charset=utf-8")
        if name == "events":
            return self._events()
        return super().send_error(404)

    def _plain(self, body, kind):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self):
        """Server-sent events: `build` with the number of rebuilds ended, now and after each one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = -1
        try:
            while True:
                generation = self.builds.wait(seen, 15)
                if generation == seen:
                    self.wfile.write(b": still here\n\n")  # a comment: a closed tab ends this thread
                else:
                    self.wfile.write(f"event: build\ndata: {generation}\n\n".encode())
                    seen = generation
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        return self._send(404, page)

    def _not_found_page(self):
        for settings in self.languages.values():
            prefix = settings["prefix"]
            if prefix and self.path.startswith(f"/{prefix}/"):
                candidate = os.path.join(self.directory, prefix, "404.html")
                break
        else:
            candidate = os.path.join(self.directory, "404.html")
        return candidate if os.path.exists(candidate) else None

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if args and str(args[1]).startswith(("4", "5")):
            super().log_message(format, *args)


def start_server(output, host, port, languages, builds=None):
    handler = functools.partial(SiteHandler, directory=output, languages=languages, builds=builds)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_arguments(settings_file, output=None, extra=()):
    """The arguments of `python -m sitebuilder` for a preview build."""
    # A preview: drafts and items dated later are built too, each marked as such.
    arguments = ["--settings", settings_file, "--set", "CONTENT_PREVIEW=true"]
    for item in extra:
        arguments += ["--set", item]
    if output:
        arguments += ["--output", output]
    return arguments


def serve(builder, output, host, port, languages, watch, builds=None):
    builds = builds or Builds()
    builds.ended(builder.build())
    server = start_server(output, host, port, languages, builds)
    print(f"Serving {output} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    watched = [path for path in watch if os.path.exists(path)]
    try:
        for changes in watchfiles.watch(*watched, watch_filter=_interesting):
            names = ", ".join(sorted({os.path.basename(path) for _change, path in changes}))
            print(f"Changed: {names}; rebuilding", flush=True)
            builds.ended(builder.build())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        builder.close()


def _interesting(change, path):
    name = os.path.basename(path)
    return not (name.startswith(".") or name.endswith(("~", ".pyc", ".swp")) or "__pycache__" in path)


def main(argv=None):
    """`python -m sitebuilder.serve`: what `make serve` runs."""
    import argparse  # noqa: PLC0415

    from pelican.settings import read_settings  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="sitebuilder.serve")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", default=None, help="default: the settings' OUTPUT_PATH")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a setting")
    args = parser.parse_args(argv)
    settings_file = os.path.abspath(args.settings)
    settings = read_settings(settings_file, override=dict(item.split("=", 1) for item in args.set))
    output = os.path.abspath(args.output or settings["OUTPUT_PATH"])
    # The builds import this package and the project's plugins (as `make build` does).
    application = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([application, *map(str, settings["PLUGIN_PATHS"])]))
    builds = Builds(str(settings.get("CONTENT_MESSAGES_LANG") or "en"))
    builder = Builder(build_arguments(settings_file, output, args.set), env=env, on_line=builds.line)
    watch = [settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"], os.path.join(application, "sitebuilder"),
             settings_file]
    serve(builder, output, args.host, args.port, settings["LANGUAGES"], watch, builds)


if __name__ == "__main__":
    main()

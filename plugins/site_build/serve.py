"""The development server of `make serve`: serve output/, rebuild on changes.

Drafts and items dated after today are shown, marked (CONTENT_PREVIEW).
Each rebuild is `python -m site_build` (the incremental build) in a process
of its own, forked from one that has imported Pelican and the plugins once
(builder.py): no state is carried from one build to the next, and an edit to
the plugins or the settings starts that process again. The server keeps
serving the last good site while a rebuild runs or after one fails.
"""

import functools
import http.server
import os
import threading

import watchfiles

from site_build.builder import Builder


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Pretty URLs as on the real server; a missing page gets its language's 404."""

    def __init__(self, *args, languages=None, **kwargs):
        self.languages = languages or {}
        super().__init__(*args, **kwargs)

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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


def start_server(output, host, port, languages):
    handler = functools.partial(SiteHandler, directory=output, languages=languages)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_arguments(settings_file, output=None, extra=()):
    """The arguments of `python -m site_build` for a preview build."""
    # A preview: drafts and items dated later are built too, each marked as such.
    arguments = ["--settings", settings_file, "--set", "CONTENT_PREVIEW=true"]
    for item in extra:
        arguments += ["--set", item]
    if output:
        arguments += ["--output", output]
    return arguments


def serve(builder, output, host, port, languages, watch):
    builder.build()
    server = start_server(output, host, port, languages)
    print(f"Serving {output} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    watched = [path for path in watch if os.path.exists(path)]
    try:
        for changes in watchfiles.watch(*watched, watch_filter=_interesting):
            names = ", ".join(sorted({os.path.basename(path) for _change, path in changes}))
            print(f"Changed: {names}; rebuilding", flush=True)
            builder.build()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        builder.close()


def _interesting(change, path):
    name = os.path.basename(path)
    return not (name.startswith(".") or name.endswith(("~", ".pyc", ".swp")) or "__pycache__" in path)


def main(argv=None):
    """`python -m site_build.serve`: what `make serve` runs."""
    import argparse  # noqa: PLC0415

    from pelican.settings import read_settings  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="site_build.serve")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", default=None, help="default: the settings' OUTPUT_PATH")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a setting")
    args = parser.parse_args(argv)
    settings_file = os.path.abspath(args.settings)
    settings = read_settings(settings_file, override=dict(item.split("=", 1) for item in args.set))
    output = os.path.abspath(args.output or settings["OUTPUT_PATH"])
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(__file__)))
    builder = Builder(build_arguments(settings_file, output, args.set), env=env)
    watch = [settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"], settings_file]
    serve(builder, output, args.host, args.port, settings["LANGUAGES"], watch)


if __name__ == "__main__":
    main()

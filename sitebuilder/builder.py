"""Builds on request, each in a process forked from one that has imported everything once.

What `make serve` rebuilds with. A build in a new Python process spends most of
its time, after a small edit, importing Pelican, Jinja, Markdown and the plugins before it reads a file;
this process imports them once, then forks a child for every build. A child
starts as a new process would (nothing of an earlier build is in it: the
parent never builds), runs `python -m sitebuilder`'s code and exits.

Its code can go out of date: when a plugin's code, a settings file or the
installed packages change, the next request is answered "restart" and this
process ends; the caller starts a new one (`Builder`). The theme and the
content are read by each build, as by any build.

Protocol: one line per request on standard input ("build"), one line per
answer on the file descriptor SITE_BUILDER_REPLY (the build's exit status,
or "restart"); the builds print on standard output and error as ever, and
each build's error output ends with the line END_MARK, so that a caller that
reads it (`Builder(on_line=...)`, the dev server's page of problems) knows
which lines were that build's. The process ends at the end of its input,
when the caller has gone.
"""

import hashlib
import os
import subprocess
import sys
import threading

from sitebuilder.cache import fresh

__all__ = ["Builder", "code_stamp", "main"]

REPLY_VARIABLE = "SITE_BUILDER_REPLY"
END_MARK = "@build-end"


def code_stamp(inputs):
    """A hash of the Python code a build imports: this package, plugins, settings files, installed packages."""
    digest = hashlib.blake2b(digest_size=16)
    for name in fresh.packages():
        digest.update(name.encode() + b"\0")
    fresh.hash_tree(digest, fresh.APPLICATION)
    for path in inputs.settings.get("PLUGIN_PATHS", ()):
        folder = os.path.join(inputs.root, str(path))
        if os.path.isdir(folder):
            fresh.hash_tree(digest, folder)
    fresh.hash_settings_files(digest, inputs.root)
    return digest.hexdigest()


def _warm_up(settings_file, extra):
    """Import what every build imports, and load what every build loads but never changes."""
    from pelican.settings import read_settings  # noqa: PLC0415

    from sitebuilder.pipeline import warm_up  # noqa: PLC0415

    warm_up(read_settings(settings_file, override=dict(extra)))


def main(argv=None):
    """`python -m sitebuilder.builder [the arguments of python -m sitebuilder]`."""
    from sitebuilder.__main__ import parse_arguments, run_build  # noqa: PLC0415

    args, extra = parse_arguments(argv)
    reply = os.fdopen(int(os.environ[REPLY_VARIABLE]), "w", buffering=1)
    stamp = code_stamp(fresh.Inputs(args.settings, extra, args.output))
    _warm_up(os.path.abspath(args.settings), extra)
    try:
        for _request in sys.stdin:
            if code_stamp(fresh.Inputs(args.settings, extra, args.output)) != stamp:
                reply.write("restart\n")
                return 0
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the build
                status = 1
                try:
                    status = run_build(args, extra)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            _pid, status = os.waitpid(pid, 0)
            print(END_MARK, file=sys.stderr, flush=True)
            reply.write(f"{os.waitstatus_to_exitcode(status)}\n")
    except KeyboardInterrupt:
        pass
    return 0


class Builder:
    """The caller's side: `build()` asks a builder process, started (again) when needed."""

    def __init__(self, arguments, env=None, on_line=None):
        """on_line: called with each line the builds write on standard error (else they go to ours)."""
        self.arguments = list(arguments)
        self.env = env
        self.on_line = on_line
        self.process = None
        self.replies = None
        self.ended = threading.Event()

    def _start(self):
        read, write = os.pipe()
        env = dict(self.env or os.environ, **{REPLY_VARIABLE: str(write)})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitebuilder.builder", *self.arguments],
            stdin=subprocess.PIPE, env=env, pass_fds=(write,), text=True,
            stderr=subprocess.PIPE if self.on_line else None,
        )
        os.close(write)
        self.replies = os.fdopen(read, "r")
        if self.on_line:
            threading.Thread(target=self._read_errors, args=(self.process.stderr,), daemon=True).start()

    def _read_errors(self, stream):
        for line in stream:
            if line.rstrip("\n") == END_MARK:
                self.ended.set()
            else:
                self.on_line(line)
        self.ended.set()  # the process has gone

    def build(self):
        """Build once; the exit status of the build."""
        for _attempt in range(2):
            if self.process is None or self.process.poll() is not None:
                self.close()
                self._start()
            self.ended.clear()
            try:
                self.process.stdin.write("build\n")
                self.process.stdin.flush()
            except BrokenPipeError:
                self.close()
                continue
            answer = self.replies.readline().strip()
            if answer == "restart" or not answer:  # its code is out of date, or it died
                self.close()
                continue
            if self.on_line:
                self.ended.wait(10)  # the build's last lines, read by the thread
            return int(answer)
        return 1

    def close(self):
        if self.process is not None:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
            self.process.wait()
            self.replies.close()
        self.process = self.replies = None


if __name__ == "__main__":
    sys.exit(main())

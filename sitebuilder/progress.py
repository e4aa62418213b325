"""Progress of a build, for whoever waits for it (the publishing hook's pusher).

Off unless `python -m sitebuilder --progress` turns it on. Each report is one
line on standard error, `@progress<TAB>stage<TAB>done<TAB>total`, where done
and total may be empty; the publishing hook turns them into the pusher's
`remote:` lines with its own clock, and never shows them as problems. A
build's forked runs inherit the switch. Pages are reported at most once a
second per run (and at its end), so a build of thousands of pages says a few
lines, not thousands.
"""

import sys
import time

__all__ = ["PREFIX", "enable", "enabled", "report", "Pages"]

PREFIX = "@progress\t"
INTERVAL = 1.0  # seconds between two reports of the same run's pages

_ON = [False]


def enable(on=True):
    _ON[0] = bool(on)


def enabled():
    return _ON[0]


def report(stage, done=None, total=None):
    """One progress line (nothing when progress is off)."""
    if not _ON[0]:
        return
    fields = [stage, "" if done is None else str(done), "" if total is None else str(total)]
    sys.stderr.write(PREFIX + "\t".join(field.replace("\t", " ") for field in fields) + "\n")
    sys.stderr.flush()


def parse(line):
    """(stage, done or None, total or None) of a progress line, or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    parts = line.rstrip("\n").split("\t")[1:]
    if not parts:
        return None
    stage, done, total = (parts + ["", ""])[:3]
    return stage, int(done) if done.isdigit() else None, int(total) if total.isdigit() else None


class Pages:
    """Counts one run's writes and reports them (stage `pages LANG`) at most once a second."""

    def __init__(self, lang, total=None):
        self.stage = f"pages {lang}"
        self.total = total
        self.done = 0
        self.last = time.monotonic()

    def add(self):
        self.done += 1
        if _ON[0] and time.monotonic() - self.last >= INTERVAL:
            self.last = time.monotonic()
            report(self.stage, self.done, self._total())

    def finish(self, made=None):
        """The run's last report; made: how many of its writes were rendered anew (the rest reused)."""
        stage = self.stage if made is None else f"{self.stage} ({made} made anew)"
        report(stage, self.done, self.done)

    def _total(self):
        return max(self.total or 0, self.done)

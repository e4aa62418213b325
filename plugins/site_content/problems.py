"""A problem found in a content file, and how an organiser reads it.

"content/stories/x.lv.md:3: trūkst lauka 'cover_alt': aprakstiet fotogrāfiju
vienā teikumā": the file as the organiser finds it from the project's root, the
line where known, then the message (what is wrong: how to fix it) in the
language of CONTENT_MESSAGES_LANG.
"""

import os
import posixpath
from dataclasses import dataclass

from .messages import Text, render


@dataclass(frozen=True)
class Problem:
    source: str  # path relative to the content folder, with "/"
    line: int | None
    text: Text
    blocking: bool = False  # the document cannot be built and is left out
    # A photo's problem: ((source, line), ...) of every text that uses the photo; None for others.
    uses: tuple | None = None

    def message(self, lang="en"):
        return render(self.text, lang)

    def format(self, lang="en", folder=""):
        """The whole line; `folder` is how the content folder is shown, e.g. "content"."""
        path = _shown(folder, self.source)
        where = f"{path}:{self.line}" if self.line else path
        line = f"{where}: {self.message(lang)}"
        if self.uses is None:
            return line
        if not self.uses:
            return f"{line} {render(Text('photo_unused'), lang)}"
        places = ", ".join(f"{_shown(folder, source)}:{number}" if number else _shown(folder, source)
                           for source, number in self.uses)
        return f"{line} {render(Text('photo_used_in', {'uses': places}), lang)}"

    def __str__(self):
        return self.format()


def _shown(folder, source):
    return posixpath.join(folder, source) if folder else source


def shown_folder(content_path, root):
    """The content folder as seen from the project's root: "content", else absolute."""
    relative = os.path.relpath(os.path.abspath(content_path), os.path.abspath(root))
    if relative.startswith(os.pardir):
        return os.path.abspath(content_path).replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def messages_language(settings):
    return str(settings.get("CONTENT_MESSAGES_LANG") or "en")

"""`invoke new story|news|chapter|goal "Title"`: both language files of a new document.

The files come from templates in `scaffolds/` (`<kind>.<lang>.md`, with
$title, $date, $communities, $community, $guide and $chapter), the address from the
default-language title ("Kopsanāksme Mežiniekos" -> kopsanaksme-meziniekos),
the date is the build's day. Both files start as drafts, so nothing
half-written is published; nothing is ever overwritten.
"""

import json
import os
from string import Template

from .messages import Text, did_you_mean, join_or
from .model import slugify
from .checks import closest

SCAFFOLDS = os.path.join(os.path.dirname(__file__), "scaffolds")
KINDS = ("story", "news", "chapter", "goal")


class ScaffoldError(Exception):
    """A request that cannot be carried out; `text` says why, in any language."""

    def __init__(self, text):
        super().__init__(text.code)
        self.text = text


def section_of(sections, kind):
    return next(section for section, conf in sections.items() if conf["kind"] == kind)


def next_chapter(index, guide):
    numbers = [d.meta.get("chapter", 0) for d in index.files.values()
               if d.kind == "chapter" and d.meta.get("guide") == guide]
    return max(numbers, default=0) + 1


def plan(index, settings, kind, title, communities=(), guide="methodology", today=None):
    """[(path, text)] of the files to create; raises ScaffoldError."""
    if kind not in KINDS:
        raise ScaffoldError(Text("new_kind", {"kind": kind, "kinds": join_or(KINDS)}))
    key = slugify(title)
    if not key:
        raise ScaffoldError(Text("new_title"))
    known = sorted({d.key for d in index.files.values() if d.kind == "community"})
    for community in communities:
        if community not in known:
            otherwise = (Text("fix_community", {"lang": index.default_lang, "example": known[0]})
                         if known else Text("fix_no_communities"))
            fix = did_you_mean(closest(community, known), otherwise)
            raise ScaffoldError(Text("new_community", {"value": community, "fix": fix}))
    if kind == "goal" and len(communities) > 1:
        raise ScaffoldError(Text("new_one_community"))
    guides = ("methodology", "guidelines")
    if kind == "chapter" and guide not in guides:
        raise ScaffoldError(Text("not_choice", {"field": "guide", "value": guide, "choices": join_or(guides)}))
    values = {
        "title": json.dumps(str(title).strip(), ensure_ascii=False),  # a YAML string
        "date": today.isoformat() if today else "",
        "communities": ", ".join(communities),
        "community": communities[0] if communities else "",
        "guide": guide,
        "chapter": next_chapter(index, guide) if kind == "chapter" else "",
    }
    folder = os.path.join(settings["PATH"], section_of(settings["SECTIONS"], kind))
    files = []
    for lang in settings["LANGUAGES"]:
        template = os.path.join(SCAFFOLDS, f"{kind}.{lang}.md")
        if not os.path.exists(template):
            template = os.path.join(SCAFFOLDS, f"{kind}.en.md")
        with open(template, encoding="utf-8") as f:
            text = Template(f.read()).substitute(values)
        files.append((os.path.join(folder, f"{key}.{lang}.md"), text))
    return files


def create(files, shown_path):
    """Write the planned files; none is written if any exists. Returns their paths."""
    for path, _text in files:
        if os.path.exists(path):
            raise ScaffoldError(Text("new_exists", {"path": shown_path(path)}))
    os.makedirs(os.path.dirname(files[0][0]), exist_ok=True)
    written = []
    for path, text in files:
        with open(path, "x", encoding="utf-8") as f:
            f.write(text)
        written.append(path)
    return written

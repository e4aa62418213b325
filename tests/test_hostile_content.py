"""Hostile content: every input that once crashed, flooded or escaped a build, with its exact message.

Content is untrusted (git push, the web editor). Each case below writes its
files into a copy of the fixture site (tests/fixtures/site), some of them
links and files outside content/ that a fixture folder cannot hold, and
expects exact lines from the content check. Then the whole corpus at once:
`--check` and the strict build must give the same problem list, a normal
build the same lines too, none with a traceback, and nothing from outside
content/ (or of a kind the site does not publish) may reach output/.
"""

import os
import subprocess
import sys
import textwrap
import time

import pytest
from bs4 import BeautifulSoup

import projects
from conftest import ROOT
from sitecheck import half_built, tree_digest
from site_build.__main__ import main as site_build

PLUGINS = str(ROOT / "plugins")
SECRET = "root:x:0:0:secret-from-outside"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def story(content, name, body="Teksts.", **fields):
    """A Latvian story with the fields it needs, plus `fields` written as they are given."""
    meta = {"title": "Stāsts", "summary": "Kopsavilkums.", "date": "2024-03-05", **fields}
    lines = "".join(f"{key}: {value}\n" for key, value in meta.items())
    (content / "stories").mkdir(parents=True, exist_ok=True)
    (content / "stories" / name).write_text(f"---\n{lines}---\n\n{body}\n", encoding="utf-8")


def news(content, name, body="Teksts.", **fields):
    meta = {"title": "Ziņa", "summary": "Kopsavilkums.", "date": "2024-03-05", **fields}
    lines = "".join(f"{key}: {value}\n" for key, value in meta.items())
    (content / "news" / name).write_text(f"---\n{lines}---\n\n{body}\n", encoding="utf-8")


# --- the cases: (content folder, a folder outside it) -> files ----------------


def symlinked_text(content, outside):
    write(outside / "secret.md", f"---\ntitle: Noslēpums\nsummary: {SECRET}\ndate: 2024-01-01\n---\n\n{SECRET}\n")
    (content / "stories" / "sveiks.lv.md").symlink_to(outside / "secret.md")


def symlinked_photo(content, outside):
    from phototools import phone_jpeg  # noqa: PLC0415

    (outside / "foto.jpg").write_bytes(phone_jpeg())
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "foto.jpg").symlink_to(outside / "foto.jpg")


def symlink_loops(content, outside):
    (content / "cilpa").symlink_to(content)  # content/ inside itself
    (content / "news" / "atpakal").symlink_to(content / "news")
    (content / "stories" / "a").symlink_to(content / "stories" / "b")
    (content / "stories" / "b").symlink_to(content / "stories" / "a")


def symlinked_folder(content, outside):
    write(outside / "faili" / "programma.pdf", "%PDF-1.4 secret")
    (content / "faili").symlink_to(outside / "faili", target_is_directory=True)


def attach_traversal(content, outside):
    story(content, "parole.lv.md", body="Sk. [failu]({attach}../../../../../../../../etc/passwd).")


def static_traversal(content, outside):
    story(content, "iestatijumi.lv.md", body="Sk. [iestatījumus]({static}/../publishconf.py).")


def cite_traversal(content, outside):
    story(content, "citats.lv.md", body='<blockquote cite="{static}/../pelicanconf.py">Citāts.</blockquote>')


def cover_traversal(content, outside):
    story(content, "vaks-ara.lv.md", cover="../../etc/passwd", cover_alt="Fotogrāfija.")


def script_file(content, outside):
    write(content / "faili" / "x.js", "alert(document.cookie)")
    story(content, "skripts.lv.md", body='Teksts.\n\n<script src="{static}/faili/x.js"></script>')


def html_file(content, outside):
    write(content / "faili" / "lapa.html", "<script>alert(1)</script>")


def svg_file(content, outside):
    write(content / "faili" / "zime.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')


def inline_script(content, outside):
    story(content, "iekseja.lv.md", body="Pirmā rinda.\n\n<script>alert(document.cookie)</script>\n\nBeigas.")


def iframe(content, outside):
    story(content, "ramis.lv.md", body='Video:\n\n<iframe src="https://example.org/video"></iframe>')


def object_embed(content, outside):
    story(content, "objekts.lv.md", body='<object data="x.swf"></object>\n\n<embed src="x.swf">')


def form(content, outside):
    story(content, "forma.lv.md", body='<form action="https://example.org/"><input name="parole"></form>')


def base_tag(content, outside):
    story(content, "bazes.lv.md", body='<base href="https://example.org/">\n\nTeksts.')


def event_attribute(content, outside):
    story(content, "notikums.lv.md", body='Teksts <img src="x.jpg" alt="x" onerror="alert(1)"> un'
          ' <a href="/" onclick="alert(1)">saite</a>.')


def javascript_link(content, outside):
    story(content, "js-saite.lv.md", body="Spiediet [šeit](javascript:alert(1)).")


def entity_javascript_link(content, outside):
    story(content, "js-entitija.lv.md", body='<a href="&#106;avascript:alert(1)">šeit</a>')


def data_url(content, outside):
    story(content, "dati.lv.md", body='<a href="data:text/html;base64,PHNjcmlwdD4=">šeit</a>')


def attribute_list(content, outside):
    story(content, "atributi.lv.md", body='## Virsraksts {: onclick="alert(1)" }\n\nTeksts.')


def style_attribute(content, outside):
    story(content, "stils.lv.md", body='<p style="position:fixed;top:0">Uzmanību!</p>')


def yaml_bomb(content, outside):
    levels = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "---\ntitle: Bumba\nsummary: x\ndate: 2024-03-05\n" + "\n".join(levels) + "\n---\n\nTeksts.\n"
    assert len(text.encode()) < 600
    (content / "stories" / "bumba.lv.md").write_text(text, encoding="utf-8")


def huge_title(content, outside):
    story(content, "milzis.lv.md", title='"' + "Ā" * (5 * 1024 * 1024 // 2) + '"')


def long_title(content, outside):
    story(content, "gars.lv.md", title="A" * 201)


def long_summary(content, outside):
    story(content, "kopsavilkums.lv.md", summary="B" * 501)


def year_one(content, outside):
    news(content, "senatne.lv.md", date="0001-01-01", type="invitation",
         event_start="2024-03-05 18:00", place="Baldone")


def event_in_9999(content, outside):
    news(content, "nakotne.lv.md", type="invitation", event_start="9999-12-31 23:30", place="Baldone")


def event_end_1800(content, outside):
    news(content, "beigas.lv.md", type="invitation", event_start="2024-03-05 18:00",
         event_end="1800-03-05 20:00", place="Baldone")


def story_in_2201(content, outside):
    story(content, "nakotnes-stasts.lv.md", date="2201-01-01")


def goal_cycle(content, outside):
    write(content / "goals" / "soli.lv.md", """
        ---
        title: Soliņi
        summary: Soliņi pie dīķa.
        kinds: [other]
        cycle: 99999
        ---
        """)


def same_name_story_and_news(content, outside):
    story(content, "sanaksme.lv.md")
    news(content, "sanaksme.lv.md")


def admin_page(content, outside):
    write(content / "pages" / "admin.lv.md", "---\ntitle: Admin\nsummary: Lapa.\n---\n\nTeksts.\n")


def search_page(content, outside):
    write(content / "pages" / "meklet.lv.md", "---\ntitle: Meklēt\nsummary: Lapa.\n---\n\nTeksts.\n")


def meetings_slug(content, outside):
    write(content / "pages" / "sanaksmes.lv.md", "---\ntitle: Sanāksmes\nsummary: Lapa.\n---\n\nTeksts.\n")
    write(content / "pages" / "sanaksmes.en.md", "---\ntitle: Meetings\nsummary: A page.\nslug: meetings\n---\n\nText.\n")


def deep_nesting(content, outside):
    (content / "stories" / "dzilums.lv.md").write_text(
        "---\ntitle: x\nsummary: y\ndate: 2024-03-05\nthemes: " + "[" * 300_000 + "]" * 300_000 + "\n---\n",
        encoding="utf-8")


# case -> (writes its files, the exact Latvian lines of the check)
CORPUS = {
    "symlinked-text": (symlinked_text, [
        "content/stories/sveiks.lv.md: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek"
        " publicēta: tās vietā iekopējiet mapē content/ pašu failu",
    ]),
}


def make_project(root, *cases):
    project = projects.make_project(root / "project")
    outside = root / "outside"
    outside.mkdir(exist_ok=True)
    for case in cases:
        CORPUS[case][0](project / "content", outside)
    return project


def check(project, lang, capsys):
    status = site_build(["--settings", str(project / "pelicanconf.py"), "--check",
                         "--set", f"CONTENT_MESSAGES_LANG={lang}"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()

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
from sitebuilder.__main__ import main as site_build

PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))
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
    write(outside / "dokumenti" / "programma.pdf", "%PDF-1.4 secret")
    (content / "dokumenti").symlink_to(outside / "dokumenti", target_is_directory=True)


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


def markdown_flood(content, outside):
    story(content, "iekavas.lv.md", body="[" * 20_000)  # Python-Markdown: minutes, if converted
    story(content, "zvaigznes.lv.md", body="\n\n".join(["*a" * 1000] * 50))


def deep_nesting(content, outside):
    (content / "stories" / "dzilums.lv.md").write_text(
        "---\ntitle: x\nsummary: y\ndate: 2024-03-05\nthemes: " + "[" * 300_000 + "]" * 300_000 + "\n---\n",
        encoding="utf-8")


def extremes(content, outside):
    """Values at the edges of what the check allows: every plugin must build them."""
    story(content, "pirmais.lv.md", date="1900-01-01", title='"' + "Ā" * 200 + '"', summary="S" * 500)
    news(content, "pedeja.lv.md", type="invitation", event_start="2200-12-31 23:59",
         event_end="2200-12-31 23:59", place='"' + "P" * 500 + '"', communities="[ciems]")
    write(content / "methodology" / "talu.lv.md",
          "---\ntitle: Tālu\nsummary: Nodaļa.\nguide: methodology\nchapter: 999999999999999999999\n---\n\nTeksts.\n")
    write(content / "communities" / "mala.lv.md",
          "---\ntitle: Mala\nsummary: Kopiena.\ncoordinates: [-90, -180]\n---\n\nTeksts.\n")
    write(content / "goals" / "senais.lv.md",
          "---\ntitle: Senais\nsummary: Mērķis.\nkinds: [other]\ncycle: 2200\n---\n\nTeksts.\n")


# case -> (writes its files, the exact Latvian lines of the check)
CORPUS = {
    'admin-page': (admin_page, [
        'content/pages/admin.lv.md: adresi /admin/ izmanto pati vietne: pārdēvējiet šo failu',
    ]),
    'attach-traversal': (attach_traversal, [
        "content/stories/parole.lv.md:7: saite '{attach}../../../../../../../../etc/passwd' ved ārpus mapes content/: ielieciet failu mapē content/ un norādiet saiti uz to tur, piemēram, {static}/faili/programma.pdf",
    ]),
    'attribute-list': (attribute_list, [
        "content/stories/atributi.lv.md:7: atribūts 'onclick' sarakstā '{: ...}' palaistu skriptu, tāpēc lapā tas netiek iekļauts: izņemiet to",
    ]),
    'base-tag': (base_tag, [
        'content/stories/bazes.lv.md:7: HTML birku <base> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
    ]),
    'cite-traversal': (cite_traversal, [
        "content/stories/citats.lv.md:7: saite '{static}/../pelicanconf.py' ved ārpus mapes content/: ielieciet failu mapē content/ un norādiet saiti uz to tur, piemēram, {static}/faili/programma.pdf",
    ]),
    'cover-traversal': (cover_traversal, [
        "content/stories/vaks-ara.lv.md:5: saite '../../etc/passwd' ved ārpus mapes content/: ielieciet failu mapē content/ un norādiet saiti uz to tur, piemēram, {static}/faili/programma.pdf",
    ]),
    'data-url': (data_url, [
        "content/stories/dati.lv.md:7: adrese 'data:text/html;base64,PHNjcmlwdD4=' lapā netiek iekļauta: saite var sākties ar https://, http://, mailto: vai tel: vai vest uz failu mapē content/",
    ]),
    'deep-nesting': (deep_nesting, [
        'content/stories/dzilums.lv.md:5: vērtība šajā rindā ir pārāk dziļi ligzdota (saraksti sarakstos): rakstiet katru lauku kā paraugos failā content/README.md, piemēram, themes: [pirmais, otrais]',
    ]),
    'entity-javascript-link': (entity_javascript_link, [
        "content/stories/js-entitija.lv.md:7: adrese '&#106;avascript:alert(1)' lapā netiek iekļauta: saite var sākties ar https://, http://, mailto: vai tel: vai vest uz failu mapē content/",
    ]),
    'event-attribute': (event_attribute, [
        "content/stories/notikums.lv.md:7: birkas <img> atribūts 'onerror' palaistu skriptu, tāpēc lapā tas netiek iekļauts: izņemiet to",
        "content/stories/notikums.lv.md:7: birkas <a> atribūts 'onclick' palaistu skriptu, tāpēc lapā tas netiek iekļauts: izņemiet to",
        "content/stories/notikums.lv.md:7: attēls 'x.jpg' nav atrasts: ielieciet fotogrāfiju mapē content/images/ un rakstiet tās adresi kā {static}/images/foto.jpg (lielajiem un mazajiem burtiem ir nozīme)",
    ]),
    'event-end-1800': (event_end_1800, [
        "content/news/beigas.lv.md:7: lauka 'event_end' vērtībā '1800-03-05 20:00' ir gads 1800, kas nevar būt pareizs: ierakstiet datumu no 1900. līdz 2200. gadam, piemēram, event_end: 2024-03-05",
    ]),
    'event-in-9999': (event_in_9999, [
        "content/news/nakotne.lv.md:6: lauka 'event_start' vērtībā '9999-12-31 23:30' ir gads 9999, kas nevar būt pareizs: ierakstiet datumu no 1900. līdz 2200. gadam, piemēram, event_start: 2024-03-05",
    ]),
    'extremes': (extremes, [
    ]),
    'form': (form, [
        'content/stories/forma.lv.md:7: HTML birku <form> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
        'content/stories/forma.lv.md:7: HTML birku <input> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
    ]),
    'goal-cycle': (goal_cycle, [
        "content/goals/soli.lv.md:5: laukam 'cycle' jābūt veselam skaitlim no 2000 līdz 2200, nevis '99999': piemēram, cycle: 2000",
    ]),
    'html-file': (html_file, [
        "content/faili/lapa.html: vietne nepublicē šāda veida failus ('.html'): fotogrāfijas ielieciet mapē content/images/; no citiem failiem pievienot var tikai '.pdf', '.odt', '.ods', '.docx' vai '.xlsx'; visu pārējo pārvietojiet ārpus mapes content/",
    ]),
    'huge-title': (huge_title, [
        'content/stories/milzis.lv.md: faila izmērs ir 5121 kB, vairāk nekā 1024 kB, ko drīkst aizņemt teksts: sadaliet to vairākos tekstos',
    ]),
    'iframe': (iframe, [
        'content/stories/ramis.lv.md:9: HTML birku <iframe> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
    ]),
    'inline-script': (inline_script, [
        'content/stories/iekseja.lv.md:9: HTML birku <script> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
    ]),
    'javascript-link': (javascript_link, [
        "content/stories/js-saite.lv.md:7: adrese 'javascript:alert(1' lapā netiek iekļauta: saite var sākties ar https://, http://, mailto: vai tel: vai vest uz failu mapē content/",
    ]),
    'long-summary': (long_summary, [
        "content/stories/kopsavilkums.lv.md:3: lauks 'summary' ir garāks par 500 rakstzīmēm (501): saīsiniet to",
    ]),
    'long-title': (long_title, [
        "content/stories/gars.lv.md:2: lauks 'title' ir garāks par 200 rakstzīmēm (201): saīsiniet to",
    ]),
    'markdown-flood': (markdown_flood, [
        "content/stories/iekavas.lv.md: rakstzīmju '[' skaits tekstā (20000) pārsniedz 500, ko drīkst saturēt teksts: sadaliet to vairākos tekstos vai rakstiet bez tām",
        "content/stories/zvaigznes.lv.md: rakstzīmju '*' skaits tekstā (50000) pārsniedz 4000, ko drīkst saturēt teksts: sadaliet to vairākos tekstos vai rakstiet bez tām",
    ]),
    'meetings-slug': (meetings_slug, [
        "content/pages/sanaksmes.en.md:4: adresi /en/meetings/ izmanto pati vietne: izvēlieties citu 'slug'",
    ]),
    'object-embed': (object_embed, [
        'content/stories/objekts.lv.md:7: HTML birku <object> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
        'content/stories/objekts.lv.md:9: HTML birku <embed> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
    ]),
    'same-name-story-and-news': (same_name_story_and_news, [
    ]),
    'script-file': (script_file, [
        "content/faili/x.js: vietne nepublicē šāda veida failus ('.js'): fotogrāfijas ielieciet mapē content/images/; no citiem failiem pievienot var tikai '.pdf', '.odt', '.ods', '.docx' vai '.xlsx'; visu pārējo pārvietojiet ārpus mapes content/",
        'content/stories/skripts.lv.md:9: HTML birku <script> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)',
        "content/stories/skripts.lv.md:9: saite '{static}/faili/x.js' ved uz failu, ko vietne nepublicē (simbolisko saiti vai failu, kas nav fotogrāfija, teksts vai '.pdf', '.odt', '.ods', '.docx' vai '.xlsx'): norādiet saiti uz fotogrāfiju mapē content/images/ vai uz šāda veida failu",
    ]),
    'search-page': (search_page, [
        'content/pages/meklet.lv.md: adresi /meklet/ izmanto pati vietne: pārdēvējiet šo failu',
    ]),
    'static-traversal': (static_traversal, [
        "content/stories/iestatijumi.lv.md:7: saite '{static}/../publishconf.py' ved ārpus mapes content/: ielieciet failu mapē content/ un norādiet saiti uz to tur, piemēram, {static}/faili/programma.pdf",
    ]),
    'story-in-2201': (story_in_2201, [
        "content/stories/nakotnes-stasts.lv.md:4: lauka 'date' vērtībā '2201-01-01' ir gads 2201, kas nevar būt pareizs: ierakstiet datumu no 1900. līdz 2200. gadam, piemēram, date: 2024-03-05",
    ]),
    'style-attribute': (style_attribute, [
        "content/stories/stils.lv.md:7: atribūtu 'style' birkai <p> lietot nedrīkst, un lapā tas netiek iekļauts: izņemiet to (HTML, ko var lietot, ir uzskaitīts failā content/README.md)",
    ]),
    'svg-file': (svg_file, [
        "content/faili/zime.svg: vietne nepublicē šāda veida failus ('.svg'): fotogrāfijas ielieciet mapē content/images/; no citiem failiem pievienot var tikai '.pdf', '.odt', '.ods', '.docx' vai '.xlsx'; visu pārējo pārvietojiet ārpus mapes content/",
    ]),
    'symlink-loops': (symlink_loops, [
        'content/cilpa: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
        'content/news/atpakal: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
        'content/stories/a: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
        'content/stories/b: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
    ]),
    'symlinked-folder': (symlinked_folder, [
        'content/dokumenti: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
    ]),
    'symlinked-photo': (symlinked_photo, [
        'content/images/foto.jpg: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
    ]),
    'symlinked-text': (symlinked_text, [
        'content/stories/sveiks.lv.md: tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta: tās vietā iekopējiet mapē content/ pašu failu',
    ]),
    'yaml-bomb': (yaml_bomb, [
        'content/stories/bumba.lv.md:5: šajā rindā ir YAML enkurs vai atsauce (\'&\' vai \'*\'), ko satura failos lietot nedrīkst: ierakstiet vērtību pilnībā; vērtību, kas sākas ar & vai *, ielieciet taisnajās pēdiņās, piemēram, title: "*Virsraksts*"',
    ]),
    'year-one': (year_one, [
        "content/news/senatne.lv.md:4: lauka 'date' vērtībā '0001-01-01' ir gads 1, kas nevar būt pareizs: ierakstiet datumu no 1900. līdz 2200. gadam, piemēram, date: 2024-03-05",
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


def run(project, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"), *arguments],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH), capture_output=True, text=True, check=False,
        timeout=600,  # a loop that hangs a build fails the test instead
    )


def content_state(folder):
    """{relative path: bytes, or the target of a link}, links never followed (content/ holds loops)."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, folder)
            if os.path.islink(path):
                state[relative] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as f:
                    state[relative] = f.read()
    return state


def test_the_corpus_has_at_least_25_kinds_of_bad_input():
    assert len(CORPUS) >= 25
    assert sum(bool(lines) for _write, lines in CORPUS.values()) >= 25


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_each_hostile_input_gets_its_exact_message(case, tmp_path, capsys):
    project = make_project(tmp_path, case)
    expected = CORPUS[case][1]

    status, out, err = check(project, "lv", capsys)

    if expected:
        n = len(expected)
        summary = (f"Atrasta {n} kļūda satura failos: izlabojiet to pirms publicēšanas." if n == 1
                   else f"Atrastas {n} kļūdas satura failos: izlabojiet tās pirms publicēšanas.")
        assert (status, out, err) == (1, "", expected + [summary])
    else:  # a story and a news item of one name (two addresses), values at the edges: no problem
        assert (status, err) == (0, [])


@pytest.fixture(scope="module")
def everything(tmp_path_factory):
    """The whole corpus in one project: the check, the strict build, then a normal build."""
    project = make_project(tmp_path_factory.mktemp("hostile"), *sorted(CORPUS))
    before = content_state(project / "content")
    checked = run(project, "--check")
    checked_en = run(project, "--check", "--set", "CONTENT_MESSAGES_LANG=en")
    strict = run(project, "--strict")
    strict_output = (project / "output").exists()
    normal = run(project)
    expected = sorted(line for _write, lines in CORPUS.values() for line in lines)
    return project, before, expected, checked, checked_en, strict, strict_output, normal


def test_check_and_strict_build_list_the_same_problems(everything):
    project, before, expected, checked, checked_en, strict, strict_output, _normal = everything
    n = len(expected)
    for result in (checked, checked_en, strict):
        assert "Traceback" not in result.stdout + result.stderr
        assert result.returncode == 1
    check_lines = checked.stderr.splitlines()
    strict_lines = strict.stderr.splitlines()
    assert check_lines[-1] == f"Atrastas {n} kļūdas satura failos: izlabojiet tās pirms publicēšanas."
    assert strict_lines[-1] == f"Atrastas {n} kļūdas satura failos; nekas netika publicēts."
    assert sorted(check_lines[:-1]) == expected
    assert sorted(strict_lines[:-1]) == sorted(check_lines[:-1])
    # The same problems in English, every line naming its file.
    english = checked_en.stderr.splitlines()
    assert english[-1] == f"{n} problems found in content: fix them before publishing."
    assert sorted(line.split(": ", 1)[0] for line in english[:-1]) == sorted(
        line.split(": ", 1)[0] for line in expected)
    # Nothing was built, nothing in content/ changed, nothing left half-built.
    assert not strict_output
    assert content_state(project / "content") == before
    assert half_built(project) == []


def test_a_normal_build_reports_the_same_builds_the_rest_and_publishes_nothing_from_outside(everything):
    project, before, expected, _checked, _en, _strict, _strict_output, normal = everything
    assert normal.returncode == 0, normal.stderr[-3000:]
    assert "Traceback" not in normal.stdout + normal.stderr
    lines = normal.stderr.splitlines()
    assert sorted(lines[:-1]) == expected  # every line names a content file: no warning of Pelican's
    assert all(line.startswith("content/") for line in lines[:-1])
    output = project / "output"
    assert (output / "stasti" / "tikai-latviski" / "index.html").is_file()
    # A story and a news item of the same name: both published, each at its address.
    assert (output / "stasti" / "sanaksme" / "index.html").is_file()
    assert (output / "jaunumi" / "sanaksme" / "index.html").is_file()
    # Values at the edges of what the check allows are built by every plugin.
    for page in ("stasti/pirmais", "jaunumi/pedeja", "metodologija/talu", "kopienas/mala", "merki/senais"):
        assert (output / page / "index.html").is_file(), page
    # Texts whose links leave content/ or name a file the site does not publish are left out.
    for slug in ("parole", "iestatijumi", "citats", "vaks-ara", "skripts", "bumba", "milzis", "gars", "iekavas",
                 "zvaigznes"):
        assert not (output / "stasti" / slug).exists(), slug
    published = tree_digest(output)
    for relative, data in published.items():
        name = os.path.basename(relative)
        assert name not in ("passwd", "publishconf.py", "pelicanconf.py", "x.js", "lapa.html", "zime.svg"), relative
        assert not relative.startswith(("faili/", "images/foto")), relative
        assert SECRET.encode() not in data, relative
        assert b"root:x:0:0:" not in data, relative
    assert content_state(project / "content") == before


RAW_HTML_PAGES = ("iekseja", "ramis", "objekts", "forma", "bazes", "notikums", "js-saite", "js-entitija",
                  "dati", "atributi", "stils")


def test_raw_html_that_the_policy_does_not_allow_never_reaches_a_page(everything):
    project = everything[0]
    for slug in RAW_HTML_PAGES:
        page = BeautifulSoup((project / "output" / "stasti" / slug / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        text = page.select_one("article")
        assert text is not None, slug
        for element in text.find_all(True):
            assert element.name not in ("script", "iframe", "object", "embed", "form", "input", "base", "style"), slug
            for attribute, value in element.attrs.items():
                assert not attribute.startswith("on"), (slug, attribute)
                assert attribute != "style", slug
                if attribute in ("href", "src"):
                    assert not str(value).strip().lower().startswith(("javascript:", "data:", "&#")), (slug, value)
        assert "alert" not in str(text), slug
    kept = BeautifulSoup((project / "output" / "stasti" / "iekseja" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article")
    assert "Pirmā rinda." in kept.get_text() and "Beigas." in kept.get_text()  # the text around stays


def test_a_yaml_bomb_is_one_message_and_costs_little_memory(tmp_path):
    import tracemalloc  # noqa: PLC0415

    from site_content import ContentIndex  # noqa: PLC0415
    from site_content.index import scan_arguments  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    project = make_project(tmp_path, "yaml-bomb")
    settings = read_settings(str(project / "pelicanconf.py"))
    tracemalloc.start()
    index = ContentIndex.scan(**scan_arguments(settings))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [(p.source, p.line, p.text.code) for p in index.problems] == [("stories/bumba.lv.md", 5, "yaml_alias")]
    assert peak < 50 * 1024 * 1024


ALLOWED_RAW_HTML = """\
## Sanāksmes gaita

Saīsinājums <abbr title="Ķekavas novada pašvaldība">KNP</abbr> un piezīme[^1].

<figure>
<img src="{static}/images/galds.jpg" alt="Dalībnieki pie galda">
<figcaption>Dalībnieki pie kopīga galda.</figcaption>
</figure>

<details>
<summary>Darba kārtība</summary>

1. Iepazīšanās
2. Idejas

</details>

| Vieta | Laiks |
|:------|------:|
| Baldone | 18:00 |

![Kopīgs galds]({static}/images/galds.jpg)

[^1]: Piezīmes teksts.
"""


def test_what_organisers_need_is_kept_and_not_reported(tmp_path, capsys):
    from phototools import phone_jpeg  # noqa: PLC0415

    project = projects.make_project(tmp_path / "project")
    (project / "content" / "images").mkdir()
    (project / "content" / "images" / "galds.jpg").write_bytes(phone_jpeg())
    write(project / "content" / "faili" / "programma.pdf", "%PDF-1.4\n")
    story(project / "content", "atlauts.lv.md",
          body=ALLOWED_RAW_HTML + "\n[Programma]({attach}../faili/programma.pdf)\n")

    status, _out, err = check(project, "lv", capsys)
    assert (status, err) == (0, [])
    result = run(project, "--strict")
    assert result.returncode == 0, result.stderr

    output = project / "output"
    article = BeautifulSoup((output / "stasti" / "atlauts" / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert article.select_one("h2#sanaksmes-gaita") is not None
    assert article.select_one("abbr")["title"] == "Ķekavas novada pašvaldība"
    assert article.select_one("figure figcaption").get_text() == "Dalībnieki pie kopīga galda."
    assert article.select_one("details summary").get_text() == "Darba kārtība"
    assert [td["style"] for td in article.select("tbody td")] == ["text-align: left;", "text-align: right;"]
    assert article.select_one("sup a.footnote-ref")["href"] == "#fn:1"
    assert article.select_one("li#fn\\:1") is not None
    pictures = article.select("picture")
    assert len(pictures) == 2  # both photos through the photo pipeline
    assert all(picture.select_one("source[srcset]") is not None for picture in pictures)
    link = article.find("a", string="Programma")
    assert (output / link["href"].lstrip("/")).is_file()  # an allowed attachment is published


def test_cleaning_keeps_every_page_of_the_real_content_as_markdown_makes_it():
    """The allow-list covers what our Markdown makes: cleaning the real pages changes nothing in them."""
    import markdown  # noqa: PLC0415

    from pelican.settings import read_settings  # noqa: PLC0415
    from site_content import frontmatter, html_policy  # noqa: PLC0415

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    parser = markdown.Markdown(**settings["MARKDOWN"])
    bodies = [frontmatter.body_of(path.read_bytes()) for path in sorted((ROOT / "content").glob("*/*.md"))]
    bodies.append((ROOT / "content" / "README.md").read_text(encoding="utf-8"))
    bodies.append(ALLOWED_RAW_HTML)
    assert len(bodies) > 40
    for body in bodies:
        parser.reset()
        made = parser.convert(body)
        assert (BeautifulSoup(html_policy.clean(made), "html.parser").decode(formatter="html5")
                == BeautifulSoup(made, "html.parser").decode(formatter="html5"))
    # and the real texts hold no raw HTML: their pages are not even re-serialised
    assert not any(html_policy.needs_cleaning(body) for body in bodies[:-2])


def test_a_normal_build_keeps_a_page_at_its_address_when_a_new_file_claims_it(tmp_path, capsys):
    project = projects.make_project(tmp_path / "project")
    first = run(project)
    assert first.returncode == 0, first.stderr
    about = project / "output" / "en" / "about" / "index.html"
    assert "About" in BeautifulSoup(about.read_text(encoding="utf-8"), "html.parser").h1.get_text()

    write(project / "content" / "pages" / "jauna.lv.md", "---\ntitle: Jauna\nsummary: Lapa.\n---\n\nTeksts.\n")
    write(project / "content" / "pages" / "jauna.en.md",
          "---\ntitle: Newcomer\nsummary: A page.\nslug: about\n---\n\nText.\n")
    message = ("content/pages/jauna.en.md:4: adresi /en/about/ izmanto arī content/pages/par.en.md:"
               " vienā no abiem failiem ierakstiet citu 'slug'")

    second = run(project)

    assert second.returncode == 0, second.stderr
    assert second.stderr.splitlines()[:-1] == [message]
    assert "About" in BeautifulSoup(about.read_text(encoding="utf-8"), "html.parser").h1.get_text()
    status, _out, err = check(project, "lv", capsys)  # the check tells it as the build did
    assert (status, err[:-1]) == (1, [message])


def test_content_readme_documents_the_html_allow_list_in_both_languages():
    from site_content import boundary, html_policy  # noqa: PLC0415

    text = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    latvian, _, english = text.partition("\n# In English\n")
    for part in (latvian, english):
        for tag in html_policy.ALLOWED_TAGS:
            assert f"`<{tag}>`" in part, tag
        for names in html_policy.ALLOWED_ATTRIBUTES.values():
            for name in names:
                assert f"`{name}`" in part, name
        for scheme in html_policy.URL_SCHEMES:
            assert f"`{scheme}:" in part, scheme
        for suffix in boundary.ATTACHMENT_TYPES:
            assert f"`{suffix}`" in part, suffix


def test_a_link_in_the_theme_fails_the_build_and_nothing_from_outside_is_published(tmp_path):
    import shutil  # noqa: PLC0415

    project = projects.make_project(tmp_path / "project")
    (project / "theme").unlink()
    shutil.copytree(ROOT / "theme", project / "theme")
    (tmp_path / "secret.css").write_text(f"/* {SECRET} */", encoding="utf-8")
    (project / "theme" / "static" / "css" / "secret.css").symlink_to(tmp_path / "secret.css")

    result = run(project)

    assert result.returncode == 1
    assert "ERROR: theme/static/css/secret.css is a symbolic link: the theme must hold the file itself;" \
        " copy the file in" in result.stderr.splitlines()
    assert not (project / "output").exists()
    assert half_built(project) == []


"""Builds after a change do only what the change needs, and give the site a full build gives."""

import gzip
import os
import pickle
import re
import shutil
import subprocess
import sys

import pytest
from pelican.settings import read_settings
from site_content import ContentIndex
from site_content.model import language_root

from conftest import ROOT
from sitecheck import tree_digest
from test_build import copy_project

PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))
STORY = "content/stories/mezinieku-viedais-ciems.lv.md"
RENDERED = re.compile(r"Pelican run, (\w+) \((\d+) of (\d+) writes rendered(?:, (\d+) of (\d+) documents kept)?\)")


def site_build(project, *arguments, output="output", cache="cache", settings="pelicanconf.py"):
    """`python -m sitebuilder` as `make build` runs it, with each step's time on stderr."""
    result = subprocess.run(
        [
            sys.executable, "-m", "sitebuilder", "--settings", str(project / settings),
            "--output", str(project / output), "--set", f"CACHE_PATH={project / cache}", *arguments,
        ],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH, SITE_BUILD_TIMES="1"),
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def rendered(result):
    """{language: (writes rendered, writes)} of a build's report."""
    return {lang: (int(done), int(total)) for lang, done, total, _k, _n in RENDERED.findall(result.stderr)}


def kept(result):
    """{language: (documents restored from the last build, documents)} of a build's report."""
    return {lang: (int(k), int(n)) for lang, _d, _t, k, n in RENDERED.findall(result.stderr) if n}


def full_build(project, settings="pelicanconf.py"):
    """The site built from nothing: every page rendered, with a cache of its own."""
    site_build(project, "--full", output="full", cache="full-cache", settings=settings)
    return tree_digest(project / "full")


def edit(project, path, old, new):
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path)
    site_build(project)
    return project


def test_a_build_with_nothing_changed_says_so_and_leaves_the_site_alone(project):
    before = {path: os.stat(path) for path in (project / "output").rglob("*") if path.is_file()}

    result = site_build(project)

    pages = sum(1 for path in before if path.suffix == ".html")
    assert result.stdout == f"Nothing changed since the last build of {project / 'output'} ({pages} pages)\n"
    assert "Pelican run" not in result.stderr
    after = {path: os.stat(path) for path in (project / "output").rglob("*") if path.is_file()}
    assert {path: (s.st_ino, s.st_mtime_ns) for path, s in after.items()} == {
        path: (s.st_ino, s.st_mtime_ns) for path, s in before.items()
    }


def test_a_build_with_nothing_changed_repeats_the_content_problems(project):
    edit(project, STORY, "communities: [", "communities: [nekur, ")
    expected = [
        "content/stories/mezinieku-viedais-ciems.lv.md:6: 'nekur' laukā 'communities' nav kopiena:"
        " ierakstiet faila nosaukumu no mapes content/communities/ bez '.lv.md', piemēram, 'baldone'",
        "Atrasta 1 kļūda satura failos: izlabojiet to pirms publicēšanas.",
    ]
    first = site_build(project)
    second = site_build(project)
    pelican_lines = ("  ", "Done", "pages")  # step times and Pelican's own summary, wrapped
    assert [line for line in first.stderr.splitlines() if line and not line.startswith(pelican_lines)] == expected
    assert second.stderr.splitlines() == expected
    assert second.stdout.startswith("Nothing changed since the last build of ")


def markdown_entries(project):
    """How many bodies' HTML each language's Markdown cache holds."""
    counts = []
    for path in sorted((project / "cache" / "markdown").glob("*.pickle")):
        with open(path, "rb") as f:
            counts.append(len(pickle.load(f)["entries"]))
    return counts


def test_editing_a_story_renders_its_page_and_gives_the_site_a_full_build_gives(project):
    before = markdown_entries(project)
    edit(project, STORY, "## ", "Jauna rindkopa, kas pievienota stāstam.\n\n## ")

    result = site_build(project)

    counts = rendered(result)
    # The story's page and the feed that holds its text; in English, the translation's page
    # alone: it now says that it may be out of date.
    assert counts["lv"][0] == 2, result.stderr
    assert counts["en"][0] == 1, result.stderr
    # Pelican read again the story and its translation (now out of date) alone.
    documents = kept(result)
    assert documents["lv"][0] == documents["lv"][1] - 1 > 0, result.stderr
    assert documents["en"][0] == documents["en"][1] - 1 > 0, result.stderr
    # The HTML of the documents kept whole is kept too, for when they are read again.
    assert markdown_entries(project) == before and min(before) > 10
    page = (project / "output" / "stasti" / "mezinieku-viedais-ciems" / "index.html").read_text(encoding="utf-8")
    assert "Jauna rindkopa, kas pievienota stāstam." in page
    translation = project / "output" / "en" / "stories" / "mezinieki-smart-village" / "index.html"
    assert "This translation may be out of date" in translation.read_text(encoding="utf-8")
    assert tree_digest(project / "output") == full_build(project)


def test_editing_a_title_renders_the_lists_but_not_the_other_stories(project):
    story = project / STORY
    (project / "content" / "stories" / "otrs-stasts.lv.md").write_text(
        story.read_text(encoding="utf-8").replace("title: ", "title: Otrs ", 1), encoding="utf-8"
    )
    site_build(project)
    other = project / "output" / "stasti" / "otrs-stasts" / "index.html"
    before = os.stat(other)
    edit(project, STORY, "title: ", "title: Labots – ")

    result = site_build(project)

    after = os.stat(other)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # the same file
    done, total = rendered(result)["lv"]
    assert 0 < done < total, result.stderr
    stories = (project / "output" / "stasti" / "index.html").read_text(encoding="utf-8")
    assert "Labots – " in stories
    assert tree_digest(project / "output") == full_build(project)


def test_new_and_removed_files_and_a_changed_template_give_the_site_a_full_build_gives(project):
    story = project / STORY
    (project / "content" / "stories" / "jauns-stasts.lv.md").write_text(
        story.read_text(encoding="utf-8").replace("title: ", "title: Jauns ", 1), encoding="utf-8"
    )
    for path in (project / "content" / "stories").glob("mezinieku-viedais-ciems.*.md"):
        path.unlink()
    site_build(project)
    assert not (project / "output" / "stasti" / "mezinieku-viedais-ciems").exists()
    assert tree_digest(project / "output") == full_build(project)

    edit(project, "theme/templates/story.html", "<h1 ", '<h1 class="story-title" ')
    result = site_build(project)
    assert all(done == total for done, total in rendered(result).values()), result.stderr
    assert tree_digest(project / "output") == full_build(project)


def test_a_page_changed_by_hand_in_the_output_is_made_again(project):
    page = project / "output" / "en" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<p>changed by hand</p></body>"))

    result = site_build(project)

    assert "Nothing changed" not in result.stdout
    assert page.read_bytes() == good


def test_a_published_build_after_an_edit_reuses_compressed_copies_and_gives_a_full_build(tmp_path):
    project = copy_project(tmp_path)
    site_build(project, settings="publishconf.py")
    unchanged = project / "output" / "en" / "index.html.gz"
    before = os.stat(unchanged)
    edit(project, STORY, "## ", "Jauna rindkopa, kas pievienota stāstam.\n\n## ")

    site_build(project, settings="publishconf.py")

    assert os.stat(unchanged).st_ino == before.st_ino  # the previous build's copy, linked
    edited = project / "output" / "stasti" / "mezinieku-viedais-ciems" / "index.html"
    assert gzip.decompress((edited.parent / "index.html.gz").read_bytes()) == edited.read_bytes()
    assert tree_digest(project / "output") == full_build(project, settings="publishconf.py")


def _index_found(index, digests):
    """What a build takes from a content index: documents, what is left out, problems, digests."""
    documents = {source: index.metadata(document) for source, document in index.documents.items()}
    return documents, sorted(index.excluded), [problem.format("en", "content") for problem in index.problems], digests


def test_the_index_kept_between_builds_finds_what_a_new_one_finds(tmp_path):
    """Readings, fields' checks and group digests are kept by all they depend on: a translation's
    check is made again when its original changes, though the translation has not."""
    from sitebuilder.pipeline import content_index  # noqa: PLC0415

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    settings["SETTINGS_FOLDER"] = str(tmp_path)

    def built(cache):
        return _index_found(*content_index(settings, str(tmp_path / cache), "code"))

    first = built("kept")
    assert built("kept") == first
    # The original gets a cover: its translation, unchanged, now lacks the cover's description.
    edit(tmp_path, "content/stories/mezinieku-viedais-ciems.lv.md", "date: 2022-10-07\n",
         "date: 2022-10-07\ncover: ciems.jpg\ncover_alt: Ciema skats\n")
    after = built("kept")
    assert after == built("new")
    lacking = [line for line in after[2] if line.startswith("content/stories/mezinieku-viedais-ciems.en.md")]
    assert lacking and all("cover_alt" in line for line in lacking)
    assert not any(line.startswith("content/stories/mezinieku-viedais-ciems.en.md") for line in first[2])


def test_a_run_whose_reading_cannot_be_kept_still_builds_and_says_so(tmp_path):
    """A run reports, then keeps what it read for the next build: a cache it cannot write is a warning."""
    project = copy_project(tmp_path)
    (project / "cache").mkdir()
    (project / "cache" / "documents").write_text("not a folder", encoding="utf-8")
    result = site_build(project)  # asserts that it succeeded
    assert result.stderr.count("could not be kept for the next build") == 2  # one a language
    assert tree_digest(project / "output") == full_build(project)


def test_a_goals_new_status_and_title_reach_every_page_and_file_that_shows_them(project):
    news = "content/news/kopienu-sarunu-cikls-nosledzies.lv.md"
    edit(project, news, "apgaismojums-un-infrastruktura: identified", "apgaismojums-un-infrastruktura: planned")
    edit(project, "content/goals/apgaismojums-publiskaja-artelpa.lv.md", 'title: "', 'title: "Labots – ')

    site_build(project)

    output = project / "output"
    goal = (output / "merki" / "apgaismojums-un-infrastruktura" / "index.html").read_text(encoding="utf-8")
    assert "Ieplānots" in goal
    overview = (output / "en" / "goals" / "index.html").read_text(encoding="utf-8")
    assert "Planned (1)" in overview
    assert '"status": "planned"' in (output / "merki" / "goals.json").read_text(encoding="utf-8")
    for page in ("jaunumi/kopienu-sarunu-cikls-nosledzies", "kopienas/daugmale", "merki"):
        assert "Labots – " in (output / page / "index.html").read_text(encoding="utf-8"), page
    assert tree_digest(output) == full_build(project)


def test_pages_kept_from_the_last_build_still_publish_their_photos(tmp_path):
    # The fixture story with a cover, photos in its text and a gallery (tests/test_photos.py).
    from phototools import write_fixture_photos  # noqa: PLC0415

    project = copy_project(tmp_path)
    shutil.copytree(ROOT / "tests" / "fixtures" / "photos", project / "content", dirs_exist_ok=True)
    write_fixture_photos(project / "content")
    site_build(project)
    photos = sorted(path.relative_to(project / "output") for path in (project / "output" / "images").rglob("*.*"))
    assert len(photos) > 5
    edit(project, STORY, "## ", "Jauna rindkopa.\n\n## ")

    result = site_build(project)

    documents = kept(result)
    assert documents["lv"][0] == documents["lv"][1] - 1 > 0, result.stderr  # the photo story was kept
    assert sorted(path.relative_to(project / "output") for path in (project / "output" / "images").rglob("*.*")) == photos
    assert tree_digest(project / "output") == full_build(project)


def test_a_list_shows_of_its_items_only_what_their_front_matter_says(tmp_path):
    """The theme's rule the incremental build stands on (site_incremental.writer): a page's key
    holds the text of the documents it shows as its own, and only the front matter of the others.
    A paragraph added to the text of every document, front matter untouched, may change only
    each document's own page, the guides' print pages (every chapter's text) and the feeds (each
    item's text); if any list, home or overview page showed a text, it would change here, and an
    incremental build would have left it out of date."""
    project = copy_project(tmp_path)
    site_build(project, "--full")
    before = tree_digest(project / "output")
    settings = read_settings(str(project / "pelicanconf.py"), override={"PATH": str(project / "content")})
    index = ContentIndex.from_settings(settings)
    own_pages = set()
    for document in index.documents.values():
        path = project / "content" / document.source
        path.write_text(path.read_text(encoding="utf-8") + "\n\nPievienota rindkopa, ko rāda tikai pats teksts.\n",
                        encoding="utf-8")
        own_pages.add(f"{language_root(settings['LANGUAGES'], document.lang)}{document.url}index.html"[1:])
    assert len(own_pages) > 30

    site_build(project, "--full")

    after = tree_digest(project / "output")
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert own_pages <= changed  # every edit shows, so the comparison can find what shows it
    print_pages = {path for path in changed if re.search(r"(^|/)(druka|print)/", path)}
    feeds = {path for path in changed if path.endswith(".xml") and "/feeds/" in f"/{path}"}
    assert print_pages and feeds
    assert changed - own_pages - print_pages - feeds == set()

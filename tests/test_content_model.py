"""Unit tests of the content model, the front matter and the content index."""

import datetime
from pathlib import Path

import pytest

from site_content import ContentIndex
from site_content.frontmatter import FrontMatterError, parse, split
from site_content.model import parse_file_name, url_for
from site_content.reader import as_datetime

SECTIONS = {
    "stories": {"kind": "story", "lv": "stasti", "en": "stories"},
    "pages": {"kind": "page", "lv": "", "en": ""},
}
LANGUAGES = {"lv": {"prefix": ""}, "en": {"prefix": "en"}}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kopienu-sarunas.lv.md", ("kopienu-sarunas", "lv")),
        ("a1.en.md", ("a1", "en")),
        ("kopienu-sarunas.md", None),
        ("Kopienu.lv.md", None),
        ("kopienu sarunas.lv.md", None),
        ("ķekava.lv.md", None),
        ("x.lv.markdown", None),
    ],
)
def test_file_names(name, expected):
    assert parse_file_name(name) == expected


def test_urls_per_language_and_section():
    assert url_for(SECTIONS, "stories", "lv", "x") == "stasti/x/"
    assert url_for(SECTIONS, "stories", "en", "x") == "stories/x/"
    assert url_for(SECTIONS, "pages", "en", "privacy") == "privacy/"


def test_front_matter_split_gives_the_body_line():
    yaml_text, body, line = split("---\ntitle: X\ndate: 2024-01-02\n---\n\nBody\n")
    assert (yaml_text, body, line) == ("title: X\ndate: 2024-01-02\n", "\nBody\n", 5)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("title: X\n", "the file does not start with a '---' line", 1),
        ("---\ntitle: X\n", "the front matter has no closing '---' line", 1),
        ("---\n- a\n- b\n---\n", "the front matter must be a list of 'field: value' lines", 2),
    ],
)
def test_front_matter_errors(text, message, line):
    with pytest.raises(FrontMatterError) as caught:
        parse(text)
    assert (str(caught.value), caught.value.line) == (message, line)


def test_invalid_yaml_names_its_line():
    with pytest.raises(FrontMatterError) as caught:
        parse("---\ntitle: X\nsummary: [unclosed\ndate: 2024-01-01\n---\n")
    assert str(caught.value).startswith("the front matter is not valid YAML")
    assert caught.value.line == 3  # the line of the unclosed list


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2022, 10, 7), datetime.datetime(2022, 10, 7)),
        ("2022-10-07 18:30", datetime.datetime(2022, 10, 7, 18, 30)),
        (datetime.datetime(2022, 10, 7, 9), datetime.datetime(2022, 10, 7, 9)),
    ],
)
def test_dates(value, expected):
    assert as_datetime(value) == expected


def test_a_bad_date_says_how_to_write_it():
    with pytest.raises(ValueError, match="'7.10.2022' is not a date; write it as YYYY-MM-DD"):
        as_datetime("7.10.2022")


def write(root, relative, text):
    path = Path(root) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_index_merges_shared_fields_and_lets_a_translation_override(tmp_path):
    write(tmp_path, "stories/a.lv.md", "---\ntitle: A\ndate: 2024-01-02\ncommunities: [x]\nthemes: [t]\n---\n")
    write(tmp_path, "stories/a.en.md", "---\ntitle: A en\nslug: a-en\ncommunities: [y]\n---\n")
    index = ContentIndex.scan(str(tmp_path), SECTIONS, LANGUAGES, "lv")
    english = index.documents["stories/a.en.md"]
    assert english.url == "stories/a-en/"
    meta = index.metadata(english)
    assert meta["date"] == datetime.date(2024, 1, 2)  # shared: inherited
    assert meta["communities"] == ["y"]  # set by the translation: kept
    assert "themes" not in meta  # not shared: each language writes its own
    assert set(index.translations(english)) == {"lv", "en"}


def test_index_collects_problems_instead_of_raising(tmp_path):
    write(tmp_path, "stories/Bad Name.lv.md", "---\ntitle: A\n---\n")
    write(tmp_path, "stories/b.de.md", "---\ntitle: A\n---\n")
    write(tmp_path, "stories/c.lv.md", "no front matter\n")
    (tmp_path / "stories" / "d.lv.md").write_bytes(b"---\ntitle: \xe2\x28\xa1\n---\n")
    index = ContentIndex.scan(str(tmp_path), SECTIONS, LANGUAGES, "lv")
    assert [str(p) for p in index.problems] == [
        "stories/Bad Name.lv.md: the file name is not 'name.lang.md'",
        "stories/b.de.md: 'de' is not a language of the site",
        "stories/c.lv.md:1: the file does not start with a '---' line",
        "stories/d.lv.md: the file is not UTF-8 text",
    ]
    assert index.documents == {}

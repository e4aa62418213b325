"""Unit tests of the content model, the front matter and the content index."""

import datetime
import re
from pathlib import Path

import pytest

from conftest import ROOT
from site_content import ContentIndex
from site_content.frontmatter import FrontMatterError, field_lines, parse, split
from site_content.model import parse_file_name, slugify, url_for
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
    ("text", "code", "line"),
    [
        ("title: X\n", "no_start", 1),
        ("---\ntitle: X\n", "no_end", 1),
        ("---\n- a\n- b\n---\n", "not_mapping", 2),
    ],
)
def test_front_matter_errors(text, code, line):
    with pytest.raises(FrontMatterError) as caught:
        parse(text)
    assert (caught.value.text.code, caught.value.line) == (code, line)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("---\ntitle: X\nsummary: [unclosed\ndate: 2024-01-01\n---\n", "yaml_bracket", 3),
        ("---\ntitle: X\nsummary: \"unclosed\ndate: 2024-01-01\n---\n", "yaml_quote", 3),
        ("---\ntitle: X: Y\n---\n", "yaml_colon", 2),
        ("---\ntitle: X\ngoals:\n\t- a\n---\n", "yaml_tab", 4),
        ("---\ntitle: @X\n---\n", "yaml_special", 2),
        ("---\ntitle: \"a \"b\" c\"\n---\n", "yaml_other", 2),
    ],
)
def test_invalid_yaml_names_its_line_and_kind(text, code, line):
    with pytest.raises(FrontMatterError) as caught:
        parse(text)
    assert (caught.value.text.code, caught.value.line) == (code, line)


def test_dates_stay_text_for_the_schema_to_check():
    meta, _body, _line = parse("---\ndate: 2024-02-30\nwhen: 2024-01-02 18:00\n---\n")
    assert meta == {"date": "2024-02-30", "when": "2024-01-02 18:00"}


def test_field_lines_in_order_with_repeats():
    text = "---\ntitle: A\n# note: no\ncommunities:\n  - x\ntitle: B\n---\nbody: no\n"
    assert field_lines(text) == [("title", 2), ("communities", 4), ("title", 6)]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kopsanāksme Mežiniekos", "kopsanaksme-meziniekos"),
        ("ĶEKAVAS ŪDENS Ģimene Ļoti Ņaudēt Čiekurs Žagata", "kekavas-udens-gimene-loti-naudet-ciekurs-zagata"),
        ("„Mežauļi” – 7. oktobris!", "mezauli-7-oktobris"),
        ("Café Müller", "cafe-muller"),
        ("!!!", ""),
    ],
)
def test_slugs_from_latvian_titles(title, slug):
    assert slugify(title) == slug


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
    write(tmp_path, "stories/a.lv.md", "---\ntitle: A\nsummary: S\ndate: 2024-01-02\ncommunities: [x]\nthemes: [t]\n---\n")
    write(tmp_path, "stories/a.en.md", "---\ntitle: A en\nsummary: S\nslug: a-en\ncommunities: [y]\n---\n")
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
    assert [(p.source, p.line, p.text.code, p.blocking) for p in index.problems] == [
        ("stories/Bad Name.lv.md", None, "name_pattern", True),
        ("stories/b.de.md", None, "name_language", True),
        ("stories/c.lv.md", 1, "no_start", True),
        ("stories/d.lv.md", 2, "not_utf8", True),
    ]
    assert index.documents == {}
    assert str(index.problems[0]) == (
        "stories/Bad Name.lv.md: the file name does not follow the pattern 'name.lang.md': rename"
        " the file to 'bad-name.lv.md' (lower-case Latin letters without diacritics, digits and hyphens,"
        " then the language)"
    )


def test_a_translation_waits_for_an_original_with_problems(tmp_path):
    write(tmp_path, "stories/a.lv.md", "---\ntitle: A\nsummary: S\ndate: 7.1.2024\n---\n")
    write(tmp_path, "stories/a.en.md", "---\ntitle: A\nsummary: S\n---\n")
    index = ContentIndex.scan(str(tmp_path), SECTIONS, LANGUAGES, "lv")
    # one message, on the original; the translation, which inherits the date, waits silently
    assert [(p.source, p.line, p.text.code) for p in index.problems] == [("stories/a.lv.md", 4, "not_date")]
    assert index.excluded == {"stories/a.lv.md", "stories/a.en.md"}
    assert index.documents == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", datetime.date(2024, 3, 5)),
        ("2024-03-05 18:00", datetime.datetime(2024, 3, 5, 18, 0)),
        ("2024-03-05T18:00", datetime.datetime(2024, 3, 5, 18, 0)),
        (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5)),
        ("2024-03-05 25:00", None),
        ("2024-3-5", None),
        ("5.3.2024", None),
        ("20240305", None),
    ],
)
def test_event_times_are_checked_and_converted(value, expected):
    from site_content.checks import check_fields  # noqa: PLC0415

    meta = {"title": "T", "summary": "S", "date": "2024-01-01", "event_start": value}
    checked = check_fields("news", meta, [("event_start", 5)], translation=False, end_line=9)
    if expected is None:
        assert [(line, text.code) for line, text, _blocking in checked.problems] == [(5, "not_datetime")]
        assert "event_start" not in checked.meta  # dropped: the page is built without it
    else:
        assert (checked.problems, checked.meta["event_start"]) == ([], expected)


def test_a_paragraph_that_starts_with_a_year_is_not_a_numbered_list(site):
    from markdown import Markdown  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    markdown = Markdown(**read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"])
    html = markdown.convert(
        "2022. gada vasarā notika tikšanās.\n\n"
        "1. pirmais punkts\n2. otrais punkts\n\n"
        "```\n2022. gada kods\n```\n"
    )
    assert html.startswith("<p>2022. gada vasarā notika tikšanās.</p>\n<ol>\n<li>pirmais punkts</li>")
    assert "<code>2022. gada kods\n</code>" in html
    for page in site.pages:
        text = (site.output / page).read_text(encoding="utf-8")
        assert not re.search(r'<ol start="\d{3,4}"', text), page


def _bodies():
    """The Markdown bodies of the site's content and of the test fixtures."""
    bodies = []
    for folder in (ROOT / "content", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.md")):
            try:  # the fixtures hold broken files on purpose
                bodies.append(split(path.read_text(encoding="utf-8-sig"))[1])
            except (UnicodeDecodeError, FrontMatterError):
                continue
    return bodies


def test_one_markdown_parser_per_configuration_gives_what_a_new_one_gives():
    """site_content.reader.parser: made once (before the runs fork), then reused for every body."""
    from markdown import Markdown  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    from site_content.reader import parser  # noqa: PLC0415

    settings = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    shared = parser(settings)
    again = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]  # read again: equal, not the same
    assert again is not settings and parser(again) is shared
    plain = dict(settings, extensions=["markdown.extensions.extra"], extension_configs={})
    assert parser(plain) is not shared
    for body in _bodies()[:20]:
        shared.reset()
        assert shared.convert(body) == Markdown(**settings).convert(body)


def test_the_quick_extensions_give_python_markdowns_html():
    """quick_inline, quick_blocks and quick_toc against the Python-Markdown code they stand for."""
    from markdown import Markdown  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    settings = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    for name in ("site_content.quick_inline", "site_content.quick_blocks", "site_content.quick_toc"):
        assert name in settings["extensions"]
    quick = Markdown(**settings)
    standard = Markdown(**dict(settings, extensions=[
        "markdown.extensions.toc" if name == "site_content.quick_toc" else name
        for name in settings["extensions"] if name not in ("site_content.quick_inline", "site_content.quick_blocks")]))
    bodies = _bodies() + [
        "`code` [link](https://example.org) <b>html</b> &amp; a line  \nbreak **bold** _em_ \\* "
        "![alt](x.png) <https://example.org> <a@example.org> [^1] [ref] [text][ref] ![i][ref]\n\n"
        "[^1]: A note.\n\n[ref]: https://example.org\n",
        "Plain text, nothing special.\nA second line.",
        "| a | b |\n|---|---|\n| [l](u) | <i>x</i> |\n\nTerm\n:   Definition with `code`\n",
        # Headings: ids made from their text, duplicates numbered, an id given by hand kept.
        "# Tikšanās\n\nText.\n\n## Tikšanās\n\n## *Kopā* ar `kodu` & [saiti](u)[^n]\n\n"
        "## Given {#mine}\n\n### Tikšanās\n\n[^n]: Piezīme.\n",
        # The marker: replaced by the table where a paragraph holds it alone.
        "[TOC]\n\n# One\n\n## Two\n\nText [TOC] inside.\n",
        "Intro.\n\n\\[TOC]\n\n# Escaped marker\n",
        "# Label {data-toc-label='Short'}\n\n[TOC]\n",
        # Every kind of block, where a processor could be passed over wrongly.
        "Setext\n======\n\nAnother\n---\n\n* * *\n\n- - -\n\n___\n\n"
        "1. one\n2. two\n    * nested\n    * list\n\n   3. three, indented\n\n"
        "+ plus\n+ items\n\n  - two spaces\n\n    code, not a list\n\n"
        "> quote\n> > nested\n\n   > indented quote\n\nText\n> lazy quote\n\n"
        "Apple\n:   A fruit.\n\n: no term\n\n"
        "*[HTML]: Hyper Text Markup Language\n\nThe HTML here.\n\n"
        "Note[^x].\n\n[^x]: The note.\n    Its second line.\n\n"
        "[id]: https://example.org \"Title\"\n[other]: <https://example.org/2>\n\n[a][id] and [other].\n\n"
        "a | b\n--|--\n1 | 2\n\n| single |\n| ------ |\n| cell |\n\n"
        "Text with # and | and > and : and ]: and [^ and *[ in it.\n\n#Heading without space\n\n"
        "٣. Arabic-Indic digit\n\n²3. superscript\n",
    ]
    assert len(bodies) > 40
    for body in bodies:
        standard.reset()
        quick.reset()
        assert quick.convert(body) == standard.convert(body), body[:80]
    quick.reset()
    assert 'class="toc"' in quick.convert("[TOC]\n\n# One\n")  # the check can fail

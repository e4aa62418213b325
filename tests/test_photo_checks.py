"""Photos from phones, and the people in them (site_photos).

HEIC photos made here as an iPhone saves them come out upright and without
metadata; `invoke check` names every photo problem the strict build names, in
the same words, with the texts and lines that use the photo; a photo's record
(content/images/x.jpg.yml) says who is in it and their consent, its caption
and credit: a photo showing people without consent fails a strict build, and
a normal build shows a placeholder instead.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import projects
from conftest import ROOT
from phototools import marked, metadata_in, phone_exif, phone_heic, phone_jpeg, write_fixture_photos
from sitecheck import parse
from site_content.messages import Text, render
from site_photos import records
from site_photos.cache import process_all
from site_photos.config import photo_config
from site_photos.pipeline import BadPhoto, derive, inspect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))


def config(tmp_path, **photos):
    return photo_config({"CACHE_PATH": str(tmp_path / "cache"), "PHOTOS": photos})


# --- HEIC ----------------------------------------------------------------------


def test_a_heic_from_a_phone_comes_out_upright_in_srgb_and_without_metadata(tmp_path):
    # Stored 800x600 with a red marker in its stored top-left corner, taken sideways (orientation 6).
    source = phone_heic((800, 600), orientation=6)
    assert {"EXIF", "XMP packet", "GPS in XMP"} <= set(metadata_in(source))
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)[2] == (56.0, 50.0, 30.12)  # GPS

    width, height, made = derive(source, config(tmp_path, widths=[480, 960]))

    assert (width, height) == (600, 800)  # upright: portrait
    assert sorted((w, h, kind) for w, h, kind, _data in made) == [
        (480, 640, "jpeg"), (480, 640, "webp"), (600, 800, "jpeg"), (600, 800, "webp")]
    for w, h, kind, data in made:
        assert metadata_in(data) == [], f"{kind} {w}px"
        image = Image.open(io.BytesIO(data))
        assert image.format == {"jpeg": "JPEG", "webp": "WEBP"}[kind]
        assert not image.info.get("icc_profile") and not image.getexif() and "xmp" not in image.info
        # Turned a quarter clockwise: the stored top-left corner is now the top-right one.
        pixels = image.convert("RGB")
        corner = pixels.getpixel((w - 3, 3))
        assert corner[0] < 60 and corner[2] > 180, corner  # the red marker, converted to sRGB: blue (swapped profile)
        assert pixels.getpixel((3, 3))[1] > 90  # the photo's green, not the marker
        assert pixels.getpixel((3, h - 3))[1] > 90 and pixels.getpixel((w - 3, h - 3))[1] > 90


def test_an_avif_is_accepted_too_and_comes_out_upright(tmp_path):
    buffer = io.BytesIO()
    marked((640, 480)).save(buffer, "AVIF", exif=phone_exif(6).tobytes())
    width, height, made = derive(buffer.getvalue(), config(tmp_path, widths=[480]))
    assert (width, height) == (480, 640)
    for w, _h, _kind, data in made:
        assert metadata_in(data) == []
        pixels = Image.open(io.BytesIO(data)).convert("RGB")
        assert pixels.getpixel((w - 3, 3))[0] > 200 and pixels.getpixel((3, 3))[1] > 90  # the marker top right


def test_the_cache_keeps_a_heic_as_any_other_photo(tmp_path):
    path = tmp_path / "iphone.heic"
    path.write_bytes(phone_heic((640, 480)))
    settings = config(tmp_path, widths=[480])
    [first] = process_all([("images/iphone.heic", str(path))], settings, jobs=1)
    [again] = process_all([("images/iphone.heic", str(path))], settings, jobs=1)
    assert first.ok and first.processed and (first.width, first.height) == (480, 640)
    assert again == first and not again.processed


# --- the broken photos an organiser may put in content/images/ -----------------


def heic_cut_short():
    data = phone_heic((640, 480), orientation=1)
    return data[: len(data) // 2]


def png_of_size(width, height):
    """A real PNG whose header claims another size (as a decompression bomb does)."""
    import struct  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    buffer = io.BytesIO()
    Image.new("L", (32, 32)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def png_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    marked(size).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_png():
    data = png_bytes()
    return data[: len(data) - 200]


def truncated_jpeg():
    data = phone_jpeg((1200, 900))
    return data[: len(data) // 2]


# name in content/images/broken/: (bytes, the problem's English message, or None for a photo that is fine)
BROKEN = {
    "cut.jpg": (truncated_jpeg, "the photo is damaged and cannot be read (image file is truncated"),
    "not-a-photo.jpg": (lambda: b"Mezinieki, 7 October\n" * 40,
                        "the file is not a photo that can be read (JPEG, PNG, WebP, HEIC or AVIF):"
                        " save it again as JPEG, or remove it from the folder"),
    "huge.png": (lambda: png_of_size(20000, 20000),
                 "the photo is 20000 × 20000 pixels (400 million), more than the 120 million that can be"
                 " processed safely: make it smaller first"),
    "cut.heic": (heic_cut_short, "the photo is damaged and cannot be read (HEIF): copy it again from the camera or phone"),
    "empty.jpg": (lambda: b"", "the file is not a photo that can be read (JPEG, PNG, WebP, HEIC or AVIF):"
                               " save it again as JPEG, or remove it from the folder"),
    "cut.png": (truncated_png, "the photo is damaged and cannot be read ("),
    "tiny.png": (lambda: png_bytes((8, 8)),
                 "the photo is only 8 × 8 pixels: use a photo at least 16 pixels on each side"),
    # A PNG and a HEIC named .jpg: read by what they are, published as any other.
    "png-named.jpg": (png_bytes, None),
    "heic-named.jpg": (lambda: phone_heic((640, 480), orientation=1), None),
}


@pytest.mark.parametrize("lenient", [False, True], ids=["pillow-default", "after-weasyprint"])
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_check_and_the_build_refuse_a_broken_photo_alike(name, lenient, tmp_path, monkeypatch):
    """Also as in a published build, where importing WeasyPrint tells Pillow to accept truncated files."""
    from PIL import ImageFile  # noqa: PLC0415

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    make, expected = BROKEN[name]
    data = make()
    said = []
    for look in (lambda: inspect(data, config(tmp_path)), lambda: derive(data, config(tmp_path))):
        try:
            look()
            said.append(None)
        except BadPhoto as bad:
            said.append(render(Text(bad.code, bad.params), "en"))
    if expected is None:
        assert said == [None, None]
    else:
        assert said[0] is not None and said[0].startswith(expected), said
        assert said[1] is not None  # the build's own decoding refuses it too (it inspects first: cache.make)


STORY = """---
title: Bojātās fotogrāfijas
summary: Stāsts ar fotogrāfijām, kuras nevar publicēt.
date: 2024-05-05
communities: [ciems]
cover: broken/cut.jpg
cover_alt: Bojāta fotogrāfija
---

Teksts.

{images}
"""


def broken_project(root):
    project = projects.make_project(root / "project", FIXTURES / "photos")
    content = project / "content"
    write_fixture_photos(content)
    folder = content / "images" / "broken"
    folder.mkdir()
    for name, (make, _expected) in BROKEN.items():
        (folder / name).write_bytes(make())
    images = "\n\n".join(f"![Fotogrāfija {name}](/images/broken/{name})" for name in sorted(BROKEN))
    (content / "stories" / "bojatas.lv.md").write_text(STORY.format(images=images), encoding="utf-8")
    return project


def run(project, *arguments, lang="en"):
    return subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "publishconf.py"), *arguments,
         f"--set=CACHE_PATH={project / 'cache'}", f"--set=CONTENT_MESSAGES_LANG={lang}"],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH), capture_output=True, text=True, check=False,
    )


def problem_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("content/")]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return broken_project(tmp_path_factory.mktemp("broken"))


def test_invoke_check_names_every_photo_problem_the_strict_build_names(broken):
    checked = run(broken, "--check")
    strict = run(broken, "--strict", "--output", str(broken / "output"))
    rechecked = run(broken, "--check")  # now from the check's cache and the build's

    assert checked.returncode == 1 and strict.returncode == 1 and not (broken / "output").exists()
    assert "Traceback" not in checked.stderr + strict.stderr
    lines = problem_lines(checked.stderr)
    assert lines == problem_lines(strict.stderr) == problem_lines(rechecked.stderr)
    broken_lines = {name: line for name in BROKEN for line in lines
                    if line.startswith(f"content/images/broken/{name}:")}
    assert sorted(broken_lines) == sorted(name for name, (_make, expected) in BROKEN.items() if expected)
    lines_of = {name: 12 + 2 * position for position, name in enumerate(sorted(BROKEN))}  # the story's lines
    for name, line in broken_lines.items():
        expected = BROKEN[name][1]
        assert line.startswith(f"content/images/broken/{name}: {expected}"), line
        uses = f"content/stories/bojatas.lv.md:{lines_of[name]}"
        if name == "cut.jpg":  # also the cover
            uses = f"content/stories/bojatas.lv.md:6, {uses}"
        assert line.endswith(f" (used in {uses})"), line
    assert len(lines) == len(broken_lines)
    assert checked.stderr.splitlines()[-1] == f"{len(lines)} problems found in content: fix them before publishing."
    checks_cache = broken / "cache" / "photos" / "checked.json"
    assert checks_cache.is_file()


def test_a_photo_problem_in_latvian_names_the_photo_and_where_it_is_used(broken):
    checked = run(broken, "--check", lang="lv")
    [line] = [line for line in problem_lines(checked.stderr) if line.startswith("content/images/broken/tiny.png")]
    assert line == ("content/images/broken/tiny.png: fotogrāfijas izmērs ir tikai 8 × 8 pikseļi: izmantojiet"
                    " fotogrāfiju, kuras katra mala ir vismaz 16 pikseļi (izmantota: content/stories/bojatas.lv.md:28)")


def test_an_unused_broken_photo_says_no_text_uses_it(tmp_path):
    project = projects.make_project(tmp_path / "project", FIXTURES / "photos")
    write_fixture_photos(project / "content")
    (project / "content" / "images" / "lost.jpg").write_bytes(b"")
    checked = run(project, "--check")
    assert problem_lines(checked.stderr) == [
        "content/images/lost.jpg: the file is not a photo that can be read (JPEG, PNG, WebP, HEIC or AVIF):"
        " save it again as JPEG, or remove it from the folder (no text uses it)"]


# --- a photo's record: people, children, consent, caption, credit -----------------


def record(text):
    return records.parse(text.encode("utf-8"))


def messages(problems, lang):
    return [(line, render(text, lang)) for line, text in problems]


def test_a_full_record_is_read():
    found, problems = record(
        "people: yes\nchildren: yes\nconsent:\n  by: Anna Bērziņa, the children's mother\n  date: 2024-05-01\n"
        "  how: signed form no. 12, kept in the association's office\n"
        "caption:\n  lv: Bērni stāda ābeli\n  en: Children planting an apple tree\ncredit: Jānis Ozols\n"
        "licence: CC BY 4.0\n"
    )
    assert problems == []
    assert found.shows_people and not found.withheld
    assert found.consent == {"by": "Anna Bērziņa, the children's mother", "date": "2024-05-01",
                             "how": "signed form no. 12, kept in the association's office"}
    assert (found.caption_in("lv"), found.caption_in("en")) == ("Bērni stāda ābeli", "Children planting an apple tree")
    assert (found.credit, found.licence) == ("Jānis Ozols", "CC BY 4.0")


@pytest.mark.parametrize(
    ("text", "english", "latvian"),
    [
        ("people: maybe\n", [(1, "'people' is 'maybe': write yes or no")],
         [(1, "'people' ir 'maybe': rakstiet yes vai no")]),
        ("people: no\nchildren: yes\n",
         [(1, "'children: yes' with 'people: no': children are people, write people: yes")],
         [(1, "'children: yes' kopā ar 'people: no': bērni arī ir cilvēki, rakstiet people: yes")]),
        ("people: yes\nconsent:\n  by: Anna\n  date: 1 May\n",
         [(2, "the consent's date '1 May' is not a date: write it as 2024-05-31"),
          (2, "the consent lacks 'how': write who gave it (by), when (date) and how (how),"
              " e.g. a signed form and where it is kept")],
         [(2, "piekrišanas datums '1 May' nav datums: rakstiet to kā 2024-05-31"),
          (2, "piekrišanā trūkst 'how': ierakstiet, kas to deva (by), kad (date) un kā (how),"
              " piemēram, parakstīta veidlapa un kur tā glabājas")]),
        ("people: yes\nconsent: scans/anna.pdf\n",
         [(2, "the consent names the file 'scans/anna.pdf': a scan of a consent form must not be in the site's"
              " files (it would be published); write only where the form is kept")],
         [(2, "piekrišanā minēts fails 'scans/anna.pdf': piekrišanas veidlapas skenējumam nav vietas vietnes"
              " failos (tas tiktu publicēts); ierakstiet tikai, kur veidlapa glabājas")]),
        ("people: yes\nlicense: CC BY 4.0\n",
         [(2, "unknown field 'license' in a photo's record: did you mean 'licence'?")],
         None),
        ("people: yes\n  children: [\n",
         [(2, "the photo's record cannot be read (mapping values are not allowed here): write one 'field: value'"
              " a line, as content/README.md shows")],
         [(2, "fotogrāfijas ierakstu nevar nolasīt (mapping values are not allowed here): rakstiet pa vienam"
              " 'lauks: vērtība' rindā, kā parādīts failā content/README.md")]),
        ("caption: " + "x" * 5000 + "\n",
         [(None, "the photo's record is 5010 bytes, more than 4096: keep it to a few lines"
                 " (people, children, consent, caption, credit, licence)")],
         None),
    ],
    ids=["yes-no", "children-without-people", "consent-incomplete", "consent-scan", "unknown-field",
         "yaml-error", "too-large"],
)
def test_a_wrong_record_names_its_line_in_both_languages(text, english, latvian):
    found, problems = record(text)
    assert messages(problems, "en") == english
    if latvian:
        assert messages(problems, "lv") == latvian
    assert found.withheld  # whatever it meant, it is not published until it is right


def test_the_did_you_mean_message_in_latvian():
    _found, problems = record("people: yes\nlicense: CC BY 4.0\n")
    assert messages(problems, "lv") == [(2, "fotogrāfijas ierakstā nezināms lauks 'license': vai domājāt 'licence'?")]


CONSENT = ("people: yes\nchildren: yes\nconsent:\n  by: Anna Bērziņa, the children's mother\n  date: 2024-05-01\n"
           "  how: signed form no. 12, kept in the association's office\n")


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    """The photo story: the apple tree shows children, without consent; the cover shows people, without;
    the map has a caption and a credit."""
    project = projects.make_project(tmp_path_factory.mktemp("people") / "project", FIXTURES / "photos")
    content = project / "content"
    write_fixture_photos(content)
    (content / "images" / "talka" / "abele.jpg.yml").write_text("people: yes\nchildren: yes\n", encoding="utf-8")
    (content / "images" / "talka" / "parks.jpg.yml").write_text(
        "# Residents in the park\npeople: yes\n", encoding="utf-8")
    (content / "images" / "talka" / "solins.webp.yml").write_text(
        "people: no\ncaption:\n  lv: Soliņš pie dīķa\n  en: The bench by the pond\ncredit: Jānis Ozols\n"
        "licence: CC BY 4.0\n", encoding="utf-8")
    (content / "images" / "karte.png.yml").write_text("people: no\ncredit: Līga Kalniņa\n", encoding="utf-8")
    (content / "images" / "vecs.jpg.yml").write_text("people: no\n", encoding="utf-8")
    return project


NO_CONSENT = {
    "en": [
        "content/images/talka/abele.jpg.yml:2: the record says the photo abele.jpg shows children, but it has no"
        " consent: write which parent or guardian gave it, when and how (consent: by, date, how), or use another"
        " photo; until then the preview shows a placeholder and the site cannot be published"
        " (used in content/stories/talka.en.md:10, content/stories/talka.lv.md:12)",
        "content/images/talka/parks.jpg.yml:2: the record says the photo parks.jpg shows people, but it has no"
        " consent: write who gave it, when and how (consent: by, date, how), or use another photo; until then the"
        " preview shows a placeholder and the site cannot be published (used in content/news/talkas-parskats.lv.md:10,"
        " content/stories/talka.lv.md:6, content/stories/talka.lv.md:23)",
        "content/images/vecs.jpg.yml: a photo's record without its photo: there is no vecs.jpg; name the record as"
        " the photo with .yml added (x.jpg.yml for x.jpg), or remove it",
    ],
    "lv": [
        "content/images/talka/abele.jpg.yml:2: ierakstā norādīts, ka fotogrāfijā abele.jpg redzami bērni, bet"
        " nav norādīta piekrišana: ierakstiet, kurš no vecākiem vai aizbildņiem to deva, kad un kā (consent: by, date,"
        " how), vai izmantojiet citu fotogrāfiju; līdz tam priekšskatījumā redzams aizstājējs un vietni nevar"
        " publicēt (izmantota: content/stories/talka.en.md:10, content/stories/talka.lv.md:12)",
        "content/images/talka/parks.jpg.yml:2: ierakstā norādīts, ka fotogrāfijā parks.jpg redzami cilvēki, bet"
        " nav norādīta piekrišana: ierakstiet, kas to deva, kad un kā (consent: by, date, how), vai izmantojiet citu"
        " fotogrāfiju; līdz tam priekšskatījumā redzams aizstājējs un vietni nevar publicēt (izmantota:"
        " content/news/talkas-parskats.lv.md:10, content/stories/talka.lv.md:6, content/stories/talka.lv.md:23)",
        "content/images/vecs.jpg.yml: fotogrāfijas ieraksts bez fotogrāfijas: vecs.jpg nav; nosauciet ierakstu"
        " tāpat kā fotogrāfiju, pievienojot .yml (x.jpg.yml fotogrāfijai x.jpg), vai izdzēsiet to",
    ],
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_strict_build_refuses_photos_of_people_without_consent_and_the_check_says_so_too(people, lang):
    strict = run(people, "--strict", "--output", str(people / "strict"), lang=lang)
    checked = run(people, "--check", lang=lang)
    assert strict.returncode == 1 and not (people / "strict").exists()
    assert problem_lines(strict.stderr) == problem_lines(checked.stderr) == NO_CONSENT[lang]
    assert "Traceback" not in strict.stderr


def test_a_normal_build_warns_and_shows_placeholders_instead_of_photos_without_consent(people):
    normal = run(people, "--output", str(people / "output"))
    assert normal.returncode == 0, normal.stderr
    assert problem_lines(normal.stderr) == NO_CONSENT["en"]
    output = people / "output"
    page = parse(output, "stasti/talka/index.html")
    main = page.select_one("main")
    # The cover and the apple tree: placeholders, in Latvian; none of their files published.
    [cover, apple] = main.select("figure.photo-withheld")
    assert cover.get_text(" ", strip=True) == (
        "Fotogrāfija netiek rādīta: tās ierakstā norādīts, ka tajā redzami cilvēki, bet nav ieraksta par viņu"
        " piekrišanu (Iedzīvotāji ar grābekļiem parkā pie dīķa).")
    assert "(Bērni stāda ābeli pie skolas)" in apple.get_text()
    assert not main.find("img", alt="Bērni stāda ābeli pie skolas")
    assert not main.find("img", alt="Iedzīvotāji ar grābekļiem parkā pie dīķa")
    assert not list((output / "images" / "talka").glob("abele*")) and not list((output / "images" / "talka").glob("parks*"))
    assert main.find("a", string="Parka fotogrāfija lielākā izmērā")["href"] == "#"
    # A caption and credit from the record, in the page's language, under the gallery's photo.
    bench = main.find("img", alt="Tikko nokrāsots soliņš pie dīķa").find_parent("figure")
    assert bench.figcaption.get_text(" ", strip=True) == "Soliņš pie dīķa Foto: Jānis Ozols, CC BY 4.0"
    english = parse(output, "en/stories/park-clean-up/index.html").select_one("main")
    bench = english.find("img", alt="A freshly painted bench by the pond").find_parent("figure")
    assert bench.figcaption.get_text(" ", strip=True) == "The bench by the pond Photo: Jānis Ozols, CC BY 4.0"
    [_cover, withheld] = english.select("figure.photo-withheld")  # the cover too: the translation shares it
    assert withheld.get_text(" ", strip=True) == (
        "Photo not shown: its record says it shows people, but there is no record of their consent"
        " (Children planting an apple tree by the school).")

    # Consent recorded: the next build (from what this one kept) shows the photo.
    (people / "content" / "images" / "talka" / "abele.jpg.yml").write_text(CONSENT, encoding="utf-8")
    again = run(people, "--output", str(output))
    assert again.returncode == 0 and len(problem_lines(again.stderr)) == 2, again.stderr
    main = parse(output, "stasti/talka/index.html").select_one("main")
    assert "/images/talka/abele-" in main.find("img", alt="Bērni stāda ābeli pie skolas")["src"]
    assert [figure.get_text(" ", strip=True)[:30] for figure in main.select("figure.photo-withheld")] == [
        "Fotogrāfija netiek rādīta: tās"]


def test_with_consent_the_photo_is_shown_with_its_caption_and_credit(tmp_path):
    project = projects.make_project(tmp_path / "project", FIXTURES / "photos")
    content = project / "content"
    write_fixture_photos(content)
    (content / "images" / "talka" / "abele.jpg.yml").write_text(CONSENT + "credit: Jānis Ozols\n", encoding="utf-8")
    # A photo straight from an iPhone, taken sideways, with its record.
    (content / "images" / "talka" / "telefons.heic").write_bytes(phone_heic((1200, 900), orientation=6))
    (content / "images" / "talka" / "telefons.heic.yml").write_text(CONSENT, encoding="utf-8")
    story = content / "stories" / "talka.lv.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![Ābele no tālruņa](/images/talka/telefons.heic)\n",
                     encoding="utf-8")
    strict = run(project, "--strict", "--output", str(project / "output"))
    assert strict.returncode == 0, strict.stderr
    page = parse(project / "output", "stasti/talka/index.html")
    figure = page.find("img", alt="Bērni stāda ābeli pie skolas").find_parent("figure")
    # The text's own caption ("Ābeles stādīšana"), then the record's credit.
    assert figure.figcaption.get_text(" ", strip=True) == "Ābeles stādīšana Foto: Jānis Ozols"
    picture = page.find("img", alt="Ābele no tālruņa").find_parent("picture")
    assert picture.source["type"] == "image/webp"
    files = sorted((project / "output" / "images" / "talka").glob("telefons-*"))
    assert [f.name.split(".")[0] for f in files] == ["telefons-480", "telefons-480", "telefons-900", "telefons-900"]
    for path in files:
        data = path.read_bytes()
        assert metadata_in(data) == [], path.name
        image = Image.open(io.BytesIO(data))
        assert image.height > image.width  # upright: taken sideways, shown as a portrait
    assert not list((project / "output").rglob("*.heic")) and not list((project / "output" / "images").rglob("*.yml"))


def test_a_record_is_read_only_from_content_never_through_a_link(tmp_path):
    from site_content.boundary import walk  # noqa: PLC0415
    from site_photos.checking import read_records  # noqa: PLC0415

    folder = tmp_path / "content" / "images"
    folder.mkdir(parents=True)
    outside = tmp_path / "secret.yml"
    outside.write_text("people: no\n", encoding="utf-8")
    (folder / "x.jpg.yml").symlink_to(outside)
    found, problems = read_records(str(tmp_path / "content"), "images")
    # Never read: the content check refuses the link itself, whatever it points to.
    assert (dict(found), problems) == ({}, [])
    assert walk(str(tmp_path / "content")).links == ["images/x.jpg.yml"]

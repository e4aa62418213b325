"""Photos (site_photos): responsive, private and fast.

Unit tests on the pipeline, the cache and the HTML rewrite, then a real build
of the fixture site plus tests/fixtures/photos (a story in two languages with
a cover, photos in the text and a gallery, and a meeting report), whose
photos are made here as phones make them: EXIF with a GPS position and an
orientation, XMP, IPTC, a comment and a non-sRGB ICC profile. Every image
file of the built site is scanned for metadata; the pages are checked in
Chromium with axe-core and by the Nu Html Checker.
"""

import io
import logging
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageOps

import projects
from conftest import ROOT, SITE_URL, build_site
from phototools import (
    FIXTURE_PHOTOS,
    marked,
    metadata_in,
    phone_jpeg,
    phone_png,
    phone_webp,
    upright_jpeg,
    write_fixture_photos,
)
from sitecheck import broken_links, parse
from site_content.messages import Text, render
from site_photos.cache import process_all
from site_photos.config import photo_config
from site_photos.markup import Found, cover_path, photo_path, rewrite
from site_photos.pipeline import BadPhoto, derive, output_widths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHOTO_PAGES = ("stasti/talka/index.html", "en/stories/park-clean-up/index.html", "jaunumi/talkas-parskats/index.html")
FINGERPRINTED = re.compile(r"^[a-z0-9-]+-\d+\.[0-9a-f]{10}\.(webp|jpg)$")
IMAGE_MAGIC = (b"\xff\xd8", b"\x89PNG", b"RIFF", b"GIF8", b"II*\0", b"MM\0*")


def config(tmp_path, **photos):
    return photo_config({"CACHE_PATH": str(tmp_path / "cache"), "PHOTOS": photos})


def files_of(made, kind):
    return {width: data for width, _height, made_kind, data in made if made_kind == kind}


# --- the pipeline ------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "widths"),
    [
        ((4000, 3000), [480, 960, 1600]),
        ((3000, 4000), [480, 960, 1200]),  # a portrait: 1200x1600 at most
        ((1600, 1200), [480, 960, 1600]),
        ((1200, 900), [480, 960, 1200]),  # never wider than the original
        ((960, 720), [480, 960]),
        ((300, 200), [300]),
        ((1000, 3000), [480, 533]),
    ],
)
def test_widths_are_never_wider_than_the_original(size, widths):
    assert output_widths(*size, (480, 960, 1600)) == widths


def quadrants(size=(400, 300)):
    """Four colours, one a quarter: any turn or flip shows."""
    image = Image.new("RGB", size)
    w, h = size
    for box, colour in [((0, 0, w // 2, h // 2), (220, 30, 30)), ((w // 2, 0, w, h // 2), (30, 200, 30)),
                        ((0, h // 2, w // 2, h), (30, 30, 220)), ((w // 2, h // 2, w, h), (230, 220, 30))]:
        image.paste(colour, box)
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(orientation, tmp_path):
    source = phone_jpeg(image=quadrants(), orientation=orientation, icc=False, quality=95)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(source))).convert("RGB")

    width, height, made = derive(source, config(tmp_path, widths=[200]))

    assert (width, height) == expected.size
    [data] = files_of(made, "jpeg").values()
    result = Image.open(io.BytesIO(data)).convert("RGB")
    assert result.size == ((200, 150) if width > height else (150, 200))  # 200 on the longer side
    small = (4, 3) if width > height else (3, 4)
    got, want = result.resize(small).get_flattened_data(), expected.resize(small).get_flattened_data()
    assert max(abs(a - b) for p, q in zip(got, want) for a, b in zip(p, q)) < 40


@pytest.mark.parametrize(
    "make", [phone_jpeg, upright_jpeg, phone_png, phone_webp], ids=["jpeg", "upright-jpeg", "png", "webp"]
)
def test_no_published_file_carries_any_metadata(make, tmp_path):
    source = make()
    assert metadata_in(source) != []  # the test photo does carry metadata
    if make is phone_jpeg:
        assert {"EXIF", "XMP", "ICC", "IPTC", "comment", "JPEG comment (COM)"} <= set(metadata_in(source))
    if make is upright_jpeg:
        assert {"EXIF", "XMP", "IPTC", "comment", "JPEG comment (COM)"} <= set(metadata_in(source))

    _w, _h, made = derive(source, config(tmp_path))

    assert {kind for *_size, kind, _data in made} == {"webp", "jpeg"}
    for width, height, kind, data in made:
        assert metadata_in(data) == [], f"{kind} {width}px"
        image = Image.open(io.BytesIO(data))
        assert image.size == (width, height)
        assert not image.info.get("icc_profile") and not image.getexif()


def test_a_photo_that_needs_no_change_is_still_published_without_its_metadata(tmp_path):
    """No turn, no colour conversion, no resize: the path where the decoded image itself is encoded."""
    source = upright_jpeg((480, 360))
    image = Image.open(io.BytesIO(source))
    assert (image.size, image.getexif().get(0x0112), image.info.get("icc_profile")) == ((480, 360), 1, None)
    assert image.info["comment"] == b"Mezauli, at Janis's house"

    width, height, made = derive(source, config(tmp_path))

    assert (width, height) == (480, 360)
    assert [(w, h, kind) for w, h, kind, _data in made] == [(480, 360, "jpeg"), (480, 360, "webp")]
    assert [(kind, metadata_in(data)) for _w, _h, kind, data in made] == [("jpeg", []), ("webp", [])]


def test_colours_are_converted_to_srgb_with_the_photos_profile(tmp_path):
    # Stored as pure red in a profile whose red is sRGB's blue: blue on screen.
    source = phone_jpeg(image=Image.new("RGB", (64, 48), (255, 0, 0)), orientation=1, quality=100)
    _w, _h, made = derive(source, config(tmp_path))
    red, green, blue = Image.open(io.BytesIO(files_of(made, "jpeg")[64])).convert("RGB").getpixel((32, 24))
    assert blue > 200 and red < 40 and green < 40


def test_a_big_jpeg_is_decoded_at_reduced_size(tmp_path, monkeypatch):
    from PIL.JpegImagePlugin import JpegImageFile  # noqa: PLC0415

    drafts = []
    original = JpegImageFile.draft

    def spy(self, mode, size):
        result = original(self, mode, size)
        drafts.append((size, self.size))
        return result

    monkeypatch.setattr(JpegImageFile, "draft", spy)
    derive(phone_jpeg((4000, 3000), orientation=6, icc=False), config(tmp_path))
    assert drafts == [((1600, 1200), (2000, 1500))]  # a quarter of the pixels decoded


def png_header(width, height):
    """A real small PNG whose header claims another size (as a decompression bomb does)."""
    buffer = io.BytesIO()
    Image.new("L", (32, 32)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def gif():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, "GIF")
    return buffer.getvalue()


def image_bytes(size, kind="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, kind)
    return buffer.getvalue()


def message(bad, lang="en"):
    return render(Text(bad.code, bad.params), lang)


NOT_A_PHOTO = ("the file is not a photo that can be read (JPEG, PNG, WebP, HEIC or AVIF):"
               " save it again as JPEG, or remove it from the folder")


@pytest.mark.parametrize(
    ("data", "english", "latvian"),
    [
        (b"Mezauli, 7 October\n" * 20, NOT_A_PHOTO,
         "fails nav nolasāma fotogrāfija (JPEG, PNG, WebP, HEIC vai AVIF): saglabājiet to vēlreiz kā JPEG vai izņemiet to no mapes"),
        (gif(), NOT_A_PHOTO, None),
        (png_header(30000, 30000), "the photo is 30000 × 30000 pixels (900 million), more than the 120 million"
                                   " that can be processed safely: make it smaller first",
         "fotogrāfijas izmērs ir 30000 × 30000 pikseļi (900 milj.), vairāk nekā 120 milj., ko var droši apstrādāt:"
         " vispirms samaziniet to"),
        (png_header(12500, 12000), "the photo is 12500 × 12000 pixels (150 million), more than the 120 million"
                                   " that can be processed safely: make it smaller first", None),
        (image_bytes((8, 8)), "the photo is only 8 × 8 pixels: use a photo at least 16 pixels on each side",
         "fotogrāfijas izmērs ir tikai 8 × 8 pikseļi: izmantojiet fotogrāfiju, kuras katra mala ir vismaz 16 pikseļi"),
        (image_bytes((2000, 40)), "the photo is 2000 × 40 pixels, one side more than 20 times the other:"
                                  " crop it to a usual shape", None),
    ],
    ids=["text", "gif", "bomb", "over-the-limit", "tiny", "strip"],
)
def test_a_bad_photo_is_refused_with_a_message(data, english, latvian, tmp_path):
    with pytest.raises(BadPhoto) as refused:
        derive(data, config(tmp_path))
    assert message(refused.value) == english
    if latvian:
        assert message(refused.value, "lv") == latvian


def test_a_truncated_photo_is_refused_as_damaged(tmp_path):
    data = phone_jpeg((800, 600))
    with pytest.raises(BadPhoto) as refused:
        derive(data[: len(data) // 2], config(tmp_path))
    assert message(refused.value) == (f"the photo is damaged and cannot be read ({refused.value.params['detail']}):"
                                      " copy it again from the camera or phone")
    assert refused.value.params["detail"].startswith("image file is truncated")


# --- the cache ---------------------------------------------------------------


def test_the_cache_skips_unchanged_photos_and_redoes_a_changed_one(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.jpg").write_bytes(phone_jpeg((640, 480), image=marked((640, 480), colour=(n * 60, 90, 90))))
    (folder / "broken.jpg").write_bytes(b"not a photo")
    files = [(f"images/{path.name}", str(path)) for path in sorted(folder.iterdir())]
    settings = config(tmp_path)

    first = process_all(files, settings, jobs=2)
    second = process_all(files, settings, jobs=2)
    (folder / "p1.jpg").write_bytes(phone_jpeg((640, 480), orientation=3))
    third = process_all(files, settings, jobs=2)
    fourth = process_all(files, config(tmp_path, formats={"webp": {"quality": 70}, "jpeg": {"quality": 70}}))

    def processed(photos):
        return [photo.source for photo in photos if photo.processed and photo.ok]

    assert processed(first) == ["images/p0.jpg", "images/p1.jpg", "images/p2.jpg"]
    assert processed(second) == []
    assert processed(third) == ["images/p1.jpg"]
    assert processed(fourth) == ["images/p0.jpg", "images/p1.jpg", "images/p2.jpg"]  # new settings
    by_source = [{photo.source: photo for photo in photos} for photos in (first, second, third)]
    assert by_source[1]["images/p0.jpg"] == by_source[0]["images/p0.jpg"]
    assert by_source[2]["images/p1.jpg"].key != by_source[0]["images/p1.jpg"].key
    assert [render(photo.problem, "en") for photo in first if not photo.ok] == [NOT_A_PHOTO]


# --- the HTML ----------------------------------------------------------------


class Shown:
    """A stand-in for views.Picture."""

    def __init__(self, name):
        self.name = name
        self.large = f"/images/{name}-1600.0123456789.jpg"


class Render:
    def picture(self, picture, alt, eager):
        return f"[{picture.name}|{alt}|{'eager' if eager else 'lazy'}]"

    def figure(self, picture, alt, caption, eager, credit=""):
        return f"<figure>{self.picture(picture, alt, eager)}{caption}{'|' + credit if credit else ''}</figure>"

    def gallery(self, items):
        return "<ul>" + "".join(f"<li>{p.name}|{alt}|{caption}{'|' + credit if credit else ''}</li>"
                                for p, alt, caption, credit in items) + "</ul>"

    def withheld(self, alt, alone):
        return f"<withheld {'alone' if alone else 'inline'}>{alt}</withheld>"


PHOTOS = {
    "images/a.jpg": Found(Shown("a")),
    "images/b.jpg": Found(Shown("b")),
    "images/bad.jpg": Found(None),
    # With a record: its caption and credit, or no consent for the people in it.
    "images/c.jpg": Found(Shown("c"), caption="Cap", credit="Anna, CC BY 4.0"),
    "images/d.jpg": Found(None, withheld=True),
}


def find(target):
    return PHOTOS.get(photo_path(target, "stories"))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p>Text <img alt="A &amp; B" src="/images/a.jpg"> more.</p>', "<p>Text [a|A & B|eager] more.</p>"),
        ('<p><img alt="A" src="{static}/images/a.jpg" title="Caption"></p>', "<figure>[a|A|eager]Caption</figure>"),
        ('<p><img src="../images/b.jpg" alt="B"></p>\n<p><img alt="A" src="/images/a.jpg"></p>',
         "<figure>[b|B|eager]</figure>\n<figure>[a|A|lazy]</figure>"),
        ('<p>::: gallery\n<img alt="A" src="/images/a.jpg">\n<img alt="B" src="/images/b.jpg" title="T">\n:::</p>',
         "<ul><li>a|A|</li><li>b|B|T</li></ul>"),
        ('<p>::: galerija</p>\n<p><img alt="A" src="/images/a.jpg"></p>\n<p>:::</p>', "<ul><li>a|A|</li></ul>"),
        ('<p><img alt="X" src="https://example.org/x.jpg"></p>', '<p><img alt="X" src="https://example.org/x.jpg"></p>'),
        ('<p>Before <img alt="Bad" src="/images/bad.jpg"> after.</p>', "<p>Before  after.</p>"),
        ('<p><a href="{static}/images/a.jpg">The photo</a></p>',
         '<p><a href="/images/a-1600.0123456789.jpg">The photo</a></p>'),
        ('<p><img alt="C" src="/images/c.jpg"></p>', "<figure>[c|C|eager]Cap|Anna, CC BY 4.0</figure>"),
        ('<p><img alt="C" src="/images/c.jpg" title="Own"></p>', "<figure>[c|C|eager]Own|Anna, CC BY 4.0</figure>"),
        ('<p><img alt="D" src="/images/d.jpg"></p>\n<p>Text <img alt="D2" src="/images/d.jpg"></p>',
         "<withheld alone>D</withheld>\n<p>Text <withheld inline>D2</withheld></p>"),
        ('<p>::: gallery\n<img alt="C" src="/images/c.jpg">\n<img alt="D" src="/images/d.jpg">\n:::</p>',
         "<ul><li>c|C|Cap|Anna, CC BY 4.0</li></ul><withheld alone>D</withheld>"),
        ('<p><a href="{static}/images/d.jpg">The photo</a></p>', '<p><a href="#">The photo</a></p>'),
    ],
    ids=["inline", "figure", "eager-first", "gallery", "gallery-paragraphs", "external", "bad-photo", "link",
         "record-caption-credit", "own-caption-wins", "withheld", "gallery-withheld", "link-withheld"],
)
def test_photos_in_html_are_rewritten(html, expected):
    assert rewrite(html, find, Render()) == (expected, [])


def test_a_cover_makes_every_photo_of_the_text_lazy():
    html, _problems = rewrite('<p><img alt="A" src="/images/a.jpg"></p>', find, Render(), eager_first=False)
    assert html == "<figure>[a|A|lazy]</figure>"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<p>::: gallery\n<img alt="A" src="/images/a.jpg">\n</p>',
         "'::: gallery' has no closing ':::' line: end the gallery with a line ':::'"),
        ('<p>::: gallery\nOur day\n<img alt="A" src="/images/a.jpg">\n:::</p>',
         "a gallery holds only photos, one '![description](/images/photo.jpg)' a line:"
         " move the text 'Our day' above or below it"),
    ],
)
def test_a_wrong_gallery_is_a_problem(html, problem):
    assert rewrite(html, find, Render())[1] == [problem]


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("{static}/images/x.jpg", "images/x.jpg"),
        ("|static|/images/2022/x.jpg", "images/2022/x.jpg"),
        ("/images/M%C4%93s.jpg", "images/Mēs.jpg"),
        ("images/x.jpg", "images/x.jpg"),
        ("../images/x.jpg", "images/x.jpg"),
        ("{static}../images/x.jpg", "images/x.jpg"),
        ("/theme/x.jpg", None),
        ("https://example.org/images/x.jpg", None),
        ("data:image/gif;base64,R0lG", None),
    ],
)
def test_photo_paths(target, path):
    assert photo_path(target, "stories") == path


@pytest.mark.parametrize("value", ["images/x.jpg", "x.jpg", "/images/x.jpg", "{static}/images/x.jpg"])
def test_cover_paths(value):
    assert cover_path(value) == "images/x.jpg"


# --- a real build ------------------------------------------------------------


def make_content(root):
    content = root / "content"
    shutil.copytree(FIXTURES / "site", content)
    shutil.copytree(FIXTURES / "photos", content, dirs_exist_ok=True)
    write_fixture_photos(content)
    return content


@dataclass
class PhotoSite:
    root: Path
    content: Path
    output: Path
    site_url: str
    result: object


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The fixture site with photos, built with publishconf.py; its cache kept for more builds."""
    root = tmp_path_factory.mktemp("photos")
    content = make_content(root)
    output = root / "output"
    result = build_site(output, PATH=str(content), CACHE_PATH=str(root / "cache"))
    assert result.ok and result.warnings == 0, result
    return PhotoSite(root, content, output, SITE_URL, result)


def image_files(output):
    """Every file below output that is an image, by its name or by its first bytes."""
    found = []
    for dirpath, _dirnames, filenames in os.walk(output):
        for name in filenames:
            path = Path(dirpath) / name
            with open(path, "rb") as f:
                head = f.read(4)
            if head.startswith(IMAGE_MAGIC) or path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
                found.append(path)
    return found


def test_no_image_in_output_carries_metadata_and_no_original_is_published(photo_site):
    originals = {path.read_bytes() for path in (photo_site.content / "images").rglob("*.*")}
    found = image_files(photo_site.output)
    assert len(found) > len(FIXTURE_PHOTOS) * 4
    for path in found:
        data = path.read_bytes()
        relative = path.relative_to(photo_site.output)
        assert metadata_in(data) == [], relative
        assert data not in originals, relative
        if relative.parts[0] == "images":
            assert FINGERPRINTED.match(path.name), relative


def test_the_scanner_finds_metadata_in_png_too():
    assert set(metadata_in(phone_png())) >= {"PNG chunk b'eXIf'", "PNG chunk b'iTXt'", "PNG chunk b'tEXt'"}


def pictures(site, page):
    return parse(site.output, page).select("main picture")


def local(site, url):
    assert url.startswith(site.site_url + "/images/"), url
    return site.output / url[len(site.site_url) + 1:]


def test_srcset_entries_and_sizes_agree_with_the_files(photo_site):
    checked = 0
    for page in PHOTO_PAGES:
        for picture in pictures(photo_site, page):
            img = picture.find("img")
            widest = None
            for tag in [*picture.find_all("source"), img]:
                assert tag["sizes"]
                for candidate in tag["srcset"].split(", "):
                    url, descriptor = candidate.split()
                    with Image.open(local(photo_site, url)) as image:
                        assert f"{image.width}w" == descriptor, url
                        assert image.format == ("WEBP" if tag.name == "source" else "JPEG")
                        assert abs(image.width / image.height - int(img["width"]) / int(img["height"])) < 0.01
                        if widest is None or image.width > widest[0]:
                            widest = image.size
                    checked += 1
            assert (int(img["width"]), int(img["height"])) == widest
            assert img["alt"]
    assert checked > 40
    assert broken_links(photo_site.output, photo_site.site_url) == []


def test_a_sideways_phone_photo_is_upright_and_without_a_trace_of_where_it_was_taken(photo_site):
    soup = parse(photo_site.output, "stasti/talka/index.html")
    img = soup.find("img", alt="Bērni stāda ābeli pie skolas")
    assert (img["width"], img["height"]) == ("600", "800")  # stored 800x600, taken sideways
    with Image.open(local(photo_site, img["src"])) as image:
        photo = image.convert("RGB")
    assert photo.size == (600, 800)
    # The marker stored in the top-left corner is in the top-right once upright, and blue,
    # not red, once the colours are converted from the photo's profile to sRGB.
    red, green, blue = photo.getpixel((photo.width - 10, 10))
    assert blue > 200 and red < 60
    assert metadata_in(local(photo_site, img["src"]).read_bytes()) == []


def test_the_first_photo_loads_at_once_and_the_others_lazily(photo_site):
    for page in ("stasti/talka/index.html", "jaunumi/talkas-parskats/index.html"):
        imgs = parse(photo_site.output, page).select("main img")
        assert imgs[0].get("fetchpriority") == "high" and not imgs[0].get("loading"), page
        assert all(img.get("loading") == "lazy" for img in imgs[1:]), page
    cover = parse(photo_site.output, "stasti/talka/index.html").select_one("main figure.cover img")
    assert cover["alt"] == "Iedzīvotāji ar grābekļiem parkā pie dīķa"


@pytest.mark.parametrize(
    ("page", "first", "hint"),
    [
        ("stasti/talka/index.html", "Tikko nokrāsots soliņš pie dīķa", "(atver lielāku fotogrāfiju, "),
        ("en/stories/park-clean-up/index.html", "A freshly painted bench by the pond", "(opens the larger photo, "),
    ],
)
def test_a_gallery_is_a_list_of_thumbnails_linking_to_larger_photos(photo_site, page, first, hint):
    gallery = parse(photo_site.output, page).select_one("main ul.gallery")
    links = gallery.select("li a")
    assert len(links) == 3
    assert links[0].img["alt"] == first
    assert links[0].select_one(".visually-hidden").get_text().strip().startswith(hint)
    assert gallery.select_one("figcaption").get_text() in ("Darbarīki", "Tools")
    for link in links:
        with Image.open(local(photo_site, link["href"])) as image:
            assert image.format == "JPEG"
            assert max(image.size) == max(int(link.img["width"]), int(link.img["height"]))
        assert link.img["loading"] == "lazy"


def test_both_languages_show_the_same_files_and_a_link_to_an_original_gets_the_widest_copy(photo_site):
    lv = {img["srcset"] for img in parse(photo_site.output, "stasti/talka/index.html").select("main img")}
    en = {img["srcset"] for img in parse(photo_site.output, "en/stories/park-clean-up/index.html").select("main img")}
    assert lv == en
    link = parse(photo_site.output, "stasti/talka/index.html").find("a", string="Parka fotogrāfija lielākā izmērā")
    assert re.fullmatch(re.escape(SITE_URL) + r"/images/talka/parks-1600\.[0-9a-f]{10}\.jpg", link["href"])


def test_a_rebuild_processes_no_photo_and_a_changed_photo_is_processed_again(photo_site, caplog):
    root, content = photo_site.root, photo_site.content
    caplog.set_level(logging.INFO, logger="site_photos")
    again = build_site(root / "again", PATH=str(content), CACHE_PATH=str(root / "cache"))
    assert again.ok
    assert "Photos: 6 in content/images, 0 processed, 6 from the cache" in caplog.text
    photos = sorted(p.relative_to(root / "again") for p in (root / "again" / "images").rglob("*"))
    assert photos == sorted(p.relative_to(photo_site.output) for p in (photo_site.output / "images").rglob("*"))

    caplog.clear()
    (content / "images" / "talka" / "abele.jpg").write_bytes(phone_jpeg((900, 600), orientation=6))
    changed = build_site(root / "changed", PATH=str(content), CACHE_PATH=str(root / "cache"))
    assert changed.ok
    assert "Photos: 6 in content/images, 1 processed, 5 from the cache" in caplog.text
    img = parse(root / "changed", "stasti/talka/index.html").find("img", alt="Bērni stāda ābeli pie skolas")
    assert (img["width"], img["height"]) == ("600", "900")


def test_a_bad_photo_is_a_content_problem_naming_the_file_and_fails_a_strict_build(tmp_path):
    from sitebuilder.pipeline import build  # noqa: PLC0415

    project = projects.make_project(tmp_path / "project", FIXTURES / "photos")
    content = project / "content"
    write_fixture_photos(content)
    (content / "images" / "talka" / "grabekli.jpg").write_bytes(phone_jpeg((1200, 900))[:5000])
    overrides = {"CACHE_PATH": str(tmp_path / "cache"), "CONTENT_MESSAGES_LANG": "en"}

    normal = build(str(project / "pelicanconf.py"), output=str(tmp_path / "output"), extra=overrides)

    assert normal.ok and normal.problems == 1 and normal.warnings == 0
    gallery = parse(tmp_path / "output", "stasti/talka/index.html").select("main ul.gallery img")
    assert [img["alt"] for img in gallery] == ["Tikko nokrāsots soliņš pie dīķa", "Dīķis vakarā pēc talkas"]
    assert not list((tmp_path / "output" / "images" / "talka").glob("grabekli*"))

    # As publishing runs it, in a process of its own, in Latvian.
    strict = subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"), "--strict",
         "--output", str(tmp_path / "strict"), f"--set=CACHE_PATH={tmp_path / 'cache'}"],
        env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")), capture_output=True, text=True, check=False,
    )
    lines = strict.stderr.splitlines()
    assert strict.returncode == 1 and not (tmp_path / "strict").exists()
    assert lines[0].startswith("content/images/talka/grabekli.jpg: fotogrāfija ir bojāta, un to nevar nolasīt (")
    assert lines[-1] == "Atrasta 1 kļūda satura failos; nekas netika publicēts."
    assert "Traceback" not in strict.stderr


def test_a_gallery_without_its_closing_line_is_a_warning_naming_the_file(tmp_path, caplog):
    from sitebuilder.pipeline import build  # noqa: PLC0415

    project = projects.make_project(tmp_path / "project", FIXTURES / "photos")
    write_fixture_photos(project / "content")
    story = project / "content" / "stories" / "talka.lv.md"
    story.write_text(story.read_text(encoding="utf-8").replace("\n:::\n", "\n"), encoding="utf-8")

    result = build(str(project / "pelicanconf.py"), output=str(tmp_path / "output"), jobs=1,
                   extra={"CACHE_PATH": str(tmp_path / "cache")})

    assert result.ok and result.warnings == 1
    assert ("content/stories/talka.lv.md: '::: gallery' has no closing ':::' line:"
            " end the gallery with a line ':::'") in caplog.text


# --- in a browser, and the HTML checker -------------------------------------


@pytest.fixture(scope="module")
def served_photos(photo_site, tmp_path_factory):
    """The photo site built for, and served by, nginx with the project's configuration."""
    from tools import free_port, serve_with_project_config  # noqa: PLC0415

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("served-photos")
    result = build_site(root / "output", PATH=str(photo_site.content), CACHE_PATH=str(photo_site.root / "cache"),
                        SITEURL=base, FEED_DOMAIN=base)
    assert result.ok
    server = serve_with_project_config(root / "nginx", root / "output", port)
    yield PhotoSite(root, photo_site.content, root / "output", base, result)
    server.stop()


@pytest.mark.parametrize("page", ["/stasti/talka/", "/en/stories/park-clean-up/"])
def test_the_photo_story_has_no_wcag_violations_and_shows_webp_at_a_phones_width(served_photos, browser, page):
    from test_browser import axe_violations  # noqa: PLC0415

    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    try:
        tab = context.new_page()
        tab.goto(served_photos.site_url + page)
        photos = tab.locator("main img")
        for number in range(photos.count()):  # as a reader scrolls to each: the lazy photos load
            photo = photos.nth(number)
            photo.scroll_into_view_if_needed()
            tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
        tab.wait_for_function("[...document.images].every(img => img.complete && img.naturalWidth > 0)")
        shown = tab.evaluate("[...document.querySelectorAll('main img')].map(img => img.currentSrc)")
        assert len(shown) == 6 and all(url.endswith(".webp") for url in shown), shown
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert axe_violations(tab, page) == []
    finally:
        context.close()


def test_a_gallery_photo_opens_larger_from_the_keyboard(served_photos, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(served_photos.site_url + "/en/stories/park-clean-up/")
        for _ in range(60):  # Tab through the page to the gallery's first photo
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.closest('.gallery') !== null"):
                break
        name = tab.evaluate("document.activeElement.textContent.trim() || ''")
        assert re.fullmatch(r"\(opens the larger photo, \d+ KB\)", name)
        assert tab.get_by_role("link", name=re.compile(
            r"^A freshly painted bench by the pond \(opens the larger photo, \d+ KB\)$")).count() == 1
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert re.search(r"/images/talka/solins-640\.[0-9a-f]{10}\.jpg$", tab.url)
    finally:
        context.close()


def test_the_pages_with_photos_are_valid_html(photo_site, tmp_path):
    from test_html_validity import vnu_errors  # noqa: PLC0415

    for page in PHOTO_PAGES:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(photo_site.output / page, tmp_path / page)
    assert vnu_errors(tmp_path) == []


@pytest.mark.parametrize("page", ["stasti/index.html", "index.html"])
def test_a_storys_card_shows_its_cover_with_the_same_srcset_as_the_story(photo_site, page):
    """The list and the home page show a story's cover on its card, from the same published files."""
    story = parse(photo_site.output, "stasti/talka/index.html")
    cover = story.find("img", alt="Iedzīvotāji ar grābekļiem parkā pie dīķa")
    card_img = parse(photo_site.output, page).find("img", alt="Iedzīvotāji ar grābekļiem parkā pie dīķa")
    assert card_img is not None, page
    card = card_img.find_parent("article")
    assert "card-with-photo" in card["class"]
    assert card.find("a", href=True, string="Talka Mežinieku parkā") is not None
    webp = card_img.find_parent("picture").find("source", type="image/webp")
    assert webp["srcset"] == cover.find_parent("picture").find("source", type="image/webp")["srcset"]
    assert card_img["srcset"] == cover["srcset"] and card_img["sizes"] == "(min-width: 48rem) 16rem, calc(100vw - 2rem)"
    for candidate in card_img["srcset"].split(", "):
        assert local(photo_site, candidate.split()[0]).is_file()

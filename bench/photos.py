"""Photos per second: 50 generated 4000x3000 photos to 3 widths in WebP and JPEG.

Generates phone-like photos (gradients, shapes, low-frequency noise and
sensor grain, EXIF with a GPS position, every fifth one taken sideways) into
bench/corpus/photos/ (kept for the next run): JPEG, and every tenth one HEIC,
as an iPhone saves it (photo-005.heic, photo-015.heic...; sideways, so
written with its rotation), then processes them the way a
build does (site_photos: the pool of one process per core, the cache):
  cold    an empty cache: every photo decoded, resized, encoded
  cached  the same photos again: nothing to do but read and hash them
and prints photos per second, wall seconds, and the CPU seconds spent, so
that a busy machine shows in the figures.

`--markup` measures instead what turning <img> into <picture> costs a page,
against parsing and writing the same HTML with BeautifulSoup.
"""

import argparse
import io
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from site_photos.cache import process_all  # noqa: E402
from site_photos.config import photo_config  # noqa: E402

WIDTH, HEIGHT = 4000, 3000


def _fields(seed):
    """Big random fields every photo crops a part of: generating them once is the slow part."""
    from PIL import Image, ImageFilter  # noqa: PLC0415

    grad = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    low = Image.effect_noise((WIDTH // 16 + 64, HEIGHT // 16 + 64), 64)
    low = low.filter(ImageFilter.GaussianBlur(2)).resize((WIDTH + 1024, HEIGHT + 1024), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((WIDTH + 256, HEIGHT + 256), 10)
    return grad, low, grain


def make_photo(arguments):
    """One photo: (path, seed); a JPEG of about 3 MB, or a HEIC of about 4, with EXIF and GPS, like a phone's.

    A HEIC is encoded with x265's "fast" preset: 14 s a photo here against
    83 s with its default, for a file that decodes in the same time (0.88 s
    of CPU against 0.91 s, which is what the benchmark measures).
    """
    path, seed = arguments
    from PIL import Image, ImageChops, ImageDraw  # noqa: PLC0415

    grad, low, grain = _FIELDS
    rnd = random.Random(seed)

    def crop(field, margin):
        x, y = rnd.randrange(margin), rnd.randrange(margin)
        return field.crop((x, y, x + WIDTH, y + HEIGHT))

    speckle = crop(grain, 256)
    bases = (grad, grad.transpose(Image.Transpose.ROTATE_180), grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    channels = [
        ImageChops.add(Image.blend(base, crop(low, 1024), 0.3 + 0.1 * i), speckle, 1.0, -128)
        for i, base in enumerate(bases)
    ]
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = rnd.randrange(WIDTH), rnd.randrange(HEIGHT), rnd.randrange(50, 600)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 5 == 0 else 1  # Orientation: every fifth taken sideways
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (56.0, 50.0, float(seed % 60)), 3: "E", 4: (24.0, 25.0, 0.0)})
    buffer = io.BytesIO()
    if path.endswith(".heic"):
        import pillow_heif  # noqa: PLC0415

        pillow_heif.register_heif_opener()
        image.save(buffer, "HEIF", quality=70, exif=exif.tobytes(), enc_params={"preset": "fast"})
    else:
        image.save(buffer, "JPEG", quality=90, exif=exif)
    Path(path).write_bytes(buffer.getvalue())


_FIELDS = None


def _init_fields():
    global _FIELDS  # noqa: PLW0603 - per worker process of the generator only
    _FIELDS = _fields(0)


def corpus(folder, count):
    """count photos in folder, generated on every core unless already there."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [(str(folder / f"photo-{n:03d}.{'heic' if n % 10 == 5 else 'jpg'}"), n) for n in range(count)]
    missing = [item for item in wanted if not os.path.exists(item[0])]
    if missing:
        print(f"Generating {len(missing)} photos of {WIDTH}x{HEIGHT} in {folder} ...", flush=True)
        with ProcessPoolExecutor(initializer=_init_fields) as pool:
            list(pool.map(make_photo, missing))
    return [(os.path.relpath(path, folder), path) for path, _seed in wanted]


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(files, config):
    cpu, started = cpu_seconds(), time.perf_counter()
    photos = process_all(files, config)
    return time.perf_counter() - started, cpu_seconds() - cpu, photos


def bench_photos(count):
    files = corpus(BENCH / "corpus" / "photos", count)
    megabytes = sum(os.path.getsize(path) for _s, path in files) / 1e6
    heic = sum(path.endswith(".heic") for _s, path in files)
    cache = Path(tempfile.mkdtemp(prefix="photo-cache-"))
    try:
        config = photo_config({"CACHE_PATH": str(cache)})
        load = os.getloadavg()[0]
        cold, cold_cpu, photos = timed(files, config)
        assert all(p.ok and p.processed for p in photos), [p.problem for p in photos if not p.ok]
        cached, cached_cpu, again = timed(files, config)
        assert not any(p.processed for p in again), "the cache did not skip unchanged photos"
        made = sum(len(p.variants) for p in photos)
        size = sum(v.size for p in photos for v in p.variants) / 1e6
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"{count} photos of {WIDTH}x{HEIGHT} ({heic} of them HEIC, the others JPEG; {megabytes:.0f} MB) -> {made} files"
          f" ({', '.join(map(str, config['widths']))} px wide, {' and '.join(config['formats'])};"
          f" {size:.1f} MB), {os.cpu_count()} cores, load average {load:.1f} at the start")
    print(f"{'':8}{'photos/s':>10}{'seconds':>10}{'CPU s':>8}")
    print(f"{'cold':8}{count / cold:>10.1f}{cold:>10.2f}{cold_cpu:>8.1f}")
    print(f"{'cached':8}{count / cached:>10.1f}{cached:>10.2f}{cached_cpu:>8.1f}")


def bench_markup(pages):
    """Milliseconds per page: our rewrite (with the theme's macros) against a BeautifulSoup round trip."""
    from bs4 import BeautifulSoup  # noqa: PLC0415
    from markdown import Markdown  # noqa: PLC0415

    from site_photos.markup import Found, rewrite  # noqa: PLC0415
    from site_photos.views import Picture, Source  # noqa: PLC0415

    sys.path.insert(0, str(ROOT))
    import pelicanconf  # noqa: PLC0415

    picture = Picture((Source("image/webp", "/images/x-480.0123456789.webp 480w"),),
                      "/images/x-960.0123456789.jpg", "/images/x-960.0123456789.jpg 960w", 1600, 1200,
                      "/images/x-1600.0123456789.jpg", 250_000)

    from jinja2 import Environment, FileSystemLoader  # noqa: PLC0415

    from site_photos import MacroRenderer  # noqa: PLC0415

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True,
                      extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    config = photo_config({})
    env.globals["photo_sizes"] = {"text": config["sizes"], "gallery": config["gallery_sizes"]}
    renderer = MacroRenderer(env.get_template("macros/photos.html").module)

    text = ("Kopienas sanāksmē Mežiniekos piedalījās iedzīvotāji no visa ciema. " * 12 + "\n\n") * 8
    photos = "![Iedzīvotāji pie dīķa](/images/a.jpg)\n\n::: gallery\n![Soliņš](/images/b.jpg)\n![Dīķis](/images/c.jpg)\n:::\n\n"
    markdown = Markdown(**pelicanconf.MARKDOWN)
    plain = markdown.convert(text)
    with_photos = markdown.reset().convert(text + photos + text)
    found = Found(picture)

    def per_page(function, html):
        started = time.process_time()
        for _ in range(pages):
            function(html)
        return (time.process_time() - started) * 1000 / pages

    def ours(html):
        if "<img" in html:
            rewrite(html, lambda target: found, renderer)

    def soup(html):
        str(BeautifulSoup(html, "html.parser"))

    print(f"{pages} pages of about {len(text.split())} words, ms per page (CPU)")
    print(f"  rewrite, page without photos   {per_page(ours, plain):8.3f}")
    print(f"  rewrite, page with 3 photos    {per_page(ours, with_photos):8.3f}")
    print(f"  BeautifulSoup parse and write  {per_page(soup, with_photos):8.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--markup", action="store_true", help="measure the HTML rewrite instead")
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    if args.markup:
        bench_markup(args.pages)
    else:
        bench_photos(args.photos)


if __name__ == "__main__":
    main()

"""Draw the site's icons (favicon.ico, apple-touch-icon.png, icon-*.png) from the logo's shapes.

The logo is static/images/logo.svg: two roofs (the communities) over a wave
(the Daugava), on the association's green. Browsers ask for /favicon.ico and
/apple-touch-icon.png at the site's root, as PNG or ICO, so the same shapes are
drawn here with Pillow (4x larger, then reduced) into static/root/, which
theme_assets copies to the root of the site. Run it again after changing the
logo: `.venv/bin/python theme/make_icons.py`.
"""

import math
import os

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "static", "root")
GREEN, GOLD, RIVER = "#1f5f4a", "#f2c14e", "#a8d8ea"


def draw(size, radius=10):
    """The logo at size x size pixels; radius 0 for a square (iOS rounds the corners itself)."""
    scale = size * 4 / 48
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    pen = ImageDraw.Draw(big)
    pen.rounded_rectangle([0, 0, size * 4 - 1, size * 4 - 1], radius=radius * scale, fill=GREEN)
    width = round(4 * scale)
    roofs = [(x * scale, y * scale) for x, y in [(9, 27), (16.5, 19), (24, 27), (31.5, 19), (39, 27)]]
    # the SVG's wave (two cubic curves from x=6 to x=42 around y=37), sampled as one sine period
    wave = [((6 + t) * scale, (37 - 3 * math.sin(t / 36 * 2 * math.pi)) * scale) for t in range(37)]
    for line, colour in ((roofs, GOLD), (wave, RIVER)):
        pen.line(line, fill=colour, width=width, joint="curve")
        for x, y in (line[0], line[-1]):  # round ends, as stroke-linecap="round"
            pen.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=colour)
    return big.resize((size, size), Image.LANCZOS)


def main():
    os.makedirs(ROOT, exist_ok=True)
    draw(180, radius=0).convert("RGB").save(os.path.join(ROOT, "apple-touch-icon.png"), optimize=True)
    for size in (32, 192, 512):  # 192 and 512: the web app manifest (site_offline)
        draw(size).save(os.path.join(ROOT, f"icon-{size}.png"), optimize=True)
    draw(48).save(os.path.join(ROOT, "favicon.ico"), sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()

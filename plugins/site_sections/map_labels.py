"""Where the names go on the communities' map: never over another name or place.

Pure functions over the map's plane (SVG user units). A label's box is
estimated from its length (LETTER_WIDTH em a letter: measured in Chromium,
our names in the site's Source Sans 3 Bold take 0.46 to 0.56 em a letter;
0.62 leaves room for a wider fallback font before it loads) and the font
size. Each place tries its candidate positions in order (right, left,
above, below, then further out) and takes the first whose box stays inside
the map and meets no other label and no place's dot; places with the
fewest free positions go first. When no candidate is free, the map grows
downwards (`extra_height`) and the name is written under the lowest row.

Label size: the map is drawn `width` units wide and shown as wide as the
column, 328 px on a 360 px phone; LABEL_SIZE = 28 units is 14.3 px there.
"""

from typing import NamedTuple

__all__ = ["LABEL_SIZE", "Label", "place_labels", "overlaps"]

LABEL_SIZE = 28
LETTER_WIDTH = 0.62
DOT = 7  # radius of a place's dot
GAP = 6  # between a dot and its label


class Label(NamedTuple):
    x: float
    y: float  # the text's baseline
    anchor: str  # "start", "end" or "middle"
    box: tuple  # (left, top, right, bottom)


def _box(x, y, anchor, width, size):
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    # ascent and descent as Chromium draws the text's box: 0.95 and 0.3 em, rounded up
    return (left, y - 0.95 * size, left + width, y + 0.3 * size)


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(x, y, width, size, radius=DOT):
    near = radius + GAP
    middle = y + 0.3 * size  # baseline that centres the text on the dot
    for step in (0, 1, 2):
        far = step * size
        yield x + near, middle + (step and far) * (-1 if step == 1 else 1), "start"
        yield x - near, middle + (step and far) * (-1 if step == 1 else 1), "end"
        yield x, y - near - 0.3 * size - far, "middle"
        yield x, y + near + 0.95 * size + far, "middle"


def place_labels(points, names, width, height, size=LABEL_SIZE, radii=None):
    """([Label] in the order of `points`, extra height the map needs below).

    radii: how far each place's mark reaches from its centre (DOT, or more for
    a place drawn with a ring around its dot); labels keep clear of every mark.
    """
    radii = radii or [DOT] * len(points)
    dots = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(points, radii)]
    widths = [len(name) * LETTER_WIDTH * size for name in names]

    def free(box, taken):
        inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
        return inside and not any(overlaps(box, other) for other in taken + dots)

    def options(index, taken):
        x, y = points[index]
        found = []
        for cx, cy, anchor in _candidates(x, y, widths[index], size, radii[index]):
            box = _box(cx, cy, anchor, widths[index], size)
            if free(box, taken):
                found.append(Label(round(cx, 1), round(cy, 1), anchor, box))
        return found

    labels = [None] * len(points)
    taken = []
    extra = 0
    remaining = list(range(len(points)))
    while remaining:
        remaining.sort(key=lambda i: (len(options(i, taken)), i))
        index = remaining.pop(0)
        found = options(index, taken)
        if found:
            label = found[0]
        else:  # no room near the place: a row of its own under the map
            x, y = points[index]
            baseline = height + extra + size
            anchor = "start" if x < width / 2 else "end"
            cx = max(x, 0) if anchor == "start" else min(x, width)
            label = Label(round(cx, 1), round(baseline, 1), anchor, _box(cx, baseline, anchor, widths[index], size))
            extra += round(1.3 * size)
        labels[index] = label
        taken.append(label.box)
    return labels, extra

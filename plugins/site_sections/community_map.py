"""A map of the communities drawn at build time: an inline SVG, no tiles or scripts.

Pure functions: `project` places [latitude, longitude] pairs on a plane
(equirectangular, longitudes scaled by the cosine of the mean latitude), and
`community_map` draws the places as an SVG whose every place is a link with
an accessible name (`<title>`). The page lists the same places as text.

A place whose position is not certain (`coordinates_uncertain: true` in its
file) is drawn with a dashed ring around its dot, and its label and name say
so in the page's language: the doubt is on the map itself, not only in the
caption.
"""

import math
import xml.etree.ElementTree as ET

from .map_labels import DOT, LABEL_SIZE, place_labels

__all__ = ["project", "community_map"]

WIDTH = 640
MARGIN = 40  # room for the dots and for labels near the edge
# Colours for a page read without the stylesheet; site.css sets the same.
GROUND, INK = "#eef4f0", "#1f5f4a"
RING = 15  # radius of the dashed ring around a place whose position is not certain


def project(points, width=WIDTH, margin=MARGIN):
    """[(lat, lon)] -> ([(x, y)], height): north up, the widest side `width` - 2 margins."""
    if not points:
        return [], 0
    mean_lat = math.radians(sum(lat for lat, _ in points) / len(points))
    plane = [(lon * math.cos(mean_lat), -lat) for lat, lon in points]
    xs, ys = [x for x, _ in plane], [y for _, y in plane]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (width - 2 * margin) / span
    placed = [(margin + (x - min(xs)) * scale, margin + (y - min(ys)) * scale) for x, y in plane]
    height = round(2 * margin + (max(ys) - min(ys)) * scale)
    return placed, height


def _number(value):
    return f"{value:.1f}"


def community_map(places, label, uncertain_note=""):
    """An SVG element as text: one link per place.

    places: [{"name", "href", "coordinates": [lat, lon], "uncertain": bool}];
    places without coordinates are left out. label: the map's accessible name.
    uncertain_note: what follows the name of an uncertain place, e.g.
    "(approximate place)".
    """
    places = [place for place in places if place.get("coordinates")]
    if not places:
        return ""
    points, height = project([tuple(place["coordinates"]) for place in places])
    names = [f"{place['name']} {uncertain_note}".strip() if place.get("uncertain") else place["name"]
             for place in places]
    radii = [RING + 1 if place.get("uncertain") else DOT for place in places]  # the ring's stroke too
    labels, extra = place_labels(points, names, WIDTH, height, radii=radii)
    height += extra
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {WIDTH} {height}",
        "width": str(WIDTH),
        "height": str(height),
        "class": "community-map",
        "role": "group",
        "aria-labelledby": "community-map-title",
    })
    ET.SubElement(svg, "title", {"id": "community-map-title"}).text = label
    ET.SubElement(svg, "rect", {"class": "map-ground", "x": "0", "y": "0",
                                "width": str(WIDTH), "height": str(height),
                                "fill": GROUND})
    for place, (x, y), label, name in zip(places, points, labels, names):
        uncertain = bool(place.get("uncertain"))
        link = ET.SubElement(svg, "a", {"href": place["href"]})
        ET.SubElement(link, "title").text = name
        if uncertain:
            ET.SubElement(link, "circle", {
                "class": "uncertain", "cx": _number(x), "cy": _number(y), "r": str(RING),
                "fill": "none", "stroke": INK, "stroke-width": "2", "stroke-dasharray": "5 4",
            })
        ET.SubElement(link, "circle", {"cx": _number(x), "cy": _number(y), "r": str(DOT), "fill": INK})
        text = ET.SubElement(link, "text", {
            "x": _number(label.x), "y": _number(label.y),
            "text-anchor": label.anchor, "font-size": str(LABEL_SIZE),
        })
        text.text = name
    return ET.tostring(svg, encoding="unicode")

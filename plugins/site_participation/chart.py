"""A small bar chart as inline SVG, made at build time: no script, no file of its own.

Years along the bottom, a group of bars a year, one bar a series, each bar
with its value written above it, and a legend: the figures can be read from
the chart itself, not only from the bars' heights. It is an image to
assistive technology (role="img") named by its <title> and described by its
<desc>, which says every figure in words; the page shows the same figures in
a table beside it. The colours come from the theme's stylesheet (classes
`series-1`...), so the chart follows the theme and prints in black and white
with its numbers.

Inline rather than a separate .svg: one request fewer, and measured on the
association's page the chart of four years and three series is about 2 kB.
"""

from markupsafe import Markup, escape

__all__ = ["bar_chart", "describe"]

WIDTH = 560
PLOT_TOP = 24  # room for the values above the highest bars
PLOT_HEIGHT = 120
AXIS = 20  # the years under the bars
LEGEND_LINE = 20
BAR = 18
GAP = 4  # between the bars of a year
GROUP_GAP = 24  # between the years


def describe(years, series, not_recorded):
    """The figures in words: "2022: Meetings 1, Stories 1. 2023: ..."."""
    parts = []
    for i, year in enumerate(years):
        values = ", ".join(
            f"{label} {not_recorded if values[i] is None else values[i]}" for label, values in series
        )
        parts.append(f"{year}: {values}.")
    return " ".join(parts)


def bar_chart(chart_id, title, years, series, not_recorded):
    """Markup of an SVG chart; series: [(label, [value or None a year])]."""
    highest = max([value or 0 for _label, values in series for value in values] + [1])
    group = len(series) * (BAR + GAP) - GAP
    width = max(WIDTH, 40 + len(years) * (group + GROUP_GAP))
    height = PLOT_TOP + PLOT_HEIGHT + AXIS + LEGEND_LINE * len(series) + 8
    base = PLOT_TOP + PLOT_HEIGHT
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(years, series, not_recorded))}</desc>',
        f'<line class="axis" x1="20" y1="{base}" x2="{width - 10}" y2="{base}"/>',
    ]
    for i, year in enumerate(years):
        left = 30 + i * (group + GROUP_GAP)
        for j, (_label, values) in enumerate(series):
            value = values[i]
            x = left + j * (BAR + GAP)
            middle = x + BAR / 2
            if value:
                h = max(1, round(PLOT_HEIGHT * value / highest))
                out.append(f'<rect class="series-{j + 1}" x="{x}" y="{base - h}" width="{BAR}" height="{h}"/>')
            else:
                h = 0
            shown = "–" if value is None else value
            out.append(f'<text x="{middle:g}" y="{base - h - 4}" text-anchor="middle">{shown}</text>')
        out.append(f'<text x="{left + group / 2:g}" y="{base + 15}" text-anchor="middle">{year}</text>')
    for j, (label, _values) in enumerate(series):
        y = base + AXIS + 4 + j * LEGEND_LINE
        out.append(f'<rect class="series-{j + 1}" x="30" y="{y}" width="12" height="12"/>')
        out.append(f'<text x="48" y="{y + 11}">{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))

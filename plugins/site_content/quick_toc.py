"""Python-Markdown's `toc` extension, without the table nobody asked for.

`toc` gives every heading an id (what links to a section need) and also builds
each page's table of contents as HTML, whether or not the page shows it: a
`<div>` serialised and passed through every postprocessor, then a search of the
whole tree for the `[TOC]` marker: 3% of the instructions of converting a
story of the benchmark corpus (valgrind's count; cProfile, whose cost per call
weighs on code of many small calls, had shown a sixth).

This is `toc` with one change: when no line of the text holds the marker, the
table is not built (nor looked for a place to go), and `md.toc` stays empty;
the ids and `md.toc_tokens` are made by Python-Markdown's own code. A marker
can only be replaced where a line holds it literally (an escaped one is a
placeholder until after `toc` has run), so the HTML is the same, byte for byte
(tests/test_content_model.py compares them). Nothing here reads `md.toc`.
"""

import xml.etree.ElementTree as etree

from markdown.extensions.toc import TocExtension, TocTreeprocessor

__all__ = ["QuickTocExtension", "makeExtension"]


class QuickTocTreeprocessor(TocTreeprocessor):
    def run(self, doc):
        lines = getattr(self.md, "lines", None)
        self._wanted = bool(self.marker) and (lines is None or any(self.marker in line for line in lines))
        super().run(doc)
        if not self._wanted:
            self.md.toc = ""

    def build_toc_div(self, toc_list):
        if self._wanted:
            return super().build_toc_div(toc_list)
        return etree.Element("div")  # not shown anywhere: no table

    def replace_marker(self, root, elem):
        if self._wanted:
            super().replace_marker(root, elem)


class QuickTocExtension(TocExtension):
    TreeProcessorClass = QuickTocTreeprocessor


def makeExtension(**kwargs):
    return QuickTocExtension(**kwargs)

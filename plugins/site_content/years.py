"""A paragraph that starts with a year is not a numbered list.

Latvian writes dates with an ordinal point: "2022. gada vasarā ...". At the
start of a line Markdown takes "2022." for the number of an ordered list, so
the paragraph became a one-item list starting at 2022, and screen readers
announced a list. This Markdown extension escapes the point of a year (three
or four digits) followed by a form of "gads" or its abbreviation "g.", before
the blocks are parsed; fenced code is left as it is (it is stashed earlier).
Organisers write the date as they always do.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

__all__ = ["YearsExtension", "makeExtension"]

YEAR = re.compile(r"^( {0,3})(\d{3,4})\.(?=[ \t]+(?:gad|g\.))")


class YearPoints(Preprocessor):
    def run(self, lines):
        return [YEAR.sub(r"\1\2\\.", line) for line in lines]


class YearsExtension(Extension):
    def extendMarkdown(self, md):
        # After fenced code (25) has been stashed, before the blocks are parsed.
        md.preprocessors.register(YearPoints(md), "latvian_years", 20)


def makeExtension(**kwargs):
    return YearsExtension(**kwargs)

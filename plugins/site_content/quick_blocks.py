"""Python-Markdown's block parsing, without asking processors that cannot act on a block.

Markdown hands each block of text (paragraphs, between blank lines) to its
block processors in turn, until one takes it; a paragraph of plain text is
offered to every one of them first: tables, headings, lists, quotes,
definitions, footnotes, abbreviations, link references. Each looks for
something a plain paragraph does not have: a table needs "|", a heading "#",
a quote ">", a link reference "]:". This parser is Python-Markdown's own
loop, with one change: a processor listed in NEEDS is passed over when the
block lacks what it looks for, which is what asking it would have come to (its
test fails, or its run puts the block back and returns False). So the HTML is
the same, byte for byte (tests/test_content_model.py compares them); a story
converts over a quarter faster (bench corpus: 1.41-1.48 -> 1.03-1.08 ms a body).

Only the processors named in NEEDS, of the classes named there, are ever
passed over; any other (one an extension adds or replaces) is asked as always.
"""

from markdown import blockprocessors
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor
from markdown.extensions.tables import TableProcessor

__all__ = ["QuickBlocksExtension", "makeExtension", "NEEDS"]


def _starts_list(markers):
    """A list's first line: at most tab_length - 1 spaces, then one of `markers` (a tuple)."""
    def need(block, tab_length):
        return block[:tab_length].lstrip(" ")[:1] in markers
    return need


def _holds(*texts):
    def need(block, _tab_length):
        return any(text in block for text in texts)
    return need


def _digit_first(block, tab_length):
    return block[:tab_length].lstrip(" ")[:1].isdigit()  # \d is a decimal digit: isdigit() holds


# Block processors by registered name: their classes (exactly these: a subclass
# may test otherwise), and a test that every block their regular expression (or
# table check) matches passes.
NEEDS = {
    "table": ((TableProcessor,), _holds("|")),
    "hashheader": ((blockprocessors.HashHeaderProcessor,), _holds("#")),
    "setextheader": ((blockprocessors.SetextHeaderProcessor,), _holds("\n=", "\n-")),
    "hr": ((blockprocessors.HRProcessor,), _holds("-", "_", "*")),
    "olist": ((blockprocessors.OListProcessor, SaneOListProcessor), _digit_first),
    "ulist": ((blockprocessors.UListProcessor, SaneUListProcessor), _starts_list(("*", "+", "-"))),
    "deflist": ((DefListProcessor,), _holds(":")),
    "quote": ((blockprocessors.BlockQuoteProcessor,), _holds(">")),
    "footnote": ((FootnoteBlockProcessor,), _holds("[^")),
    "abbr": ((AbbrBlockprocessor,), _holds("*[")),
    "reference": ((blockprocessors.ReferenceProcessor,), _holds("]:")),
}


def _needs(registry):
    """{id(processor): its test} of the registered processors NEEDS knows."""
    found = {}
    for name, (kinds, need) in NEEDS.items():
        if name in registry and type(registry[name]) in kinds:
            found[id(registry[name])] = need
    return found


def quick_parse_blocks(parser):
    """Python-Markdown's BlockParser.parseBlocks for `parser`, with the pass-over."""
    tab_length = parser.md.tab_length

    def parse_blocks(parent, blocks):
        needs = _needs(parser.blockprocessors)
        while blocks:
            for processor in parser.blockprocessors:
                need = needs.get(id(processor))
                if need is not None and not need(blocks[0], tab_length):
                    continue  # as after asking it: not this processor's block
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        break

    return parse_blocks


class QuickBlocksExtension(Extension):
    def extendMarkdown(self, md):
        md.parser.parseBlocks = quick_parse_blocks(md.parser)


def makeExtension(**kwargs):
    return QuickBlocksExtension(**kwargs)

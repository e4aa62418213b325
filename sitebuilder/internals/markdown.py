"""Python-Markdown's private parts that the build uses, for Python-Markdown 3.11.3 only.

Two extensions of site_content make converting Markdown about twice as fast
(paired runs over the benchmark's bodies, bench/RESULTS.md; the same HTML, byte for byte: tests/test_content_model.py compares them),
and both replace a loop of Python-Markdown's with a copy that skips work
whose answer is known:

- `QuickInlineProcessor` overrides the private, name-mangled
  `InlineProcessor.__handleInline` (and calls its `__applyPattern`);
- `quick_parse_blocks` replaces `BlockParser.parseBlocks` on one parser.

Inline:
Markdown tries each of its inline patterns (links, code, HTML, entities...)
on every piece of text, and most text has none of the characters they need:
a link needs "[", inline HTML "<", an entity "&". Trying them was the
largest part of converting a story. This processor is Python-Markdown's own,
with one change: a pattern whose regular expression needs a character the
text does not have is skipped, which is what trying it would have come to
(no match: the next pattern, from the start). So the HTML is the same, byte
for byte (tests/test_content_model.py compares them).

Only the patterns listed in TRIGGERS are ever skipped; any other (emphasis,
or one an extension adds) is tried as always.

Blocks:
Markdown hands each block of text (paragraphs, between blank lines) to its
block processors in turn, until one takes it; a paragraph of plain text is
offered to every one of them first: tables, headings, lists, quotes,
definitions, footnotes, abbreviations, link references. Each looks for
something a plain paragraph does not have: a table needs "|", a heading "#",
a quote ">", a link reference "]:". This parser is Python-Markdown's own
loop, with one change: a processor listed in NEEDS is passed over when the
block lacks what it looks for, which is what asking it would have come to (its
test fails, or its run puts the block back and returns False). So the HTML is
the same, byte for byte (tests/test_content_model.py compares them).

Only the processors named in NEEDS, of the classes named there, are ever
passed over; any other (one an extension adds or replaces) is asked as always.
"""

import markdown
from markdown import blockprocessors, util
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import InlineProcessor

from . import require

WRITTEN_FOR = "3.11.3"
require("Markdown", markdown.__version__, WRITTEN_FOR)

__all__ = ["NEEDS", "TRIGGERS", "QuickInlineProcessor", "install_quick_parse_blocks", "quick_parse_blocks"]


# Inline patterns of Python-Markdown and its `extra` extensions, by name, and
# a string that every match of their regular expression contains.
TRIGGERS = {
    "backtick": "`",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "footnote": "[",
    "autolink": "<",
    "automail": "<",
    "html": "<",
    "entity": "&",
    "linebreak": "\n",
}


class QuickInlineProcessor(InlineProcessor):
    def run(self, tree, ancestors=None):
        patterns = self.inlinePatterns
        self._needs = {id(patterns[name]): text for name, text in TRIGGERS.items() if name in patterns}
        return super().run(tree, ancestors)

    # Python-Markdown's InlineProcessor.__handleInline, with the skip.
    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if not isinstance(data, util.AtomicString):
            startIndex = 0
            patterns = self.inlinePatterns
            count = len(patterns)
            needs = self._needs
            apply = self._InlineProcessor__applyPattern
            while patternIndex < count:
                pattern = patterns[patternIndex]
                needed = needs.get(id(pattern))
                if needed is not None and needed not in data:
                    patternIndex += 1  # as after trying it: no match
                    startIndex = 0
                    continue
                data, matched, startIndex = apply(pattern, data, patternIndex, startIndex)
                if not matched:
                    patternIndex += 1
        return data


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


def install_quick_parse_blocks(md):
    """Make `md` (a Markdown instance) parse its blocks with quick_parse_blocks."""
    md.parser.parseBlocks = quick_parse_blocks(md.parser)

"""Python-Markdown's inline processing, without trying patterns that cannot match.

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
"""

from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

__all__ = ["QuickInlineExtension", "makeExtension", "TRIGGERS"]

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


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs):
    return QuickInlineExtension(**kwargs)

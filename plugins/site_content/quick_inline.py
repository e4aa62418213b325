"""Python-Markdown's inline processing, without trying patterns that cannot match.

The same HTML, in about half the time with quick_blocks (paired runs,
bench/RESULTS.md): what a first build spends most on. The processor
overrides a private part of Python-Markdown: it is in
sitebuilder.internals.markdown, which checks Python-Markdown's version.
"""

from markdown.extensions import Extension

from sitebuilder.internals.markdown import QuickInlineProcessor

__all__ = ["QuickInlineExtension", "makeExtension"]


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs):
    return QuickInlineExtension(**kwargs)

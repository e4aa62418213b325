"""Python-Markdown's block parsing, without asking processors that cannot act on a block.

The same HTML, faster (see quick_inline). The parser's loop replaces a
private part of Python-Markdown: it is in sitebuilder.internals.markdown,
which checks Python-Markdown's version.
"""

from markdown.extensions import Extension

from sitebuilder.internals.markdown import install_quick_parse_blocks

__all__ = ["QuickBlocksExtension", "makeExtension"]


class QuickBlocksExtension(Extension):
    def extendMarkdown(self, md):
        install_quick_parse_blocks(md)


def makeExtension(**kwargs):
    return QuickBlocksExtension(**kwargs)

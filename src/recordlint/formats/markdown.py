"""Markdown: lint prose, not code, front matter, HTML or link targets.

Parsed with markdown-it-py (CommonMark plus tables). Block tokens give line
ranges to blank (fences, indented code, HTML blocks); inline tokens give the
code spans, link and image targets and inline HTML, which are found in the
source in order and blanked. Headings, lists, blockquotes and tables stay.
"""

from __future__ import annotations

import re

from recordlint.formats import blank

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
_BLOCKS_TO_BLANK = {"fence", "code_block", "html_block"}
_TARGET_START = re.compile(r"(?<!\\)\](?=[(\[])")  # the "](" or "][" after a link's text
_TEXT_END = re.compile(r"(?<!\\)\]")


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def lintable_text(source: str, keep_html: bool = False) -> str:
    """The source with code, front matter, HTML and link targets blanked; same length and line breaks.

    With `keep_html`, HTML (where suppression comments live) is left in place.
    """
    chars = list(source)
    front = _FRONT_MATTER.match(source)
    if front:
        blank(chars, 0, front.end())
    parse_source = "".join(chars)
    line_starts = [0]
    for m in re.finditer("\n", source):
        line_starts.append(m.end())
    line_starts.append(len(source) + 1)

    def line_offset(line: int) -> int:
        return line_starts[min(line, len(line_starts) - 1)]

    cursor = 0
    covered = bytearray(len(line_starts))
    blocks = _BLOCKS_TO_BLANK - ({"html_block"} if keep_html else set())
    for token in _parser().parse(parse_source):
        if token.map:
            if token.level == 0:
                covered[token.map[0]:token.map[1]] = b"\x01" * (token.map[1] - token.map[0])
            start, end = line_offset(token.map[0]), line_offset(token.map[1])
            if token.type in blocks:
                blank(chars, start, end)
                cursor = end
                continue
            if token.type == "inline":
                cursor = max(cursor, start)
                cursor = _blank_inline(token.children or [], source, chars, cursor, end, keep_html)
                continue
        elif token.type == "inline":
            cursor = _blank_inline(token.children or [], source, chars, cursor, len(source), keep_html)
    # Lines outside every block are link reference definitions ("[id]: url 'title'"): not prose.
    for line in range(len(line_starts) - 2):
        if not covered[line]:
            blank(chars, line_offset(line), line_offset(line + 1))
    return "".join(chars)


def _blank_inline(children, source: str, chars: list[str], cursor: int, limit: int,
                  keep_html: bool = False) -> int:
    """Walk inline tokens in source order, blanking code spans, link targets, images and HTML."""
    for child in children:
        kind = child.type
        if kind == "text" and child.content:
            at = source.find(child.content, cursor, limit)
            if at >= 0:
                cursor = at + len(child.content)
        elif kind == "code_inline":
            fence = child.markup or "`"
            at = source.find(fence, cursor, limit)
            if at >= 0:
                close = source.find(fence, at + len(fence) + max(len(child.content) - 2, 0), limit)
                stop = close + len(fence) if close >= 0 else at + len(fence) + len(child.content)
                blank(chars, at, stop)
                cursor = stop
        elif kind == "html_inline":
            at = source.find(child.content, cursor, limit)
            if at >= 0:
                if not keep_html:
                    blank(chars, at, at + len(child.content))
                cursor = at + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            at = source.find("<", cursor, limit)
            close = source.find(">", at, limit) if at >= 0 else -1
            if close >= 0:
                blank(chars, at, close + 1)
                cursor = close + 1
        elif kind == "link_close" and child.markup != "autolink":
            cursor = _blank_link_target(source, chars, cursor, limit)
        elif kind == "image":
            at = source.find("![", cursor, limit)
            if at >= 0:
                end = _blank_link_target(source, chars, at + 2, limit)
                blank(chars, at, end)
                cursor = end
    return cursor


def _blank_link_target(source: str, chars: list[str], cursor: int, limit: int) -> int:
    """After a link's text: blank `](target "title")` or `][ref]`; return the new cursor."""
    m = _TARGET_START.search(source, cursor, limit) or _TEXT_END.search(source, cursor, limit)
    if m is None:
        return cursor
    after = m.start() + 1
    if source.startswith("(", after):
        depth, i = 0, after
        while i < limit and i < len(source):
            if source[i] == "(":
                depth += 1
            elif source[i] == ")":
                depth -= 1
                if depth == 0:
                    blank(chars, after, i + 1)
                    return i + 1
            i += 1
    elif source.startswith("[", after):
        end = source.find("]", after, limit)
        if end >= 0:
            blank(chars, after, end + 1)
            return end + 1
    return after

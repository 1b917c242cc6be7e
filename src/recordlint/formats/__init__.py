"""Input formats: each turns a file's content into text to lint plus the text to show.

Text to lint keeps every character offset of the original (parts that must not
be linted, such as code or URLs, are blanked with spaces, line breaks kept),
so findings point straight into the original file.
"""

from __future__ import annotations

from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".txt",)
CHECKED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + DOCX_SUFFIXES


def format_of(path: str) -> str:
    """`markdown`, `docx` or `text`, by file suffix (stdin is text)."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "text"


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace chars[start:end] with spaces, keeping line breaks."""
    for i in range(max(0, start), min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "

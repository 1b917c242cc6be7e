"""Find quoted passages once per note; a position is quoted if it falls inside one.

The person's own words are evidence, not the writer's language, so most rules
never fire inside quotation marks. Unbalanced quotes run to the end of the line.
"""

from __future__ import annotations

import bisect
import re

_PAIRS = (
    # straight double quotes, possibly across a line break but not a blank line
    re.compile(r'"(?:[^"\n]|\n(?!\n))*"'),
    re.compile(r"“[^”“]*”"),
    # curly single quotes; a ’ between letters is an apostrophe, not a close
    re.compile(r"‘(?:[^’‘\n]|’(?=\w))*’(?!\w)"),
    # straight single quotes at word edges: 'like this', not don't or the boys' room
    re.compile(r"(?<![\w'])'(?=[^\s'])(?:[^'\n]|'(?=\w))*?(?<=\S)'(?!\w)"),
)
_OPENERS = re.compile(r'["“]')


class QuoteIndex:
    """Sorted, merged quoted intervals of one note's text (inclusive of the marks)."""

    def __init__(self, text: str) -> None:
        spans: list[tuple[int, int]] = []
        if '"' in text or "“" in text or "‘" in text or "'" in text:
            taken = bytearray(len(text))
            for regex in _PAIRS:
                for m in regex.finditer(text):
                    if not any(taken[m.start():m.end()]):
                        spans.append((m.start(), m.end()))
                        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            for m in _OPENERS.finditer(text):
                if not taken[m.start()]:
                    line_end = text.find("\n", m.start())
                    end = len(text) if line_end < 0 else line_end
                    spans.append((m.start(), end))
                    taken[m.start():end] = b"\x01" * (end - m.start())
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def contains(self, start: int, end: int) -> bool:
        """True if the span [start, end) lies within a quotation."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end

    def between(self, start: int, end: int) -> bool:
        """True if a quotation begins within [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

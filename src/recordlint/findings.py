"""The data that flows through recordlint: Record → (spaCy Doc) → Finding → Report."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Finding severity; the order makes `--fail-on` a simple comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = tuple(s.label for s in Severity)
FAIL_ON = (*SEVERITY_NAMES, "never")  # --fail-on and the config's fail-on


@dataclass(frozen=True, slots=True)
class Record:
    """One note to check: where it came from and its decoded text (`\\n` line ends).

    `path` names the file (or `-`); batch sources also set the record's `id`,
    its `row` (1-based, as a reader of the source would count it) and the
    `fields` kept for grouping. For Markdown, `text` has code, HTML and link
    targets blanked (offsets unchanged) and `original` is the file itself.
    """

    path: str
    text: str
    id: str = ""
    row: int | None = None
    fields: tuple[tuple[str, str], ...] = ()
    format: str = "text"  # text, markdown or docx
    original: str | None = None  # the file as written, when `text` blanks parts of it

    @property
    def display_text(self) -> str:
        return self.text if self.original is None else self.original


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a note. `start`/`end` are character offsets, `end` exclusive."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestions": list(self.suggestions),
        }


_NEWLINE = re.compile("\n")


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass(slots=True)
class FileReport:
    """The findings for one record, sorted by position."""

    record: Record
    findings: list[Finding] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.record.path


@dataclass(slots=True)
class Report:
    """Everything one run found, plus notices worth telling the user once."""

    files: list[FileReport] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def findings(self):
        for file in self.files:
            yield from file.findings

    def by_category(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings():
            counts[finding.category] = counts.get(finding.category, 0) + 1
        return dict(sorted(counts.items()))

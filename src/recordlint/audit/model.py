"""What flows between the audit's parts: a record read, a record skipped, a record checked.

Everything here is plain data that pickles cheaply between processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recordlint.findings import Record


@dataclass(frozen=True, slots=True)
class Read:
    """A record read from an input, to be checked. `warnings` note what reading it took (e.g. cp1252)."""

    record: Record
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record read but not checked, and why. `row` is None for a file in a folder."""

    source: str
    row: int | None
    id: str
    reason: str

    def to_dict(self) -> dict:
        return {"source": self.source, "row": self.row, "id": self.id, "reason": self.reason}


# One finding as plain data: the fields of findings.csv, in that order.
# (rule, category, severity, line, column, start, end, text, message, suggestion)
FindingRow = tuple[str, str, str, int, int, int, int, str, str, str]


@dataclass(slots=True)
class Checked:
    """A record and what checking it found."""

    read: Read
    words: int
    findings: list[FindingRow] = field(default_factory=list)
    score: int = 100

    @property
    def record(self) -> Record:
        return self.read.record


Item = Read | Skipped

"""The reporter lifecycle (after flake8's formatters): start → file → … → finish."""

from __future__ import annotations

import sys
from typing import TextIO

from recordlint.findings import FileReport, Report


class Reporter:
    """Subclasses override `file` (called as each record is done) and `finish`."""

    def __init__(self, stream: TextIO | None = None, *, color: bool | None = None,
                 quiet: bool = False, rules: dict | None = None) -> None:
        self.stream = stream or sys.stdout
        self.color = color
        self.quiet = quiet
        self.rules = {} if rules is None else rules  # rule id → Rule; callers may fill it as linters are built

    def file(self, report: FileReport) -> None:
        """Called once per record, in input order."""

    def finish(self, report: Report) -> None:
        """Called once at the end with everything."""

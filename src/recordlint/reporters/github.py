"""`--format github`: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from recordlint.findings import FileReport, Finding, Severity
from recordlint.reporters.base import Reporter

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def end_column(f: Finding) -> int:
    """The column just after the match on its first line (GitHub wants a single-line range)."""
    first_line = f.text.split("\n", 1)[0]
    return f.column + len(first_line)


class GithubReporter(Reporter):
    def file(self, report: FileReport) -> None:
        for f in report.findings:
            self.stream.write(
                f"::{LEVELS[f.severity]} file={_prop(report.path)},line={f.line},col={f.column},"
                f"endColumn={end_column(f)},title={_prop(f.rule)}::{_data(f.message)}\n")

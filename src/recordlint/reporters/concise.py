"""`--format concise`: `path:line:col: category rule message`, for editors and grep."""

from __future__ import annotations

from recordlint.findings import FileReport
from recordlint.reporters.base import Reporter


class ConciseReporter(Reporter):
    def file(self, report: FileReport) -> None:
        for f in report.findings:
            self.stream.write(f"{report.path}:{f.line}:{f.column}: {f.category} {f.rule} {f.message}\n")

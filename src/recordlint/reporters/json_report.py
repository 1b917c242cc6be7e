"""`--format json`: the stable, documented schema scripts rely on."""

from __future__ import annotations

import json

from recordlint import __version__
from recordlint.findings import Report
from recordlint.reporters.base import Reporter


def report_to_dict(report: Report) -> dict:
    return {
        "version": __version__,
        "files": [
            {"path": f.path, "findings": [finding.to_dict() for finding in f.findings]}
            for f in report.files
        ],
        "summary": {
            "files": len(report.files),
            "findings": sum(len(f.findings) for f in report.files),
            "by_category": report.by_category(),
        },
        "notices": list(report.notices),
    }


class JsonReporter(Reporter):
    def finish(self, report: Report) -> None:
        json.dump(report_to_dict(report), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

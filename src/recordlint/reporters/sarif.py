"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
from urllib.parse import quote

from recordlint import __version__
from recordlint.baseline import fingerprint, normalise_path
from recordlint.findings import Finding, LineIndex, Report, Severity
from recordlint.reporters.base import Reporter
from recordlint.suppressions import UNUSED_RULE, UNUSED_WHY

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _region(f: Finding, lines: LineIndex) -> dict:
    end = max(f.end, f.start)
    end_line, end_col = lines.locate(end)
    if f.end == f.start:  # a note-level finding points at one place
        end_line, end_col = f.line, f.column + 1
    return {"startLine": f.line, "startColumn": f.column, "endLine": end_line, "endColumn": end_col}


class SarifReporter(Reporter):
    def finish(self, report: Report) -> None:
        rule_ids: list[str] = list(self.rules)
        for f in report.findings():
            if f.rule not in rule_ids:
                rule_ids.append(f.rule)
        index = {rid: i for i, rid in enumerate(rule_ids)}
        descriptors = [self._descriptor(rid) for rid in rule_ids]
        results = []
        for file in report.files:
            lines = LineIndex(file.record.text)
            uri = quote(normalise_path(file.path), safe="/") if file.path != "-" else "stdin"
            for f in file.findings:
                message = f.message + (f" (try: {' / '.join(f.suggestions)})" if f.suggestions else "")
                results.append({
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": LEVELS[f.severity],
                    "message": {"text": message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _region(f, lines),
                    }}],
                    "partialFingerprints": {"recordlint/v1": fingerprint(f, file.path, file.record.text)},
                })
        sarif = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "recordlint",
                    "version": __version__,
                    "informationUri": "https://github.com/recordlint/recordlint",
                    "rules": descriptors,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        json.dump(sarif, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

    def _descriptor(self, rule_id: str) -> dict:
        rule = self.rules.get(rule_id)
        if rule is None:
            short = "A suppression comment that suppresses nothing" if rule_id == UNUSED_RULE else rule_id
            why = UNUSED_WHY if rule_id == UNUSED_RULE else ""
            level = "note"
        else:
            short = rule.description or rule.message.split(";")[0].replace("'{match}'", "phrase")
            why, level = rule.why, LEVELS[rule.severity]
        descriptor = {
            "id": rule_id,
            "name": rule_id.replace(".", "-").replace("_", "-"),
            "shortDescription": {"text": short},
            "fullDescription": {"text": why or short},
            "help": {"text": why or short},
            "defaultConfiguration": {"level": level},
        }
        if rule is not None and rule.link:
            descriptor["helpUri"] = rule.link
        if rule is not None:
            descriptor["properties"] = {"category": rule.category, "pack": rule.pack}
        return descriptor

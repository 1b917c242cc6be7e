"""Baselines: accept today's findings, report only new ones.

A fingerprint is built from the rule, the file, the matched text and a hash
of the sentence around it, never from line numbers, so edits elsewhere in a
file do not bring old findings back (the worry behind ruff #1149). The
baseline file holds fingerprints, rule ids, paths and lines, not note text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from recordlint import __version__
from recordlint.errors import RecordlintError
from recordlint.findings import FileReport, Finding

_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def normalise_path(path: str) -> str:
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding [start, end), whitespace-normalised."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m else len(text)
    return " ".join(text[left:right].split())


def fingerprint(finding: Finding, path: str, text: str) -> str:
    if finding.start == finding.end:  # a note-level finding belongs to the whole note, not a sentence
        sentence = "note"
    else:
        sentence = hashlib.sha256(sentence_around(text, finding.start, finding.end).lower().encode()).hexdigest()
    key = "\x1f".join((finding.rule, normalise_path(path), finding.text.lower(), sentence))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def write_baseline(path: str, reports: list[FileReport]) -> int:
    entries = [
        {"fingerprint": fingerprint(f, r.path, r.record.text), "rule": f.rule, "path": normalise_path(r.path),
         "line": f.line}
        for r in reports for f in r.findings
    ]
    data = {"recordlint": __version__, "kind": "recordlint-baseline", "version": 1, "findings": entries}
    try:
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise RecordlintError(f"{path}: cannot write baseline ({exc.strerror or exc})") from None
    return len(entries)


class Baseline:
    """Known fingerprints, counted: two identical findings in one sentence need two entries."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RecordlintError(f"{path}: baseline file not found (create it with --write-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RecordlintError(f"{path}: not a recordlint baseline ({exc})") from None
        findings = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("kind") != "recordlint-baseline" or not isinstance(findings, list):
            raise RecordlintError(f"{path}: not a recordlint baseline (no 'findings' list)")
        return cls(Counter(e["fingerprint"] for e in findings if isinstance(e, dict) and "fingerprint" in e))

    def new_findings(self, report: FileReport) -> list[Finding]:
        kept = []
        for f in report.findings:
            fp = fingerprint(f, report.path, report.record.text)
            if self.counts[fp] > 0:
                self.counts[fp] -= 1
            else:
                kept.append(f)
        return kept

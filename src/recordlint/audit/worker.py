"""Lint a batch of texts and hand back plain data: the same code in a worker process or in-process.

A worker builds (or, forked, inherits) the linter once, in `init`, and then
lints batch after batch. It sees only texts, never ids or groups, and returns
per text either `(words, [FindingRow, ...])` or `(None, reason)` when checking
it failed (the record is then skipped with that reason, and the run goes on).
With `no_text`, matched text is dropped and messages are rendered without the
values taken from the note, here, before anything leaves the worker.
"""

from __future__ import annotations

import signal
import string
from typing import Any

from recordlint.audit.model import FindingRow
from recordlint.audit.score import count_words

_STATE: dict[str, Any] = {}


def init(linter_options: dict | None, no_text: bool, linter=None, ignore_sigint: bool = False) -> None:
    """Set up this process: use `linter` (in-process or inherited by fork) or build one from the options."""
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if linter is None:
        linter = _STATE.get("linter")
    if linter is None:
        from recordlint.api import build_linter

        linter = build_linter(**(linter_options or {}))
    _STATE["linter"] = linter
    _STATE["no_text"] = no_text
    _STATE["templates"] = {rule.id: rule.message for rule in linter.rules}


def inherit(linter) -> None:
    """Called in the parent before forking, so forked workers need not build the linter again."""
    _STATE["linter"] = linter


def lint_batch(texts: list[str]) -> list[tuple[int | None, Any]]:
    """Lint texts in order; one bad text costs only itself."""
    linter = _STATE["linter"]
    try:
        reports = list(linter.lint(_records(texts)))
    except Exception:
        return [_lint_one(linter, text) for text in texts]
    return [(count_words(text), _rows(report.findings)) for text, report in zip(texts, reports)]


def _records(texts: list[str]):
    from recordlint.findings import Record

    return (Record("", text) for text in texts)


def _lint_one(linter, text: str) -> tuple[int | None, Any]:
    try:
        report = next(iter(linter.lint(_records([text]))))
    except Exception as exc:  # an engine fault on this one note: skip it, say so, go on
        return None, f"internal error while checking ({type(exc).__name__})"
    return count_words(text), _rows(report.findings)


def _rows(findings) -> list[FindingRow]:
    no_text = _STATE["no_text"]
    templates = _STATE["templates"]
    rows = []
    for f in findings:
        message = redact(templates.get(f.rule, ""), f.suggestions) if no_text else f.message
        text = "" if no_text else f.text
        rows.append((f.rule, f.category, f.severity.label, f.line, f.column, f.start, f.end, text, message,
                     " / ".join(f.suggestions)))
    return rows


SAFE_FIELDS = ("suggestion", "suggestions")  # from the rule pack, never from the note


def redact(template: str, suggestions: tuple[str, ...] = ()) -> str:
    """A rule's message with every value that may come from the note ({match}, {trigger}, ...) as '…'.

    Only the suggestions, which come from the rule pack, are filled in.
    """
    values = {"suggestion": suggestions[0] if suggestions else "", "suggestions": " or ".join(suggestions)}
    out = []
    try:
        for literal, field, _spec, _conv in string.Formatter().parse(template):
            out.append(literal)
            if field is not None:
                out.append(values[field] if field in SAFE_FIELDS and values[field] else "…")
    except ValueError:
        return ""
    return "".join(out)

"""Small helpers shared by the test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
PACKS = FIXTURES / "packs"
PYTHON = sys.executable

# Packs that load together for kind/condition tests (fx-broken stays apart).
SHARED_PACKS = ("fx-kinds.yaml", "fx-unless.yaml", "fx-severity.yaml", "sleepover.yaml")

ANSI = "\x1b["


def pack(name: str) -> str:
    """Path of a fixture pack."""
    return str(PACKS / name)


def one_line_error(stderr: str) -> str:
    """Assert stderr is exactly one `recordlint: error:` line (no traceback) and return it."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("recordlint: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def spans_ok(text: str, findings) -> None:
    """Every finding's offsets, line and column agree with the text."""
    for f in findings:
        f = f if isinstance(f, dict) else f.to_dict()
        assert 0 <= f["start"] <= f["end"] <= len(text), f
        assert text[f["start"]:f["end"]] == f["text"], f
        before = text[:f["start"]]
        assert f["line"] == before.count("\n") + 1, f
        assert f["column"] == f["start"] - (before.rfind("\n") + 1) + 1, f

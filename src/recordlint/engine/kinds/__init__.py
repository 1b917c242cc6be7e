"""Check kinds: the built-in four, plus any from the `recordlint.checks` entry point."""

from __future__ import annotations

from recordlint.engine.kinds.absence import AbsenceCheck
from recordlint.engine.kinds.acronym import AcronymCheck
from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.engine.kinds.pattern import PatternCheck
from recordlint.engine.kinds.phrase import PhraseCheck

BUILTIN_KINDS: dict[str, type[Check]] = {
    cls.kind: cls for cls in (PhraseCheck, PatternCheck, AcronymCheck, AbsenceCheck)
}


def kinds() -> dict[str, type[Check]]:
    """Every available kind; built-ins win over plugins of the same name."""
    return dict(BUILTIN_KINDS)


__all__ = ["BUILTIN_KINDS", "Candidate", "Check", "ParseEnv", "kinds"]

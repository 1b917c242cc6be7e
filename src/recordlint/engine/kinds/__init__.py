"""Check kinds: the built-in ones, plus any from the `recordlint.checks` entry point."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from recordlint.engine.kinds.absence import AbsenceCheck
from recordlint.engine.kinds.acronym import AcronymCheck
from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.engine.kinds.identifier import IdentifierCheck
from recordlint.engine.kinds.missing import MissingCheck
from recordlint.engine.kinds.pattern import PatternCheck
from recordlint.engine.kinds.phrase import PhraseCheck
from recordlint.engine.kinds.regex import ConditionalCheck, ExistenceCheck, OccurrenceCheck, SubstitutionCheck

BUILTIN_KINDS: dict[str, type[Check]] = {
    cls.kind: cls for cls in (PhraseCheck, PatternCheck, AcronymCheck, AbsenceCheck, MissingCheck, IdentifierCheck,
                              ExistenceCheck, SubstitutionCheck, OccurrenceCheck, ConditionalCheck)
}


class Kinds(Mapping):
    """Kind name → Check class. Plugin kinds are known by name from package metadata and
    imported only when looked up; a built-in name always means the built-in kind."""

    def __init__(self) -> None:
        from recordlint.plugins import check_entry_points

        self._plugins = {name: ep for name, ep in check_entry_points().items() if name not in BUILTIN_KINDS}
        self._loaded: dict[str, type[Check]] = {}

    def __getitem__(self, name: str) -> type[Check]:
        if name in BUILTIN_KINDS:
            return BUILTIN_KINDS[name]
        if name not in self._loaded:
            if name not in self._plugins:
                raise KeyError(name)
            from recordlint.plugins import load_check

            self._loaded[name] = load_check(self._plugins[name])
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in BUILTIN_KINDS or name in self._plugins

    def __iter__(self) -> Iterator[str]:
        yield from BUILTIN_KINDS
        yield from (n for n in sorted(self._plugins) if n not in BUILTIN_KINDS)

    def __len__(self) -> int:
        return len(BUILTIN_KINDS) + len(self._plugins)

    def origin(self, name: str) -> str:
        """"built-in" or how the plugin providing the kind is named."""
        if name in BUILTIN_KINDS:
            return "built-in"
        from recordlint.plugins import describe

        return describe(self._plugins[name])


def kinds() -> Kinds:
    """Every available kind; built-ins win over plugins of the same name."""
    return Kinds()


__all__ = ["BUILTIN_KINDS", "Candidate", "Check", "Kinds", "ParseEnv", "kinds"]

"""The interface every check kind implements (built-in or from the `recordlint.checks` entry point).

A kind has two halves:
- `parse(raw, env)`, a classmethod run when a pack loads: it validates the
  kind's own YAML fields and returns them as plain data (no spaCy);
- an instance, built once per run with the shared Compiler, that registers its
  phrases and patterns and then proposes candidates for each Doc.

Span kinds implement `find`. Note kinds (`note_level = True`) implement
`observe` for each Doc of a note and `conclude` once the whole note is seen.
The engine applies `exceptions` and `unless` to every candidate, so kinds
only say where they match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator

from recordlint.ruleset.schema import Rule


@dataclass(frozen=True, slots=True)
class ParseEnv:
    """What `parse` may use: pack lexicons, the pack's folder and a safe YAML reader."""

    lexicons: dict[str, list[str]]
    base_dir: Path
    load_data: Callable[[str], Any]


@dataclass(slots=True)
class Candidate:
    """A proposed finding: token span in the current Doc (span kinds) or character span (note kinds)."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)


class Check:
    """Base class for check kinds."""

    kind: ClassVar[str] = ""
    note_level: ClassVar[bool] = False
    fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        """Validate the kind's own fields; raise schema.FieldError on a bad one."""
        return {}

    def __init__(self, rule: Rule, compiler) -> None:
        self.rule = rule

    # span kinds
    def find(self, ctx) -> Iterator[Candidate]:
        return iter(())

    # note kinds
    def new_state(self) -> Any:
        return None

    def observe(self, ctx, state: Any, accept: Callable[[int, int], bool]) -> None:
        """Look at one Doc of the note; `accept(start, end)` applies exceptions and unless."""

    def conclude(self, state: Any, text: str) -> Candidate | None:
        return None

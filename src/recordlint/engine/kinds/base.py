"""The interface every check kind implements, built-in or from the `recordlint.checks` entry point.

A check kind is a subclass of `Check`. A plugin registers one in its
`pyproject.toml`; the entry point's name must equal the class's `kind`:

    [project.entry-points."recordlint.checks"]
    long-sentence = "my_package.checks:LongSentenceCheck"

Class attributes
    kind        the name rules use in `kind:`; letters, digits and `-`. A plugin
                cannot replace a built-in kind.
    fields      frozenset of the kind's own YAML fields. The loader refuses any
                other field that is not a common one (id, category, severity,
                message, why, link, description, unless, requires, exceptions,
                examples, source), naming the file, line, rule and field.
    note_level  False (default): a span kind, which implements `find`.
                True: a note kind, which implements `new_state`, `observe`
                and `conclude`. `__init__` may set `self.note_level` per rule.
    stacks      False (default): overlapping findings of one category are
                reported once (the longest). True: each finding of this kind
                stands beside overlapping ones (`missing` reports one finding
                per missing part, all on the same phrase).
    template    optional YAML text of the kind's own fields, with comments and,
                ideally, an `examples:` block that passes with those fields;
                `recordlint rules new ID --kind KIND` puts it in the skeleton
                (indented as a rule's fields) and adds placeholder examples
                when it has none.

Lifecycle
1. Load time, once per rule: `parse(raw, env)` (a classmethod). `raw` is the
   rule's YAML mapping as read (common fields included; read only your own).
   Validate your fields and return them as plain data: the result becomes
   `rule.options`. Compile regular expressions here (see
   `schema.compile_regex`) so a bad one is a load error, never a crash
   mid-run. On a bad value raise `schema.FieldError(field, message)`; `field`
   is the YAML field name (dotted or indexed for nested values, e.g.
   `terms.foo.suggest` or `tokens[2]`) and the loader adds the file, line and
   rule id. Helpers: `schema.as_str`, `as_str_list`, `as_int`, `as_bool`,
   `as_choice`, `as_patterns`, `as_match_spec`. `env` is a `ParseEnv`:
   `env.lexicons` (the pack's named word lists), `env.base_dir` (the pack's
   folder) and `env.load_data(name)` (a YAML file inside the pack's folder,
   read with the safe loader; paths outside the folder are refused).
2. Run time, once per Linter: `__init__(rule, compiler)`. Register any phrases
   or spaCy token patterns with the shared compiler under keys that start with
   the rule id: `compiler.add_phrases(key, phrases, attr)`,
   `compiler.add_patterns(key, patterns)` or `compiler.add_spec(key, spec)`
   for a `MatchSpec`. Their matches come back, per Doc, from
   `ctx.hits_for(key)` as sorted (start, end) token offsets.
3. For every spaCy Doc of a note (a note longer than 100,000 characters is
   split at line breaks into several Docs), with a `DocContext` `ctx`:
   `ctx.doc` (the Doc), `ctx.offset` (character offset of the Doc in the note),
   `ctx.note` (`NoteInfo`: the whole note's `text`, its `quotes` and a `memo`
   dict shared by all Docs of the note; prefix memo keys with your kind or
   rule id) and `ctx.hits_for(key)`.
   - span kinds: `find(ctx)` yields `Candidate(start, end, suggestions,
     values)` where `start`/`end` are token offsets in `ctx.doc` (`end`
     exclusive, `start < end`). `ctx.accepts(self.rule, start, end)` says
     whether a span survives the rule's `exceptions` and `unless` (the engine
     asks again of every candidate). A regex match's characters become tokens with
     `ctx.doc.char_span(c0, c1, alignment_mode="expand")`; give `chars=(c0, c1)`
     too for a finding on exactly those characters.
   - note kinds: `observe(ctx, state, accept)` updates `state` (made by
     `new_state()` once per note); `accept(start, end)` says whether a token
     span survives the rule's `exceptions` and `unless`.
4. Note kinds, once the whole note is seen: `conclude(state, text)` returns one
   `Candidate` whose `start`/`end` are character offsets in the whole note
   (`start == end == 0` for a finding that belongs to the note as a whole),
   or None.

The engine applies `exceptions` and `unless` to every span candidate, honours
rules' `supersedes` / `defers_to` across categories, keeps the longest of
overlapping findings within a category (unless the kind `stacks`), runs
rules of a pack with `formats:` only on records of those formats (or where
the user named them), and fills the message:
`{match}` (the matched text, unless `values` gives one), `{suggestion}`,
`{suggestions}` and every key of `values`. Kinds only say where they match.
A kind must not keep state between notes except in `state` or `ctx.note.memo`.
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
    # span kinds only, optional: the exact character offsets in `ctx.doc` of a match that does not end on
    # a token boundary ("B" of the token "B."); the finding covers these instead of the whole tokens
    chars: tuple[int, int] | None = None


class Check:
    """Base class for check kinds; see the module docstring for the full contract."""

    kind: ClassVar[str] = ""
    note_level: ClassVar[bool] = False
    stacks: ClassVar[bool] = False
    fields: ClassVar[frozenset[str]] = frozenset()
    template: ClassVar[str] = ""

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


def longest_spans(spans) -> list[tuple[int, int]]:
    """Spans in order, dropping any that overlaps an earlier or longer one (a Matcher reports every variant)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept

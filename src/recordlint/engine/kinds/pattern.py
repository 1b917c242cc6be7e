"""`pattern`: spaCy Matcher token patterns, written as spaCy writes them."""

from __future__ import annotations

from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv, longest_spans
from recordlint.ruleset.schema import FieldError, as_patterns, as_str_list


class PatternCheck(Check):
    kind = "pattern"
    fields = frozenset({"patterns", "suggestions"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        patterns = as_patterns(raw.get("patterns"), "patterns", env.lexicons)
        if not patterns:
            raise FieldError("patterns", "is required: a list of spaCy token patterns")
        return {"patterns": patterns, "suggestions": as_str_list(raw.get("suggestions"), "suggestions")}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        compiler.add_patterns(rule.id, rule.options["patterns"])
        self.suggestions = rule.options["suggestions"]

    def find(self, ctx):
        for start, end in longest_spans(ctx.hits_for(self.rule.id)):
            yield Candidate(start, end, self.suggestions)

"""A new check kind, `long-sentence`: sentences longer than `max_words` words.

It follows the interface in recordlint/engine/kinds/base.py: `parse` validates
the kind's own fields when a pack loads; `find` proposes token spans for each
spaCy Doc; the engine applies `exceptions` and `unless` and fills the message.
"""

from __future__ import annotations

from typing import Any

from recordlint.engine.kinds import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import as_int


class LongSentenceCheck(Check):
    kind = "long-sentence"  # must equal the entry point's name
    fields = frozenset({"max_words"})
    template = """\
max_words: 30     # flag sentences with more words than this
"""

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        # as_int raises FieldError("max_words", ...), which recordlint reports with file, line and rule
        return {"max_words": as_int(raw.get("max_words"), "max_words", 30, minimum=1)}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        self.max_words = rule.options["max_words"]

    def find(self, ctx):
        for sent in ctx.doc.sents:
            words = sum(1 for token in sent if token.is_alpha or token.like_num)
            if words <= self.max_words:
                continue
            start, end = sent.start, sent.end
            while end > start + 1 and ctx.doc[end - 1].is_space:
                end -= 1
            yield Candidate(start, end, (), {"words": str(words), "max_words": str(self.max_words)})

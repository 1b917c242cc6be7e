"""`phrase`: term lists matched on LOWER, LEMMA or ORTH, each term with its own suggestions."""

from __future__ import annotations

from typing import Any

from recordlint.engine.compiler import normalise
from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import MATCH_ATTRS, FieldError, as_choice, as_str_list, as_terms


class PhraseCheck(Check):
    kind = "phrase"
    fields = frozenset({"terms", "terms_from", "attr", "suggestions"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        terms = list(as_terms(raw.get("terms"), "terms"))
        for name in as_str_list(raw.get("terms_from"), "terms_from"):
            data = env.load_data(name)
            if not isinstance(data, dict) or "terms" not in data:
                raise FieldError("terms_from", f"{name} must be a mapping with a 'terms:' key")
            terms.extend(as_terms(data["terms"], f"terms_from[{name}].terms"))
        if not terms:
            raise FieldError("terms", "is required: list the phrases to match (or use terms_from)")
        return {
            "terms": tuple(terms),
            "attr": as_choice(raw.get("attr"), "attr", MATCH_ATTRS, "LOWER"),
            "suggestions": as_str_list(raw.get("suggestions"), "suggestions"),
        }

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.attr = opts["attr"]
        self.default = opts["suggestions"]
        terms = opts["terms"]
        docs = compiler.add_phrases(rule.id, [t.phrase for t in terms], self.attr)
        by_phrase = {t.phrase: t for t in terms}
        self.lookup = {normalise(doc, self.attr): by_phrase[doc.text] for doc in docs if doc.text in by_phrase}

    def find(self, ctx):
        doc = ctx.doc
        for start, end in ctx.hits_for(self.rule.id):
            term = self.lookup.get(normalise(doc[start:end], self.attr))
            yield Candidate(start, end, (term.suggestions if term else ()) or self.default)

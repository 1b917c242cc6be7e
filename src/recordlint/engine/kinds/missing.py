"""`missing`: a span rule that fires on a trigger when no evidence appears within a scope around it.

Example: a note records that information was shared ("I emailed the school")
but, within the sentence or paragraph, says nothing of why. The finding sits on
the trigger and names what was looked for, so several `missing` rules that
share one trigger (what, with whom, why, ...) each report their own missing
part on the same phrase: the kind `stacks`, so the engine keeps all of them.

Scopes: `sentence` (the trigger's sentence, widened by `before` / `after`
sentences), `paragraph` (text between blank lines) or `note` (the whole note;
for a note over 100,000 characters, the part of it that holds the trigger).
One finding per rule per scope: later triggers inside a scope already
flagged are not reported again.

Triggers come from `trigger` or, so that several rules can share them, from
`trigger_from` files (each a mapping with `trigger:` and optional
`exceptions:` and `sources:`); a shared trigger is matched once however many
rules use it.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv, longest_spans
from recordlint.ruleset.schema import (
    FieldError, MatchSpec, as_choice, as_int, as_match_spec, as_str, as_str_list,
)

SCOPES = ("sentence", "paragraph", "note")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _merge(specs: list[MatchSpec]) -> MatchSpec:
    """One spec from several (they must share an attribute for phrases)."""
    specs = [s for s in specs if s]
    if not specs:
        return MatchSpec()
    if len(specs) == 1:
        return specs[0]
    attrs = {s.attr for s in specs if s.phrases}
    if len(attrs) > 1:
        raise FieldError("trigger_from", "trigger phrases from several places must use one attr")
    return MatchSpec(tuple(dict.fromkeys(p for s in specs for p in s.phrases)),
                     tuple(p for s in specs for p in s.patterns),
                     attrs.pop() if attrs else "LOWER")


class MissingCheck(Check):
    kind = "missing"
    stacks = True
    fields = frozenset({"trigger", "trigger_from", "evidence", "scope", "before", "after", "looked_for"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        triggers = [as_match_spec(raw.get("trigger"), "trigger", env.lexicons)]
        not_triggers: list[MatchSpec] = []
        for name in as_str_list(raw.get("trigger_from"), "trigger_from"):
            data = env.load_data(name)
            where = f"trigger_from[{name}]"
            if not isinstance(data, dict) or "trigger" not in data:
                raise FieldError("trigger_from", f"{name} must be a mapping with a 'trigger:' key "
                                 "(and optionally 'exceptions:' and 'sources:')")
            unknown = set(data) - {"trigger", "exceptions", "sources", "description"}
            if unknown:
                raise FieldError(f"{where}.{sorted(map(str, unknown))[0]}",
                                 "is not a known key (trigger, exceptions, sources, description)")
            triggers.append(as_match_spec(data["trigger"], f"{where}.trigger", env.lexicons))
            not_triggers.append(as_match_spec(data.get("exceptions"), f"{where}.exceptions", env.lexicons))
        trigger = _merge(triggers)
        if not trigger:
            raise FieldError("trigger", "is required: phrases or patterns that make the rule apply "
                             "(or trigger_from: a file with them)")
        evidence = as_match_spec(raw.get("evidence"), "evidence", env.lexicons)
        if not evidence:
            raise FieldError("evidence", "is required: phrases or patterns whose presence in the scope "
                             "satisfies the rule")
        scope = as_choice(raw.get("scope"), "scope", SCOPES, "sentence")
        before = as_int(raw.get("before"), "before", 0)
        after = as_int(raw.get("after"), "after", 0)
        if scope != "sentence" and (before or after):
            raise FieldError("before" if before else "after", "widens a 'sentence' scope only; "
                             f"scope is {scope!r}")
        return {"trigger": trigger, "not_trigger": _merge(not_triggers), "evidence": evidence,
                "scope": scope, "before": before, "after": after,
                "looked_for": as_str(raw.get("looked_for"), "looked_for") or "evidence"}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.trigger_key = compiler.shared_key(opts["trigger"])
        # look-alikes and evidence matter only where a trigger is: matched only in those Docs
        gate = self.trigger_key
        self.not_trigger_key = compiler.shared_key(opts["not_trigger"], gate) if opts["not_trigger"] else None
        self.evidence_key = compiler.shared_key(opts["evidence"], gate)
        self.scope, self.before, self.after = opts["scope"], opts["before"], opts["after"]
        self.looked_for = opts["looked_for"]

    def find(self, ctx):
        triggers = ctx.hits_for(self.trigger_key)
        if not triggers:
            return
        doc = ctx.doc
        blocked = ctx.hits_for(self.not_trigger_key) if self.not_trigger_key else ()
        evidence_starts = [s for s, _ in ctx.hits_for(self.evidence_key)]
        regions = _Regions(doc, self.scope, self.before, self.after)
        flagged_until = -1
        for start, end in longest_spans(triggers):
            if start < flagged_until:
                continue  # this scope already has a finding from this rule
            if any(s < end and start < e for s, e in blocked):
                continue
            if not ctx.accepts(self.rule, start, end):
                continue
            lo, hi = regions.around(start, end)
            i = bisect.bisect_left(evidence_starts, lo)
            if i < len(evidence_starts) and evidence_starts[i] < hi:
                continue
            flagged_until = hi
            while end - start > 1 and doc[end - 1].is_punct:  # "MASH informed." → "MASH informed"
                end -= 1
            yield Candidate(start, end, (), {"trigger": doc[start:end].text, "looked_for": self.looked_for})


class _Regions:
    """Token ranges of the scope around a trigger, computed lazily once per Doc."""

    def __init__(self, doc, scope: str, before: int, after: int) -> None:
        self.doc, self.scope, self.before, self.after = doc, scope, before, after
        self._bounds: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def _build(self) -> None:
        doc = self.doc
        if self.scope == "sentence":
            self._bounds = [(s.start, s.end) for s in doc.sents]
        else:  # paragraph: token ranges between blank lines
            bounds, c0, text = [], 0, doc.text
            for m in _PARAGRAPH_BREAK.finditer(text):
                bounds.append((c0, m.start()))
                c0 = m.end()
            bounds.append((c0, len(text)))
            token_bounds = []
            for b0, b1 in bounds:
                span = doc.char_span(b0, b1, alignment_mode="expand") if b1 > b0 else None
                if span is not None and len(span):
                    token_bounds.append((span.start, span.end))
            self._bounds = token_bounds or [(0, len(doc))]
        self._starts = [b[0] for b in self._bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        if self.scope == "note":
            return 0, len(self.doc)
        if self._bounds is None:
            self._build()
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        j = max(i, bisect.bisect_right(self._starts, max(start, end - 1)) - 1)
        lo_i = max(0, i - self.before)
        hi_j = min(len(self._bounds) - 1, j + self.after)
        return self._bounds[lo_i][0], self._bounds[hi_j][1]

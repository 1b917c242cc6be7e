"""`absence`: a note-level rule that fires when a trigger is present and no evidence is.

Example: the note records direct contact with the child (trigger) but holds
nothing of the child's own words, views or communication (evidence). A `veto`
anywhere in the note ("administrative call; no contact with the child")
means the rule does not apply. The finding points at the start of the note and names the trigger it saw and the
evidence it looked for, so users can see why it fired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import FieldError, as_match_spec, as_str


@dataclass(slots=True)
class _State:
    trigger: str | None = None
    evidence: bool = False
    vetoed: bool = False


class AbsenceCheck(Check):
    kind = "absence"
    note_level = True
    fields = frozenset({"trigger", "evidence", "veto", "quotes_are_evidence", "looked_for"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        trigger = as_match_spec(raw.get("trigger"), "trigger", env.lexicons)
        evidence = as_match_spec(raw.get("evidence"), "evidence", env.lexicons)
        if not trigger:
            raise FieldError("trigger", "is required: phrases or patterns that make the rule apply")
        quotes = raw.get("quotes_are_evidence", True)
        if not isinstance(quotes, bool):
            raise FieldError("quotes_are_evidence", "must be true or false")
        if not evidence and not quotes:
            raise FieldError("evidence", "is required: phrases or patterns whose presence satisfies the rule")
        return {"trigger": trigger, "evidence": evidence, "quotes_are_evidence": quotes,
                "veto": as_match_spec(raw.get("veto"), "veto", env.lexicons),
                "looked_for": as_str(raw.get("looked_for"), "looked_for") or "evidence"}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        self.trigger_key, self.evidence_key = f"{rule.id}:trigger", f"{rule.id}:evidence"
        compiler.add_spec(self.trigger_key, rule.options["trigger"])
        compiler.add_spec(self.evidence_key, rule.options["evidence"])
        self.veto_key = f"{rule.id}:veto"
        compiler.add_spec(self.veto_key, rule.options["veto"])

    def new_state(self) -> _State:
        return _State()

    def observe(self, ctx, state: _State, accept) -> None:
        if ctx.hits_for(self.veto_key):
            state.vetoed = True
        if state.evidence or state.vetoed:
            return
        if ctx.hits_for(self.evidence_key) or (self.rule.options["quotes_are_evidence"] and ctx.quotes):
            state.evidence = True
            return
        if state.trigger is None:
            for start, end in ctx.hits_for(self.trigger_key):
                if accept(start, end):
                    state.trigger = ctx.doc[start:end].text
                    break

    def conclude(self, state: _State, text: str) -> Candidate | None:
        if state.trigger is None or state.evidence or state.vetoed:
            return None
        return Candidate(0, 0, (), {"trigger": state.trigger, "looked_for": self.rule.options["looked_for"]})

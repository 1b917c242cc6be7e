"""`absence`: a note-level rule that fires when a trigger is present and no evidence is.

Example: the note records direct contact with the child (trigger) but holds
nothing of the child's own words, views or communication (evidence). A `veto`
anywhere in the note ("administrative call; no contact with the child")
means the rule does not apply. The finding points at the start of the note and names the trigger it saw and the
evidence it looked for, so users can see why it fired.

`min_triggers: N` asks for the trigger N times or more before the rule applies:
"Mum" used throughout a note (three times or more) without the parent's name
once, where a single "Mum" in passing is no finding. `{count}` in the message
is the number of triggers seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import FieldError, as_int, as_match_spec, as_str, as_str_list

PRONOUNS = frozenset({"he", "she", "they"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


@dataclass(slots=True)
class _State:
    trigger: str | None = None
    count: int = 0  # accepted triggers seen (all of them only with min_triggers > 1)
    evidence: bool = False
    vetoed: bool = False
    people: dict[str, str] | None = None  # name token → honorific, for the people the note is about


class AbsenceCheck(Check):
    kind = "absence"
    note_level = True
    fields = frozenset({"trigger", "evidence", "speech", "veto", "quotes_are_evidence", "looked_for",
                        "min_triggers"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        trigger = as_match_spec(raw.get("trigger"), "trigger", env.lexicons)
        evidence = as_match_spec(raw.get("evidence"), "evidence", env.lexicons)
        if not trigger:
            raise FieldError("trigger", "is required: phrases or patterns that make the rule apply")
        quotes = raw.get("quotes_are_evidence", True)
        if not isinstance(quotes, bool):
            raise FieldError("quotes_are_evidence", "must be true or false")
        speech = _speech(raw.get("speech"), env.lexicons)
        if not evidence and not quotes and not speech:
            raise FieldError("evidence", "is required: phrases or patterns whose presence satisfies the rule")
        return {"trigger": trigger, "evidence": evidence, "quotes_are_evidence": quotes,
                "veto": as_match_spec(raw.get("veto"), "veto", env.lexicons), "speech": speech,
                "looked_for": as_str(raw.get("looked_for"), "looked_for") or "evidence",
                "min_triggers": as_int(raw.get("min_triggers"), "min_triggers", 1, minimum=1)}

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
        if self.rule.options["speech"] and self._person_speaks(ctx.doc, state):
            state.evidence = True
            return
        needed = self.rule.options["min_triggers"]
        if needed > 1 or state.count == 0:  # with min_triggers, count them all for {count}
            last_end = -1
            for start, end in ctx.hits_for(self.trigger_key):
                if start < last_end:  # overlapping variants of one mention count once
                    continue
                if accept(start, end):
                    if state.trigger is None:
                        state.trigger = ctx.doc[start:end].text
                    state.count += 1
                    last_end = end
                    if needed == 1:
                        break

    def _person_speaks(self, doc, state: _State) -> bool:
        """Reported speech whose speaker is the person the note is about.

        The person is whoever the note introduces with an age, "Zara (8)" or
        "Mrs Iris Fenn (88)"; without one, any capitalised name that is not a
        family role or professional counts. A pronoun counts either way.
        """
        speech = self.rule.options["speech"]
        if state.people is None:
            state.people = _introduced_people(doc)
        people, others = state.people, speech["others"]
        for token in doc:
            if token.lower_ not in speech["verbs"]:
                continue
            if token.lower_ in _SAYING and doc[max(0, token.i - 2):token.i].text.lower().split()[-1:] in (
                    ["not"], ["n't"], ["never"]):
                continue  # "she could not say where she lives" is not her view
            for back in (1, 2, 3):  # "Jayden told", "Jayden then told", "he did n't want"
                if token.i - back < 0:
                    break
                speaker = doc[token.i - back]
                lower = speaker.lower_
                if lower == "who":  # "Jack, who said ...": only when Jack is the person
                    if _antecedent_is_person(doc, speaker.i, people, others):
                        return True
                    break
                if lower in PRONOUNS:
                    return True
                if speaker.is_title and lower not in others and lower not in HONORIFICS:
                    if people:
                        title = doc[speaker.i - 1].lower_ if speaker.i else ""
                        known = people.get(speaker.text, "")
                        if speaker.text in people and not (title in HONORIFICS and known and title != known):
                            return True
                    elif lower not in _STOP_STARTS:
                        return True
                if lower not in _BETWEEN:
                    break
        return False

    def conclude(self, state: _State, text: str) -> Candidate | None:
        if state.trigger is None or state.evidence or state.vetoed:
            return None
        if state.count < self.rule.options["min_triggers"]:
            return None
        return Candidate(0, 0, (), {"trigger": state.trigger, "looked_for": self.rule.options["looked_for"],
                                    "count": str(state.count)})


_BETWEEN = frozenset({"then", "also", "later", "quietly", "clearly", "again", "has", "had", "just",
                      "immediately", "spontaneously", "repeatedly", "often", "always", "eventually",
                      "did", "does", "do", "n't", "not", "would", "could", "really"})
_SAYING = frozenset({"say", "said", "tell", "told", "explain", "explained", "describe", "described",
                     "answer", "answered", "reply", "replied"})
_STOP_STARTS = frozenset({"i", "we", "it", "this", "that", "there", "the", "a", "an", "then", "when", "also"})


def _antecedent_is_person(doc, who: int, people: dict[str, str], others) -> bool:
    """Is the name before a relative "who" the person the note is about (not "Mr Price, who said")?"""
    i = who - 1
    while i >= 0 and doc[i].text in {",", ")"}:
        if doc[i].text == ")":  # step over a bracket such as an age: "Mrs Green (84), who"
            while i >= 0 and doc[i].text != "(":
                i -= 1
        i -= 1
    if i < 0 or not doc[i].is_title or doc[i].lower_ in others:
        return False
    if i > 0 and doc[i - 1].lower_ in HONORIFICS:
        return bool(people) and doc[i].text in people and people[doc[i].text] == doc[i - 1].lower_
    return not people or doc[i].text in people


def _introduced_people(doc) -> dict[str, str]:
    """Name tokens introduced with an age in brackets ("Mr Walter Brown (74)", "Zara (8)"), with any honorific."""
    people: dict[str, str] = {}
    for token in doc[:-2]:
        if token.text == "(" and doc[token.i + 1].like_num and token.i > 0:
            j = token.i - 1
            names = []
            while j >= 0 and token.i - j <= 4 and (
                    (doc[j].is_title and doc[j].lower_ not in HONORIFICS) or (doc[j].text == "-" and j > 0)):
                if doc[j].text != "-":
                    names.append(doc[j].text)
                j -= 1
            honorific = doc[j].lower_ if j >= 0 and doc[j].lower_ in HONORIFICS else ""
            for name in names:
                people.setdefault(name, honorific)
    return people


def _speech(value: Any, lexicons: dict[str, list[str]]) -> dict[str, frozenset[str]] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"verbs", "others"}:
        raise FieldError("speech", "must be a mapping with 'verbs' (and optionally 'others')")
    verbs = _words(value.get("verbs"), "speech.verbs", lexicons)
    if not verbs:
        raise FieldError("speech.verbs", "is required: the verbs of reported speech")
    return {"verbs": verbs, "others": _words(value.get("others"), "speech.others", lexicons)}


def _words(value: Any, name: str, lexicons: dict[str, list[str]]) -> frozenset[str]:
    """A word list, where "@name" entries expand a pack lexicon."""
    words: set[str] = set()
    for item in as_str_list(value, name):
        if item.startswith("@"):
            if item[1:] not in lexicons:
                raise FieldError(name, f"unknown lexicon {item!r}; define it under the pack's 'lexicons:'")
            words.update(w.lower() for w in lexicons[item[1:]])
        else:
            words.add(item.lower())
    return frozenset(words)

"""Context around a match: sentences, clauses, quotes and the cues behind `unless`.

Modelled on medspaCy's ConText: cues (attribution, hedges, reporting verbs,
specifics, terminators) are data in `rules/context.yaml`, matched in the same
pass as the rules; scopes are computed only around candidate matches.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from recordlint.engine.compiler import Hits
from recordlint.engine.quotes import QuoteIndex

CUE_NAMES = ("attribution", "hedge", "reporting", "belief", "specifics", "evidence", "terminator")
# A number, time, date or measure ("3", "10:15", "3/5", "2pm", "20mins", "5%"); not a code such as S47 or PC4471
_MEASURE = re.compile(r"[\d.,:/%-]*\d[\d.,:/%-]*(?:am|pm|st|nd|rd|th|h|hrs?|mins?|secs?|kg|g|mg|ml|cm|mm|m|km|k|x)?",
                      re.IGNORECASE)
SPECIFICS_WINDOW = 10  # tokens after a vague word in which detail counts as "specifics follow"


def cue_key(name: str) -> str:
    return f"cue:{name}"


class NoteInfo:
    """Facts about a whole note, shared by all its Docs; kinds may memoise in `memo`."""

    __slots__ = ("text", "quotes", "memo")

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = QuoteIndex(text)
        self.memo: dict = {}


@dataclass(slots=True)
class DocContext:
    """One spaCy Doc (a note, or a chunk of a long one) with its matches and quotes."""

    doc: Doc
    hits: Hits
    offset: int  # character offset of this Doc within the note
    note: NoteInfo
    text: str  # the Doc's text; `doc.text` would rebuild it token by token on every access
    _sentence_starts: list[int] | None = None

    @property
    def quotes(self) -> QuoteIndex:
        return self.note.quotes

    def hits_for(self, key: str) -> list[tuple[int, int]]:
        return self.hits.get(key, ())

    # --- scopes --------------------------------------------------------------
    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i (starts read once per Doc, then bisected)."""
        starts = self._sentence_starts
        if starts is None:
            from recordlint.engine.compiler import sentence_starts

            starts = self._sentence_starts = sentence_starts(self.doc)
        k = bisect.bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else len(self.doc)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The part of the sentence around [start, end) between terminators."""
        s0, s1 = self.sentence(start)
        lo, hi = s0, s1
        for t0, t1 in self.hits_for(cue_key("terminator")):
            if t0 >= s1:
                break
            if s0 <= t0 and t1 <= start:
                lo = max(lo, t1)
            elif t0 >= end and t0 < hi:
                hi = t0
        return lo, hi

    def cue_within(self, name: str, lo: int, hi: int, skip: tuple[int, int] | None = None) -> bool:
        """Is there a cue of this name starting in [lo, hi), not inside `skip`?"""
        spans = self.hits_for(cue_key(name))
        i = bisect.bisect_left(spans, (lo, -1))
        while i < len(spans) and spans[i][0] < hi:
            if skip is None or not (skip[0] <= spans[i][0] < skip[1]):
                return True
            i += 1
        return False

    # --- flags ---------------------------------------------------------------
    def char_span(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        return doc[start].idx + self.offset, doc[end - 1].idx + len(doc[end - 1]) + self.offset

    def is_quoted(self, start: int, end: int) -> bool:
        if not self.quotes:
            return False
        c0, c1 = self.char_span(start, end)
        return self.quotes.contains(c0, c1)

    def is_attributed(self, start: int, end: int) -> bool:
        s0, s1 = self.sentence(start)
        return self.cue_within("attribution", s0, s1, skip=(start, end))

    def is_hedged(self, start: int, end: int) -> bool:
        """A hedge earlier in the clause ("She appeared tired")."""
        lo, _ = self.clause(start, end)
        return self.cue_within("hedge", lo, start)

    def is_reported(self, start: int, end: int) -> bool:
        """Someone's words reported: a speech verb earlier in the sentence or in the clause ("..., she said"),
        or a verb of belief or wish earlier in the sentence ("Mum feels she is judged"; not "X is Y and wants Z")."""
        s0, _ = self.sentence(start)
        _, hi = self.clause(start, end)
        return self.cue_within("reporting", s0, hi, skip=(start, end)) or self.cue_within("belief", s0, start)

    def is_specific(self, start: int, end: int) -> bool:
        _, hi = self.clause(start, end)
        hi = min(hi, end + SPECIFICS_WINDOW)
        if self.cue_within("specifics", end, hi):
            return True
        return any(_is_measure(tok) for tok in self.doc[end:hi])

    def is_evidenced(self, start: int, end: int) -> bool:
        """Evidence in the same sentence: an evidence cue, a count or measure (not a date or time), or a quotation."""
        s0, s1 = self.sentence(start)
        if self.cue_within("evidence", s0, s1, skip=(start, end)):
            return True
        doc = self.doc
        if any(_is_count(tok) for tok in doc[s0:s1]):
            return True
        if self.quotes:
            c0, c1 = self.char_span(s0, s1)
            m0, m1 = self.char_span(start, end)
            return self.quotes.between(c0, m0) or self.quotes.between(m1, c1)
        return False

    def accepts(self, rule, start: int, end: int) -> bool:
        """Does a token span of `rule` survive the rule's `exceptions` and `unless` conditions?

        The engine asks this of every span candidate; a kind may ask it first, e.g. to
        report only the first surviving match in a scope.
        """
        if rule.exceptions:
            spans = self.hits_for(f"{rule.id}:except")
            if any(s < end and start < e for s, e in spans):
                return False
        return self.blocked_by(rule.unless, start, end) is None

    def blocked_by(self, unless: tuple[str, ...], start: int, end: int) -> str | None:
        """The first `unless` condition that holds for the span, or None."""
        for condition in unless:
            if getattr(self, _TESTS[condition])(start, end):
                return condition
        return None


# spaCy's like_num counts ordinal words too, but "put her first" gives no number
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())


_DATE_OR_TIME = re.compile(r"\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?|\d{1,2}[:.]\d{2}|\d{1,2}(am|pm)|(19|20)\d\d",
                           re.IGNORECASE)
_MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def _is_measure(tok) -> bool:
    if tok.like_num:
        return tok.lower_ not in _ORDINALS
    return any(ch.isdigit() for ch in tok.text) and _MEASURE.fullmatch(tok.text) is not None


def _is_count(tok) -> bool:
    """A number that can support a judgement ("3 times", "61 kg"): not when or what day ("03/05/2024", "10:15",
    "3 May"), which says nothing of what was seen."""
    if not _is_measure(tok) or _DATE_OR_TIME.fullmatch(tok.text):
        return False
    doc = tok.doc
    return not any(0 <= j < len(doc) and doc[j].lower_ in _MONTHS for j in (tok.i - 1, tok.i + 1))


_TESTS = {
    "quoted": "is_quoted",
    "attributed": "is_attributed",
    "hedged": "is_hedged",
    "reported": "is_reported",
    "specific": "is_specific",
    "evidenced": "is_evidenced",
}

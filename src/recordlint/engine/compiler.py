"""Compile every rule and cue into as few matchers as possible.

One PhraseMatcher per attribute (LOWER, LEMMA, ORTH) serves all phrase rules:
a 2,000-term PhraseMatcher costs almost nothing per token. Token patterns are
dearer: every pattern is tried at every token, and `IN` sets are checked in
Python. So each pattern is *anchored* on its rarest required word set (words
that are not stop words win); one PhraseMatcher finds the anchors, and each
anchor's own small Matcher runs only on the sentences that hold it. Patterns with no
word to anchor on run over the whole Doc. Keys are plain strings; each run
returns hits grouped by key.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc

from recordlint.ruleset.schema import MatchSpec

Hits = dict[str, list[tuple[int, int]]]


class PatternError(ValueError):
    """A token pattern spaCy rejects."""


def normalise(tokens, attr: str) -> str:
    """The key a matched span or a term is looked up by."""
    if attr == "LEMMA":
        return " ".join(t.lemma_.lower() for t in tokens)
    if attr == "ORTH":
        return " ".join(t.text for t in tokens)
    return " ".join(t.lower_ for t in tokens)


class Compiler:
    """Owns the shared matchers; checks and cues register phrases and patterns under keys."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "LEMMA", "ORTH")}
        self._used: set[str] = set()
        self._matcher = Matcher(nlp.vocab)  # patterns with no anchor: run on the whole Doc
        self._anchors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._groups: dict[frozenset[str], int] = {}  # anchor words → anchor match id
        self._anchored: dict[int, Matcher] = {}  # anchor match id → its patterns
        self._has_patterns = False
        self._keys: dict[int, str] = {}

    def _key(self, key: str) -> str:
        self._keys[self.nlp.vocab.strings.add(key)] = key
        return key

    def phrase_docs(self, phrases, attr: str) -> list[Doc]:
        """Tokenise phrases; LEMMA needs the pipeline's lemmas, the others the tokenizer only."""
        if attr == "LEMMA":
            return list(self.nlp.pipe(phrases))
        return list(self.nlp.tokenizer.pipe(phrases))

    def add_phrases(self, key: str, phrases, attr: str = "LOWER") -> list[Doc]:
        docs = [d for d in self.phrase_docs(list(phrases), attr) if len(d)]
        if docs:
            self._phrases[attr].add(self._key(key), docs)
            self._used.add(attr)
        return docs

    def add_patterns(self, key: str, patterns) -> None:
        patterns = [list(p) for p in patterns]
        for pattern in patterns:
            errors = validate_token_pattern(pattern)
            if errors:
                raise PatternError("; ".join(str(e) for e in errors))
        for pattern in patterns:
            anchor = anchor_words(pattern)
            if anchor is None:
                target = self._matcher
                self._has_patterns = True
            else:
                group = self._groups.get(anchor)
                if group is None:
                    label = f"anchor:{len(self._groups)}"
                    group = self._groups[anchor] = self.nlp.vocab.strings.add(label)
                    self._anchors.add(label, list(self.nlp.tokenizer.pipe(sorted(anchor))))
                    self._anchored[group] = Matcher(self.nlp.vocab)
                target = self._anchored[group]
            try:
                target.add(self._key(key), [pattern])
            except (ValueError, KeyError, TypeError) as exc:
                raise PatternError(str(exc).splitlines()[0]) from None

    def add_spec(self, key: str, spec: MatchSpec) -> None:
        if spec.phrases:
            self.add_phrases(key, spec.phrases, spec.attr)
        if spec.patterns:
            self.add_patterns(key, spec.patterns)

    def run(self, doc: Doc) -> Hits:
        """All matches in one pass per matcher, grouped by key and sorted."""
        hits: Hits = defaultdict(list)
        keys = self._keys
        for attr in self._used:
            for match_id, start, end in self._phrases[attr](doc):
                hits[keys[match_id]].append((start, end))
        if self._has_patterns:
            for match_id, start, end in self._matcher(doc):
                hits[keys[match_id]].append((start, end))
        if self._anchored:
            by_group: dict[int, list[int]] = defaultdict(list)
            for group, start, _ in self._anchors(doc):
                by_group[group].append(start)
            for group, starts in by_group.items():
                matcher = self._anchored[group]
                for s0, s1 in _sentences_around(doc, starts):
                    for match_id, start, end in matcher(doc[s0:s1]):
                        hits[keys[match_id]].append((start + s0, end + s0))
        for spans in hits.values():
            spans.sort()
        return hits


_ANCHOR_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM")


def anchor_words(pattern: list[dict]) -> frozenset[str] | None:
    """The cheapest set of lower-case words one of which every match must contain, or None."""
    best, best_cost = None, None
    for token in pattern:
        if token.get("OP") not in (None, "+", "1"):
            continue
        for attr in _ANCHOR_ATTRS:
            value = token.get(attr)
            if isinstance(value, str):
                words = {value.lower()}
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                words = {str(v).lower() for v in value["IN"]}
            else:
                continue
            words = {w for w in words if w and " " not in w}  # a phrase can never match one token
            if not words:
                continue
            cost = sum(1000 if w in STOP_WORDS or len(w) < 3 else 1 for w in words)
            if best_cost is None or cost < best_cost:
                best, best_cost = frozenset(words), cost
    return best


def _sentences_around(doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
    """Merged token ranges of the sentences that contain an anchor."""
    ranges: list[tuple[int, int]] = []
    for start in sorted(starts):
        if ranges and start < ranges[-1][1]:
            continue
        sent = doc[start].sent
        if ranges and sent.start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], sent.end))
        else:
            ranges.append((sent.start, sent.end))
    return ranges

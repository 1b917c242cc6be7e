"""Compile every rule and cue into as few matchers as possible.

One PhraseMatcher per attribute (LOWER, LEMMA, ORTH) and one Matcher serve all
rules: a 2,000-term PhraseMatcher costs almost nothing per token, while each
Matcher pattern costs a little on every token. Keys are plain strings; each
run returns hits grouped by key.
"""

from __future__ import annotations

from collections import defaultdict

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
        self._matcher = Matcher(nlp.vocab)
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
        if patterns:
            try:
                self._matcher.add(self._key(key), patterns)
            except (ValueError, KeyError, TypeError) as exc:
                raise PatternError(str(exc).splitlines()[0]) from None
            self._has_patterns = True

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
        for spans in hits.values():
            spans.sort()
        return hits

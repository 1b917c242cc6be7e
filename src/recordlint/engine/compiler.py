"""Compile every rule and cue into as few matchers as possible.

One PhraseMatcher per attribute (LOWER, LEMMA, ORTH) serves all phrase rules:
a 2,000-term PhraseMatcher costs almost nothing per token. Token patterns are
dearer: every pattern is tried at every token, and `IN` sets are checked in
Python. So each pattern is *anchored* on its rarest required word set (words
that are not stop words win); one PhraseMatcher finds the anchors, and each
anchor's own small Matcher runs only on the sentences that hold it, and only
when those sentences also hold a word of each of the pattern's other required
word sets (a pattern that needs "(" is never run on a sentence without one).
Patterns with no word to anchor on run over the whole Doc. A pattern that is
only a fixed sequence of words ("his|her|the" + "mum|dad") becomes phrases for
the PhraseMatcher, with the same matches. Keys are plain strings; each run
returns hits grouped by key.

Specs registered with a `gate` (another key) are matched only in Docs where
the gate has hits: a `missing` rule's evidence is looked for only in notes
that hold its trigger, so most notes never pay for it.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict

import numpy

from spacy.attrs import LOWER, SENT_START
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
        # anchor match id → {the other word sets a sentence must hold (as LOWER hashes): the patterns needing them}
        self._anchored: dict[int, dict[tuple[frozenset[int], ...], Matcher]] = {}
        self._has_patterns = False
        self._keys: dict[int, str] = {}
        self._shared: dict[str, str] = {}  # a spec's canonical form → the key it was registered under
        # gate key → the matchers that run only when it has hits; built on the first Doc that needs them,
        # so a single note without (say) a sharing event never pays for the evidence phrases
        self._gated: dict[str, Compiler] = {}
        self._gated_specs: dict[str, list[tuple[str, MatchSpec]]] = {}
        self._one_token_cache: dict[str, bool] = {}

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
            as_phrases = self._fixed_phrases(pattern)
            if as_phrases is not None:
                attr, phrases = as_phrases
                self._phrases[attr].add(self._key(key), [Doc(self.nlp.vocab, words=p) for p in phrases])
                self._used.add(attr)
                continue
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
                    self._anchored[group] = {}
                strings = self.nlp.vocab.strings
                others = tuple(sorted({frozenset(strings.add(w) for w in need)
                                       for need in required_word_sets(pattern) if need != anchor}, key=sorted))
                target = self._anchored[group].get(others)
                if target is None:
                    target = self._anchored[group][others] = Matcher(self.nlp.vocab)
            try:
                target.add(self._key(key), [pattern])
            except (ValueError, KeyError, TypeError) as exc:
                raise PatternError(str(exc).splitlines()[0]) from None

    def _one_token(self, word: str) -> bool:
        """Does the tokenizer keep `word` as one token of the same text (so a phrase of it
        matches exactly where a token pattern would)?"""
        cache = self._one_token_cache
        if word not in cache:
            doc = self.nlp.tokenizer(word)
            cache[word] = len(doc) == 1 and doc[0].text == word
        return cache[word]

    def _fixed_phrases(self, pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
        """(attr, word sequences) for a pattern that is only fixed words, else None."""
        attr = None
        choices: list[list[str]] = []
        for token in pattern:
            if len(token) != 1:
                return None
            (name, value), = token.items()
            name = {"TEXT": "ORTH"}.get(name, name)
            if name not in ("LOWER", "ORTH") or (attr is not None and name != attr):
                return None
            attr = name
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and all(isinstance(v, str) for v in value["IN"]):
                words = list(dict.fromkeys(value["IN"]))
            else:
                return None
            if not words or (attr == "LOWER" and any(w != w.lower() for w in words)):
                return None
            if not all(self._one_token(w) for w in words):
                return None
            choices.append(words)
        size = 1
        for words in choices:
            size *= len(words)
        if attr is None or size > _MAX_EXPANSION:
            return None
        phrases: list[list[str]] = [[]]
        for words in choices:
            phrases = [p + [w] for p in phrases for w in words]
        return attr, phrases

    def add_spec(self, key: str, spec: MatchSpec, gate: str | None = None) -> None:
        if gate is not None:
            for pattern in spec.patterns:  # fail at load, not mid-run
                errors = validate_token_pattern(list(pattern))
                if errors:
                    raise PatternError("; ".join(str(e) for e in errors))
            self._gated_specs.setdefault(gate, []).append((key, spec))
            return
        if spec.phrases:
            self.add_phrases(key, spec.phrases, spec.attr)
        if spec.patterns:
            self.add_patterns(key, spec.patterns)

    def shared_key(self, spec: MatchSpec, gate: str | None = None) -> str:
        """Register `spec` once however many rules use it (e.g. five rules sharing one trigger
        file) and return the key its hits come back under; `gate` as for `add_spec`."""
        form = json.dumps([gate, spec.attr, list(spec.phrases), [list(p) for p in spec.patterns]], sort_keys=True)
        key = self._shared.get(form)
        if key is None:
            key = self._shared[form] = f"shared:{len(self._shared)}"
            self.add_spec(key, spec, gate)
        return key

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
            sent_starts = sentence_starts(doc) if by_group else []
            lowers = None
            for group, starts in by_group.items():
                matchers = self._anchored[group]
                for s0, s1 in _sentences_around(doc, starts, sent_starts):
                    words = None
                    for others, matcher in matchers.items():
                        if others:
                            if words is None:
                                if lowers is None:
                                    lowers = doc.to_array(LOWER)
                                words = set(lowers[s0:s1].tolist())
                            if any(need.isdisjoint(words) for need in others):
                                continue
                        for match_id, start, end in matcher(doc[s0:s1]):
                            hits[keys[match_id]].append((start + s0, end + s0))
        for gate, specs in self._gated_specs.items():
            if hits.get(gate):
                sub = self._gated.get(gate)
                if sub is None:
                    sub = self._gated[gate] = Compiler(self.nlp)
                    for key, spec in specs:
                        sub.add_spec(key, spec)
                for key, spans in sub.run(doc).items():
                    hits[key].extend(spans)
        for spans in hits.values():
            spans.sort()
        return hits


_ANCHOR_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM")
_MAX_EXPANSION = 200  # fixed-word patterns with up to this many word sequences become phrases


def _required_words(pattern: list[dict], attrs: tuple[str, ...]):
    """(token, attr, words) for each exact word requirement a match must meet.

    Only tokens with OP absent, "+" or "1" are required; a value is exact when an
    attribute equals a word or is IN a list of words (lower-cased here).
    """
    for token in pattern:
        if token.get("OP") not in (None, "+", "1"):
            continue
        for attr in attrs:
            value = token.get(attr)
            if isinstance(value, str):
                yield token, attr, {value.lower()}
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                yield token, attr, {str(v).lower() for v in value["IN"]}


def anchor_words(pattern: list[dict]) -> frozenset[str] | None:
    """The cheapest set of lower-case words one of which every match must contain, or None."""
    best, best_cost = None, None
    for _, _, words in _required_words(pattern, _ANCHOR_ATTRS):
        words = {w for w in words if w and " " not in w}  # a phrase can never match one token
        if not words:
            continue
        cost = sum(1000 if w in STOP_WORDS or len(w) < 3 else 1 for w in words)
        if best_cost is None or cost < best_cost:
            best, best_cost = frozenset(words), cost
    return best


def required_word_sets(pattern: list[dict]) -> list[frozenset[str]]:
    """For each required token, the smallest set of lower-case words one of which it must be.

    Skipping a sentence that lacks one of these never loses a match.
    """
    best: dict[int, set[str]] = {}
    for token, _, words in _required_words(pattern, ("LOWER", "ORTH", "TEXT")):
        if any(not w or " " in w for w in words):
            continue  # such a value can never equal one token; do not rely on it
        if id(token) not in best or len(words) < len(best[id(token)]):
            best[id(token)] = words
    return [frozenset(words) for words in best.values() if words]


def sentence_starts(doc: Doc) -> list[int]:
    """Token offsets where sentences start, read from the Doc's array (no Span objects)."""
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def _sentences_around(doc: Doc, starts: list[int], sent_starts: list[int]) -> list[tuple[int, int]]:
    """Merged token ranges of the sentences that contain an anchor."""
    ranges: list[tuple[int, int]] = []
    n = len(doc)
    for start in sorted(starts):
        if ranges and start < ranges[-1][1]:
            continue
        i = bisect.bisect_right(sent_starts, start) - 1
        s0 = sent_starts[i]
        s1 = sent_starts[i + 1] if i + 1 < len(sent_starts) else n
        if ranges and s0 <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], s1))
        else:
            ranges.append((s0, s1))
    return ranges

"""Sentence starts for case notes, from token attribute arrays.

Case notes start a new entry on a new line, often without a full stop, and
use bullets. Two spaCy components:

- `recordlint_sentences` splits sentences for pipelines without a parser: a
  new sentence begins at the first non-punctuation token after `.`, `!`, `?`
  (and the other sentence-final marks spaCy's Sentencizer knows) or a line
  break, so after "- " a bullet's first word starts the sentence.
- `recordlint_line_breaks` runs before a trained parser and presets a start
  at each new line, which the parser then respects.

Both read `doc.to_array` rather than Token objects: building a Token per word
costs more than the rest of the default pipeline.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

SENTENCES = "recordlint_sentences"
LINE_BREAKS = "recordlint_line_breaks"
BULLETS = frozenset({"-", "*", "•", "–", "—", "·", "+", ">"})
_FINAL = frozenset(Sentencizer.default_punct_chars)


def _ends_sentence(text: str) -> bool:
    return text in _FINAL or "\n" in text


_WORD, _END, _OTHER = 0, 1, 2
_KINDS: dict[int, int] = {}  # orth id → word, sentence end, or other (punctuation, spaces); vocab-wide


def _kind(vocab, orth: int) -> int:
    lexeme = vocab[orth]
    if _ends_sentence(lexeme.orth_):
        return _END
    return _OTHER if lexeme.is_punct or lexeme.is_space else _WORD


@Language.component(SENTENCES, assigns=["token.is_sent_start"])
def split_sentences(doc: Doc) -> Doc:
    """Mark each first word after sentence-final punctuation or a line break."""
    n = len(doc)
    if not n:
        return doc
    vocab, kinds = doc.vocab, _KINDS
    starts = numpy.full((n, 1), numpy.iinfo(numpy.uint64).max, dtype=numpy.uint64)  # -1 as spaCy stores it
    starts[0, 0] = 1
    ended = False
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = kinds.get(orth)
        if kind is None:
            kind = kinds[orth] = _kind(vocab, orth)
        if kind == _END:
            ended = True
        elif kind == _WORD and ended:
            starts[i, 0] = 1
            ended = False
    doc.from_array([SENT_START], starts)
    return doc


@Language.component(LINE_BREAKS, assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Preset a sentence start at each new line (after any bullet), for a parser to respect."""
    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    attrs = doc.to_array([IS_SPACE, ORTH])
    n = len(doc)
    starts = [0] if strings[int(attrs[0, 1])] in BULLETS else []
    for i in attrs[:, 0].nonzero()[0].tolist():
        if "\n" in strings[int(attrs[i, 1])] and i + 1 < n:
            starts.append(i)
    for i in starts:
        j = i + 1
        if j < n and strings[int(attrs[j, 1])] in BULLETS:
            j += 1
        if j < n and not attrs[j, 0]:
            doc[j].is_sent_start = True
    return doc

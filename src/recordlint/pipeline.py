"""Build the spaCy pipeline once: blank English with rule-based parts, or an installed model."""

from __future__ import annotations

import re

from recordlint.errors import RecordlintError

DEFAULT_MODEL = "blank"
# Case notes often start a new entry on a new line without a full stop.
_LINE_BREAKS = ["\n", "\n\n", "\n\n\n", " \n", "\n ", "\n\n "]


def build_pipeline(model: str | None = None):
    """Return a spaCy Language. Never downloads anything."""
    import spacy

    if not model or model == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer", config={"punct_chars": _sentencizer_chars()})
        _register_line_breaks()
        nlp.add_pipe(LINE_BREAKS)
        from recordlint.lemmas import COMPONENT

        try:
            nlp.add_pipe(COMPONENT)
        except (OSError, ValueError, ModuleNotFoundError) as exc:
            raise RecordlintError(f"cannot build the default pipeline: {exc} (is spacy-lookups-data installed?)") from None
        return nlp
    _register_line_breaks()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise RecordlintError(
            f"spaCy pipeline '{model}' is not installed; install it with pip (recordlint never downloads models)"
        ) from None
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer", config={"punct_chars": list(_sentencizer_chars())})
    elif nlp.has_pipe("parser") or nlp.has_pipe("senter"):
        # Trained parsers run sentences across bullet lines; start one at each line break first.
        first = "parser" if nlp.has_pipe("parser") else "senter"
        nlp.add_pipe(LINE_BREAKS, before=first)
    return nlp


LINE_BREAKS = "recordlint_line_breaks"
# a line's first word, after any indent and bullet
_LINE_START = re.compile(r"(?:\A|\n)[ \t]*(?:[-*•–—·+>][ \t]+)?(?=\S)")


def _sentencizer_chars():
    from spacy.pipeline import Sentencizer

    return [*Sentencizer.default_punct_chars, *_LINE_BREAKS]


def _register_line_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc):
        """Start a sentence at each new line, and after a bullet that opens a line."""
        text = doc.text  # built afresh on every access
        for m in _LINE_START.finditer(text):
            if m.end() >= len(text):
                continue
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        return doc


def capabilities(nlp) -> set[str]:
    """What annotations the pipeline sets, for rules' `requires:`."""
    names = set(nlp.pipe_names)
    caps = set()
    if names & {"tagger", "morphologizer"}:
        caps.add("pos")
    if "parser" in names:
        caps.add("dep")
    if names & {"lemmatizer", "trainable_lemmatizer", "recordlint_lemmatizer"}:
        caps.add("lemma")
    if "ner" in names:
        caps.add("ents")
    return caps

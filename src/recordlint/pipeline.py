"""Build the spaCy pipeline once: blank English with rule-based parts, or an installed model."""

from __future__ import annotations

from recordlint.errors import RecordlintError

DEFAULT_MODEL = "blank"
# Case notes often start a new entry on a new line without a full stop.
_LINE_BREAKS = ["\n", "\n\n", "\n\n\n", " \n", "\n ", "\n\n "]


def build_pipeline(model: str | None = None):
    """Return a spaCy Language. Never downloads anything."""
    import spacy

    if not model or model == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        from spacy.pipeline import Sentencizer

        nlp.add_pipe("sentencizer", config={"punct_chars": list(Sentencizer.default_punct_chars) + _LINE_BREAKS})
        from recordlint.lemmas import COMPONENT

        try:
            nlp.add_pipe(COMPONENT)
        except (OSError, ValueError, ModuleNotFoundError) as exc:
            raise RecordlintError(f"cannot build the default pipeline: {exc} (is spacy-lookups-data installed?)") from None
        return nlp
    try:
        nlp = spacy.load(model)
    except OSError:
        raise RecordlintError(
            f"spaCy pipeline '{model}' is not installed; install it with pip (recordlint never downloads models)"
        ) from None
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp


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

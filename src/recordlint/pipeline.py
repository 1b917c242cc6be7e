"""Build the spaCy pipeline once: blank English with rule-based parts, or an installed model."""

from __future__ import annotations

from recordlint.errors import RecordlintError

DEFAULT_MODEL = "blank"


def build_pipeline(model: str | None = None):
    """Return a spaCy Language. Never downloads anything."""
    import spacy

    from recordlint.sentences import LINE_BREAKS, SENTENCES

    if not model or model == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe(SENTENCES)
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
    if nlp.has_pipe("parser") or nlp.has_pipe("senter"):
        # Trained parsers run sentences across bullet lines; preset a start at each line break.
        nlp.add_pipe(LINE_BREAKS, before="parser" if nlp.has_pipe("parser") else "senter")
    elif not nlp.has_pipe("sentencizer"):
        nlp.add_pipe(SENTENCES)
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

"""The note-quality score: 100 (nothing found) down towards 0 (look at this note first).

    D     = 100 × Σ weight(finding) / max(words, 50)     weighted findings per 100 words
    score = round(100 × 0.88^D × 0.75^N)                 N = note-level rules that fired

Weights: error 2, warning 1, info 0.5. Each weighted finding per 100 words
takes 12% off what is left of the score, and each note-level finding (such as
`voice.missing`: the note records contact but never the person's voice) takes
a further 25% off, whatever the note's length. Notes shorter than 50 words
count as 50 words, so one finding in a one-line note does not sink it. The
score never quite reaches 0, so even the worst notes stay in order. See
docs/audit.md.
"""

from __future__ import annotations

from collections.abc import Iterable

SEVERITY_WEIGHTS = {"error": 2.0, "warning": 1.0, "info": 0.5}
KEEP_PER_FINDING = 0.88  # per weighted finding per 100 words
KEEP_PER_NOTE_LEVEL = 0.75  # per note-level finding (voice missing)
MIN_WORDS = 50


def note_score(words: int, findings: Iterable[tuple]) -> int:
    """Score one note from its word count and its findings (FindingRow tuples)."""
    weighted = 0.0
    note_level: set[str] = set()
    for rule, _category, severity, _line, _column, start, end, *_rest in findings:
        if start == end:
            note_level.add(rule)
        else:
            weighted += SEVERITY_WEIGHTS.get(severity, 1.0)
    density = 100.0 * weighted / max(words, MIN_WORDS)
    score = 100.0 * KEEP_PER_FINDING ** density * KEEP_PER_NOTE_LEVEL ** len(note_level)
    return int(round(min(100.0, max(0.0, score))))


def count_words(text: str) -> int:
    """Whitespace-separated words, as the benchmarks count them."""
    return len(text.split())

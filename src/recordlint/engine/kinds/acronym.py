"""`acronym`: unexplained acronyms and initialisms, including ones no list names.

A token is a candidate when it is in the expansion dictionary (exact case, so
`DoLS` and `s17` work) or has an acronym's shape: 2–7 characters, capitals,
digits or `&`, at least two capitals. Shape-only candidates that are ordinary
words in capitals ("PLAN", "HOME") are skipped using spaCy's English lookup
tables, loaded only when such a candidate appears. A note may define an
acronym once, "Child in Need (CIN)" or "CIN (Child in Need)"; uses from that
point on are not flagged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import FieldError, as_int, as_str, as_str_list

_SHAPE = re.compile(r"(?<![\w&'’])([A-Z][A-Z0-9&]*[A-Z0-9]|[A-Z][a-z][A-Z]{1,4})(s|'s|’s)?(?![\w&])")
# Short words a writer puts in capitals for emphasis ("Mum was NOT home"); longer
# ones are checked against spaCy's English lookup table.
_SHORT_WORDS = frozenset("""a am an and any are as at be but by can did do get go got had has he her him his
how i if in is it its let may me my no nor not now of off on one or our out own say see she so the
too two up us was we who why yes yet you all also new old big bad ask use way day end try""".split())
_PAREN_AFTER = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&]{1,8})s?\s*\)")
_PAREN_BEFORE = re.compile(r"(?<![\w&])([A-Za-z][A-Za-z0-9&]{1,8})\s*\(\s*([A-Za-z][^()\n]{3,80})\)")
_SMALL_WORDS = {"of", "in", "and", "the", "for", "to", "&", "a", "on", "at", "with", "by"}


def _initials_match(words: list[str], acronym: str) -> bool:
    """Do the last words spell the acronym? Hyphenated words count whole or by part ("Multi-Agency" → M or MA)."""
    split = [part for word in words for part in word.split("-") if part]
    return _initials_of(words, acronym) or (split != words and _initials_of(split, acronym))


def _initials_of(words: list[str], acronym: str) -> bool:
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not letters:
        return False
    for take in range(len(letters), min(len(words), len(letters) + 4) + 1):
        chunk = words[-take:]
        initials = [w[0].lower() for w in chunk if w and w.lower() not in _SMALL_WORDS]
        full = [w[0].lower() for w in chunk if w]
        if initials == letters or full == letters:
            return True
    return False


_TITLES = ("mr ", "mrs ", "ms ", "miss ", "mx ", "dr ")


def _introduces_someone(inside: str) -> bool:
    """'YP (Kyle Benton, 14)', 'SU (Mrs Ada Lowe)': a person named after the acronym, not its expansion."""
    return any(ch.isdigit() for ch in inside) or inside.lower().startswith(_TITLES)


def find_definitions(text: str) -> dict[str, int]:
    """Acronym → character offset after which it counts as explained."""
    defined: dict[str, int] = {}
    for m in _PAREN_AFTER.finditer(text):
        acronym = m.group(1)
        before = re.findall(r"[A-Za-z][\w'’-]*|&", text[max(0, m.start() - 120):m.start()])
        if _initials_match(before, acronym):
            defined.setdefault(acronym, m.start())
    for m in _PAREN_BEFORE.finditer(text):
        acronym, inside = m.group(1), m.group(2)
        words = re.findall(r"[A-Za-z][\w'’-]*|&", inside)
        if _initials_match(words, acronym) or (len(words) >= 2 and acronym[:1].isupper()
                                               and not _introduces_someone(inside)):
            defined.setdefault(acronym, m.start())
    return defined


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Inflected forms and lemmas from spaCy's lookup table, plus English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from recordlint.lemmas import load_table

    table = load_table("en")
    return frozenset(w.lower() for w in (*table, *table.values(), *STOP_WORDS) if isinstance(w, str))


def is_english_word(word: str) -> bool:
    try:
        return word.lower() in _english_words()
    except (ValueError, OSError, ImportError):  # spacy-lookups-data missing: treat as not a word
        return False


class AcronymCheck(Check):
    kind = "acronym"
    fields = frozenset({"allowlist", "expansions", "data", "min_length", "max_length"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        allow = set(as_str_list(raw.get("allowlist"), "allowlist"))
        expansions: dict[str, str] = {}
        for name in as_str_list(raw.get("data"), "data"):
            data = env.load_data(name)
            if not isinstance(data, dict):
                raise FieldError("data", f"{name} must be a mapping with 'acronyms:' and/or 'allowlist:'")
            allow.update(as_str_list(data.get("allowlist"), f"data[{name}].allowlist"))
            expansions.update(_expansions(data.get("acronyms"), f"data[{name}].acronyms"))
        expansions.update(_expansions(raw.get("expansions"), "expansions"))
        return {
            "allowlist": frozenset(allow),
            "expansions": expansions,
            "min_length": as_int(raw.get("min_length"), "min_length", 2, 2),
            "max_length": as_int(raw.get("max_length"), "max_length", 7, 2),
        }

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.allow = opts["allowlist"]
        self.expansions = opts["expansions"]
        self.min_len, self.max_len = opts["min_length"], opts["max_length"]
        known = sorted((k for k in self.expansions if k not in self.allow), key=len, reverse=True)
        self.known = re.compile(
            r"(?<![\w&'’])(" + "|".join(map(re.escape, known)) + r")(s|'s|’s)?(?![\w&])") if known else None

    def _is_acronym_shape(self, word: str) -> bool:
        if not (self.min_len <= len(word) <= self.max_len) or word in self.allow:
            return False
        if sum(c.isupper() for c in word) < 2 or word.isdigit():
            return False
        if len(word) <= 3:
            return word.lower() not in _SHORT_WORDS
        return not (word.isalpha() and is_english_word(word))

    def find(self, ctx):
        doc, text = ctx.doc, ctx.text
        note = ctx.note
        if "acronym_definitions" not in note.memo:
            note.memo["acronym_definitions"] = find_definitions(note.text)
        defined = note.memo["acronym_definitions"]
        seen: set[int] = set()
        spans = []
        if self.known:
            for m in self.known.finditer(text):
                spans.append((m.start(1), m.end(1), m.group(1)))
                seen.add(m.start(1))
        for m in _SHAPE.finditer(text):
            word = m.group(1)
            if m.start(1) not in seen and word not in self.expansions and self._is_acronym_shape(word):
                if not _shouting(text, m.start(1), m.end(1)):
                    spans.append((m.start(1), m.end(1), word))
        for c0, c1, word in sorted(spans):
            at = defined.get(word)
            if at is not None and c0 + ctx.offset >= at:
                continue
            span = doc.char_span(c0, c1, alignment_mode="expand")
            if span is None or not len(span):
                continue
            expansion = self.expansions.get(word)
            yield Candidate(span.start, span.end, (expansion,) if expansion else (),
                            {"expansion": expansion or "what it stands for"})


def _expansions(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(name, "must be a mapping of acronym to expansion")
    out = {}
    for key, spec in value.items():
        if isinstance(spec, dict):
            out[str(key)] = as_str(spec.get("expansion"), f"{name}.{key}.expansion", required=True)
        else:
            out[str(key)] = as_str(spec, f"{name}.{key}", required=True)
    return out


def _shouting(text: str, start: int, end: int) -> bool:
    """A word in a run of capitals ("HE SAID NO") is emphasis, not an acronym."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8

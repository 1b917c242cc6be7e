"""Typed, validated rule data. Everything here is plain data: no spaCy objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from recordlint.findings import Severity

UNLESS_CONDITIONS = ("quoted", "attributed", "hedged", "reported", "specific", "evidenced")
REQUIREMENTS = ("pos", "dep", "lemma", "ents")
MATCH_ATTRS = ("LOWER", "LEMMA", "ORTH")
FORMATS = ("text", "markdown", "docx")  # a Record's `format`; a rule's `formats` limit where it is on by default
COMMON_FIELDS = frozenset({
    "id", "category", "severity", "message", "why", "link", "kind", "description",
    "unless", "requires", "examples", "source", "exceptions", "supersedes", "defers_to", "formats",
})


class FieldError(ValueError):
    """A bad value in a rule; the loader adds the file, line and rule id."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class MatchSpec:
    """Phrases and/or spaCy token patterns that mark places in a note."""

    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    attr: str = "LOWER"

    def __bool__(self) -> bool:
        return bool(self.phrases or self.patterns)


@dataclass(frozen=True, slots=True)
class Term:
    """One phrase of a phrase rule, with its plainer alternatives and where it comes from."""

    phrase: str
    suggestions: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Examples:
    """A rule's own tests: `flag` must fire, `pass` must not; `[[...]]` marks the expected span."""

    flag: tuple[str, ...] = ()
    pass_: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule. `options` holds the kind's own validated fields."""

    id: str
    category: str
    severity: Severity
    message: str
    kind: str
    pack: str
    path: str
    line: int | None = None
    why: str = ""
    link: str = ""
    description: str = ""
    unless: tuple[str, ...] = ("quoted",)
    requires: tuple[str, ...] = ()
    exceptions: MatchSpec = MatchSpec()
    examples: Examples = Examples()
    # overlap with other categories' findings: selectors (ids, id prefixes, categories) of rules whose
    # overlapping findings this rule's finding replaces (`supersedes`) or gives way to (`defers_to`)
    supersedes: tuple[str, ...] = ()
    defers_to: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()  # on by default only for records of these formats; () = every format
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    data_files: tuple[str, ...] = ()  # data files the rule read (terms_from, data), for `rules explain`
    extended_by: tuple[str, ...] = ()  # "file:line" of each pack that changed it with `extend:`


@dataclass(frozen=True, slots=True)
class PackInfo:
    """One loaded pack file: its name, where it came from and what it says about itself."""

    name: str
    path: str
    origin: str  # "built-in", "plugin NAME (DIST VERSION)", "--rules" or "vale"
    format: str = "recordlint"  # or "vale"
    description: str = ""
    sources: tuple[tuple[str, str], ...] = ()


# --- small validators, shared by the loader and the kinds -------------------

def as_str(value: Any, name: str, *, required: bool = False) -> str:
    if value is None:
        if required:
            raise FieldError(name, "is required")
        return ""
    if not isinstance(value, str):
        raise FieldError(name, f"must be a string, not {type(value).__name__}")
    if required and not value.strip():
        raise FieldError(name, "must not be empty")
    return value


def as_str_list(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and any(isinstance(v, bool) for v in value):
        raise FieldError(name, _BOOL_HINT)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(name, "must be a string or a list of strings")
    return tuple(value)


_BOOL_HINT = "YAML read a bare yes/no/on/off/true/false as a boolean; quote words like 'no' and 'on'"


_TEXT_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "SHAPE", "POS", "TAG", "DEP", "ENT_TYPE"})


def _refuse_bools_in_lists(obj: Any, name: str) -> None:
    """Words like `no` and `on` that YAML turned into booleans, where spaCy wants text."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, bool) and str(k).upper() in _TEXT_ATTRS:
                raise FieldError(name, _BOOL_HINT)
            _refuse_bools_in_lists(v, name)
    elif isinstance(obj, list):
        if any(isinstance(v, bool) for v in obj):
            raise FieldError(name, _BOOL_HINT)
        for v in obj:
            _refuse_bools_in_lists(v, name)


def as_choice(value: Any, name: str, choices: tuple[str, ...], default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or value not in choices:
        raise FieldError(name, f"must be one of {', '.join(choices)}; got {value!r}")
    return value


def as_int(value: Any, name: str, default: int, minimum: int = 0) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FieldError(name, f"must be a whole number ≥ {minimum}")
    return value


def as_bool(value: Any, name: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise FieldError(name, f"must be true or false, not {value!r}")
    return value


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def scope_inline_flags(pattern: str) -> str:
    """`(?i)word` at the start of one piece of a larger pattern becomes `(?i:word)`.

    Vale (Go) accepts global flags anywhere; Python only at the very start, so
    a token or swap key that starts with them is rewritten to a scoped group.
    """
    m = _GLOBAL_FLAGS.match(pattern)
    if not m:
        return pattern
    return f"(?{m.group(1)}:{pattern[m.end():]})"


def compile_regex(pattern: str, name: str, flags: int = 0) -> "re.Pattern[str]":
    """Compile a user's regular expression now, at load time; a bad one is a FieldError naming the field."""
    if not isinstance(pattern, str):
        raise FieldError(name, f"must be a regular expression (a string), not {type(pattern).__name__}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise FieldError(name, f"bad regular expression {pattern!r}: {exc.msg}{where}") from None
    except (RecursionError, OverflowError, ValueError) as exc:
        raise FieldError(name, f"bad regular expression {pattern!r}: {exc}") from None


def _check_token_regexes(obj: Any, name: str) -> None:
    """spaCy's `REGEX` predicates are compiled here, so a bad one fails at load, not mid-run."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if str(key).upper() == "REGEX":
                compile_regex(value, name)
            else:
                _check_token_regexes(value, name)
    elif isinstance(obj, list):
        for item in obj:
            _check_token_regexes(item, name)


def as_patterns(value: Any, name: str, lexicons: dict[str, list[str]]) -> tuple[tuple[dict, ...], ...]:
    """Token patterns as spaCy writes them; `"@name"` in an IN/NOT_IN list expands a pack lexicon."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(p, list) and p for p in value):
        raise FieldError(name, "must be a list of token patterns (each a non-empty list of token dicts)")
    out = []
    for pattern in value:
        if not all(isinstance(tok, dict) for tok in pattern):
            raise FieldError(name, "each token in a pattern must be a mapping such as {LOWER: word}")
        _refuse_bools_in_lists(pattern, name)
        _check_token_regexes(pattern, name)
        expanded = tuple(_expand_lexicons(tok, name, lexicons) for tok in pattern)
        _validate_token_pattern(expanded, name)
        out.append(expanded)
    return tuple(out)


def _validate_token_pattern(pattern: tuple[dict, ...], name: str) -> None:
    """spaCy's own check of a token pattern, at load time, so the error names the pack that wrote it."""
    try:
        from spacy.schemas import validate_token_pattern
    except ImportError:  # validation happens again when the matcher is built
        return
    errors = validate_token_pattern(list(pattern))
    if errors:
        raise FieldError(name, "bad token pattern: " + "; ".join(str(e) for e in errors))


def _expand_lexicons(obj: Any, name: str, lexicons: dict[str, list[str]]) -> Any:
    if isinstance(obj, str) and obj.startswith("@"):
        if obj[1:] not in lexicons:
            raise FieldError(name, f"unknown lexicon {obj!r}; define it under the pack's 'lexicons:'")
        return list(lexicons[obj[1:]])
    if isinstance(obj, dict):
        return {k: _expand_lexicons(v, name, lexicons) for k, v in obj.items()}
    if isinstance(obj, list):
        flat: list = []
        for item in obj:
            expanded = _expand_lexicons(item, name, lexicons)
            if isinstance(item, str) and item.startswith("@"):
                flat.extend(expanded)
            else:
                flat.append(expanded)
        return flat
    return obj


def as_match_spec(value: Any, name: str, lexicons: dict[str, list[str]]) -> MatchSpec:
    """A list of phrases, or a mapping with `phrases`, `patterns` and `attr`."""
    if value is None:
        return MatchSpec()
    if isinstance(value, (str, list)) and not (isinstance(value, list) and value and isinstance(value[0], list)):
        return MatchSpec(phrases=as_phrases(value, name, lexicons))
    if not isinstance(value, dict):
        raise FieldError(name, "must be a list of phrases or a mapping with phrases/patterns/attr")
    unknown = set(value) - {"phrases", "patterns", "attr"}
    if unknown:
        raise FieldError(f"{name}.{sorted(unknown)[0]}", "is not a known field (phrases, patterns, attr)")
    return MatchSpec(
        phrases=as_phrases(value.get("phrases"), f"{name}.phrases", lexicons),
        patterns=as_patterns(value.get("patterns"), f"{name}.patterns", lexicons),
        attr=as_choice(value.get("attr"), f"{name}.attr", MATCH_ATTRS, "LOWER"),
    )


_LEXICON_REF = re.compile(r"^@[A-Za-z_][A-Za-z0-9_-]*$")


def as_phrases(value: Any, name: str, lexicons: dict[str, list[str]]) -> tuple[str, ...]:
    """A list of phrases; an item `"@name"` expands the pack lexicon of that name."""
    out: list[str] = []
    for item in as_str_list(value, name):
        if _LEXICON_REF.match(item):
            if item[1:] not in lexicons:
                raise FieldError(name, f"unknown lexicon {item!r}; define it under the pack's 'lexicons:'")
            out.extend(lexicons[item[1:]])
        else:
            out.append(item)
    return tuple(dict.fromkeys(out))


def as_formats(value: Any, name: str) -> tuple[str, ...]:
    """Input formats (text, markdown, docx); an empty list is refused (it would switch the rule off)."""
    items = as_str_list(value, name)
    if value is not None and not items:
        raise FieldError(name, f"must name at least one of {', '.join(FORMATS)}")
    for item in items:
        if item not in FORMATS:
            raise FieldError(name, f"unknown format {item!r}; expected any of {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(items))


def as_selectors(value: Any, name: str) -> tuple[str, ...]:
    """Rule selectors as --select takes them: rule ids, id prefixes or categories."""
    items = as_str_list(value, name)
    for item in items:
        if not item.strip() or item == "ALL" or not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", item):
            raise FieldError(name, f"{item!r} is not a rule id, id prefix or category")
    return items


def as_terms(value: Any, name: str) -> tuple[Term, ...]:
    """Terms as a list, or a mapping term → suggestions | {suggest, source, sense}."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(Term(t) for t in as_str_list(value, name))
    if not isinstance(value, dict):
        raise FieldError(name, "must be a list of terms or a mapping of term to suggestions")
    terms = []
    for phrase, spec in value.items():
        if not isinstance(phrase, str) or not phrase.strip():
            raise FieldError(name, f"term {phrase!r} must be a non-empty string")
        where = f"{name}.{phrase}"
        if isinstance(spec, dict):
            unknown = set(spec) - {"suggest", "source", "sense", "note"}
            if unknown:
                raise FieldError(f"{where}.{sorted(unknown)[0]}", "is not a known field (suggest, source, sense, note)")
            terms.append(Term(phrase, as_str_list(spec.get("suggest"), f"{where}.suggest"),
                              as_str(spec.get("source"), f"{where}.source")))
        else:
            terms.append(Term(phrase, as_str_list(spec, where)))
    return tuple(terms)


def as_examples(value: Any) -> Examples:
    if value is None:
        return Examples()
    if not isinstance(value, dict):
        raise FieldError("examples", "must be a mapping with 'flag' and 'pass' lists")
    unknown = set(value) - {"flag", "pass"}
    if unknown:
        raise FieldError(f"examples.{sorted(unknown)[0]}", "is not a known field (flag, pass)")
    return Examples(as_str_list(value.get("flag"), "examples.flag"),
                    as_str_list(value.get("pass"), "examples.pass"))

"""Kinds that work on regular expressions over the note's text, the model of Vale's rule types.

The kinds take the names and fields of Vale's rule types, so a Vale rule and
a recordlint one read alike:

- `existence`: matches of `tokens` (word-bounded alternatives) and/or `raw`
  (pieces joined into one expression).
- `substitution`: each key of `swap` is an expression whose match should be
  replaced by its value.
- `occurrence`: the number of matches of `token` in each scope (the note,
  each paragraph or each sentence) must stay within `min`/`max`.
- `conditional`: a match of `first` needs `second` in the note; when `second`
  captures groups, only the captured strings count as defined (the acronym
  defined as "Child in Need (CIN)").

Every expression is compiled when the pack loads (Python's `re` syntax), so a
bad one is a load error naming the file and field. Matches are widened to
whole tokens, like every other finding.
"""

from __future__ import annotations

import re
from typing import Any

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import (
    FieldError, as_bool, as_choice, as_int, as_str, as_str_list, compile_regex, scope_inline_flags,
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _flags(raw: dict[str, Any]) -> int:
    flags = re.MULTILINE
    if as_bool(raw.get("ignorecase"), "ignorecase", False):
        flags |= re.IGNORECASE
    return flags


def _exclude(raw: dict[str, Any]) -> re.Pattern | None:
    """`exclude`: expressions; a match that holds one as a whole word, or lies inside one, is dropped
    (Vale's `exceptions`). Case follows the rule's `ignorecase`."""
    items = as_str_list(raw.get("exclude"), "exclude")
    for i, item in enumerate(items):
        compile_regex(scope_inline_flags(item), f"exclude[{i}]")
    if not items:
        return None
    ordered = sorted(items, key=len, reverse=True)  # longest first: greedy alternation
    return compile_regex(r"\b(?:" + "|".join(map(scope_inline_flags, ordered)) + r")\b", "exclude", _flags(raw))


def _excluded(exclude: re.Pattern | None, text: str, start: int, end: int) -> bool:
    """Vale's exceptions: the match holds an excluded word or phrase, or lies inside one in the text."""
    if exclude is None:
        return False
    if exclude.search(text[start:end].strip()):
        return True
    for m in exclude.finditer(text, max(0, start - 200), min(len(text), end + 200)):
        if m.start() <= start and end <= m.end():
            return True
        if m.start() > start:
            break
    return False


def _pieces(raw: dict[str, Any], name: str) -> tuple[str, ...]:
    items = tuple(scope_inline_flags(t) for t in as_str_list(raw.get(name), name) if t.strip())
    for i, item in enumerate(items):
        compile_regex(item, f"{name}[{i}]")
    return items


def _token_span(doc, c0: int, c1: int):
    span = doc.char_span(c0, c1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    while len(span) > 1 and span[-1].is_space:
        span = span[:-1]
    while len(span) > 1 and span[0].is_space:
        span = span[1:]
    return span


class ExistenceCheck(Check):
    kind = "existence"
    fields = frozenset({"tokens", "raw", "append", "ignorecase", "nonword", "exclude", "suggestions"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        tokens = _pieces(raw, "tokens")
        raw_parts = _pieces(raw, "raw")
        if not tokens and not raw_parts:
            raise FieldError("tokens", "is required: regular expressions to look for (or raw:)")
        nonword = as_bool(raw.get("nonword"), "nonword", False)
        append = as_bool(raw.get("append"), "append", False)
        core = ""
        if tokens:
            alternatives = "(?:" + "|".join(tokens) + ")"
            core = alternatives if nonword else rf"\b{alternatives}\b"
        joined = "".join(raw_parts)
        pattern = core + joined if append else joined + core
        field_name = "tokens" if tokens else "raw"
        return {
            "pattern": compile_regex(pattern, field_name, _flags(raw)),
            "exclude": _exclude(raw),
            "suggestions": as_str_list(raw.get("suggestions"), "suggestions"),
        }

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.pattern, self.exclude, self.suggestions = opts["pattern"], opts["exclude"], opts["suggestions"]

    def find(self, ctx):
        doc = ctx.doc
        for m in self.pattern.finditer(ctx.text):
            if m.end() == m.start():
                continue
            observed = m.group(0).strip()
            if _excluded(self.exclude, ctx.text, m.start(), m.end()):
                continue
            span = _token_span(doc, m.start(), m.end())
            if span is not None:
                yield Candidate(span.start, span.end, self.suggestions, {"match": observed})


class SubstitutionCheck(Check):
    kind = "substitution"
    fields = frozenset({"swap", "ignorecase", "nonword", "exclude"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        swap = raw.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise FieldError("swap", "is required: a mapping of regular expression to replacement")
        flags = _flags(raw)
        keys, replacements = [], {}
        for i, (key, value) in enumerate(sorted(swap.items(), key=lambda kv: -len(str(kv[0])))):
            if not isinstance(key, str) or not key.strip():
                raise FieldError("swap", f"key {key!r} must be a non-empty regular expression")
            where = f"swap.{key}"
            if isinstance(value, list):
                options = as_str_list(value, where)
            else:
                options = tuple(v.strip() for v in as_str(value, where, required=True).split("|") if v.strip())
            name = f"s{i}"
            expression = scope_inline_flags(key)
            compile_regex(expression, where, flags)
            keys.append(f"(?P<{name}>{expression})")
            # the match already reads as the replacement ("e-mail" → "email" under ignorecase)
            same = []
            for option in options:
                try:
                    same.append(re.compile(rf"(?:{option})\Z", flags))
                except re.error:
                    same.append(option)
            replacements[name] = (options, tuple(same), key)
        body = "(?:" + "|".join(keys) + ")"
        nonword = as_bool(raw.get("nonword"), "nonword", False)
        pattern = body if nonword else rf"\b{body}\b"
        return {"pattern": compile_regex(pattern, "swap", flags), "replacements": replacements,
                "exclude": _exclude(raw)}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.pattern, self.replacements, self.exclude = opts["pattern"], opts["replacements"], opts["exclude"]

    def find(self, ctx):
        doc = ctx.doc
        for m in self.pattern.finditer(ctx.text):
            if m.end() == m.start() or m.lastgroup is None:
                continue
            observed = m.group(0).strip()
            options, same, _ = self.replacements[m.lastgroup]
            if any(s == observed if isinstance(s, str) else s.match(observed) for s in same):
                continue
            if _excluded(self.exclude, ctx.text, m.start(), m.end()):
                continue
            span = _token_span(doc, m.start(), m.end())
            if span is not None:
                yield Candidate(span.start, span.end, options, {"match": observed})


OCCURRENCE_SCOPES = ("text", "paragraph", "sentence")


class OccurrenceCheck(Check):
    """Count matches of `token` per scope. Scope `text` is note-level: the finding is at the first match
    (or the start of the note when there is none); `paragraph` and `sentence` give one finding per scope."""

    kind = "occurrence"
    fields = frozenset({"token", "max", "min", "scope", "ignorecase"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        token = raw.get("token")
        if token is None:
            raise FieldError("token", "is required: the regular expression to count")
        expression = scope_inline_flags(as_str(token, "token", required=True))
        maximum = as_int(raw.get("max"), "max", 0)
        minimum = as_int(raw.get("min"), "min", 0)
        if not maximum and not minimum:
            raise FieldError("max", "give max: or min: (a whole number above 0)")
        if maximum and minimum > maximum:
            raise FieldError("min", f"must not be more than max ({maximum})")
        return {"pattern": compile_regex(f"(?:{expression})", "token", _flags(raw)),
                "max": maximum, "min": minimum,
                "scope": as_choice(raw.get("scope"), "scope", OCCURRENCE_SCOPES, "text")}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.pattern, self.max, self.min, self.scope = opts["pattern"], opts["max"], opts["min"], opts["scope"]
        self.note_level = self.scope == "text"

    def _violation(self, text: str) -> tuple[list[re.Match], dict[str, str]] | None:
        matches = [m for m in self.pattern.finditer(text) if m.end() > m.start()]
        count = len(matches)
        if (self.max and count > self.max) or (self.min and count < self.min):
            return matches, {"count": str(count), "max": str(self.max), "min": str(self.min)}
        return None

    # scope: text (note-level)
    def new_state(self):
        return None

    def observe(self, ctx, state, accept) -> None:
        return None

    def conclude(self, state, text: str) -> Candidate | None:
        found = self._violation(text)
        if found is None:
            return None
        matches, values = found
        if not matches:
            return Candidate(0, 0, (), values)
        first = matches[self.max] if self.max and len(matches) > self.max else matches[0]
        return Candidate(first.start(), first.end(), (), {**values, "match": first.group(0)})

    # scope: paragraph or sentence (span kind)
    def find(self, ctx):
        doc = ctx.doc
        if self.scope == "sentence":
            regions = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            regions, start = [], 0
            for m in _PARAGRAPH_BREAK.finditer(ctx.text):
                regions.append((start, m.start()))
                start = m.end()
            regions.append((start, len(ctx.text)))
        for c0, c1 in regions:
            piece = ctx.text[c0:c1]
            if not piece.strip():
                continue
            found = self._violation(piece)
            if found is None:
                continue
            matches, values = found
            if matches:
                first = matches[self.max] if self.max and len(matches) > self.max else matches[0]
                span = _token_span(doc, c0 + first.start(), c0 + first.end())
                values = {**values, "match": first.group(0)}
            else:
                span = _token_span(doc, c0, c1)
            if span is not None:
                yield Candidate(span.start, span.end, (), values)


class ConditionalCheck(Check):
    kind = "conditional"
    fields = frozenset({"first", "second", "ignorecase", "exclude"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        flags = _flags(raw)
        for name in ("first", "second"):
            if raw.get(name) is None:
                raise FieldError(name, "is required: a regular expression")
        first = compile_regex(scope_inline_flags(as_str(raw["first"], "first", required=True)), "first", flags)
        second = compile_regex(scope_inline_flags(as_str(raw["second"], "second", required=True)), "second", flags)
        return {"first": first, "second": second, "exclude": _exclude(raw)}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.first, self.second, self.exclude = opts["first"], opts["second"], opts["exclude"]
        self.memo_key = f"conditional:{rule.id}"

    def _defined(self, note) -> bool | frozenset[str]:
        """True when `second` (no groups) appears in the note; else the strings its groups captured."""
        if self.memo_key not in note.memo:
            if self.second.groups:
                note.memo[self.memo_key] = frozenset(
                    g for m in self.second.finditer(note.text) for g in m.groups() if g)
            else:
                note.memo[self.memo_key] = self.second.search(note.text) is not None
        return note.memo[self.memo_key]

    def find(self, ctx):
        defined = self._defined(ctx.note)
        if defined is True:
            return
        doc = ctx.doc
        for m in self.first.finditer(ctx.text):
            observed = m.group(0)
            if m.end() == m.start() or (defined and observed.strip() in defined):
                continue
            if _excluded(self.exclude, ctx.text, m.start(), m.end()):
                continue
            span = _token_span(doc, m.start(), m.end())
            if span is not None:
                yield Candidate(span.start, span.end, (), {"match": observed.strip()})

"""A JSON Schema (draft 2020-12) of the recordlint rule-pack format, for editors and other tools.

recordlint itself validates packs with the checks in schema.py and each kind's
`parse`, which give one-line errors naming file, line, rule and field; this
schema describes the same format and is built from the same constants, so the
two cannot drift (the test suite compares them). `recordlint rules schema`
prints it; docs/rule-pack.schema.json is a copy. Point YAML editors at it, e.g.
`# yaml-language-server: $schema=rule-pack.schema.json` at the top of a pack.
"""

from __future__ import annotations

from typing import Any

from recordlint.findings import SEVERITY_NAMES
from recordlint.ruleset.schema import FORMATS, MATCH_ATTRS, REQUIREMENTS, UNLESS_CONDITIONS

_STR = {"type": "string"}
_STRS = {"oneOf": [_STR, {"type": "array", "items": _STR}]}
_BOOL = {"type": "boolean"}
_INT = {"type": "integer", "minimum": 0}
_REGEX = {"type": "string", "format": "regex", "description": "a regular expression (Python re syntax)"}
_REGEXES = {"oneOf": [_REGEX, {"type": "array", "items": _REGEX}]}
_TOKEN_PATTERN = {"type": "array", "minItems": 1, "items": {"type": "object"},
                  "description": "a spaCy Matcher token pattern; \"@name\" in IN/NOT_IN expands a pack lexicon"}
_PATTERNS = {"type": "array", "items": _TOKEN_PATTERN}
_MATCH_SPEC = {"oneOf": [_STRS, {
    "type": "object", "additionalProperties": False,
    "properties": {"phrases": _STRS, "patterns": _PATTERNS, "attr": {"enum": list(MATCH_ATTRS)}}}]}
_TERMS = {"oneOf": [
    {"type": "array", "items": _STR},
    {"type": "object", "additionalProperties": {"oneOf": [
        _STRS, {"type": "object", "additionalProperties": False,
                "properties": {"suggest": _STRS, "source": _STR, "sense": _STR, "note": _STR}}]}},
]}

# Each built-in kind's own fields (the test suite checks these against the kinds' `fields`).
KIND_FIELDS: dict[str, dict[str, Any]] = {
    "phrase": {"terms": _TERMS, "terms_from": _STRS, "attr": {"enum": list(MATCH_ATTRS)}, "suggestions": _STRS},
    "pattern": {"patterns": _PATTERNS, "suggestions": _STRS},
    "acronym": {"allowlist": _STRS, "expansions": {"type": "object", "additionalProperties": {"oneOf": [
        _STR, {"type": "object", "properties": {"expansion": _STR}}]}},
        "data": _STRS, "min_length": {"type": "integer", "minimum": 2}, "max_length": {"type": "integer", "minimum": 2}},
    "absence": {"trigger": _MATCH_SPEC, "evidence": _MATCH_SPEC, "veto": _MATCH_SPEC,
                "speech": {"type": "object", "properties": {"verbs": _STRS, "others": _STRS},
                           "additionalProperties": False},
                "quotes_are_evidence": _BOOL, "looked_for": _STR,
                "min_triggers": {"type": "integer", "minimum": 1}},
    "missing": {"trigger": _MATCH_SPEC, "trigger_from": _STRS, "evidence": _MATCH_SPEC,
                "scope": {"enum": ["sentence", "paragraph", "note"]}, "before": _INT, "after": _INT,
                "looked_for": _STR},
    "identifier": {"regex": _REGEX, "ignorecase": _BOOL,
                   "check": {"enum": ["nhs-mod11", "ni-number", "uk-postcode", "uk-phone", "email", "date"]},
                   "suggestions": _STRS},
    "existence": {"tokens": _REGEXES, "raw": _REGEXES, "append": _BOOL, "ignorecase": _BOOL, "nonword": _BOOL,
                  "exclude": _REGEXES, "suggestions": _STRS},
    "substitution": {"swap": {"type": "object", "minProperties": 1,
                              "additionalProperties": _STRS,
                              "description": "regular expression → replacement ('a|b' offers both)"},
                     "ignorecase": _BOOL, "nonword": _BOOL, "exclude": _REGEXES},
    "occurrence": {"token": _REGEX, "max": _INT, "min": _INT, "scope": {"enum": ["text", "paragraph", "sentence"]},
                   "ignorecase": _BOOL},
    "conditional": {"first": _REGEX, "second": _REGEX, "ignorecase": _BOOL, "exclude": _REGEXES},
}

_ID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"}
_SELECTORS = {"oneOf": [_ID, {"type": "array", "items": _ID}],
              "description": "rule ids, id prefixes or categories, as --select takes them"}
_FORMATS = {"oneOf": [{"enum": list(FORMATS)}, {"type": "array", "minItems": 1, "items": {"enum": list(FORMATS)}}],
            "description": "on by default only for these input formats; everywhere when selected by name"}
COMMON: dict[str, Any] = {
    "id": _ID,
    "category": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
    "severity": {"enum": list(SEVERITY_NAMES)},
    "message": {"type": "string", "minLength": 1,
                "description": "{match}, {suggestion}, {suggestions} and the kind's own placeholders"},
    "why": _STR, "link": _STR, "description": _STR, "source": _STR,
    "kind": _STR,
    "unless": {"type": "array", "items": {"enum": list(UNLESS_CONDITIONS)}},
    "requires": {"type": "array", "items": {"enum": list(REQUIREMENTS)}},
    "exceptions": _MATCH_SPEC,
    "supersedes": _SELECTORS,
    "defers_to": _SELECTORS,
    "formats": _FORMATS,
    "examples": {"type": "object", "additionalProperties": False,
                 "properties": {"flag": _STRS, "pass": _STRS},
                 "description": "[[...]] in a flag example marks where the finding must be"},
}


def rule_pack_schema(plugin_kinds: dict[str, frozenset[str]] | None = None) -> dict[str, Any]:
    """The schema; `plugin_kinds` (kind → field names) adds installed plugins' kinds, fields untyped."""
    kinds = dict(KIND_FIELDS)
    for name, fields in (plugin_kinds or {}).items():
        kinds.setdefault(name, {f: {} for f in sorted(fields)})
    branches = [{"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                 "then": {"properties": fields}} for name, fields in kinds.items()]
    rule = {
        "type": "object",
        "required": ["id", "category", "message", "kind"],
        "properties": {**COMMON, "kind": {"enum": list(kinds)}},
        "allOf": branches,
        "unevaluatedProperties": False,
    }
    override = {
        "type": "object",
        "description": "fields of another pack's rule to replace (not id or kind)",
        "not": {"anyOf": [{"required": ["id"]}, {"required": ["kind"]}]},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "recordlint rule pack",
        "description": "A YAML rule pack for recordlint; see docs/rules.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "pack": _ID,
            "description": _STR,
            "version": {"type": ["string", "number"]},
            "sources": {"type": "object", "additionalProperties": _STR},
            "lexicons": {"type": "object", "additionalProperties": {"type": "array", "items": _STR}},
            "context": {"type": "object", "description": "cues behind `unless`: attribution, hedge, reporting, "
                                                         "belief, specifics, evidence, terminator"},
            "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
            "disable": {"type": "array", "items": _ID},
            "formats": _FORMATS,
            "extend": {"type": "object", "additionalProperties": override},
        },
        "$defs": {"rule": rule},
    }
